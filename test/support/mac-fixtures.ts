/**
 * Recorded-macOS snapshot builders. Every command output here is quoted from the public transcripts
 * in docs/knowledge/macos.md (the § beside each is the section of the project's internal knowledge
 * base, go-macos-facts.md, that recorded it) or follows a format quoted there;
 * test/testdata/snapshots/README.md lists exactly which values were chosen rather than quoted.
 * The JSON files in test/testdata/snapshots are these builders' output, checked by
 * test/unit/facts/fixtures.test.ts; regenerate them with
 *   node --import tsx test/support/mac-fixtures.ts --write
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { portsFor } from '../../src/core/knowledge/index.js';
import type { CommandRecord, FileFact, PathEntry, Snapshot, ToolBinary } from '../../src/core/snapshot.js';
import { emptySnapshot } from './snapshots.js';

export const HOME = '/Users/alice';
export const CLT_DIR = '/Library/Developer/CommandLineTools';

/** Outputs quoted verbatim in the facts file. */
export const QUOTED = {
  /** §4: `xcode-select -p` with no developer directory (exit 2), newer / older / very old macOS. */
  xcodeSelectUnset: [
    'xcode-select: error: Unable to get active developer directory. Use `sudo xcode-select --switch path/to/Xcode.app` to set one (or see `man xcode-select`)',
    'xcode-select: error: unable to get active developer directory, use `sudo xcode-select --switch path/to/Xcode.app` to set one (or see `man xcode-select`)',
    'xcode-select: error: unable to get active developer directory, use `xcode-select --switch` to set one (or see `man xcode-select`)',
  ],
  /** §4: pkgutil, present. */
  pkgutilCltPresent:
    'package-id: com.apple.pkg.CLTools_Executables\nversion: 15.3.0.0.1.1708646388\nvolume: /\nlocation: /\ninstall-time: 1719293997\ngroups: com.apple.FindSystemFiles.pkg-group\n',
  /** §4: pkgutil, absent. */
  pkgutilCltAbsent: "No receipt for 'com.apple.pkg.CLTools_Executables' found at '/'.\n",
  /** §4: Apple clang --version on macOS 26. */
  clang17: 'Apple clang version 17.0.0 (clang-1700.6.3.2)\nTarget: arm64-apple-darwin25.2.0\nThread model: posix\nInstalledDir: /Library/Developer/CommandLineTools/usr/bin\n',
  /** §4: other observed first lines. */
  clangFirstLines: ['Apple clang version 16.0.0 (clang-1600.0.26.6)', 'Apple clang version 15.0.0 (clang-1500.0.40.1)', 'Apple LLVM version 10.0.1 (clang-1001.0.46.4)'],
  /** §4 and §1.4: the broken-after-upgrade error. */
  xcrunInvalid:
    'xcrun: error: invalid active developer path (/Library/Developer/CommandLineTools), missing xcrun at: /Library/Developer/CommandLineTools/usr/bin/xcrun',
  /** §3.5: the Tahoe dyld abort. */
  dyldMissingUuid: 'dyld[21679]: missing LC_UUID load command in /Users/<u>/go/bin/dlv\ndyld[21679]: missing LC_UUID load command\nzsh: abort      dlv',
  /** §6.3 / §5.2: `go version` lines. */
  goVersionArm64: 'go version go1.23.4 darwin/arm64',
  goVersionAmd64: 'go version go1.23.4 darwin/amd64',
} as const;

/** §6.2: the darwin/arm64 `go env -json` sample (official .pkg, Go 1.24.x), verbatim. */
export function officialGoEnv(): Record<string, string> {
  return {
    AR: 'ar',
    CC: 'clang',
    CGO_CFLAGS: '-O2 -g',
    CGO_CPPFLAGS: '',
    CGO_CXXFLAGS: '-O2 -g',
    CGO_ENABLED: '1',
    CGO_FFLAGS: '-O2 -g',
    CGO_LDFLAGS: '-O2 -g',
    CXX: 'clang++',
    GCCGO: 'gccgo',
    GO111MODULE: '',
    GOARCH: 'arm64',
    GOARM64: 'v8.0',
    GOAUTH: 'netrc',
    GOBIN: '',
    GOCACHE: '/Users/alice/Library/Caches/go-build',
    GOCACHEPROG: '',
    GODEBUG: '',
    GOENV: '/Users/alice/Library/Application Support/go/env',
    GOEXE: '',
    GOEXPERIMENT: '',
    GOFIPS140: 'off',
    GOFLAGS: '',
    GOGCCFLAGS:
      '-fPIC -arch arm64 -pthread -fno-caret-diagnostics -Qunused-arguments -fmessage-length=0 -ffile-prefix-map=/var/folders/xy/abc123/T/go-build2425795596=/tmp/go-build -gno-record-gcc-switches -fno-common',
    GOHOSTARCH: 'arm64',
    GOHOSTOS: 'darwin',
    GOINSECURE: '',
    GOMOD: '/Users/alice/src/hello/go.mod',
    GOMODCACHE: '/Users/alice/go/pkg/mod',
    GONOPROXY: '',
    GONOSUMDB: '',
    GOOS: 'darwin',
    GOPATH: '/Users/alice/go',
    GOPRIVATE: '',
    GOPROXY: 'https://proxy.golang.org,direct',
    GOROOT: '/usr/local/go',
    GOSUMDB: 'sum.golang.org',
    GOTELEMETRY: 'local',
    GOTELEMETRYDIR: '/Users/alice/Library/Application Support/go/telemetry',
    GOTMPDIR: '',
    GOTOOLCHAIN: 'auto',
    GOTOOLDIR: '/usr/local/go/pkg/tool/darwin_arm64',
    GOVCS: '',
    GOVERSION: 'go1.24.3',
    GOWORK: '',
    PKG_CONFIG: 'pkg-config',
  };
}

/** §6.2: "Homebrew differs only in CC='cc', CXX='c++' and GOROOT=…/Cellar/go/1.24.3/libexec" (GOTOOLDIR follows GOROOT). */
export function homebrewGoEnv(prefix = '/opt/homebrew', version = '1.24.3'): Record<string, string> {
  const goroot = `${prefix}/Cellar/go/${version}/libexec`;
  return { ...officialGoEnv(), CC: 'cc', CXX: 'c++', GOROOT: goroot, GOTOOLDIR: `${goroot}/pkg/tool/darwin_arm64`, GOVERSION: `go${version}` };
}

/** §6.1 key set for Go 1.23 on amd64 (no GOAUTH/GOCACHEPROG/GOFIPS140, GOAMD64 instead of GOARM64). */
export function intelHomebrewGoEnv(): Record<string, string> {
  const env = homebrewGoEnv('/usr/local', '1.23.4');
  delete env.GOAUTH;
  delete env.GOCACHEPROG;
  delete env.GOFIPS140;
  delete env.GOARM64;
  return {
    ...env,
    GOAMD64: 'v1',
    GOARCH: 'amd64',
    GOHOSTARCH: 'amd64',
    GOTOOLDIR: '/usr/local/Cellar/go/1.23.4/libexec/pkg/tool/darwin_amd64',
    GOGCCFLAGS: (env.GOGCCFLAGS ?? '').replace('-arch arm64', '-arch x86_64'),
  };
}

export function command(argv: string[], stdout: string, exitCode: number | null = 0, stderr = '', extra: Partial<CommandRecord> = {}): CommandRecord {
  return { argv, stdout, stderr, exitCode, durationMs: 12, ...extra };
}

export function skipped(argv: string[], reason: string): CommandRecord {
  return { argv, stdout: '', stderr: '', exitCode: null, durationMs: 0, skipped: reason };
}

/** `go tool dist list -json [-broken]` in Go's own layout (tab-indented), from the embedded table (facts §1.1). */
export function distListJson(version: string, broken: boolean): string {
  const ports = (portsFor(version) ?? []).filter((p) => broken || !p.broken);
  const list = ports.map((p) => ({ GOOS: p.goos, GOARCH: p.goarch, CgoSupported: p.cgoSupported, FirstClass: p.firstClass, ...(p.broken ? { Broken: true } : {}) }));
  return `${JSON.stringify(list, null, '\t')}\n`;
}

export interface GoInstall {
  /** The go binary as found on PATH. */
  path: string;
  env: Record<string, string>;
  /** `go version` line; defaults to `go version <GOVERSION> <GOHOSTOS>/<GOHOSTARCH>` (§6.3 format). */
  versionLine?: string;
}

/** The four go commands the probe runs for one toolchain (GOTOOLCHAIN=local is the probe's, not shown in argv). */
export function goCommands(go: GoInstall): Snapshot['commands'] {
  const version = go.env.GOVERSION ?? 'go1.24.3';
  const line = go.versionLine ?? `go version ${version} ${go.env.GOHOSTOS ?? 'darwin'}/${go.env.GOHOSTARCH ?? 'arm64'}`;
  return {
    'go.version': command([go.path, 'version'], `${line}\n`),
    'go.env': command([go.path, 'env', '-json'], `${JSON.stringify(go.env, null, '\t')}\n`),
    'go.distList': command([go.path, 'tool', 'dist', 'list', '-json'], distListJson(version, false)),
    'go.distListBroken': command([go.path, 'tool', 'dist', 'list', '-json', '-broken'], distListJson(version, true)),
  };
}

export interface BuiltBinary {
  file: string;
  goVersion: string;
  /** main package path */
  path: string;
  /** main module path and version (omit for std commands) */
  mod?: [string, string];
  goarch?: 'arm64' | 'amd64';
  cgo?: boolean;
  extraSettings?: [string, string][];
}

/** Multi-file `go version -m` output in the §6.3 layout (tab-separated lines). */
export function versionMOutput(binaries: BuiltBinary[]): string {
  const lines: string[] = [];
  for (const b of binaries) {
    const arch = b.goarch ?? 'arm64';
    lines.push(`${b.file}: ${b.goVersion}`, `\tpath\t${b.path}`);
    if (b.mod) lines.push(`\tmod\t${b.mod[0]}\t${b.mod[1]}\t`);
    lines.push('\tbuild\t-buildmode=exe', '\tbuild\t-compiler=gc');
    for (const [k, v] of b.extraSettings ?? []) lines.push(`\tbuild\t${k}=${v}`);
    lines.push(`\tbuild\tCGO_ENABLED=${b.cgo === false ? 0 : 1}`, `\tbuild\tGOARCH=${arch}`, '\tbuild\tGOOS=darwin');
    if (arch === 'arm64') lines.push('\tbuild\tGOARM64=v8.0');
    else lines.push('\tbuild\tGOAMD64=v1');
  }
  return `${lines.join('\n')}\n`;
}

export function pathEntries(dirs: (string | Partial<PathEntry> & { raw: string })[]): PathEntry[] {
  return dirs.map((d, index) => {
    const e = typeof d === 'string' ? { raw: d } : d;
    return { index, raw: e.raw, exists: e.exists ?? true, isDirectory: e.isDirectory ?? e.exists ?? true, worldWritable: e.worldWritable ?? false, ...(e.realPath ? { realPath: e.realPath } : {}) };
  });
}

/** A tool found in a PATH directory (its index comes from `path`). */
export function pathTool(path: PathEntry[], name: string, dir: string, realPath = `${dir}/${name}`, size = 20_000_000): ToolBinary {
  const index = path.findIndex((p) => p.raw === dir);
  if (index < 0) throw new Error(`${dir} is not on the fixture PATH`);
  return { name, dir, path: `${dir}/${name}`, realPath, size, mtimeMs: 1_719_293_997_000, source: { kind: 'path', index } };
}

export function gobinTool(name: string, dir: string, size = 20_000_000): ToolBinary {
  return { name, dir, path: `${dir}/${name}`, realPath: `${dir}/${name}`, size, mtimeMs: 1_719_293_997_000, source: { kind: 'gobin' } };
}

/** System PATH as path_helper builds it (facts §5.1: /etc/paths, then /etc/paths.d). */
export const SYSTEM_PATH = ['/usr/local/bin', '/System/Cryptexes/App/usr/bin', '/usr/bin', '/bin', '/usr/sbin', '/sbin'];

export interface MacHost {
  productVersion: string;
  darwinRelease: string;
  appleSilicon: boolean;
  translated?: boolean;
}

/** sw_vers (layout: see README) and the two sysctls (§5.2). */
export function macHostCommands(h: MacHost): Snapshot['commands'] {
  return {
    sw_vers: command(['/usr/bin/sw_vers'], `ProductName:\t\tmacOS\nProductVersion:\t\t${h.productVersion}\n`),
    'sysctl.arm64': command(['/usr/sbin/sysctl', '-n', 'hw.optional.arm64'], h.appleSilicon ? '1\n' : '0\n'),
    'sysctl.translated': h.appleSilicon
      ? command(['/usr/sbin/sysctl', '-n', 'sysctl.proc_translated'], h.translated ? '1\n' : '0\n')
      : command(['/usr/sbin/sysctl', '-n', 'sysctl.proc_translated'], '', 1),
  };
}

/** CLT installed and working (xcode-select path, files present, pkgutil receipt, clang). */
export function cltInstalled(clangOutput: string): { commands: Snapshot['commands']; files: Record<string, FileFact> } {
  return {
    commands: {
      xcodeSelect: command(['/usr/bin/xcode-select', '-p'], `${CLT_DIR}\n`),
      'pkgutil.clt': command(['/usr/sbin/pkgutil', '--pkg-info=com.apple.pkg.CLTools_Executables'], QUOTED.pkgutilCltPresent),
      'clang.version': command([`${CLT_DIR}/usr/bin/clang`, '--version'], clangOutput),
    },
    files: {
      [CLT_DIR]: { exists: true, isDirectory: true },
      [`${CLT_DIR}/usr/bin/clang`]: { exists: true, isDirectory: false },
      [`${CLT_DIR}/usr/bin/xcrun`]: { exists: true, isDirectory: false },
    },
  };
}

/** Neither CLT nor Xcode: xcode-select exits 2 (§4); the probe skips clang (a shim). */
export function cltAbsent(variant: 0 | 1 | 2 = 0): { commands: Snapshot['commands']; files: Record<string, FileFact> } {
  return {
    commands: {
      xcodeSelect: command(['/usr/bin/xcode-select', '-p'], '', 2, `${QUOTED.xcodeSelectUnset[variant]}\n`),
      'pkgutil.clt': command(['/usr/sbin/pkgutil', '--pkg-info=com.apple.pkg.CLTools_Executables'], '', 1, QUOTED.pkgutilCltAbsent),
      'clang.version': skipped(['clang', '--version'], 'xcode-select -p printed no developer directory; not running a /usr/bin shim'),
    },
    files: {},
  };
}

/** After a macOS upgrade: xcode-select still names the CLT dir, but xcrun is gone (§4). */
export function cltBrokenAfterUpgrade(): { commands: Snapshot['commands']; files: Record<string, FileFact> } {
  return {
    commands: {
      xcodeSelect: command(['/usr/bin/xcode-select', '-p'], `${CLT_DIR}\n`),
      'pkgutil.clt': command(['/usr/sbin/pkgutil', '--pkg-info=com.apple.pkg.CLTools_Executables'], QUOTED.pkgutilCltPresent),
      'clang.version': skipped([`${CLT_DIR}/usr/bin/clang`, '--version'], `${CLT_DIR}/usr/bin/clang does not exist; not running a /usr/bin shim`),
    },
    files: {
      [CLT_DIR]: { exists: true, isDirectory: true },
      [`${CLT_DIR}/usr/bin/clang`]: { exists: false },
      [`${CLT_DIR}/usr/bin/xcrun`]: { exists: false },
    },
  };
}

/** macOS PATH lookups: /usr/bin/{gcc,cc,clang} always exist as shims (§1.4, §4). */
export const MAC_WHICH = { gcc: '/usr/bin/gcc', cc: '/usr/bin/cc', clang: '/usr/bin/clang' };

interface MacSnapshotParts {
  host: MacHost;
  path: PathEntry[];
  tools: ToolBinary[];
  go?: GoInstall;
  clt: { commands: Snapshot['commands']; files: Record<string, FileFact> };
  versionM?: BuiltBinary[];
  which?: Record<string, string | null>;
  env?: Record<string, string>;
}

export function macSnapshot(parts: MacSnapshotParts): Snapshot {
  const toolNames = [...new Set(['go', 'gofmt', 'gopls', 'dlv', 'staticcheck', ...parts.tools.map((t) => t.name)])];
  const commands: Snapshot['commands'] = { ...macHostCommands(parts.host), ...parts.clt.commands };
  if (parts.go) Object.assign(commands, goCommands(parts.go));
  if (parts.go && parts.versionM?.length) {
    commands['go.versionM'] = command([parts.go.path, 'version', '-m', ...parts.versionM.map((b) => b.file)], versionMOutput(parts.versionM));
  }
  return emptySnapshot({
    host: { platform: 'darwin', arch: parts.host.appleSilicon && !parts.host.translated ? 'arm64' : 'x64', release: parts.host.darwinRelease },
    env: { PATH: parts.path.map((p) => p.raw).join(':'), HOME, SHELL: '/bin/zsh', ...parts.env },
    path: parts.path,
    tools: parts.tools,
    commands,
    files: parts.clt.files,
    which: { ...MAC_WHICH, ...parts.which },
    options: { timeoutMs: 5000, toolNames },
  });
}

const SEQUOIA: MacHost = { productVersion: '15.1', darwinRelease: '24.1.0', appleSilicon: true };
const TAHOE: MacHost = { productVersion: '26.2', darwinRelease: '25.2.0', appleSilicon: true };
const clang15OnSequoia = `${QUOTED.clangFirstLines[1]}\nTarget: arm64-apple-darwin24.1.0\nThread model: posix\nInstalledDir: /Library/Developer/CommandLineTools/usr/bin\n`;

/** Official .pkg Go 1.24.3 (§6.2 sample) on Apple Silicon, macOS 15, working CLT 15.3. */
export function officialPkgArm64(): Snapshot {
  const path = pathEntries([...SYSTEM_PATH, '/usr/local/go/bin', `${HOME}/go/bin`]);
  return macSnapshot({
    host: SEQUOIA,
    path,
    tools: [pathTool(path, 'go', '/usr/local/go/bin'), pathTool(path, 'gofmt', '/usr/local/go/bin'), pathTool(path, 'gopls', `${HOME}/go/bin`)],
    go: { path: '/usr/local/go/bin/go', env: officialGoEnv() },
    clt: cltInstalled(clang15OnSequoia),
    versionM: [{ file: `${HOME}/go/bin/gopls`, goVersion: 'go1.24.3', path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', 'v0.21.0'] }],
  });
}

/**
 * Homebrew Go 1.24.3 in /opt/homebrew first on PATH, plus a leftover official /usr/local/go/bin and
 * a newer gopls in ~/go/bin shadowed by Homebrew's gopls.
 */
export function homebrewArm64(): Snapshot {
  const path = pathEntries(['/opt/homebrew/bin', '/opt/homebrew/sbin', ...SYSTEM_PATH, '/usr/local/go/bin', `${HOME}/go/bin`]);
  return macSnapshot({
    host: SEQUOIA,
    path,
    tools: [
      pathTool(path, 'go', '/opt/homebrew/bin', '/opt/homebrew/Cellar/go/1.24.3/libexec/bin/go'),
      pathTool(path, 'gofmt', '/opt/homebrew/bin', '/opt/homebrew/Cellar/go/1.24.3/libexec/bin/gofmt'),
      pathTool(path, 'gopls', '/opt/homebrew/bin', '/opt/homebrew/Cellar/gopls/0.21.0/bin/gopls', 31_000_000),
      pathTool(path, 'go', '/usr/local/go/bin', '/usr/local/go/bin/go', 15_000_000),
      pathTool(path, 'gofmt', '/usr/local/go/bin'),
      pathTool(path, 'gopls', `${HOME}/go/bin`, `${HOME}/go/bin/gopls`, 33_000_000),
    ],
    go: { path: '/opt/homebrew/bin/go', env: homebrewGoEnv() },
    clt: cltInstalled(clang15OnSequoia),
    versionM: [
      { file: '/opt/homebrew/bin/gopls', goVersion: 'go1.24.3', path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', 'v0.21.0'] },
      { file: `${HOME}/go/bin/gopls`, goVersion: 'go1.24.3', path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', 'v0.23.0'] },
    ],
  });
}

/** Intel Homebrew (/usr/local) first on PATH on Apple Silicon: Go 1.23.4 darwin/amd64 under Rosetta (§5.1, §5.2). */
export function intelHomebrewOnAppleSilicon(): Snapshot {
  const path = pathEntries([...SYSTEM_PATH, `${HOME}/go/bin`]);
  return macSnapshot({
    host: SEQUOIA,
    path,
    tools: [
      pathTool(path, 'go', '/usr/local/bin', '/usr/local/Cellar/go/1.23.4/libexec/bin/go'),
      pathTool(path, 'gofmt', '/usr/local/bin', '/usr/local/Cellar/go/1.23.4/libexec/bin/gofmt'),
    ],
    go: { path: '/usr/local/bin/go', env: intelHomebrewGoEnv(), versionLine: QUOTED.goVersionAmd64 },
    clt: cltInstalled(clang15OnSequoia),
    which: { brew: '/usr/local/bin/brew' },
  });
}

/** No CLT and no Xcode (xcode-select exit 2, no receipt); official Go 1.24.3. */
export function cltMissingSnapshot(variant: 0 | 1 | 2 = 0): Snapshot {
  const path = pathEntries([...SYSTEM_PATH, '/usr/local/go/bin', `${HOME}/go/bin`]);
  return macSnapshot({
    host: SEQUOIA,
    path,
    tools: [pathTool(path, 'go', '/usr/local/go/bin'), pathTool(path, 'gofmt', '/usr/local/go/bin')],
    go: { path: '/usr/local/go/bin/go', env: officialGoEnv() },
    clt: cltAbsent(variant),
  });
}

/** Upgraded to macOS 26: xcode-select names the CLT dir but xcrun is gone. */
export function cltBrokenSnapshot(): Snapshot {
  const path = pathEntries([...SYSTEM_PATH, '/usr/local/go/bin', `${HOME}/go/bin`]);
  return macSnapshot({
    host: TAHOE,
    path,
    tools: [pathTool(path, 'go', '/usr/local/go/bin'), pathTool(path, 'gofmt', '/usr/local/go/bin')],
    go: { path: '/usr/local/go/bin/go', env: officialGoEnv() },
    clt: cltBrokenAfterUpgrade(),
  });
}

/**
 * macOS 26 Tahoe with tools in ~/go/bin: dlv built with go1.22.5 (no LC_UUID), staticcheck built
 * with go1.23.4 and `-B gobuildid` (has one), gopls built with go1.24.3 (has one). The CLT is the
 * quoted 15.3 receipt, never updated since (clang first line quoted for 15.0.0, Target line from
 * the quoted Tahoe output).
 */
export function tahoeOldTools(): Snapshot {
  const path = pathEntries([...SYSTEM_PATH, '/usr/local/go/bin', `${HOME}/go/bin`]);
  const gobin = `${HOME}/go/bin`;
  return macSnapshot({
    host: TAHOE,
    path,
    tools: [
      pathTool(path, 'go', '/usr/local/go/bin'),
      pathTool(path, 'gofmt', '/usr/local/go/bin'),
      pathTool(path, 'dlv', gobin),
      pathTool(path, 'gopls', gobin),
      pathTool(path, 'staticcheck', gobin),
    ],
    go: { path: '/usr/local/go/bin/go', env: officialGoEnv() },
    clt: cltInstalled(`${QUOTED.clangFirstLines[1]}\nTarget: arm64-apple-darwin25.2.0\nThread model: posix\nInstalledDir: /Library/Developer/CommandLineTools/usr/bin\n`),
    versionM: [
      { file: `${gobin}/dlv`, goVersion: 'go1.22.5', path: 'github.com/go-delve/delve/cmd/dlv', mod: ['github.com/go-delve/delve', 'v1.22.1'] },
      { file: `${gobin}/gopls`, goVersion: 'go1.24.3', path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', 'v0.21.0'] },
      {
        file: `${gobin}/staticcheck`,
        goVersion: 'go1.23.4',
        path: 'honnef.co/go/tools/cmd/staticcheck',
        mod: ['honnef.co/go/tools', 'v0.5.1'],
        extraSettings: [['-ldflags', '"-B gobuildid"']],
      },
    ],
  });
}

/** The recorded-macOS fixtures, by file name (without .json). */
export const macFixtures: Record<string, () => Snapshot> = {
  'official-pkg-arm64': officialPkgArm64,
  'homebrew-arm64': homebrewArm64,
  'intel-homebrew-rosetta': intelHomebrewOnAppleSilicon,
  'clt-missing': () => cltMissingSnapshot(0),
  'clt-broken-after-upgrade': cltBrokenSnapshot,
  'tahoe-old-tools': tahoeOldTools,
};

/** test/support, whether tsx loads this file as CommonJS or as ESM (then from the repo root). */
const supportDir = typeof __dirname === 'string' ? __dirname : resolve('test', 'support');
export const FIXTURE_DIR = join(supportDir, '..', 'testdata', 'snapshots');

export function writeMacFixtures(dir = FIXTURE_DIR): string[] {
  const written: string[] = [];
  for (const [name, build] of Object.entries(macFixtures)) {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(build(), null, 2)}\n`);
    written.push(file);
  }
  return written;
}

if (process.argv[1]?.endsWith('mac-fixtures.ts') && process.argv.includes('--write')) {
  for (const f of writeMacFixtures()) console.log(`wrote ${f}`);
}
