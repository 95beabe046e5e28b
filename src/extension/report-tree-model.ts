/**
 * The report as a tree of plain nodes: the toolchain summary, then every check grouped as in the
 * CLI report (passed / warning / error / not checked), each finding with its location, evidence
 * and fixes, and finally what was skipped. Pure (no `vscode`), so it is unit-tested directly.
 */
import { worstSeverity, type Evidence, type Fix, type Location, type Severity } from '../core/finding.js';
import type { RuleSettings } from '../core/engine.js';
import { groupOfRule, reportGroups } from '../core/report/groups.js';
import { describeEvidence, describeFix } from '../core/report/describe.js';
import { displayLocation } from '../core/report/paths.js';
import type { FolderReport, PublishedFinding, RuleInfo, SkippedCheck } from '../server/protocol.js';
import { summaryParts, type Translate } from './status-summary.js';

/** passed: ran, nothing found; notChecked: could not run (Restricted Mode); disabled: by settings. */
export type CheckStatus = Severity | 'passed' | 'notChecked' | 'disabled';

export type ReportNode =
  | { kind: 'toolchain'; id: string; label: string; tooltip: string }
  | { kind: 'group'; id: string; label: string; status: CheckStatus; description: string; children: ReportNode[] }
  | { kind: 'check'; id: string; rule: RuleInfo; status: CheckStatus; description: string; children: ReportNode[] }
  | { kind: 'finding'; id: string; finding: PublishedFinding; label: string; description: string; children: ReportNode[] }
  | { kind: 'location'; id: string; location: Location; label: string }
  | { kind: 'evidence'; id: string; evidence: Evidence; label: string; details: string[] }
  | { kind: 'fix'; id: string; fix: Fix; finding: PublishedFinding; label: string; details: string[] }
  | { kind: 'skipped'; id: string; label: string; children: ReportNode[] }
  | { kind: 'skippedItem'; id: string; skipped: SkippedCheck; label: string };

const STATUS_RANK: Record<CheckStatus, number> = { error: 5, warning: 4, info: 3, notChecked: 2, passed: 1, disabled: 0 };

function worstStatus(statuses: CheckStatus[]): CheckStatus {
  let worst: CheckStatus = 'passed';
  let any = false;
  for (const s of statuses) {
    if (!any || STATUS_RANK[s] > STATUS_RANK[worst]) worst = s;
    any = true;
  }
  return worst;
}

function countDescription(findings: readonly PublishedFinding[], t: Translate): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const infos = findings.length - errors - warnings;
  const parts: string[] = [];
  if (errors) parts.push(errors === 1 ? t('1 error') : t('{0} errors', errors));
  if (warnings) parts.push(warnings === 1 ? t('1 warning') : t('{0} warnings', warnings));
  if (infos) parts.push(infos === 1 ? t('1 note') : t('{0} notes', infos));
  return parts.join(', ');
}

function statusDescription(status: CheckStatus, t: Translate): string {
  switch (status) {
    case 'passed':
      return t('passed');
    case 'notChecked':
      return t('not checked (Restricted Mode)');
    case 'disabled':
      return t('disabled in settings');
    default:
      return '';
  }
}

function findingNode(finding: PublishedFinding, id: string, root: string | null, t: Translate): ReportNode {
  const children: ReportNode[] = [];
  const where = finding.location ? displayLocation(finding.location, root) : '';
  if (finding.location) children.push({ kind: 'location', id: `${id}/loc`, location: finding.location, label: t('Open {0}', where) });
  finding.evidence.forEach((evidence, i) => {
    const d = describeEvidence(evidence, root);
    children.push({ kind: 'evidence', id: `${id}/ev${i}`, evidence, label: d.headline, details: d.details });
  });
  finding.fixes.forEach((fix, i) => {
    const d = describeFix(fix, root);
    children.push({ kind: 'fix', id: `${id}/fix${i}`, fix, finding, label: d.headline, details: d.details });
  });
  const firstLine = finding.message.split('\n')[0] ?? finding.message;
  return { kind: 'finding', id, finding, label: firstLine, description: where, children };
}

interface TreeInput {
  report: FolderReport;
  rules: readonly RuleInfo[];
  settings: RuleSettings;
  trusted: boolean;
}

export function buildReportTree(input: TreeInput, t: Translate): ReportNode[] {
  const { report, settings, trusted } = input;
  const root = report.snapshot.workspace;
  const platform = report.toolchain.platform;
  const byRule = new Map<string, PublishedFinding[]>();
  for (const f of report.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);

  // every shipped rule, plus any rule id the server reported that this build does not know
  const rules = [...input.rules];
  for (const id of byRule.keys()) {
    if (!rules.some((r) => r.id === id)) rules.push({ id, summary: '', defaultSeverity: 'warning', docsUrl: byRule.get(id)?.[0]?.docsUrl ?? '', runsUntrusted: false });
  }

  const checks = rules.map((rule): Extract<ReportNode, { kind: 'check' }> => {
    const findings = byRule.get(rule.id) ?? [];
    const id = `check:${rule.id}`;
    let status: CheckStatus;
    if (findings.length) status = worstSeverity(findings) ?? 'info';
    else if (settings[rule.id]?.enabled === false) status = 'disabled';
    else if (!trusted && !rule.runsUntrusted) status = 'notChecked';
    else status = 'passed';
    const children = findings.map((f, i) => findingNode(f, `${id}/${i}`, root, t));
    // one finding: its details directly under the check
    const flat = children.length === 1 && children[0]?.kind === 'finding' ? children[0].children : children;
    const description = findings.length === 1 ? (findings[0]?.message.split('\n')[0] ?? '') : findings.length ? countDescription(findings, t) : statusDescription(status, t);
    return { kind: 'check', id, rule, status, description, children: flat };
  });

  const summaryForGroups = { platform, workspace: root };
  const groups: ReportNode[] = [];
  const seen = new Set<string>();
  const groupList = [...reportGroups];
  for (const check of checks) {
    const g = groupOfRule(check.rule.id);
    if (!groupList.some((x) => x.id === g.id)) groupList.push(g);
  }
  for (const group of groupList) {
    if (seen.has(group.id)) continue;
    seen.add(group.id);
    const members = checks.filter((c) => groupOfRule(c.rule.id).id === group.id);
    const hasFindings = members.some((c) => (byRule.get(c.rule.id)?.length ?? 0) > 0);
    if (group.onlyWithFindings && !hasFindings) continue;
    if (group.appliesTo && !hasFindings && !group.appliesTo(summaryForGroups as Parameters<NonNullable<typeof group.appliesTo>>[0])) continue;
    if (!members.length) continue;
    members.sort((a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status]);
    const status = worstStatus(members.map((m) => m.status));
    const findings = members.flatMap((m) => byRule.get(m.rule.id) ?? []);
    groups.push({
      kind: 'group',
      id: `group:${group.id}`,
      label: group.title,
      status,
      description: findings.length ? countDescription(findings, t) : statusDescription(status, t),
      children: members,
    });
  }

  const nodes: ReportNode[] = [];
  const parts = summaryParts(report, t);
  nodes.push({ kind: 'toolchain', id: 'toolchain', label: parts.join(' · '), tooltip: parts.join('\n') });
  nodes.push(...groups);
  if (report.skipped.length) {
    nodes.push({
      kind: 'skipped',
      id: 'skipped',
      label: t('Skipped ({0})', report.skipped.length),
      children: report.skipped.map((s, i) => ({ kind: 'skippedItem', id: `skipped/${i}`, skipped: s, label: s.reason ? `${s.what} — ${s.reason}` : s.what })),
    });
  }
  return nodes;
}
