/**
 * The DoctorReport: one diagnosis, ready to render. Every front renders the same report (the CLI
 * as text, JSON or SARIF; the extension as Markdown), so the shape lives in core and is pure.
 * The JSON form is a public contract (docs/cli.md): add fields, never rename or remove them, and
 * bump REPORT_VERSION on any incompatible change.
 */
import type { Diagnosis } from '../diagnose.js';
import type { Evidence, Finding, Fix, Location, Severity } from '../finding.js';
import { ruleDocsUrl } from '../rule.js';
import type { Snapshot } from '../snapshot.js';
import { isRecord } from '../is-record.js';
import { relativeToRoot } from './paths.js';

export const REPORT_SCHEMA = 'go-doctor/report';
export const REPORT_VERSION = 1;

interface ToolIdentity {
  name: string;
  version: string;
}

/** What the report says about the snapshot it was computed from. */
export interface SnapshotSummary {
  createdAt: string;
  producer: ToolIdentity;
  /** `live` when probed just now, `file` when replayed with `check --from`. */
  source: 'live' | 'file';
  redacted: boolean;
  platform: string;
  arch: string;
  /** os.release() (the kernel release). */
  release: string;
  /** macOS product version (e.g. "26.1") when known. */
  macosVersion?: string;
  go: {
    /** The `go` that PATH resolution picks. */
    binary?: string;
    /** e.g. "go1.27.3". */
    version?: string;
    goroot?: string;
  };
  /** The workspace folder that was scanned, or null when the snapshot has none. */
  workspace: string | null;
  /**
   * `go.work` or else `go.mod` at the workspace root (absolute), when the workspace has one: where
   * findings without a location of their own are anchored (SARIF, editors).
   */
  moduleFile?: string;
  timeoutMs: number;
  /**
   * Set when the workspace findings were not computed now but reused from the check made at this
   * time (ISO 8601), because no file the scan reads, no machine fact and no setting has changed
   * since (`go-doctor check --no-cache` always checks afresh).
   */
  reusedFrom?: string;
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
  total: number;
}

/** A finding as reported: the engine's Finding plus the link to its rule's documentation. */
export interface ReportFinding {
  rule: string;
  severity: Severity;
  message: string;
  docsUrl: string;
  location?: Location;
  evidence: Evidence[];
  fixes: Fix[];
}

/**
 * A workspace file (or directory, link, the root itself) whose settings were not checked, and why:
 * it could not be read (permissions, not a regular file, a symbolic link out of the workspace,
 * binary, UTF-16, over 1 MiB …), could not be parsed, or the scan stopped before it.
 */
export interface UncheckedFile {
  /** Relative to the workspace root, `/`-separated; `.` is the root itself. */
  path: string;
  reason: string;
}

export interface DoctorReport {
  schema: typeof REPORT_SCHEMA;
  version: number;
  tool: ToolIdentity;
  snapshot: SnapshotSummary;
  summary: SeverityCounts;
  findings: ReportFinding[];
  /**
   * What the workspace checks could not look at (empty when they saw everything): a report with
   * no findings but unchecked files is not a clean bill. Absent in reports of older versions.
   */
  unchecked?: UncheckedFile[];
}

interface BuildReportOptions {
  tool: ToolIdentity;
  source?: 'live' | 'file';
}

export function countSeverities(findings: readonly Pick<Finding, 'severity'>[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, infos: 0, total: findings.length };
  for (const f of findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/** Copies a finding with a fixed key order (so the JSON form is stable) and its docs link. */
function toReportFinding(f: Finding): ReportFinding {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    docsUrl: ruleDocsUrl(f.rule),
    ...(f.location ? { location: f.location } : {}),
    evidence: f.evidence,
    fixes: f.fixes,
  };
}

function rootModuleFile(snapshot: Snapshot): string | undefined {
  const ws = snapshot.workspace;
  if (!ws) return undefined;
  const name = ['go.work', 'go.mod'].find((n) => ws.files.some((f) => f.path === n));
  if (!name) return undefined;
  return ws.root.endsWith('/') ? `${ws.root}${name}` : `${ws.root}/${name}`;
}

function summarizeSnapshot(snapshot: Snapshot, diagnosis: Pick<Diagnosis, 'context'>, source: 'live' | 'file'): SnapshotSummary {
  const { machine } = diagnosis.context;
  const summary: SnapshotSummary = {
    createdAt: snapshot.createdAt,
    producer: { name: snapshot.producer.name, version: snapshot.producer.version },
    source,
    redacted: snapshot.redacted,
    platform: snapshot.host.platform,
    arch: snapshot.host.arch,
    release: snapshot.host.release,
    go: {},
    workspace: snapshot.workspace ? snapshot.workspace.root : null,
    timeoutMs: snapshot.options.timeoutMs,
  };
  const moduleFile = rootModuleFile(snapshot);
  if (moduleFile) summary.moduleFile = moduleFile;
  if (machine.mac?.productVersion) summary.macosVersion = machine.mac.productVersion;
  if (machine.go.binary) summary.go.binary = machine.go.binary;
  if (machine.go.version) summary.go.version = machine.go.version.raw;
  const goroot = machine.go.env?.GOROOT;
  if (goroot) summary.go.goroot = goroot;
  return summary;
}

/** Why the scan stopped early, as an unchecked entry (for the root). */
const TRUNCATED_SCAN_REASON = 'the scan stopped early (entry or time budget): files after that point were not checked';

/**
 * What the workspace checks did not see: the scan's skipped entries, the files the parsers could
 * not understand (the model's notes) and a scan cut short. Sorted by path, duplicates dropped.
 */
function uncheckedFiles(snapshot: Snapshot, diagnosis: Pick<Diagnosis, 'context'>): UncheckedFile[] {
  const ws = snapshot.workspace;
  if (!ws) return [];
  const out: UncheckedFile[] = ws.skipped.map((s) => ({ path: s.path === '' ? '.' : s.path, reason: s.reason }));
  for (const n of diagnosis.context.workspace.notes ?? []) out.push({ path: relativeToRoot(n.file, ws.root) ?? n.file, reason: n.reason });
  if (ws.truncated) out.push({ path: '.', reason: TRUNCATED_SCAN_REASON });
  const seen = new Set<string>();
  return out
    .filter((u) => {
      const key = `${u.path}\u0000${u.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Builds the report for one diagnosis of one snapshot. Pure. */
export function buildReport(snapshot: Snapshot, diagnosis: Diagnosis, options: BuildReportOptions): DoctorReport {
  const findings = diagnosis.findings.map(toReportFinding);
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    tool: { name: options.tool.name, version: options.tool.version },
    snapshot: summarizeSnapshot(snapshot, diagnosis, options.source ?? 'live'),
    summary: countSeverities(findings),
    findings,
    unchecked: uncheckedFiles(snapshot, diagnosis),
  };
}

/** Is `value` a DoctorReport of this schema and version (e.g. read back from a cache file)? */
export function isDoctorReport(value: unknown): value is DoctorReport {
  if (!isRecord(value) || value.schema !== REPORT_SCHEMA || value.version !== REPORT_VERSION) return false;
  if (!isRecord(value.tool) || !isRecord(value.snapshot) || !isRecord(value.summary) || !Array.isArray(value.findings)) return false;
  const s = value.snapshot;
  if (typeof s.createdAt !== 'string' || typeof s.platform !== 'string' || typeof s.arch !== 'string' || !isRecord(s.go)) return false;
  const c = value.summary;
  if (!['errors', 'warnings', 'infos', 'total'].every((k) => typeof c[k] === 'number')) return false;
  return value.findings.every((f) => isRecord(f) && typeof f.rule === 'string' && typeof f.severity === 'string' && typeof f.message === 'string' && Array.isArray(f.evidence) && Array.isArray(f.fixes));
}
