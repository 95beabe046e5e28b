import type { Range, TextEdit } from '../finding.js';

/** One VS Code setting (or one key of an object setting) found in a JSON-with-comments file. */
export interface JsonSettingRef {
  /** Absolute path of the file. */
  file: string;
  /** The setting (`go.goroot`) or the object key (`GOOS` in go.toolsEnvVars). */
  key: string;
  value: unknown;
  keyRange: Range;
  valueRange: Range;
  /** Minimal edits that delete this property (comments and formatting elsewhere untouched). */
  removeEdits: TextEdit[];
}

/** One element of a string-array setting (go.languageServerFlags, go.buildFlags). */
export interface JsonArrayItemRef {
  file: string;
  value: string;
  range: Range;
  /** Minimal edits that delete this element. */
  removeEdits: TextEdit[];
}

export interface VsCodeFacts {
  /** Absolute path of .vscode/settings.json when present. */
  settingsFile?: string;
  /** go.toolsEnvVars entries by variable name. */
  toolsEnvVars: Record<string, JsonSettingRef>;
  /** go.testEnvVars entries by variable name. */
  testEnvVars: Record<string, JsonSettingRef>;
  languageServerFlags: JsonArrayItemRef[];
  buildFlags: JsonArrayItemRef[];
  goroot?: JsonSettingRef;
  /** go.alternateTools["go"]. */
  alternateGo?: JsonSettingRef;
  /** gopls["build.env"] entries by variable name. */
  goplsBuildEnv: Record<string, JsonSettingRef>;
  /**
   * Edits that move go.toolsEnvVars → NAME to `gopls` → `build.env` → NAME (GOOS/GOARCH only),
   * keyed by variable name; complete on their own, computed against the file as it is.
   */
  moveToGoplsEdits: Record<string, TextEdit[]>;
}

export function emptyVsCodeFacts(): VsCodeFacts {
  return { toolsEnvVars: {}, testEnvVars: {}, languageServerFlags: [], buildFlags: [], goplsBuildEnv: {}, moveToGoplsEdits: {} };
}
