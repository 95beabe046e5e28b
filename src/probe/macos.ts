import { isAbsolute, join } from 'node:path';
import type { CommandRecord, FileFact } from '../core/snapshot.js';
import type { CommandRecorder } from './command-recorder.js';
import { pathFact } from './file-facts.js';
import type { ProbeFileSystem } from './filesystem.js';

/**
 * macOS commands. All are real binaries, never a /usr/bin developer-tools shim (absolute paths,
 * so a PATH that lacks /usr/sbin or holds a look-alike changes nothing).
 */
const MACOS_ARGV = {
  sw_vers: ['/usr/bin/sw_vers'],
  'sysctl.arm64': ['/usr/sbin/sysctl', '-n', 'hw.optional.arm64'],
  'sysctl.translated': ['/usr/sbin/sysctl', '-n', 'sysctl.proc_translated'],
  xcodeSelect: ['/usr/bin/xcode-select', '-p'],
  'pkgutil.clt': ['/usr/sbin/pkgutil', '--pkg-info=com.apple.pkg.CLTools_Executables'],
  'pkgutil.go': ['/usr/sbin/pkgutil', '--pkg-info=org.golang.go'],
} as const;

/** Files whose identity tells whether the developer tools or the OS changed (cache validation). */
export const MACOS_STATE_FILES: readonly string[] = [
  '/System/Library/CoreServices/SystemVersion.plist',
  '/var/db/xcode_select_link',
  '/Library/Developer/CommandLineTools',
  '/Library/Apple/System/Library/Receipts/com.apple.pkg.CLTools_Executables.plist',
  '/var/db/receipts/com.apple.pkg.CLTools_Executables.plist',
  '/var/db/receipts/org.golang.go.plist',
];

type Env = Record<string, string>;

/** sw_vers and the two sysctls: plain system binaries, order does not matter. */
export async function probeMacSystem(recorder: CommandRecorder, env: Env): Promise<void> {
  await Promise.all([
    recorder.run('sw_vers', MACOS_ARGV.sw_vers, env),
    recorder.run('sysctl.arm64', MACOS_ARGV['sysctl.arm64'], env),
    recorder.run('sysctl.translated', MACOS_ARGV['sysctl.translated'], env),
  ]);
}

/** The directory `xcode-select -p` printed, when it succeeded with an absolute path. */
function developerDirectory(record: CommandRecord): string | undefined {
  if (record.exitCode !== 0) return undefined;
  const line = record.stdout.split('\n').find((l) => l.trim() !== '')?.trim();
  return line !== undefined && isAbsolute(line) ? line : undefined;
}

/** The files looked at inside a developer directory, in this order. */
export function developerDirectoryFiles(dir: string): { dir: string; clang: string; xcrun: string; xcodeClang: string } {
  return {
    dir,
    clang: join(dir, 'usr', 'bin', 'clang'),
    xcrun: join(dir, 'usr', 'bin', 'xcrun'),
    xcodeClang: join(dir, 'Toolchains', 'XcodeDefault.xctoolchain', 'usr', 'bin', 'clang'),
  };
}

interface DeveloperToolsState {
  developerDir?: string;
  /** The developer dir exists and has a compiler or xcrun: the /usr/bin shims will not prompt. */
  usable: boolean;
  files: Record<string, FileFact>;
}

/**
 * The facts file's SAFE ORDER (§4): `xcode-select -p`; the printed dir and its clang/xcrun;
 * `pkgutil --pkg-info` for the CLT (and the official Go pkg). Nothing here can reach a
 * /usr/bin shim; callers run compilers only after this resolves and only when `usable`.
 */
export async function probeDeveloperTools(recorder: CommandRecorder, fs: ProbeFileSystem, env: Env): Promise<DeveloperToolsState> {
  const xcodeSelect = await recorder.run('xcodeSelect', MACOS_ARGV.xcodeSelect, env);
  const dir = developerDirectory(xcodeSelect);
  const files: Record<string, FileFact> = {};
  let usable = false;
  if (dir !== undefined) {
    const paths = developerDirectoryFiles(dir);
    for (const path of [paths.dir, paths.clang, paths.xcrun, paths.xcodeClang]) files[path] = await pathFact(path, fs);
    usable =
      files[paths.dir]?.isDirectory === true &&
      [paths.clang, paths.xcrun, paths.xcodeClang].some((path) => files[path]?.exists === true && files[path]?.isDirectory === false);
  }
  await Promise.all([
    recorder.run('pkgutil.clt', MACOS_ARGV['pkgutil.clt'], env),
    recorder.run('pkgutil.go', MACOS_ARGV['pkgutil.go'], env),
  ]);
  return { ...(dir !== undefined ? { developerDir: dir } : {}), usable, files };
}

/**
 * `<developer dir>/usr/bin/clang --version`, only when that file exists (never /usr/bin/clang
 * or any other shim). Call after `probeDeveloperTools`.
 */
export async function probeClangVersion(recorder: CommandRecorder, state: DeveloperToolsState, env: Env): Promise<void> {
  if (state.developerDir === undefined) {
    recorder.skip('clang.version', ['clang', '--version'], 'xcode-select -p printed no developer directory; not running a /usr/bin shim');
    return;
  }
  const clang = developerDirectoryFiles(state.developerDir).clang;
  const fact = state.files[clang];
  if (fact?.exists !== true || fact.isDirectory === true) {
    recorder.skip('clang.version', [clang, '--version'], `${clang} does not exist; not running a /usr/bin shim`);
    return;
  }
  await recorder.run('clang.version', [clang, '--version'], env);
}
