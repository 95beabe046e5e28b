/**
 * `/usr/bin/xcode-select -p` (facts §4): prints the active developer directory and exits 0, or
 * exits 2 with one of three "unable to get active developer directory" errors (matched
 * case-insensitively). xcrun's "invalid active developer path (…)" error is recognised too, since
 * the same parser reads the stderr of commands that went through a shim.
 */
type XcodeSelectResult =
  | { kind: 'path'; dir: string }
  | { kind: 'unset'; message: string }
  | { kind: 'invalid'; dir: string; message: string }
  | { kind: 'unknown' };

const UNSET = /unable to get active developer directory/i;
const INVALID = /invalid active developer path \(([^)\n]*)\)/i;

function firstLineMatching(text: string, re: RegExp): string | undefined {
  return text.split(/\r?\n/).find((l) => re.test(l));
}

export function parseXcodeSelect(stdout: string, stderr: string, exitCode: number | null): XcodeSelectResult {
  const out = typeof stdout === 'string' ? stdout.slice(0, 8192) : '';
  const err = typeof stderr === 'string' ? stderr.slice(0, 8192) : '';
  const both = `${err}\n${out}`;
  const invalid = INVALID.exec(both);
  if (invalid) return { kind: 'invalid', dir: (invalid[1] ?? '').trim(), message: (firstLineMatching(both, INVALID) ?? '').trim() };
  const unset = firstLineMatching(both, UNSET);
  if (unset) return { kind: 'unset', message: unset.trim() };
  if (exitCode === 0) {
    const dir = out.split(/\r?\n/)[0]?.trim() ?? '';
    if (dir.startsWith('/')) return { kind: 'path', dir: dir.replace(/\/+$/, '') || '/' };
  }
  return { kind: 'unknown' };
}

/** The xcrun "invalid active developer path" line in any output, if present. */
export function findInvalidDeveloperPath(text: string): { dir: string; message: string } | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.slice(0, 65536);
  const m = INVALID.exec(t);
  if (!m) return undefined;
  return { dir: (m[1] ?? '').trim(), message: (firstLineMatching(t, INVALID) ?? '').trim() };
}
