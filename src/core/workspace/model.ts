/**
 * WorkspaceModel: what the workspace's files say about how it is built, with exact ranges.
 * Built purely from the snapshot's WorkspaceRecord by the parsers in core/parse.
 */
import type { Range } from '../finding.js';

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
}

export interface CgoFile {
  file: string;
  /** Range of the `import "C"` line. */
  range: Range;
}

export interface WorkspaceModel {
  /** Absolute root ('' when there is no workspace). */
  root: string;
  modules: GoModFacts[];
  /** Go files with `import "C"`. */
  cgoFiles: CgoFile[];
}

export function emptyWorkspace(root = ''): WorkspaceModel {
  return { root, modules: [], cgoFiles: [] };
}
