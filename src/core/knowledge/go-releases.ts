/**
 * Go releases the doctor knows about (go-macos-facts.md: release history on record — go1.27.0
 * released 2026-08-19, go1.26.0 on 2026-02-10, Go 1.28 in development — and §3.1 for the minimum
 * macOS of each release). A release is supported while it is one of the two newest
 * (https://go.dev/doc/devel/release#policy); the newest is the newer of this table and the live
 * toolchain, so a doctor older than the user's Go never calls a current release unsupported.
 */
import type { GoVersion } from '../machine.js';
import { goMinorOf } from './go-version-order.js';
import type { MacOSVersion } from './macos-releases.js';

interface GoRelease {
  /** 1.N */
  minor: number;
  /** Date of the .0 release, when the facts file records it. */
  released?: string;
  minMacOS: MacOSVersion;
}

const GO_RELEASES: readonly GoRelease[] = [
  { minor: 20, minMacOS: { major: 10, minor: 13 } },
  { minor: 21, minMacOS: { major: 10, minor: 15 } },
  { minor: 22, minMacOS: { major: 10, minor: 15 } },
  { minor: 23, minMacOS: { major: 11, minor: 0 } },
  { minor: 24, minMacOS: { major: 11, minor: 0 } },
  { minor: 25, minMacOS: { major: 12, minor: 0 } },
  { minor: 26, released: '2026-02-10', minMacOS: { major: 12, minor: 0 } },
  { minor: 27, released: '2026-08-19', minMacOS: { major: 13, minor: 0 } },
];

/** The newest Go minor on record here (1.27). */
export const NEWEST_KNOWN_MINOR = 27;

type VersionLike = string | GoVersion;

function minorOf(v: VersionLike): number | undefined {
  if (typeof v === 'string') return goMinorOf(v);
  return v.major === 1 ? v.minor : undefined;
}

/** A final release (not devel, not beta/rc): only those prove a newer release exists. */
function isFinalRelease(v: GoVersion): boolean {
  return !v.devel && !v.pre && v.major === 1;
}

/** The newest released Go minor: the newer of the table and the live toolchain's (a final release). */
export function newestReleasedMinor(live?: GoVersion): number {
  return live && isFinalRelease(live) ? Math.max(NEWEST_KNOWN_MINOR, live.minor) : NEWEST_KNOWN_MINOR;
}

/** The two supported minors, newest first (e.g. [27, 26]). */
export function supportedMinors(live?: GoVersion): [number, number] {
  const newest = newestReleasedMinor(live);
  return [newest, newest - 1];
}

/**
 * True when `v` belongs to one of the two newest releases (or is newer, e.g. a 1.28 rc).
 * Devel builds count as supported: they are not releases at all. Unparseable → undefined.
 */
export function isSupportedRelease(v: VersionLike, live?: GoVersion): boolean | undefined {
  if (typeof v !== 'string' && v.devel) return true;
  const minor = minorOf(v);
  if (minor === undefined) return undefined;
  return minor >= supportedMinors(live)[1];
}

/**
 * The oldest macOS a Go release runs on (§3.1). Releases newer than the table inherit the newest
 * requirement on record (a lower bound); releases older than 1.20 → undefined.
 */
export function minMacOSFor(v: VersionLike): MacOSVersion | undefined {
  const minor = minorOf(v);
  if (minor === undefined) return undefined;
  const exact = GO_RELEASES.find((r) => r.minor === minor);
  if (exact) return exact.minMacOS;
  const newest = GO_RELEASES[GO_RELEASES.length - 1];
  return newest && minor > newest.minor ? newest.minMacOS : undefined;
}

/** The newest Go minor on record that still runs on `mac` (e.g. macOS 12 → 26), or undefined. */
export function newestGoMinorFor(mac: MacOSVersion): number | undefined {
  let best: number | undefined;
  for (const r of GO_RELEASES) {
    const ok = r.minMacOS.major < mac.major || (r.minMacOS.major === mac.major && r.minMacOS.minor <= mac.minor);
    if (ok) best = r.minor;
  }
  return best;
}
