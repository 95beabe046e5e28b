/**
 * The human report, in the spirit of `flutter doctor`: one line per group with ✓ / ! / ✗, the
 * findings under it, and a summary line. Colour is the caller's decision (a TTY without NO_COLOR);
 * `verbose` adds evidence, fixes and documentation links. Workspace files that were not checked
 * are listed under the workspace group, which then never shows ✓. Every string that comes from
 * the machine, the workspace or a snapshot file goes through escapeForTerminal: a file name
 * cannot move the cursor, recolour the terminal, start a new line or reorder the text.
 */
import { compareSeverity, type Severity } from '../finding.js';
import type { Rule } from '../rule.js';
import { describeEvidence, describeFix } from './describe.js';
import { groupOfRule, reportGroups, ruleFamily, type ReportGroup } from './groups.js';
import type { DoctorReport, ReportFinding, SnapshotSummary, UncheckedFile } from './model.js';
import { displayLocation } from './paths.js';

interface HumanRenderOptions {
  colour: boolean;
  verbose: boolean;
}

type RuleMeta = Pick<Rule, 'id'>;

const marks: Record<Severity | 'ok', string> = { ok: '✓', error: '✗', warning: '!', info: '•' };
/** A group with no findings where something was not checked. */
const NOT_CHECKED_MARK = '?';
/** Unchecked files listed without -v. */
const UNCHECKED_SHOWN = 5;

/**
 * C0 controls (newline and tab included), DEL, C1 controls, the bidirectional formatting
 * characters (embeddings, overrides, isolates, marks) and the line/paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `s` with every character that a terminal would act on instead of printing (see
 * UNSAFE_FOR_TERMINAL) written as a visible escape: `\n`, `\x1b`, `\u202e`. The one escaping
 * function of the text report: every file name, message, evidence and fix line goes through it.
 */
export function escapeForTerminal(s: string): string {
  return s.replace(UNSAFE_FOR_TERMINAL, (ch) => {
    const named = NAMED_ESCAPES[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const esc = escapeForTerminal;

interface Palette {
  ok(s: string): string;
  error(s: string): string;
  warning(s: string): string;
  info(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

function palette(colour: boolean): Palette {
  const sgr = (open: number, close: number) => (s: string) => (colour ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { ok: sgr(32, 39), error: sgr(31, 39), warning: sgr(33, 39), info: sgr(36, 39), bold: sgr(1, 22), dim: sgr(2, 22) };
}

function paint(p: Palette, severity: Severity | 'ok', s: string): string {
  return p[severity](s);
}

/** A short fact shown beside a group's title (e.g. which go), when the snapshot has it. */
function groupDetail(group: ReportGroup, s: SnapshotSummary): string | undefined {
  if (group.id === 'go' && s.go.version) return esc(s.go.binary ? `${s.go.version} at ${s.go.binary}` : s.go.version);
  if (group.id === 'workspace' && s.workspace) return esc(s.workspace);
  return undefined;
}

/** The group that lists files not checked (the workspace group). */
const UNCHECKED_GROUP = 'workspace';

/** `N files not checked` for a group title or summary. */
function notCheckedCount(unchecked: readonly UncheckedFile[]): string {
  return `${plural(unchecked.length, 'workspace file', 'workspace files')} not checked`;
}

interface GroupView {
  group: ReportGroup;
  findings: ReportFinding[];
}

/** The groups to show, in order: the known ones that apply, then any family no group names. */
export function groupFindings(report: DoctorReport, rules: readonly RuleMeta[]): GroupView[] {
  const views = new Map<string, GroupView>();
  const ensure = (group: ReportGroup): GroupView => {
    let view = views.get(group.id);
    if (!view) {
      view = { group, findings: [] };
      views.set(group.id, view);
    }
    return view;
  };
  const checkedFamilies = new Set(rules.map((r) => ruleFamily(r.id)));
  for (const group of reportGroups) {
    if (group.onlyWithFindings) continue;
    if (group.appliesTo && !group.appliesTo(report.snapshot)) continue;
    if (group.families.some((f) => checkedFamilies.has(f))) ensure(group);
  }
  for (const rule of rules) {
    const group = groupOfRule(rule.id);
    if (!reportGroups.some((g) => g.id === group.id)) ensure(group);
  }
  for (const f of report.findings) ensure(groupOfRule(f.rule)).findings.push(f);
  // Files not checked are shown under the workspace group even when no workspace rule ran.
  const workspaceGroup = reportGroups.find((g) => g.id === UNCHECKED_GROUP);
  if (workspaceGroup && (report.unchecked?.length ?? 0) > 0) ensure(workspaceGroup);
  const order = (id: string) => {
    const i = reportGroups.findIndex((g) => g.id === id);
    return i < 0 ? reportGroups.length : i;
  };
  return [...views.values()]
    .sort((a, b) => order(a.group.id) - order(b.group.id))
    .map((v) => ({ ...v, findings: [...v.findings].sort((a, b) => compareSeverity(b.severity, a.severity)) }));
}

function worst(findings: readonly ReportFinding[]): Severity | 'ok' {
  let w: Severity | 'ok' = 'ok';
  for (const f of findings) if (w === 'ok' || compareSeverity(f.severity, w) > 0) w = f.severity;
  return w;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The closing line: what was found, or that nothing was. */
export function summaryLine(report: DoctorReport, groupsWithIssues: number, colour = false): string {
  const p = palette(colour);
  const { errors, warnings, infos } = report.summary;
  const unchecked = report.unchecked ?? [];
  const notChecked = unchecked.length > 0 ? ` ${notCheckedCount(unchecked)}.` : '';
  if (errors === 0 && warnings === 0 && infos === 0) {
    return notChecked ? `${p.warning(NOT_CHECKED_MARK)} No issues found in what was checked;${notChecked}` : `${p.ok(marks.ok)} No issues found.`;
  }
  const parts: string[] = [];
  if (errors) parts.push(plural(errors, 'error', 'errors'));
  if (warnings) parts.push(plural(warnings, 'warning', 'warnings'));
  if (infos) parts.push(plural(infos, 'note', 'notes'));
  const severity: Severity = errors ? 'error' : warnings ? 'warning' : 'info';
  const where = plural(groupsWithIssues, 'category', 'categories');
  return `${paint(p, severity, marks[severity])} Doctor found ${parts.join(', ')} in ${where}.${notChecked}`;
}

function header(report: DoctorReport): string {
  const s = report.snapshot;
  const parts = [`${s.platform}/${s.arch}`];
  if (s.macosVersion) parts.push(`macOS ${s.macosVersion}`);
  if (s.source === 'file') parts.push(`snapshot of ${s.createdAt}${s.redacted ? ' (redacted)' : ''}`);
  if (s.reusedFrom) parts.push(`workspace unchanged since ${s.reusedFrom}: results reused (--no-cache checks again)`);
  return esc(`Go Toolchain Doctor ${report.tool.version} · ${parts.join(' · ')}`);
}

export function renderHuman(report: DoctorReport, rules: readonly RuleMeta[], options: HumanRenderOptions): string {
  const p = palette(options.colour);
  const root = report.snapshot.workspace;
  const out: string[] = [p.bold(header(report)), ''];
  const groups = groupFindings(report, rules);
  const unchecked = report.unchecked ?? [];
  for (const { group, findings } of groups) {
    const state = worst(findings);
    const notChecked = group.id === UNCHECKED_GROUP ? unchecked : [];
    const detail = groupDetail(group, report.snapshot);
    const title = detail ? `${p.bold(esc(group.title))} (${detail})` : p.bold(esc(group.title));
    const mark = state === 'ok' && notChecked.length > 0 ? p.warning(NOT_CHECKED_MARK) : paint(p, state, marks[state]);
    out.push(`[${mark}] ${title}${notChecked.length > 0 ? ` — ${notCheckedCount(notChecked)}` : ''}`);
    for (const f of findings) {
      const where = f.location ? `${esc(displayLocation(f.location, root))}: ` : '';
      out.push(`    ${paint(p, f.severity, marks[f.severity])} ${where}${esc(f.message)} ${p.dim(`[${esc(f.rule)}]`)}`);
      if (!options.verbose) continue;
      for (const e of f.evidence) {
        const d = describeEvidence(e, root);
        out.push(`      ${p.dim('evidence')} ${esc(d.headline)}`);
        for (const line of d.details) out.push(`               ${p.dim('│')} ${esc(line)}`);
      }
      for (const fix of f.fixes) {
        const d = describeFix(fix, root);
        out.push(`      ${p.ok('fix')}      ${esc(d.headline)}`);
        for (const line of d.details) out.push(`               ${esc(line)}`);
      }
      out.push(`      ${p.dim('docs')}     ${esc(f.docsUrl)}`);
    }
    const shown = options.verbose ? notChecked : notChecked.slice(0, UNCHECKED_SHOWN);
    for (const u of shown) out.push(`    ${p.warning(NOT_CHECKED_MARK)} not checked: ${esc(u.path)} — ${esc(u.reason)}`);
    if (shown.length < notChecked.length) out.push(`    ${p.dim(`… and ${notChecked.length - shown.length} more not checked (-v lists them all)`)}`);
  }
  const withIssues = groups.filter((g) => g.findings.length > 0).length;
  out.push('', summaryLine(report, withIssues, options.colour));
  if (!options.verbose && report.findings.length > 0) out.push(p.dim('Run with -v to see the evidence, the fixes and links to the docs.'));
  return `${out.join('\n')}\n`;
}
