/**
 * What activate() returns. Tests in the extension host cannot read the DOM, so everything a test
 * must observe (the status bar, the report, the tree, timings) is readable here.
 */
import type * as vscode from 'vscode';
import type { DoctorTimings } from './context.js';
import type { ReceivedReport } from './folder-reports.js';
import type { ReportNode } from './report-tree-model.js';
import type { StatusSummary } from './status-summary.js';
import type { WatchdogView } from './watchdog/index.js';

export interface DoctorApi {
  /** The status bar item as rendered now. */
  readonly status: StatusSummary;
  /** The language status item shown for Go and go.mod files. */
  readonly languageStatus: { text: string; detail: string | undefined; severity: 'information' | 'warning' | 'error'; busy: boolean };
  /** The report shown (the active folder's, plus the watchdog's storm finding), or undefined before the first one. */
  readonly report: ReceivedReport | undefined;
  /** The gopls watchdog's state (undefined until it starts; it never starts in Restricted Mode). */
  readonly watchdog: WatchdogView | undefined;
  /** The report tree's root nodes. */
  readonly tree: readonly ReportNode[];
  readonly timings: Readonly<DoctorTimings>;
  readonly trusted: boolean;
  readonly onDidReport: vscode.Event<ReceivedReport | undefined>;
  /** Resolves with the first report (current or next) that satisfies `predicate`. */
  whenReport(predicate?: (report: ReceivedReport) => boolean, timeoutMs?: number): Promise<ReceivedReport>;
}
