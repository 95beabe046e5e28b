/**
 * The extension's view of the server's custom protocol (names and types come from
 * src/server/protocol.ts, which is plain data). Responses are read defensively: a server from
 * another build, or a folder still probing, never crashes the UI — missing fields read "unknown".
 */
import type { Evidence, Fix, Location, Severity } from '../core/finding.js';
import type { FolderReport, SkippedCheck } from '../server/protocol.js';
import { goPlatform } from './status-summary.js';
import { isRecord } from '../core/is-record.js';

export {
  APPLY_SETTING_COMMAND,
  REPORT_CHANGED_NOTIFICATION,
  REPORT_REQUEST,
  SHOW_COMMAND_COMMAND,
  SNAPSHOT_REQUEST,
  TOOLCHAIN_CHANGED_NOTIFICATION,
  DIAGNOSTIC_SOURCE,
} from '../server/protocol.js';
export type { ApplySettingArgs, DoctorSettings, InitializationOptions, ReportResult, ShowCommandArgs, SnapshotParams, ReportParams } from '../server/protocol.js';

export type SkippedWork = SkippedCheck;

export interface ReportedFinding {
  rule: string;
  severity: Severity;
  message: string;
  docsUrl?: string;
  location?: Location;
  evidence: Evidence[];
  fixes: Fix[];
}

/** Toolchain facts for the status bar. */
export interface ToolchainFacts {
  goVersion?: string;
  goBinary?: string;
  /** No go on PATH, but this Go is installed (go/installed-not-on-path explains why). */
  goNotOnPath?: { version?: string; goroot: string; file?: string };
  platform?: string;
  arch?: string;
  cgoEnabled?: boolean;
  /** Command Line Tools version (macOS). */
  cltVersion?: string;
  macosVersion?: string;
  /** Target platforms ("goos/goarch") the workspace sets that differ from the host. */
  targets: string[];
  /** Tool names the probe looked for on PATH. */
  toolNames?: string[];
}

/** One folder's diagnosis as the extension shows it. */
export interface ExtensionReport {
  folderUri?: string;
  /** The folder's path (for relative locations in the report). */
  root: string | null;
  trusted: boolean;
  /** 'probing' while a probe is still running after a change. */
  state: 'probing' | 'ready';
  findings: ReportedFinding[];
  toolchain: ToolchainFacts;
  skipped: SkippedWork[];
  skippedFiles: { path: string; reason: string }[];
  /** The folder report exactly as the server sent it (core's DoctorReport plus server fields). */
  raw: Record<string, unknown>;
  /** When the extension asked for this report (ms since the epoch). */
  receivedAt: number;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function readFinding(v: unknown): ReportedFinding | undefined {
  if (!isRecord(v) || typeof v.rule !== 'string' || typeof v.message !== 'string') return undefined;
  const finding: ReportedFinding = {
    rule: v.rule,
    severity: SEVERITIES.includes(v.severity as Severity) ? (v.severity as Severity) : 'info',
    message: v.message,
    evidence: Array.isArray(v.evidence) ? (v.evidence.filter(isRecord) as unknown as Evidence[]) : [],
    fixes: Array.isArray(v.fixes) ? (v.fixes.filter(isRecord) as unknown as Fix[]) : [],
  };
  const docsUrl = text(v.docsUrl);
  if (docsUrl) finding.docsUrl = docsUrl;
  if (isRecord(v.location) && typeof v.location.file === 'string' && isRecord(v.location.range)) {
    finding.location = v.location as unknown as Location;
  }
  return finding;
}

function readPairs(v: unknown): { path: string; reason: string }[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((s) => ({ path: text(s.path) ?? text(s.what) ?? '', reason: text(s.reason) ?? '' }));
}

function fileUriToPath(uri: string | undefined): string | null {
  if (!uri?.startsWith('file://')) return null;
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return null;
  }
}

/** Reads one folder of a `goDoctor/report` response. */
export function readFolderReport(raw: unknown, receivedAt = Date.now()): ExtensionReport {
  const r: Partial<Record<keyof FolderReport, unknown>> = isRecord(raw) ? raw : {};
  const snapshot = isRecord(r.snapshot) ? r.snapshot : {};
  const go = isRecord(snapshot.go) ? snapshot.go : {};
  const facts = isRecord(r.toolchain) ? r.toolchain : {};
  const toolchain: ToolchainFacts = { targets: [] };
  const set = <K extends keyof ToolchainFacts>(key: K, value: ToolchainFacts[K] | undefined): void => {
    if (value !== undefined) toolchain[key] = value;
  };
  set('goVersion', text(facts.goVersion) ?? text(go.version));
  set('goBinary', text(facts.goBinary) ?? text(go.binary));
  const hidden = isRecord(facts.goNotOnPath) ? facts.goNotOnPath : undefined;
  const hiddenRoot = hidden ? text(hidden.goroot) : undefined;
  if (hidden && hiddenRoot) {
    const version = text(hidden.version);
    const file = text(hidden.file);
    set('goNotOnPath', { goroot: hiddenRoot, ...(version ? { version } : {}), ...(file ? { file } : {}) });
  }
  set('platform', text(facts.platform) ?? text(snapshot.platform));
  set('arch', text(facts.arch) ?? text(snapshot.arch));
  set('cgoEnabled', typeof facts.cgoEnabled === 'boolean' ? facts.cgoEnabled : undefined);
  set('cltVersion', text(facts.cltVersion));
  set('macosVersion', text(snapshot.macosVersion));
  const host = toolchain.platform ? goPlatform(toolchain.platform, toolchain.arch) : '';
  if (Array.isArray(facts.targets)) {
    for (const t of facts.targets) if (typeof t === 'string' && t && t !== host && !toolchain.targets.includes(t)) toolchain.targets.push(t);
  }
  if (Array.isArray(facts.toolNames)) toolchain.toolNames = facts.toolNames.filter((n): n is string => typeof n === 'string');

  const folderUri = text(r.folderUri);
  const report: ExtensionReport = {
    root: text(snapshot.workspace) ?? fileUriToPath(folderUri),
    trusted: r.trusted !== false,
    state: r.state === 'probing' ? 'probing' : 'ready',
    findings: (Array.isArray(r.findings) ? r.findings : []).map(readFinding).filter((f): f is ReportedFinding => f !== undefined),
    toolchain,
    skipped: (Array.isArray(r.skipped) ? r.skipped : [])
      .filter(isRecord)
      .map((x) => ({ what: text(x.what) ?? '', reason: text(x.reason) ?? '' }))
      .filter((x) => x.what !== ''),
    skippedFiles: readPairs(r.skippedFiles),
    raw: isRecord(raw) ? raw : {},
    receivedAt,
  };
  if (folderUri) report.folderUri = folderUri;
  return report;
}

/** All folders of a `goDoctor/report` response. */
export function readReportResult(raw: unknown, receivedAt = Date.now()): ExtensionReport[] {
  const folders = isRecord(raw) && Array.isArray(raw.folders) ? raw.folders : [];
  return folders.map((f) => readFolderReport(f, receivedAt));
}

/**
 * The folder to show: the one containing `activeUri` (longest matching folder URI), else the first.
 */
export function pickFolder(reports: readonly ExtensionReport[], activeUri?: string): ExtensionReport | undefined {
  if (activeUri) {
    let best: ExtensionReport | undefined;
    for (const r of reports) {
      const base = r.folderUri?.endsWith('/') ? r.folderUri : `${r.folderUri ?? ''}/`;
      if (r.folderUri && (activeUri === r.folderUri || activeUri.startsWith(base)) && (!best || (r.folderUri.length > (best.folderUri?.length ?? 0)))) best = r;
    }
    if (best) return best;
  }
  return reports[0];
}
