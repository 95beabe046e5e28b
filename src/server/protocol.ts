/**
 * The doctor's additions to LSP: custom requests/notifications, the client-side commands code
 * actions refer to, and the initialization options. Plain types and strings only, so the VS Code
 * extension (and tests) can import this file without pulling in the server.
 */
import type { Range } from '../core/finding.js';
import type { EditorRecord } from '../core/snapshot.js';
import type { DoctorSettingValues } from '../core/doctor-settings.js';
import type { DoctorReport, ReportFinding } from '../core/report/model.js';

export const SERVER_NAME = 'Go Toolchain Doctor';
/** `source` of every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'Go Toolchain Doctor';

/** Request: every finding (published or not) and a summary of the snapshot, per workspace folder. */
export const REPORT_REQUEST = 'goDoctor/report';
/** Request: the current snapshot of one folder (for "Export snapshot"); redaction is the caller's job. */
export const SNAPSHOT_REQUEST = 'goDoctor/snapshot';
/** Notification (client → server): PATH or a Go binary changed; re-probe and re-check everything. */
export const TOOLCHAIN_CHANGED_NOTIFICATION = 'goDoctor/toolchainChanged';
/** Notification (server → client): a new analysis finished (the client may refresh its report). */
export const REPORT_CHANGED_NOTIFICATION = 'goDoctor/reportChanged';

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
