import type { Range } from '../finding.js';
import type { ConstraintExpr } from '../parse/build-constraint.js';

/** What the header of one `.go` file says (everything up to the end of its imports). */
export interface GoFileFacts {
  /** Absolute path. */
  file: string;
  /** Workspace-relative, `/`-separated. */
  path: string;
  /** Workspace-relative directory ('' for the root). */
  dir: string;
  /** Base name, e.g. `foo_unix.go`. */
  name: string;
  isTest: boolean;
  packageName?: string;
  /** Range of the `package x` clause. */
  packageRange?: Range;
  /** The `//go:build` line. */
  goBuild?: { text: string; range: Range; expr?: ConstraintExpr; error?: string };
  /** `// +build` lines (only used when there is no `//go:build` line). */
  plusBuild: { text: string; range: Range; expr?: ConstraintExpr }[];
  /** Each tag the constraint names, with its exact range. */
  constraintTags: { tag: string; range: Range }[];
  /** Import paths (including "C"). */
  imports: string[];
  /** Range of the `"C"` import spec. */
  importC?: Range;
  /** `#cgo` directives of the import "C" preamble, e.g. `#cgo darwin LDFLAGS: -framework OpenCL`. */
  cgoDirectives: { text: string; range: Range }[];
  /** The header could not be read to its end (file cut, or malformed). */
  incomplete?: boolean;
}
