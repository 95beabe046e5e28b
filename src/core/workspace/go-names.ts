/**
 * Go's OS and architecture names (facts §2.1, identical in Go 1.21–1.27: `KnownOS`, `UnixOS`,
 * `KnownArch` of go/build / internal/syslist) and the names people write by mistake, with the
 * real value they most likely meant and whether that value is equivalent.
 */

/** Names go/build recognises in file names and build tags (not all are buildable ports). */
export const KNOWN_OS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd',
  'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);

/** What the `unix` build tag matches (not used for file names). */
export const UNIX_OS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris',
]);

export const KNOWN_ARCH: ReadonlySet<string> = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le',
  'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);

interface NameSuggestion {
  /** The real Go value. */
  value: string;
  /** True when it names the same platform (macos → darwin); false when it is only the nearest (visionos → ios). */
  equivalent: boolean;
  /** Why, in a few words. */
  note: string;
}

/** OS names that are not Go GOOS values, as people write them (lower-cased keys). */
export const OS_MISTAKES: Readonly<Record<string, NameSuggestion[]>> = {
  macos: [{ value: 'darwin', equivalent: true, note: 'macOS is GOOS=darwin' }],
  macosx: [{ value: 'darwin', equivalent: true, note: 'macOS is GOOS=darwin' }],
  osx: [{ value: 'darwin', equivalent: true, note: 'macOS is GOOS=darwin' }],
  mac: [{ value: 'darwin', equivalent: true, note: 'macOS is GOOS=darwin' }],
  win: [{ value: 'windows', equivalent: true, note: 'Windows is GOOS=windows' }],
  win32: [{ value: 'windows', equivalent: true, note: 'Windows is GOOS=windows (GOARCH picks 32 or 64 bit)' }],
  win64: [{ value: 'windows', equivalent: true, note: 'Windows is GOOS=windows (GOARCH picks 32 or 64 bit)' }],
  iphoneos: [{ value: 'ios', equivalent: true, note: 'iOS is GOOS=ios' }],
  iphone: [{ value: 'ios', equivalent: true, note: 'iOS is GOOS=ios' }],
  ipados: [{ value: 'ios', equivalent: true, note: 'iPadOS builds are GOOS=ios' }],
  visionos: [
    { value: 'ios', equivalent: false, note: 'GOOS=ios builds for iPhone/iPad, not Apple Vision Pro' },
    { value: 'darwin', equivalent: false, note: 'GOOS=darwin builds for macOS, not visionOS' },
  ],
  xros: [
    { value: 'ios', equivalent: false, note: 'GOOS=ios builds for iPhone/iPad, not Apple Vision Pro' },
    { value: 'darwin', equivalent: false, note: 'GOOS=darwin builds for macOS, not visionOS' },
  ],
  tvos: [{ value: 'ios', equivalent: false, note: 'Go has no tvOS port; GOOS=ios builds for iPhone/iPad' }],
  watchos: [{ value: 'ios', equivalent: false, note: 'Go has no watchOS port; GOOS=ios builds for iPhone/iPad' }],
};

/** Architecture names that are not Go GOARCH values (lower-cased keys). */
export const ARCH_MISTAKES: Readonly<Record<string, NameSuggestion[]>> = {
  x86_64: [{ value: 'amd64', equivalent: true, note: 'x86-64 is GOARCH=amd64' }],
  x64: [{ value: 'amd64', equivalent: true, note: 'x86-64 is GOARCH=amd64' }],
  x86: [{ value: '386', equivalent: true, note: '32-bit x86 is GOARCH=386' }],
  i386: [{ value: '386', equivalent: true, note: '32-bit x86 is GOARCH=386' }],
  i686: [{ value: '386', equivalent: true, note: '32-bit x86 is GOARCH=386' }],
  aarch64: [{ value: 'arm64', equivalent: true, note: '64-bit ARM is GOARCH=arm64' }],
  arm64e: [{ value: 'arm64', equivalent: false, note: 'Go builds plain arm64, not the arm64e ABI' }],
  armv8: [{ value: 'arm64', equivalent: true, note: '64-bit ARM is GOARCH=arm64' }],
  armv7: [{ value: 'arm', equivalent: true, note: 'ARMv7 is GOARCH=arm with GOARM=7' }],
  armv7l: [{ value: 'arm', equivalent: true, note: 'ARMv7 is GOARCH=arm with GOARM=7' }],
  armhf: [{ value: 'arm', equivalent: true, note: '32-bit hard-float ARM is GOARCH=arm (GOARM=6 or 7)' }],
  armv6: [{ value: 'arm', equivalent: true, note: 'ARMv6 is GOARCH=arm with GOARM=6' }],
  armel: [{ value: 'arm', equivalent: true, note: '32-bit soft-float ARM is GOARCH=arm with GOARM=5' }],
  ppc64el: [{ value: 'ppc64le', equivalent: true, note: 'little-endian POWER is GOARCH=ppc64le' }],
  wasm32: [{ value: 'wasm', equivalent: true, note: 'WebAssembly is GOARCH=wasm (with GOOS=js or wasip1)' }],
  universal: [{ value: 'arm64', equivalent: false, note: 'Go builds one architecture at a time; a macOS universal binary is amd64 + arm64 joined with lipo' }],
};

/** OS names the build-tag and file-name rules warn about (lower-cased). */
export const SUSPICIOUS_OS_TAGS: ReadonlySet<string> = new Set(['visionos', 'xros', 'macos', 'macosx', 'osx', 'win32', 'win64', 'iphoneos', 'ipados', 'tvos', 'watchos']);

/** Levenshtein distance, capped (small strings only). */
function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Suggestions for a wrong name: the mistake table, else the closest real value(s) (distance ≤ 2). */
export function suggestName(value: string, valid: readonly string[], mistakes: Readonly<Record<string, NameSuggestion[]>>): NameSuggestion[] {
  const known = mistakes[value.toLowerCase()];
  if (known) return known.filter((s) => valid.includes(s.value));
  if (valid.includes(value.toLowerCase())) return [{ value: value.toLowerCase(), equivalent: true, note: 'Go names are lower case' }];
  let best = 3;
  let out: string[] = [];
  for (const v of valid) {
    const d = editDistance(value.toLowerCase(), v);
    if (d < best) {
      best = d;
      out = [v];
    } else if (d === best) out.push(v);
  }
  return best <= 2 ? out.map((v) => ({ value: v, equivalent: out.length === 1, note: 'closest real value (a typo?)' })) : [];
}
