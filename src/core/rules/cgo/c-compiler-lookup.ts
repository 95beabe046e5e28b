/**
 * Whether the C compiler cgo would use is on PATH, from the probe's PATH lookups (`which`) — no
 * process is run, so a macOS /usr/bin shim counts as found, exactly as cmd/go's exec.LookPath sees it.
 * The probe looks up the program of `go env CC` itself (Debian's x86_64-linux-gnu-gcc, Homebrew's cc);
 * only snapshots without that lookup fall back to the GOOS default (gcc / clang).
 */
import { commandLineProgram } from '../../facts/index.js';
import { defaultCCFor } from '../../knowledge/index.js';
import type { MachineFacts } from '../../machine.js';
import type { Snapshot } from '../../snapshot.js';

interface CompilerLookup {
  /** The program name cgo runs (go env CC's first field, quotes honoured; else DefaultCC for GOOS). */
  name: string;
  /** true = found, false = not on PATH, undefined = the probe did not look it up. */
  found: boolean | undefined;
  /** Where it was found. */
  path?: string;
  /** The lookup that decided, for evidence. */
  lookedUp?: string;
}

export function lookUpCompiler(snapshot: Snapshot, machine: MachineFacts): CompilerLookup | undefined {
  const env = machine.go.env;
  const goos = env?.GOOS || machine.go.hostOs;
  const name = commandLineProgram(env?.CC ?? '') ?? (goos ? defaultCCFor(goos) : undefined);
  if (!name) return undefined;
  if (name.startsWith('/')) {
    const fact = snapshot.files[name];
    const which = snapshot.which[name];
    if (fact) return { name, found: fact.exists, ...(fact.exists ? { path: name } : {}), lookedUp: name };
    if (which !== undefined) return { name, found: which !== null, ...(which ? { path: which } : {}), lookedUp: name };
    return { name, found: undefined };
  }
  const which = snapshot.which[name];
  if (which !== undefined) return { name, found: which !== null, ...(which ? { path: which } : {}), lookedUp: name };
  // go env CC was not looked up: fall back to the GOOS default when that is what the probe checked.
  const fallback = goos ? defaultCCFor(goos) : undefined;
  const fb = fallback ? snapshot.which[fallback] : undefined;
  if (fallback && fallback !== name && fb === null) return { name, found: false, lookedUp: fallback };
  return { name, found: undefined };
}

/** GOOS/GOARCH differ from the go binary's own: a cross-compile, where cgo defaults off anyway. */
export function isCrossCompile(machine: MachineFacts): boolean {
  const env = machine.go.env;
  if (!env) return false;
  const hostOs = env.GOHOSTOS || machine.go.hostOs;
  const hostArch = env.GOHOSTARCH || machine.go.hostArch;
  return (!!env.GOOS && !!hostOs && env.GOOS !== hostOs) || (!!env.GOARCH && !!hostArch && env.GOARCH !== hostArch);
}

/** A /usr/bin developer-tools shim on macOS: clt/* rules own problems behind it. */
export function isMacShim(machine: MachineFacts, path: string | undefined): boolean {
  return machine.platform === 'darwin' && !!path && /^\/usr\/bin\/(clang|cc|gcc|clang\+\+|c\+\+|g\+\+)$/.test(path);
}
