/** `go tool dist list -json [-broken]` (facts §1.1): an array of {GOOS, GOARCH, CgoSupported, FirstClass, Broken?}. */
import type { Port } from '../machine.js';
import { isRecord } from '../is-record.js';
import { parseJsonOutput } from './json-output.js';

/** Parses the JSON list. Entries without GOOS/GOARCH strings are dropped; undefined when not an array. */
export function parseDistList(text: string): Port[] | undefined {
  const value = parseJsonOutput(text);
  if (!Array.isArray(value)) return undefined;
  const out: Port[] = [];
  for (const r of value as unknown[]) {
    if (!isRecord(r)) continue;
    if (typeof r.GOOS !== 'string' || typeof r.GOARCH !== 'string' || !r.GOOS || !r.GOARCH) continue;
    out.push({ goos: r.GOOS, goarch: r.GOARCH, cgoSupported: r.CgoSupported === true, firstClass: r.FirstClass === true, broken: r.Broken === true });
  }
  return out;
}

/**
 * The default list plus the broken ports from the `-broken` list (marked broken). A port in the
 * `-broken` list but missing from the default list is broken even when its entry lacks `Broken`.
 */
export function mergePorts(defaults: Port[], withBroken: Port[] | undefined): Port[] {
  const key = (p: Port) => `${p.goos}/${p.goarch}`;
  const seen = new Set(defaults.map(key));
  const out = defaults.map((p) => ({ ...p, broken: false }));
  for (const p of withBroken ?? []) {
    if (seen.has(key(p))) continue;
    seen.add(key(p));
    out.push({ ...p, broken: true });
  }
  return out;
}
