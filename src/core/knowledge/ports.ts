/**
 * Which GOOS/GOARCH ports a Go release has. The live `go tool dist list -json` of the user's
 * toolchain always wins (MachineFacts.go.ports); this embedded table is the fallback when the
 * command could not run, and the reference for other releases.
 */
import type { GoVersion, Port } from '../machine.js';
import { goMinorOf } from './go-version-order.js';
import { PORT_CHANGES, PORT_TABLE_BASE, PORT_TABLE_FIRST_MINOR, PORT_TABLE_LAST_MINOR } from './ports-table.js';

function parseEntry(entry: string): [string, Port] | undefined {
  const [key, flags = ''] = entry.split(':');
  const [goos, goarch] = (key ?? '').split('/');
  if (!goos || !goarch) return undefined;
  return [`${goos}/${goarch}`, { goos, goarch, cgoSupported: flags.includes('c'), firstClass: flags.includes('f'), broken: flags.includes('b') }];
}

function buildTable(): Map<number, Port[]> {
  const out = new Map<number, Port[]>();
  const current = new Map<string, Port>();
  for (const e of PORT_TABLE_BASE.split(/\s+/).filter(Boolean)) {
    const parsed = parseEntry(e);
    if (parsed) current.set(parsed[0], parsed[1]);
  }
  const sorted = (): Port[] => [...current.values()].sort((a, b) => `${a.goos}/${a.goarch}`.localeCompare(`${b.goos}/${b.goarch}`));
  out.set(PORT_TABLE_FIRST_MINOR, sorted());
  for (let minor = PORT_TABLE_FIRST_MINOR + 1; minor <= PORT_TABLE_LAST_MINOR; minor++) {
    for (const change of (PORT_CHANGES[minor] ?? '').split(/\s+/).filter(Boolean)) {
      if (change.startsWith('-')) current.delete(change.slice(1));
      else {
        const parsed = parseEntry(change);
        if (parsed) current.set(parsed[0], parsed[1]);
      }
    }
    out.set(minor, sorted());
  }
  return out;
}

let table: Map<number, Port[]> | undefined;

/** Go minors the embedded table covers (21 … 27). */
export function knownPortMinors(): number[] {
  const out: number[] = [];
  for (let m = PORT_TABLE_FIRST_MINOR; m <= PORT_TABLE_LAST_MINOR; m++) out.push(m);
  return out;
}

/**
 * Every port of a Go release, broken ones included (marked `broken`), as `go tool dist list
 * -json -broken` prints them. Undefined for releases outside the table.
 */
export function portsFor(version: string | GoVersion): Port[] | undefined {
  const minor = typeof version === 'string' ? goMinorOf(version) : version.major === 1 ? version.minor : undefined;
  if (minor === undefined) return undefined;
  table ??= buildTable();
  const ports = table.get(minor);
  return ports?.map((p) => ({ ...p }));
}

/** Is goos/goarch a port (not broken) of that release? Undefined when the release is unknown. */
export function isKnownPort(version: string | GoVersion, goos: string, goarch: string): boolean | undefined {
  const ports = portsFor(version);
  if (!ports) return undefined;
  return ports.some((p) => p.goos === goos && p.goarch === goarch && !p.broken);
}
