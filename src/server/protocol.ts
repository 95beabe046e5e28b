/**
 * The doctor's additions to LSP, shared by the server and the VS Code extension (one bundle
 * version ships both, so neither side re-validates the other's messages): the custom requests and
 * notifications with their parameter and result types (the role of rust-analyzer's lsp_ext.ts),
 * the client-side commands code actions refer to, and the initialization options. Plain data: no
 * import of the server, of `vscode` or of an LSP library.
 *
 * A message is declared once here, as its method plus its types; each side makes its library's
 * RequestType / NotificationType of it (serve.ts, extension/client.ts). The server's
 * vscode-languageserver and the client's vscode-languageclient bring different vscode-jsonrpc
 * versions, whose message classes TypeScript does not let mix.
 */
import type { Range, Severity } from '../core/finding.js';
import type { EditorRecord, Snapshot } from '../core/snapshot.js';
import type { DoctorSettingValues } from '../core/doctor-settings.js';
import type { DoctorReport, ReportFinding } from '../core/report/model.js';

export const SERVER_NAME = 'Go Toolchain Doctor';
/** `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'Go Toolchain Doctor';

/** A request of the doctor's protocol: params `P`, result `R` (the types exist for the compiler only). */
export interface DoctorRequest<P, R> {
  readonly method: string;
  readonly types?: { params: P; result: R };
}

/** A notification of the doctor's protocol, with params `P`. */
export interface DoctorNotification<P> {
  readonly method: string;
  readonly types?: { params: P };
}

/** Request: every finding (published or not) and a summary of the snapshot, per workspace folder. */
export const reportRequest: DoctorRequest<ReportParams, ReportResult> = { method: 'goDoctor/report' };
/** Request: the current snapshot of one folder (for "Export snapshot"); redaction is the caller's job. */
export const snapshotRequest: DoctorRequest<SnapshotParams, Snapshot | null> = { method: 'goDoctor/snapshot' };
/** Request: every check the server runs (its rules plus the engine's own) with their docs, for the report tree. */
export const rulesRequest: DoctorRequest<Record<string, never>, RuleInfo[]> = { method: 'goDoctor/rules' };
/** Notification (client → server): PATH or a Go binary changed; re-probe and re-check everything. */
export const toolchainChangedNotification: DoctorNotification<Record<string, never>> = { method: 'goDoctor/toolchainChanged' };
/** Notification (server → client): a new analysis of the folder finished (the client may refresh its report). */
export const reportChangedNotification: DoctorNotification<{ folderUri: string }> = { method: 'goDoctor/reportChanged' };

/** Commands code actions carry; the CLIENT implements them. The server never runs anything. */
export const APPLY_SETTING_COMMAND = 'goDoctor.applySetting';
export const SHOW_COMMAND_COMMAND = 'goDoctor.showCommand';

export interface ApplySettingArgs {
  title: string;
  rule: string;
  section: string;
  key?: string;
  /** Absent when the fix removes the key / setting (JSON has no `undefined`); `remove` says so explicitly. */
  value?: unknown;
  remove: boolean;
  scope: 'workspace' | 'user';
  /** The folder the setting applies to (file URI), when known. */
  folderUri?: string;
}

export interface ShowCommandArgs {
  title: string;
  rule: string;
  /** The exact terminal command to show (and run only after an explicit click). */
  command: string;
  outsideWorkspace: boolean;
  needsAdmin: boolean;
}

export interface InitializationOptions {
  /** Workspace Trust. When false the server runs no process at all; static file checks still run. */
  trusted?: boolean;
  /** Settings for clients that do not answer workspace/configuration (e.g. a plain Neovim setup). */
  settings?: Partial<DoctorSettings>;
  /** The editor the server runs for (VS Code sends its remote name: "ssh-remote", "wsl" …). */
  editor?: EditorRecord;
}

/** The `goDoctor` configuration section as the server uses it (read by core/doctor-settings.ts). */
export interface DoctorSettings extends DoctorSettingValues {
  /** From initializationOptions.editor: recorded in snapshots (what to restart, which go the Go extension runs). */
  editor?: EditorRecord;
}

export interface ReportParams {
  /** The folder (or a file in it) whose report is returned at the top level; the first folder when absent. */
  uri?: string;
}

export interface SnapshotParams {
  /** The folder (or a file in it); the first folder when absent. */
  uri?: string;
}

/** One check as the report tree lists it (`go-doctor rules` shows the same). */
export interface RuleInfo {
  id: string;
  summary: string;
  defaultSeverity: Severity;
  docsUrl: string;
  docs?: string;
  /** The rule also runs in an untrusted workspace (it reads only the workspace's files). */
  runsUntrusted: boolean;
}

export interface SkippedCheck {
  /** What did not run. */
  what: string;
  /** Why, in words for the user. */
  reason: string;
}

export interface PublishedFinding extends ReportFinding {
  /** Where the finding was published as a diagnostic (its own location, or the anchor chosen for it). */
  published?: { uri: string; range: Range };
}

/** Status-bar facts beyond the core snapshot summary. */
export interface ToolchainFacts {
  goVersion?: string;
  goBinary?: string;
  /** No go on PATH, but this Go is installed: its GOROOT (`~/…`), version, and the startup file that matters. */
  goNotOnPath?: { version?: string; goroot: string; file?: string };
  platform: string;
  arch: string;
  /** `go env CGO_ENABLED` as the probe saw it. */
  cgoEnabled?: boolean;
  /** Command Line Tools package version (macOS). */
  cltVersion?: string;
  /** Target platforms the workspace sets (GOOS/GOARCH in its build files), e.g. "js/wasm". */
  targets: string[];
  toolNames: string[];
}

/**
 * One folder's report: the core DoctorReport (the same JSON as `go-doctor check --json`) plus
 * what the server knows on top — trust, what was skipped, where each finding was published.
 */
export interface FolderReport extends Omit<DoctorReport, 'findings'> {
  folderUri: string;
  trusted: boolean;
  /** `probing` while a (re-)probe runs; the findings are then those of the previous analysis. */
  state: 'probing' | 'ready';
  findings: PublishedFinding[];
  toolchain: ToolchainFacts;
  skipped: SkippedCheck[];
  /** Workspace files the scan skipped (unreadable, huge, binary…). */
  skippedFiles: { path: string; reason: string }[];
}

/** The report of the requested folder at the top level, and every folder's report in `folders`. */
export type ReportResult = (FolderReport & { folders: FolderReport[] }) | { folders: [] };
