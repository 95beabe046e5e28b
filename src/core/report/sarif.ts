/**
 * SARIF 2.1.0 (`go-doctor check --sarif`) for GitHub code scanning and other SARIF viewers.
 * Rules go to tool.driver.rules (with helpUri to docs/rules.md); each finding is a result whose
 * location is relative to the checked folder (uriBaseId SRCROOT) with a 1-based region.
 * Findings about the machine have no file of their own: they are anchored on the first line of
 * the workspace's go.work / go.mod when there is one (GitHub rejects results without a location).
 * Workspace files that were not checked are toolExecutionNotifications of the run's invocation
 * (level warning, with the file's location), so a log without results is not read as all clear.
 */
import type * as Sarif from 'sarif';
import type { Fix, Location, Severity, TextEdit } from '../finding.js';
import { absoluteDocsLinks, DOCS_BASE, ruleDocsUrl } from '../rule.js';
import { engineRuleDescriptors, type RuleDescriptor } from './engine-rules.js';
import { ruleFamily } from './groups.js';
import type { DoctorReport, ReportFinding } from './model.js';
import { encodePathForUri, relativeToRoot } from './paths.js';

const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = 'SRCROOT';

type SarifLevel = Extract<Sarif.ReportingConfiguration['level'], 'error' | 'warning' | 'note'>;

/**
 * The SARIF 2.1.0 log as @types/sarif describes it, narrowed where this writer always sets a member:
 * one run, results and rules present, and the run's own property bag (every other part uses the
 * library's types as they are).
 */
interface SarifLog extends Sarif.Log {
  runs: [SarifRun];
}

interface SarifRun extends Sarif.Run {
  tool: { driver: Sarif.ToolComponent & { rules: Sarif.ReportingDescriptor[] } };
  results: SarifResult[];
  properties: Sarif.PropertyBag & { platform: string; arch: string; goVersion?: string; redacted: boolean };
}

interface SarifResult extends Sarif.Result {
  properties: Sarif.PropertyBag & { docsUrl: string; anchored?: boolean; remediations: string[] };
}

const levels: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF wants a stable, non-localized identifier as the rule name: `go/not-found` → `GoNotFound`. */
export function sarifRuleName(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function descriptor(rule: RuleDescriptor): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: sarifRuleName(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.summary },
    help: { text: rule.docs || rule.summary, markdown: absoluteDocsLinks(rule.docs || rule.summary) },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: levels[rule.defaultSeverity] },
    properties: { tags: [ruleFamily(rule.id)] },
  };
}

function artifactLocation(file: string, root: string | null): Sarif.ArtifactLocation {
  const relative = relativeToRoot(file, root);
  if (relative !== undefined) return { uri: encodePathForUri(relative), uriBaseId: SRCROOT };
  if (file.startsWith('/')) return { uri: `file://${encodePathForUri(file)}` };
  return { uri: encodePathForUri(file) };
}

function sarifRegion(location: Pick<Location, 'range'>): Sarif.Region {
  const { start, end } = location.range;
  const endsBefore = end.line < start.line || (end.line === start.line && end.character < start.character);
  const last = endsBefore ? start : end;
  return { startLine: start.line + 1, startColumn: start.character + 1, endLine: last.line + 1, endColumn: last.character + 1 };
}

function sarifFix(fix: Fix, root: string | null): Sarif.Fix | undefined {
  if (fix.kind !== 'edit' || fix.rename || fix.edits.length === 0) return undefined;
  const byFile = new Map<string, TextEdit[]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return {
    description: { text: fix.title },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: artifactLocation(file, root),
      replacements: edits.map((e) => ({ deletedRegion: sarifRegion(e), insertedContent: { text: e.newText } })),
    })),
  };
}

function result(f: ReportFinding, ruleIndex: number, report: DoctorReport): SarifResult {
  const root = report.snapshot.workspace;
  const out: SarifResult = {
    ruleId: f.rule,
    ruleIndex,
    level: levels[f.severity],
    message: { text: f.message },
    properties: { docsUrl: f.docsUrl, remediations: f.fixes.map((x) => x.title) },
  };
  if (f.location) {
    out.locations = [{ physicalLocation: { artifactLocation: artifactLocation(f.location.file, root), region: sarifRegion(f.location) } }];
  } else if (report.snapshot.moduleFile) {
    const region: Sarif.Region = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
    out.locations = [{ physicalLocation: { artifactLocation: artifactLocation(report.snapshot.moduleFile, root), region } }];
    out.properties.anchored = true;
  }
  const fixes = f.fixes.map((x) => sarifFix(x, root)).filter((x): x is Sarif.Fix => x !== undefined);
  if (fixes.length) out.fixes = fixes;
  return out;
}

/** One workspace file the checks did not look at, as a tool execution notification. */
function notCheckedNotification(u: { path: string; reason: string }, root: string | null): Sarif.Notification {
  const shown = u.path === '.' ? 'the workspace root' : u.path;
  const out: Sarif.Notification = { level: 'warning', message: { text: `Not checked: ${shown} — ${u.reason}` }, properties: { path: u.path, reason: u.reason } };
  if (u.path !== '.' && root) {
    const base = root.endsWith('/') ? root : `${root}/`;
    out.locations = [{ physicalLocation: { artifactLocation: artifactLocation(`${base}${u.path}`, root) } }];
  }
  return out;
}

function repositoryUrl(): string {
  return DOCS_BASE.replace(/\/blob\/.*$/, '');
}

/** Builds the SARIF log for one report; `rules` are the rules that were run (the rule catalogue). */
export function buildSarif(report: DoctorReport, rules: readonly RuleDescriptor[]): SarifLog {
  const catalogue: RuleDescriptor[] = [...rules];
  const known = new Set(catalogue.map((r) => r.id));
  for (const f of report.findings) {
    if (known.has(f.rule)) continue;
    const engineRule = engineRuleDescriptors.find((r) => r.id === f.rule);
    catalogue.push(engineRule ?? { id: f.rule, defaultSeverity: f.severity, summary: f.rule, docs: '' });
    known.add(f.rule);
  }
  const index = new Map(catalogue.map((r, i) => [r.id, i]));
  const root = report.snapshot.workspace;
  const driver: SarifRun['tool']['driver'] = {
    name: report.tool.name,
    fullName: 'Go Toolchain Doctor',
    version: report.tool.version,
    informationUri: repositoryUrl(),
    rules: catalogue.map(descriptor),
  };
  if (/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(report.tool.version)) driver.semanticVersion = report.tool.version;
  const run: SarifRun = {
    tool: { driver },
    columnKind: 'utf16CodeUnits',
    results: report.findings.map((f) => result(f, index.get(f.rule) ?? 0, report)),
    properties: { platform: report.snapshot.platform, arch: report.snapshot.arch, redacted: report.snapshot.redacted },
  };
  if (report.snapshot.go.version) run.properties.goVersion = report.snapshot.go.version;
  const unchecked = report.unchecked ?? [];
  if (unchecked.length > 0) run.invocations = [{ executionSuccessful: true, toolExecutionNotifications: unchecked.map((u) => notCheckedNotification(u, root)) }];
  if (root && root.startsWith('/')) {
    const base = root.endsWith('/') ? root : `${root}/`;
    run.originalUriBaseIds = { [SRCROOT]: { uri: `file://${encodePathForUri(base)}`, description: { text: 'The folder that was checked.' } } };
  }
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function renderSarif(report: DoctorReport, rules: readonly RuleDescriptor[]): string {
  return `${JSON.stringify(buildSarif(report, rules), null, 2)}\n`;
}
