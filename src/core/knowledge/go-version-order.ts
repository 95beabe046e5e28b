/**
 * Go version ordering, as the go command orders versions (cmd/go/internal/gover):
 * 1.21 (a language version) < 1.21rc1 < 1.21.0 < 1.21.1 < 1.22. Accepts "go1.24.4", "1.24.4",
 * "1.21rc1" and "go1.22" (before Go 1.21, "go1.20" named the release; it sorts as 1.20).
 */

interface Parsed {
  major: number;
  minor: number;
  /** -1 when absent (a language version or a pre-release). */
  patch: number;
  /** '' for a release / language version, else 'alpha' | 'beta' | 'rc'. */
  kind: string;
  pre: number;
}

const VERSION = /^(?:go)?(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?(?:(alpha|beta|rc)(\d{0,9}))?$/;

function parse(v: string): Parsed | undefined {
  const m = VERSION.exec(v.trim());
  if (!m) return undefined;
  return {
    major: Number(m[1]),
    minor: m[2] === undefined ? 0 : Number(m[2]),
    patch: m[3] === undefined ? -1 : Number(m[3]),
    kind: m[4] ?? '',
    pre: m[5] ? Number(m[5]) : 0,
  };
}

/** True when `v` is a version string the go command would understand. */
export function isValidGoVersion(v: string): boolean {
  return parse(v) !== undefined;
}

const kindRank: Record<string, number> = { '': 0, alpha: 1, beta: 2, rc: 3 };

/**
 * Compares two Go versions (`go` prefix optional). Returns <0, 0 or >0; an invalid version sorts
 * before every valid one, as in cmd/go.
 */
export function compareGoVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  return (
    x.major - y.major ||
    x.minor - y.minor ||
    x.patch - y.patch ||
    (x.patch === -1 && y.patch === -1 ? (kindRank[x.kind] ?? 0) - (kindRank[y.kind] ?? 0) || x.pre - y.pre : 0)
  );
}

/** `v` is at least `min` (e.g. goVersionAtLeast("go1.23.4", "1.24") is false). */
export function goVersionAtLeast(v: string, min: string): boolean {
  return isValidGoVersion(v) && compareGoVersions(v, min) >= 0;
}

/** The minor release number ("go1.24.4" → 24), or undefined. */
export function goMinorOf(v: string): number | undefined {
  const p = parse(v);
  return p && p.major === 1 ? p.minor : undefined;
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
  return `${base}.${p.patch === -1 ? 0 : p.patch}`;
}
