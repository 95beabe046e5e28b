/**
 * Recorded macOS outputs for replaying the probe, quoted from the public transcripts in
 * docs/knowledge/macos.md (§4 and §5.2 of the internal knowledge base). sw_vers' layout is not quoted there:
 * it is the `Key:<tab>value` layout that core/facts/sw-vers.ts parses.
 */
import { FakeFileSystem, directory, executable, symlink, textFile } from '../../support/fake-filesystem.js';
import { FakeRunner, type RecordedOutput } from '../../support/fake-runner.js';

export const CLT_DIR = '/Library/Developer/CommandLineTools';
export const XCODE_DIR = '/Applications/Xcode.app/Contents/Developer';
export const HOME = '/Users/ada';

export const xcodeSelect = {
  clt: { stdout: `${CLT_DIR}\n` },
  xcode: { stdout: `${XCODE_DIR}\n` },
  /** "Newer macOS" wording, exit status 2. */
  missing: {
    exitCode: 2,
    stderr: 'xcode-select: error: Unable to get active developer directory. Use `sudo xcode-select --switch path/to/Xcode.app` to set one (or see `man xcode-select`)\n',
  },
} satisfies Record<string, RecordedOutput>;

export const pkgutilClt = {
  present: {
    stdout:
      'package-id: com.apple.pkg.CLTools_Executables\nversion: 15.3.0.0.1.1708646388\nvolume: /\nlocation: /\ninstall-time: 1719293997\ngroups: com.apple.FindSystemFiles.pkg-group\n',
  },
  absent: { exitCode: 1, stderr: "No receipt for 'com.apple.pkg.CLTools_Executables' found at '/'.\n" },
} satisfies Record<string, RecordedOutput>;

export const pkgutilGo = {
  absent: { exitCode: 1, stderr: "No receipt for 'org.golang.go' found at '/'.\n" },
} satisfies Record<string, RecordedOutput>;

export const clangVersion: RecordedOutput = {
  stdout: `Apple clang version 17.0.0 (clang-1700.6.3.2)\nTarget: arm64-apple-darwin25.2.0\nThread model: posix\nInstalledDir: ${CLT_DIR}/usr/bin\n`,
};

export const swVers: RecordedOutput = { stdout: 'ProductName:\t\tmacOS\nProductVersion:\t\t26.1\nBuildVersion:\t\t25B78\n' };
export const sysctlArm64: RecordedOutput = { stdout: '1\n' };
export const sysctlTranslatedNative: RecordedOutput = { stdout: '0\n' };

export const goVersion: RecordedOutput = { stdout: 'go version go1.24.4 darwin/arm64\n' };
export const goEnv: RecordedOutput = {
  stdout: JSON.stringify({ GOROOT: '/usr/local/go', GOTOOLDIR: '/usr/local/go/pkg/tool/darwin_arm64', GOHOSTARCH: 'arm64', GOHOSTOS: 'darwin', CC: 'clang' }),
};
export const distList: RecordedOutput = { stdout: '[{"GOOS":"darwin","GOARCH":"arm64","CgoSupported":true,"FirstClass":true}]\n' };
export const goVersionM: RecordedOutput = {
  stdout: `${HOME}/go/bin/gopls: go1.24.4\n\tpath\tgolang.org/x/tools/gopls\n\tmod\tgolang.org/x/tools/gopls\tv0.18.1\th1:x\n`,
};

export interface MacScenario {
  xcodeSelect: RecordedOutput;
  pkgutilClt: RecordedOutput;
  /** Which developer-dir files exist. */
  developerFiles: 'clt' | 'xcode' | 'none';
}

/** The Go and system commands, identical in every macOS scenario. */
export function macRunner(scenario: MacScenario): FakeRunner {
  return new FakeRunner([
    [['/usr/bin/sw_vers'], swVers],
    [['/usr/sbin/sysctl', '-n', 'hw.optional.arm64'], sysctlArm64],
    [['/usr/sbin/sysctl', '-n', 'sysctl.proc_translated'], sysctlTranslatedNative],
    [['/usr/bin/xcode-select', '-p'], { ...scenario.xcodeSelect, delayMs: 5 }],
    [['/usr/sbin/pkgutil', '--pkg-info=com.apple.pkg.CLTools_Executables'], { ...scenario.pkgutilClt, delayMs: 5 }],
    [['/usr/sbin/pkgutil', '--pkg-info=org.golang.go'], pkgutilGo.absent],
    [[`${CLT_DIR}/usr/bin/clang`, '--version'], clangVersion],
    [['/usr/local/go/bin/go', 'version', '-m'], goVersionM],
    [['/usr/local/go/bin/go', 'version'], goVersion],
    [['/usr/local/go/bin/go', 'env', '-json'], goEnv],
    [['/usr/local/go/bin/go', 'tool', 'dist', 'list', '-json'], distList],
  ]);
}

/** A Mac with the official Go pkg, the /usr/bin shims, gopls in ~/go/bin (not on PATH). */
export function macFileSystem(developerFiles: MacScenario['developerFiles']): FakeFileSystem {
  const fs = new FakeFileSystem({
    '/usr/local/go/bin/go': executable(12_000_000),
    '/usr/local/go/bin/gofmt': executable(3_000_000),
    '/usr/local/go/go.env': textFile('GOPROXY=https://proxy.golang.org,direct\n'),
    '/usr/local/go/pkg/tool/darwin_arm64/dist': executable(),
    // the developer-tools shims: present on every Mac, never to be run before CLT is known
    '/usr/bin/clang': executable(),
    '/usr/bin/cc': executable(),
    '/usr/bin/gcc': executable(),
    '/usr/bin/xcrun': executable(),
    '/usr/bin/git': executable(),
    '/usr/bin/xcode-select': executable(),
    '/usr/bin/sw_vers': executable(),
    '/usr/sbin/sysctl': executable(),
    '/usr/sbin/pkgutil': executable(),
    '/bin/sh': executable(),
    '/opt/homebrew/bin': directory(),
    [`${HOME}/go/bin/gopls`]: executable(30_000_000),
    '/System/Library/CoreServices/SystemVersion.plist': textFile('<plist/>'),
    '/var/db/xcode_select_link': symlink(CLT_DIR),
  });
  if (developerFiles === 'clt') {
    fs.set(`${CLT_DIR}/usr/bin/clang`, executable());
    fs.set(`${CLT_DIR}/usr/bin/xcrun`, executable());
  }
  if (developerFiles === 'xcode') {
    fs.set(`${XCODE_DIR}/usr/bin/xcodebuild`, executable());
    fs.set(`${XCODE_DIR}/Toolchains/XcodeDefault.xctoolchain/usr/bin/clang`, executable());
  }
  return fs;
}

export const macEnv = {
  PATH: '/opt/homebrew/bin:/usr/local/go/bin:/usr/bin:/bin:/usr/sbin:/sbin',
  HOME,
  USER: 'ada',
  SHELL: '/bin/zsh',
  GOTOOLCHAIN: 'auto',
};

export const macHost = { platform: 'darwin', arch: 'arm64', release: '25.1.0' };

/** The /usr/bin developer-tools shims (and bare names that PATH would resolve to them). */
export const SHIMS = ['clang', 'cc', 'gcc', 'c++', 'clang++', 'xcrun', 'git', 'make', 'python3', 'ld'].flatMap((name) => [name, `/usr/bin/${name}`]);
