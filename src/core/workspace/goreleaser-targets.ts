/**
 * goreleaser's own list of valid Go targets (`validTargets`, `experimentalTargets` and
 * `brokenTargets` in internal/builders/golang/targets.go of goreleaser/goreleaser, read at
 * commit cd616d2c080b205bfe0833396e6f2d208253095e, 2026-08-22). goreleaser silently skips
 * goos × goarch combinations that are not in it ("skipped invalid build", debug log only).
 */
export const GORELEASER_VALID_TARGETS: ReadonlySet<string> = new Set([
  'aix/ppc64', 'android/386', 'android/amd64', 'android/arm', 'android/arm64', 'darwin/amd64', 'darwin/arm64',
  'dragonfly/amd64', 'freebsd/386', 'freebsd/amd64', 'freebsd/arm', 'freebsd/arm64', 'illumos/amd64', 'ios/arm64',
  'js/wasm', 'wasip1/wasm', 'linux/386', 'linux/amd64', 'linux/arm', 'linux/arm64', 'linux/ppc64', 'linux/ppc64le',
  'linux/mips', 'linux/mipsle', 'linux/mips64', 'linux/mips64le', 'linux/s390x', 'linux/riscv64', 'linux/loong64',
  'netbsd/386', 'netbsd/amd64', 'netbsd/arm', 'netbsd/arm64', 'openbsd/386', 'openbsd/amd64', 'openbsd/arm',
  'openbsd/arm64', 'plan9/386', 'plan9/amd64', 'plan9/arm', 'solaris/amd64', 'solaris/sparc', 'solaris/sparc64',
  'windows/arm64', 'windows/386', 'windows/amd64',
  // experimentalTargets
  'openbsd/riscv64',
]);
