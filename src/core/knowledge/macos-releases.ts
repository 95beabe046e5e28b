/**
 * macOS versions the doctor reasons about. Sources: go-macos-facts.md §3.1 (minimum macOS per Go
 * release, with the release names the Go release notes use) and the Darwin ↔ macOS table there.
 */

/** A macOS version as [major, minor] (10.15 → [10, 15], 13 → [13, 0]). */
export interface MacOSVersion {
  major: number;
  minor: number;
}

const NAMES: Record<string, string> = {
  '10.13': 'High Sierra',
  '10.14': 'Mojave',
  '10.15': 'Catalina',
  '11': 'Big Sur',
  '12': 'Monterey',
  '13': 'Ventura',
  '14': 'Sonoma',
  '15': 'Sequoia',
  '26': 'Tahoe',
};

/** "13 Ventura", "10.15 Catalina", or just the number when the name is not on record. */
export function macOSLabel(v: MacOSVersion): string {
  const num = v.major === 10 ? `10.${v.minor}` : String(v.major);
  const name = NAMES[num];
  const shown = v.major === 10 || v.minor === 0 ? num : `${v.major}.${v.minor}`;
  return name ? `macOS ${shown} ${name}` : `macOS ${shown}`;
}

export function compareMacOS(a: MacOSVersion, b: MacOSVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

/**
 * Darwin kernel major → macOS major, only for the rows the facts file records (§3.1:
 * 22 → 13, 23 → 14, 24 → 15, 25 → 26). Undefined for anything else.
 */
export function macOSMajorForDarwin(darwinMajor: number): number | undefined {
  const table: Record<number, number> = { 22: 13, 23: 14, 24: 15, 25: 26 };
  return table[darwinMajor];
}
