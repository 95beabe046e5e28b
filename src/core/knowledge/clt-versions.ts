/**
 * Command Line Tools versions vs macOS versions.
 *
 * NOT in the facts file: which CLT release came with which macOS. The table below is Apple's
 * public release pattern (the CLT/Xcode major that was current when each macOS major shipped:
 * Xcode 14 ↔ macOS 13, 15 ↔ 14, 16 ↔ 15, 26 ↔ 26). It is unverified here, so clt/outdated only
 * uses it conservatively: it fires when the CLT is older than the one that came with the
 * *previous* macOS major (two generations behind), and it never claims a specific breakage.
 */
const CLT_MAJOR_AT_MACOS_RELEASE: Readonly<Record<number, number>> = {
  11: 12,
  12: 13,
  13: 14,
  14: 15,
  15: 16,
  26: 26,
};

/** The macOS major before `major` (26 → 15, 15 → 14), or undefined when not on record. */
function previousMacOSMajor(major: number): number | undefined {
  const majors = Object.keys(CLT_MAJOR_AT_MACOS_RELEASE).map(Number).sort((a, b) => a - b);
  const i = majors.indexOf(major);
  return i > 0 ? majors[i - 1] : undefined;
}

/**
 * The oldest CLT major that clt/outdated accepts on a macOS major — the CLT that came with the
 * previous macOS release — and that release; undefined when the macOS is not in the table (then
 * the rule stays silent).
 */
export function oldestAcceptedCltMajor(macOSMajor: number): { cltMajor: number; previousMacOS: number } | undefined {
  const prev = previousMacOSMajor(macOSMajor);
  const clt = prev === undefined ? undefined : CLT_MAJOR_AT_MACOS_RELEASE[prev];
  return prev === undefined || clt === undefined ? undefined : { cltMajor: clt, previousMacOS: prev };
}

/** The CLT major that was current when a macOS major shipped (unverified; see above). */
export function cltMajorAtMacOSRelease(macOSMajor: number): number | undefined {
  return CLT_MAJOR_AT_MACOS_RELEASE[macOSMajor];
}
