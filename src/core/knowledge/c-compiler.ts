/**
 * The C compiler cmd/go uses when CC is unset (facts §1.4, `DefaultCC` in cmd/go): clang for
 * darwin, ios, freebsd and openbsd, gcc elsewhere — unless the toolchain was built with
 * CC_FOR_TARGET/CC (Debian's go reports `x86_64-linux-gnu-gcc`, Homebrew's `cc`), which is why
 * `go env CC` is preferred when the snapshot has it.
 */
export function defaultCCFor(goos: string): string {
  return ['darwin', 'ios', 'freebsd', 'openbsd'].includes(goos) ? 'clang' : 'gcc';
}

/**
 * Go 1.20+: cgo defaults off when CGO_ENABLED and CC are unset and the default compiler is not on
 * PATH (go1.20 release notes, facts §1.4; reproduced with go1.21/1.24/1.27).
 */
export const CGO_COMPILER_HEURISTIC_SINCE = '1.20';
