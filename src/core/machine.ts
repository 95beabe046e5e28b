/**
 * MachineFacts: the snapshot's raw command outputs, parsed once (by `deriveMachineFacts` in
 * core/facts) into what rules reason about. Every field that could not be determined is
 * `undefined`, and the matching probe problem is in `problems`.
 */

export interface GoVersion {
  /** e.g. "go1.24.4" (as printed). */
  raw: string;
  major: number;
  minor: number;
  patch: number;
  /** e.g. "rc1" / "beta2"; undefined for releases. */
  pre?: string;
  devel?: boolean;
  /** GOEXPERIMENTs baked into the toolchain (` X:loopvar,…` in `go version`). */
  experiments?: string[];
}

export interface Port {
  goos: string;
  goarch: string;
  cgoSupported: boolean;
  firstClass: boolean;
  broken: boolean;
}

export interface GoToolchainFacts {
  /** The `go` that PATH resolution picks (first on PATH). */
  binary?: string;
  version?: GoVersion;
  /** GOOS/GOARCH the go binary itself was built for (`go version` / GOHOSTOS/GOHOSTARCH). */
  hostOs?: string;
  hostArch?: string;
  /** `go env -json`, as parsed. */
  env?: Record<string, string>;
  /** Ports from `go tool dist list -json` (without `-broken`) and the broken ones. */
  ports?: Port[];
  /** Where `ports` came from: the live toolchain, or the embedded table for its release. */
  portsSource?: 'live' | 'knowledge';
  /** Real path of the go binary (resolved symlinks), when the probe saw it. */
  binaryRealPath?: string;
  /** The installation the go binary belongs to: its real path minus `/bin/go`. */
  binaryRoot?: string;
}

export interface BuildInfo {
  /** Go version the binary was built with (e.g. go1.22.5). */
  goVersion: string;
  /** Main module path (e.g. golang.org/x/tools/gopls). */
  path?: string;
  /** Main module version (e.g. v0.16.2). */
  mainVersion?: string;
  settings: Record<string, string>;
}

export interface CltFacts {
  /** `xcode-select -p` output when it succeeded. */
  developerDir?: string;
  /** developerDir exists and has usr/bin/clang (or xcrun). */
  developerDirValid?: boolean;
  /** "missing" = no developer dir set; "broken" = set but gone; "ok". */
  state?: 'ok' | 'missing' | 'broken';
  /** pkgutil CLTools_Executables version, e.g. "15.3.0.0.1.1708646388". */
  version?: string;
  major?: number;
  installTime?: Date;
  /** Full Xcode is the active developer dir. */
  isXcode?: boolean;
  /** The CLTools_Executables receipt exists (pkgutil); false = "No receipt". */
  receipt?: boolean;
  /** `<developerDir>/usr/bin/clang --version`, when it ran. */
  clang?: ClangVersion;
  /** Why the state is what it is, in the tool's own words (e.g. the xcode-select error). */
  stateDetail?: string;
}

export interface ClangVersion {
  /** First line as printed, e.g. "Apple clang version 17.0.0 (clang-1700.6.3.2)". */
  raw: string;
  apple: boolean;
  /** "17.0.0" */
  version: string;
  major: number;
  /** "clang-1700.6.3.2" */
  build?: string;
  /** "arm64-apple-darwin25.2.0" */
  target?: string;
  installedDir?: string;
}

/** An installer receipt (`pkgutil --pkg-info`). */
interface PackageReceipt {
  packageId: string;
  version: string;
  installTime?: Date;
}

export interface MacFacts {
  productVersion?: string;
  /** Major macOS version, e.g. 26 for Tahoe. */
  major?: number;
  minor?: number;
  buildVersion?: string;
  /** hw.optional.arm64 = 1 */
  appleSilicon?: boolean;
  /** sysctl.proc_translated = 1 for the probe's shell/process */
  translated?: boolean;
  /** Darwin kernel major (host.release), e.g. 25 on macOS 26. */
  darwinMajor?: number;
  clt: CltFacts;
  /** The official Go installer's receipt (`pkgutil --pkg-info=org.golang.go`), when present. */
  goPackage?: PackageReceipt;
}

export interface LinuxFacts {
  /** Path of the C compiler found on PATH (gcc/cc/clang), if any. */
  cCompiler?: string;
  inotify?: { maxUserWatches?: number; maxUserInstances?: number; maxQueuedEvents?: number };
}

/** A probe that failed or timed out; becomes a `doctor/probe-failed` finding. */
export interface ProbeProblem {
  command: string;
  argv: string[];
  what: string;
  reason: string;
}

export interface MachineFacts {
  platform: string;
  arch: string;
  env: Record<string, string>;
  go: GoToolchainFacts;
  /** Build info per tool real path, from `go version -m`. */
  buildInfo: Record<string, BuildInfo>;
  mac?: MacFacts;
  linux?: LinuxFacts;
  problems: ProbeProblem[];
}
