/**
 * A Finding is what every rule returns and every front (CLI, LSP, VS Code) renders.
 * Fixes are data, never code: each front turns the same fix into its own affordance
 * (the CLI prints it, the server a code action, the extension a button).
 */

export type Severity = 'error' | 'warning' | 'info';

/** Zero-based line/character positions, exactly as LSP uses them (UTF-16 code units). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Where a finding applies. `file` is absolute (redacted snapshots may use `~`). */
export interface Location {
  file: string;
  range: Range;
}

/** What said so: a command we ran, a file we read, an environment variable, or a note. */
export type Evidence =
  | { kind: 'command'; command: string; argv: string[]; excerpt: string; exitCode?: number | null }
  | { kind: 'file'; file: string; excerpt: string; line?: number }
  | { kind: 'env'; name: string; value: string | undefined }
  | { kind: 'note'; text: string };

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export type Fix =
  /** Edits to workspace files (applied directly; minimal spans). */
  | { kind: 'edit'; title: string; edits: TextEdit[]; rename?: { from: string; to: string }; preferred?: boolean }
  /** A settings change (VS Code configuration); `scope` says where it belongs. */
  | {
      kind: 'setting';
      title: string;
      section: string;
      /** For object-valued settings (files.watcherExclude, go.toolsEnvVars …): the key to set. */
      key?: string;
      /** `undefined` removes the key / setting. */
      value: unknown;
      scope: 'workspace' | 'user';
      preferred?: boolean;
    }
  /** A command for the user to run in a terminal; never run without an explicit click. */
  | { kind: 'command'; title: string; command: string; outsideWorkspace: boolean; needsAdmin?: boolean }
  /** Advice that cannot be applied automatically. */
  | { kind: 'text'; title: string; text: string };

export interface Finding {
  /** Stable rule id, `family/what-is-wrong`; never changes once shipped. */
  rule: string;
  severity: Severity;
  /** States the fact and the consequence. One or two sentences. */
  message: string;
  evidence: Evidence[];
  location?: Location;
  fixes: Fix[];
}

const severityRank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank[a] - severityRank[b];
}

/** The worst severity in a list, or `undefined` when the list is empty. */
export function worstSeverity(findings: readonly Pick<Finding, 'severity'>[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (!worst || compareSeverity(f.severity, worst) > 0) worst = f.severity;
  return worst;
}

export function range(line: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line, character: startChar }, end: { line: endLine, character: endChar } };
}
