/**
 * `go tool dist list -json -broken` per Go minor, as a base list and per-release changes.
 * Built from ../shared/reference/data (distlist-<ver>.json, distlist-broken-<ver>.txt; facts §1.1)
 * and, for the broken ports' CgoSupported, from real `go tool dist list -json -broken` runs of
 * go1.21.13, go1.24.4 and go1.27.3. The toolchain tier checks 1.21/1.24/1.27 against the real
 * toolchains; the unit tier checks the counts and broken sets against the facts file.
 *
 * Entry syntax: `goos/goarch[:flags]`, flags c = CgoSupported, f = FirstClass, b = Broken.
 * A change `-goos/goarch` removes the port from that release on.
 */

const GO121 = `
aix/ppc64:c android/386:c android/amd64:c android/arm:c android/arm64:c
darwin/amd64:cf darwin/arm64:cf dragonfly/amd64:c
freebsd/386:c freebsd/amd64:c freebsd/arm:c freebsd/arm64:c freebsd/riscv64:c
illumos/amd64:c ios/amd64:c ios/arm64:c js/wasm
linux/386:cf linux/amd64:cf linux/arm:cf linux/arm64:cf linux/loong64:c linux/mips:c linux/mips64:c
linux/mips64le:c linux/mipsle:c linux/ppc64 linux/ppc64le:c linux/riscv64:c linux/s390x:c linux/sparc64:cb
netbsd/386:c netbsd/amd64:c netbsd/arm:c netbsd/arm64:c
openbsd/386:c openbsd/amd64:c openbsd/arm:c openbsd/arm64:c openbsd/mips64:cb openbsd/ppc64:b
plan9/386 plan9/amd64 plan9/arm solaris/amd64:c wasip1/wasm
windows/386:cf windows/amd64:cf windows/arm windows/arm64:c`;

/** Changes per release, applied cumulatively to the 1.21 list (facts §1.1). */
export const PORT_CHANGES: Readonly<Record<number, string>> = {
  22: 'openbsd/ppc64 openbsd/riscv64:cb',
  23: 'openbsd/riscv64:c',
  24: 'windows/arm:b',
  25: '',
  26: 'freebsd/riscv64:cb -windows/arm',
  27: 'linux/ppc64:c -openbsd/mips64',
};

export const PORT_TABLE_BASE = GO121;
export const PORT_TABLE_FIRST_MINOR = 21;
export const PORT_TABLE_LAST_MINOR = 27;
