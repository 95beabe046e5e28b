/**
 * GitHub-hosted runners as the doctor models them: the platform a `runs-on` label names, the
 * values of the `runner` context, and the C compiler a go.dev build of Go uses there. A CI
 * command is judged by the runner it runs on, never by this machine's `go env` or compilers.
 *
 * - The official (go.dev) builds have no per-target C compiler baked in: cmd/go's DefaultCC is
 *   `clang` for darwin/ios/freebsd/openbsd hosts and `gcc` elsewhere (facts §1.3 item 4;
 *   `go env CC` of go1.21/go1.24 from go.dev prints `gcc` for every GOARCH on linux).
 * - ubuntu images ship gcc and clang (no gcc-multilib); macOS images ship Xcode's clang, which
 *   builds both arm64 and x86_64; windows images ship a mingw-w64 gcc for x86_64.
 * - With CGO_ENABLED=1 and GOARCH=386 on linux/amd64, cmd/go runs `gcc -m32`, which builds once
 *   gcc-multilib is installed (verified with go1.21/go1.24 on ubuntu).
 */
import { defaultCCFor } from './c-compiler.js';

interface RunnerPlatform {
  goos?: string;
  goarch?: string;
}

const ARCH_LABELS: Record<string, string> = { x64: 'amd64', amd64: 'amd64', x86_64: 'amd64', arm64: 'arm64', aarch64: 'arm64', arm: 'arm', x86: '386' };
const OS_LABELS: Record<string, string> = { linux: 'linux', windows: 'windows', macos: 'darwin', macOS: 'darwin' };

/** The platform of one GitHub-hosted runner label, when the label says it plainly. */
export function runnerPlatform(label: string): RunnerPlatform | undefined {
  const l = label.toLowerCase();
  if (l.startsWith('ubuntu') || l === 'linux') return { goos: 'linux', ...(l === 'linux' ? {} : { goarch: /-arm\b|arm64/.test(l) ? 'arm64' : 'amd64' }) };
  if (l.startsWith('windows')) return { goos: 'windows', goarch: /-arm\b|arm64/.test(l) ? 'arm64' : 'amd64' };
  if (l.startsWith('macos')) {
    const intel = /^macos-1[0-3](\b|$)/.test(l) && !/xlarge/.test(l) ? true : /-large$/.test(l) ? true : undefined;
    const arm = /xlarge/.test(l) || /^macos-(1[4-9]|2\d|latest)(-xlarge)?$/.test(l);
    return { goos: 'darwin', ...(intel ? { goarch: 'amd64' } : arm ? { goarch: 'arm64' } : {}) };
  }
  return undefined;
}

/**
 * The platform a `runs-on` value names: a hosted image label, or self-hosted labels such as
 * `[self-hosted, linux, ARM64]` (OS and architecture from separate labels).
 */
export function runsOnPlatform(labels: readonly string[]): RunnerPlatform | undefined {
  const lower = labels.map((l) => l.toLowerCase());
  if (lower.includes('self-hosted')) {
    const os = labels.map((l) => OS_LABELS[l] ?? OS_LABELS[l.toLowerCase()]).find((x) => x !== undefined);
    const arch = lower.map((l) => ARCH_LABELS[l]).find((x) => x !== undefined);
    if (!os && !arch) return undefined;
    return { ...(os ? { goos: os } : {}), ...(arch ? { goarch: arch } : {}) };
  }
  for (const l of labels) {
    const p = runnerPlatform(l);
    if (p) return p;
  }
  return undefined;
}

/** `runner.os` of a platform: Linux, Windows, macOS. */
export function runnerOsName(goos: string | undefined): string | undefined {
  return goos === 'linux' ? 'Linux' : goos === 'windows' ? 'Windows' : goos === 'darwin' ? 'macOS' : undefined;
}

/** `runner.arch` of a platform: X64, ARM64, X86, ARM. */
export function runnerArchName(goarch: string | undefined): string | undefined {
  return goarch === 'amd64' ? 'X64' : goarch === 'arm64' ? 'ARM64' : goarch === '386' ? 'X86' : goarch === 'arm' ? 'ARM' : undefined;
}

/** cmd/go's DefaultCC of an official build running on `goos`. */
export function officialDefaultCc(goos: string | undefined): string | undefined {
  return goos ? defaultCCFor(goos) : undefined;
}

/**
 * C toolchains a step installs, from its script text: apt/brew/choco package names and the
 * usual setup actions. Names: `gcc-multilib`, `gcc-<triple>`, `mingw-w64`, `zig`, `android-ndk`, `musl`.
 */
export function installedToolchains(script: string): string[] {
  const out = new Set<string>();
  if (!/\b(?:apt(?:-get)?|aptitude|yum|dnf|apk|brew|choco|pacman|pip|snap|sdkmanager)\b/.test(script)) return [];
  if (/\b(?:gcc|g\+\+)-multilib\b/.test(script)) out.add('gcc-multilib');
  for (const m of script.matchAll(/\b(?:gcc|g\+\+)-((?:aarch64|arm|i686|x86[-_]64|riscv64|powerpc64le|s390x|mips[a-z0-9]*)-linux-gnu[a-z]*)\b/g)) out.add(`gcc-${m[1]}`);
  if (/\bmingw(?:-w64|32|64)?\b/i.test(script)) out.add('mingw-w64');
  if (/\bzig\b/.test(script)) out.add('zig');
  if (/\bndk\b/i.test(script)) out.add('android-ndk');
  if (/\bmusl-tools\b|\bmusl-gcc\b/.test(script)) out.add('musl');
  return [...out];
}

/** Setup actions that install a C toolchain (by `uses:` name, without the version). */
export function actionToolchain(uses: string): string | undefined {
  const name = uses.split('@')[0]!.toLowerCase();
  if (/setup-ndk|setup-android|android-ndk/.test(name)) return 'android-ndk';
  if (/setup-zig/.test(name)) return 'zig';
  if (/setup-mingw|setup-msys2/.test(name)) return 'mingw-w64';
  return undefined;
}
