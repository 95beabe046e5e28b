/**
 * WorkspaceModel: what the workspace's files say about how it is built, with exact ranges.
 * Built purely from the snapshot's WorkspaceRecord by the parsers in core/parse.
 */
import type { Range } from '../finding.js';
import type { BuildConfig, SettingValue } from './build-config.js';
import type { GoFileFacts } from './go-file.js';
import type { VsCodeFacts } from './vscode.js';

export type { BuildConfig, SettingValue } from './build-config.js';
export type { GoFileFacts } from './go-file.js';

/** A `go`/`toolchain` directive in go.mod or go.work. */
export interface GoDirective {
  file: string;
  /** The version as written, e.g. "1.25.0" or "go1.25.3" for toolchain lines. */
  value: string;
  range: Range;
}

export interface GoModFacts {
  file: string;
  kind: 'go.mod' | 'go.work';
  module?: string;
  go?: GoDirective;
  toolchain?: GoDirective;
  /** Workspace-relative directory of the file ('' for the root). */
  dir?: string;
  /** go.work `use` directories, relative to the go.work directory, as written. */
  use?: string[];
  /** Range of the `module` path (go.mod). */
  moduleRange?: Range;
  /** Directives that only newer Go releases know (godebug, tool, ignore), as written. */
  newerDirectives?: { verb: string; range: Range; block: boolean }[];
}

interface CgoFile {
  file: string;
  /** Range of the `import "C"` line. */
  range: Range;
}

/** A file that names a path inside GOROOT (e.g. `misc/wasm/wasm_exec.js`), with its range. */
export interface GorootPathRef {
  file: string;
  /** The path as written from `misc/` or `lib/` on, e.g. `misc/wasm/wasm_exec.js`. */
  path: string;
  range: Range;
  /** Range of the directory part (`misc/wasm`) that a fix replaces. */
  dirRange: Range;
  /**
   * The Go release the file uses at that point, when it pins one (a workflow job's
   * actions/setup-go, a Dockerfile stage's golang image). `null`: the file runs it with a Go it
   * does not name (a CI runner's preinstalled Go), so the version is unknown.
   */
  goVersion?: { value: string; file: string; range: Range } | null;
}

/** A linker or C flag found somewhere a build reads it (ldflags, CGO_LDFLAGS, `#cgo LDFLAGS`). */
export interface FlagRef {
  file: string;
  /** The flag token as written, e.g. `-ld_classic`, `-framework OpenCL`. */
  text: string;
  range: Range;
  /** Where it is: inside -ldflags/-extldflags, a CGO_LDFLAGS value or a `#cgo` directive. */
  where: 'ldflags' | 'extldflags' | 'cgo-ldflags-env' | 'cgo-directive';
  /** Whether removing `range` (plus one adjacent space) leaves the rest intact. */
  removable: boolean;
  /** Range to delete to remove the flag cleanly (includes one adjacent separator). */
  removeRange?: Range;
}

export interface WorkspaceModel {
  /** Absolute root ('' when there is no workspace). */
  root: string;
  modules: GoModFacts[];
  /** Go files with `import "C"`. */
  cgoFiles: CgoFile[];
  /** Header facts of every scanned `.go` file (build constraints, imports, cgo). */
  goFiles?: GoFileFacts[];
  /**
   * Every build configuration found: one `go` command line (with the environment it runs in),
   * one goreleaser target, one CI matrix combination, the VS Code tool environment …
   */
  buildConfigs?: BuildConfig[];
  /** Every literal assignment of a Go setting (GOOS, GOARCH, CGO_ENABLED, CC …), used or not. */
  settings?: SettingValue[];
  /** Paths into GOROOT that files use (wasm_exec.js …). */
  gorootRefs?: GorootPathRef[];
  /** Linker/C flags of interest (-ld_classic, -framework …) wherever they appear. */
  flagRefs?: FlagRef[];
  /** `.vscode/settings.json`, `launch.json`, `tasks.json` facts. */
  vscode?: VsCodeFacts;
  /** Files that were scanned but could not be understood (malformed YAML/JSON …), with why. */
  notes?: { file: string; reason: string }[];
}

export function emptyWorkspace(root = ''): WorkspaceModel {
  return { root, modules: [], cgoFiles: [], goFiles: [], buildConfigs: [], settings: [], gorootRefs: [], flagRefs: [], notes: [] };
}
