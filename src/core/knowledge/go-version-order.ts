/**
 * Go version ordering, as the go command orders versions (cmd/go/internal/gover):
 * 1.21 (a language version) < 1.21rc1 < 1.21.0 < 1.21.1 < 1.22. Accepts "go1.24.4", "1.24.4",
 * "1.21rc1" and "go1.22" (before Go 1.21, "go1.20" named the release; it sorts as 1.20).
 */

/** Numbers stay digit strings: go compares `1.27.99999999999999999999999` exactly, so must we. */
interface Parsed {
  major: string;
  minor: string;
  /** '' when absent (a language version or a pre-release of 1.21+); "0" when absent before 1.21. */
  patch: string;
  /** '' for a release / language version, else the pre-release kind ('alpha', 'beta', 'rc', any a–z word). */
  kind: string;
  pre: string;
}

/** A number as cmd/go reads one: digits, no leading zero (`03` makes the whole version invalid). */
const NUMBER = '(0|[1-9][0-9]*)';
const VERSION = new RegExp(`^(?:go)?${NUMBER}(?:\\.${NUMBER}(?:\\.${NUMBER}|([a-z]+)${NUMBER}?)?)?$`);

function parse(v: string): Parsed | undefined {
  if (typeof v !== 'string' || v.length > 1000) return undefined;
  const m = VERSION.exec(v.trim());
  if (!m) return undefined;
  const [, major = '', minor, patch, kind, pre] = m;
  // "1" is 1.0.0; before Go 1.21 a missing patch is the same as .0 (cmd/go/internal/gover).
  if (minor === undefined) return { major, minor: '0', patch: '0', kind: '', pre: '' };
  const defaultPatch = kind === undefined && compareNumbers(minor, '21') < 0 ? '0' : '';
  return { major, minor, patch: patch ?? defaultPatch, kind: kind ?? '', pre: pre ?? '' };
}

/** Compares two digit strings without leading zeros ('' is less than any number), at any length. */
function compareNumbers(x: string, y: string): number {
  if (x === y) return 0;
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : 1;
}

/** True when `v` is a version string the go command would understand. */
export function isValidGoVersion(v: string): boolean {
  return parse(v) !== undefined;
}

/**
 * Compares two Go versions (`go` prefix optional). Returns <0, 0 or >0; an invalid version sorts
 * before every valid one, as in cmd/go.
 */
export function compareGoVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  const sign = (n: number) => Math.sign(n);
  return sign(
    compareNumbers(x.major, y.major) ||
      compareNumbers(x.minor, y.minor) ||
      compareNumbers(x.patch, y.patch) ||
      (x.kind === y.kind ? 0 : x.kind < y.kind ? -1 : 1) ||
      compareNumbers(x.pre, y.pre),
  );
}

/** `v` is at least `min` (e.g. goVersionAtLeast("go1.23.4", "1.24") is false). */
export function goVersionAtLeast(v: string, min: string): boolean {
  return isValidGoVersion(v) && compareGoVersions(v, min) >= 0;
}

/** The minor release number ("go1.24.4" → 24), or undefined. */
export function goMinorOf(v: string): number | undefined {
  const p = parse(v);
  return p && p.major === '1' && p.minor.length <= 9 ? Number(p.minor) : undefined;
}

/**
 * The toolchain name the go command switches to for a go.mod `go` line
 * ("1.25.0" → "go1.25.0", "1.26" → "go1.26.0", "1.21rc1" → "go1.21rc1"), verified with go1.24.4:
 * `GOTOOLCHAIN=auto` with `go 1.26` prints `go: downloading go1.26.0 (linux/amd64)`.
 */
export function toolchainForGoLine(goLine: string): string | undefined {
  const p = parse(goLine);
  if (!p) return undefined;
  const base = `go${p.major}.${p.minor}`;
  if (p.kind) return `${base}${p.kind}${p.pre}`;
  return `${base}.${p.patch === '' ? '0' : p.patch}`;
}
