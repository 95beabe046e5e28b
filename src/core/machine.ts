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
  clt: CltFacts;
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
