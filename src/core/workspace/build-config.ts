import type { Position, Range } from '../finding.js';

/** The kind of file (and so the tool semantics) a build configuration comes from. */
export type ConfigTool =
  | 'make'
  | 'shell'
  | 'dockerfile'
  | 'goreleaser'
  | 'github-workflow'
  | 'vscode-settings'
  | 'vscode-launch'
  | 'vscode-tasks';

/** One setting (an environment variable, a flag value, a YAML/JSON entry) as a file writes it. */
export interface SettingValue {
  /** GOOS, GOARCH, CGO_ENABLED, CC, -ldflags … */
  name: string;
  /** The value the tool will see, or undefined when it is only known at run time ($VAR, $(…), {{…}}). */
  value: string | undefined;
  /** Absolute path of the file. */
  file: string;
  /** Range of the value (what a fix replaces). For values coming from a variable: its definition. */
  range: Range;
  /** Range of the whole setting (`GOOS=ios`, `GOOS: ios`, `"GOOS": "ios"`) when there is one. */
  fullRange?: Range;
}

/** What a configuration runs. */
export type GoAction =
  | 'build'
  | 'install'
  | 'run'
  | 'test'
  | 'vet'
  | 'list'
  | 'generate'
  | 'other'
  /** The environment of the editor's Go tools (go.toolsEnvVars): no build of its own. */
  | 'tools';

/** A flag inside a -ldflags value, split the way cmd/go and cmd/link split it. */
export interface LinkerFlag {
  /** The flag name with its dashes, e.g. `-X`, `-dwarfversion`, `-linkmode`. */
  flag: string;
  /** The value (from `-flag=value` or the next field), when there is one. */
  value?: string;
  file: string;
  /** Range of the whole field(s): `-dwarfversion=4`, `-X main.v=1`. */
  range: Range;
  /** Range to delete to drop the flag (and its value) with one adjacent space, when exact. */
  removeRange?: Range;
}

/** How to add `NAME=value` settings that apply to one configuration only. */
export interface EnvInsertion {
  file: string;
  at: Position;
  /**
   * shell-prefix: `A=1 B=2 ` before the `go` word. yaml-list-item: `\n<indent>- A=1` after the
   * last item. yaml-new-env-list: `\n<indent>env:\n<indent>  - A=1`. yaml-map-entry:
   * `\n<indent>A: "1"`. yaml-new-env-map: `\n<indent>env:\n<indent>  A: "1"`.
   */
  style: 'shell-prefix' | 'yaml-list-item' | 'yaml-new-env-list' | 'yaml-map-entry' | 'yaml-new-env-map';
  indent: string;
  /** In a Makefile recipe a literal `$` must be written `$$`. */
  make?: boolean;
}

export interface BuildConfig {
  tool: ConfigTool;
  /** Absolute path of the file. */
  file: string;
  /** The command line, goreleaser build entry or settings key this configuration is. */
  range: Range;
  /** Human words for messages: "the `go build` command on line 12", "goreleaser build \"cli\" (linux_arm64)". */
  label: string;
  action: GoAction;
  /** Effective environment settings (GOOS, GOARCH, CGO_ENABLED, CC, GOFLAGS …) by name. */
  env: Record<string, SettingValue>;
  /** The -ldflags value, and its flags split as cmd/go and cmd/link split them. */
  ldflags?: SettingValue;
  linkerFlags: LinkerFlag[];
  buildmode?: SettingValue;
  /** -tags, comma- or space-separated as written. */
  tags?: SettingValue;
  /** Package patterns the command builds (`./...`, `.`, `./cmd/x`); empty = the current directory. */
  packages: string[];
  /** Workspace-relative directory the command runs in ('' = the root). */
  dir: string;
  /** Where settings can be added for this configuration alone (quick fixes). */
  insertion?: EnvInsertion;
  /**
   * The machine that runs it, when the file says (CI runner label, container image). `runner`:
   * a CI runner (its C compiler is modelled, never read from this machine); `tools`: C toolchains
   * earlier steps install there (gcc-multilib, gcc-<triple>, mingw-w64, zig, android-ndk).
   */
  host?: { goos?: string; goarch?: string; from: string; runner?: 'github-hosted' | 'self-hosted' | 'container'; tools?: string[] };
  /**
   * Why this configuration may not run as read, in words that complete "only if …" / "unless …"
   * clauses in messages, e.g. "`if: runner.os == 'Linux'` holds for this row" or "whoever runs
   * this script does not set CGO_ENABLED". Absent or empty: the command runs, with exactly this
   * environment, whenever its file runs. Certainty decides severity (docs/rules.md, "Certainty"):
   * a finding on a configuration with conditions is at most a warning and names them.
   */
  conditions?: string[];
  /**
   * Which variant of a repeated configuration this is ("matrix os=ubuntu-latest, go=1.22"), so one
   * finding per mistake and anchor can list every variant it applies to.
   */
  variant?: string;
  /** The Go version it uses, when the file pins one (actions/setup-go …). */
  goVersion?: { value: string; file: string; range: Range };
  /**
   * The Go version is read from this workspace file (setup-go's `go-version-file`: go.mod or
   * go.work, workspace-relative): its `toolchain`/`go` line names the Go that runs.
   */
  goVersionFile?: { path: string; file: string; range: Range };
  /**
   * goreleaser: `product` targets come from goos × goarch and invalid pairs among them are
   * silently skipped by goreleaser; `explicit` ones come from `targets:` and are built as given.
   */
  goreleaser?: {
    target: string;
    origin: 'product' | 'explicit';
    /** A product pair outside goreleaser's list of valid targets: skipped, never built. */
    skipped?: boolean;
  };
}

/** Names whose assignments the model records (all of them are read by some rule). */
export const GO_SETTING_NAMES: ReadonlySet<string> = new Set([
  'GOOS',
  'GOARCH',
  'CGO_ENABLED',
  'CC',
  'CXX',
  'GOARM',
  'GOAMD64',
  'GOFLAGS',
  'CGO_LDFLAGS',
  'CGO_CFLAGS',
  'GOTOOLCHAIN',
  'GOROOT',
]);
