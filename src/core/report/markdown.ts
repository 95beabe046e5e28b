/**
 * The report as GitHub-flavoured Markdown ("Copy report as Markdown" in the extension, and
 * `go-doctor check --markdown`), for pasting into an issue: a table of the groups, then each
 * finding with its location, docs link, and (folded) evidence and fixes.
 */
import type { Severity } from '../finding.js';
import type { Rule } from '../rule.js';
import { describeEvidence, describeFix } from './describe.js';
import { groupFindings, summaryLine } from './human.js';
import type { DoctorReport } from './model.js';
import { displayLocation } from './paths.js';

const icons: Record<Severity | 'ok', string> = { ok: '✅', error: '❌', warning: '⚠️', info: 'ℹ️' };

/** Escapes text so Markdown shows it literally (code spans in backticks are left alone). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks inside `text`. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced block that survives backtick fences inside `lines`. */
export function codeBlock(lines: readonly string[], indent = ''): string[] {
  const longest = Math.max(2, ...lines.flatMap((l) => l.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return [`${indent}${fence}`, ...lines.map((l) => `${indent}${l}`), `${indent}${fence}`];
}

function countText(errors: number, warnings: number, infos: number): string {
  const parts: string[] = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  if (infos) parts.push(`${infos} note${infos === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : 'no issues';
}

export function renderMarkdown(report: DoctorReport, rules: readonly Pick<Rule, 'id'>[]): string {
  const s = report.snapshot;
  const root = s.workspace;
  const out: string[] = ['## Go Toolchain Doctor report', ''];
  const facts = [`go-doctor ${report.tool.version}`, `${s.platform}/${s.arch}`];
  if (s.macosVersion) facts.push(`macOS ${s.macosVersion}`);
  if (s.go.version) facts.push(s.go.binary ? `${s.go.version} at ${codeSpan(s.go.binary)}` : s.go.version);
  if (root) facts.push(`workspace ${codeSpan(root)}`);
  if (s.source === 'file') facts.push(`snapshot of ${s.createdAt}`);
  if (s.redacted) facts.push('redacted');
  out.push(facts.join(' · '), '');

  const groups = groupFindings(report, rules);
  out.push('| | Check | Result |', '|---|---|---|');
  for (const { group, findings } of groups) {
    const count = (sev: Severity) => findings.filter((f) => f.severity === sev).length;
    const state: Severity | 'ok' = findings[0]?.severity ?? 'ok';
    out.push(`| ${icons[state]} | ${escapeMarkdown(group.title)} | ${countText(count('error'), count('warning'), count('info'))} |`);
  }
  out.push('', escapeMarkdown(summaryLine(report, groups.filter((g) => g.findings.length > 0).length)));

  for (const { group, findings } of groups) {
    if (findings.length === 0) continue;
    out.push('', `### ${icons[findings[0]!.severity]} ${escapeMarkdown(group.title)}`, '');
    for (const f of findings) {
      const where = f.location ? ` ${codeSpan(displayLocation(f.location, root))}` : '';
      out.push(`- **${f.severity}** [${codeSpan(f.rule)}](${f.docsUrl})${where}: ${escapeMarkdown(f.message)}`);
      for (const fix of f.fixes) {
        const d = describeFix(fix, root);
        if (fix.kind === 'text') {
          out.push(`  - Fix: ${escapeMarkdown(d.headline)}${d.details.length ? ` — ${escapeMarkdown(d.details.join(' '))}` : ''}`);
          continue;
        }
        out.push(`  - Fix: ${escapeMarkdown(d.headline)}`);
        if (d.details.length) out.push(...codeBlock(d.details, '    '));
      }
      if (f.evidence.length) {
        out.push('  <details><summary>Evidence</summary>', '');
        const lines = f.evidence.flatMap((e) => {
          const d = describeEvidence(e, root);
          return [d.headline, ...d.details.map((l) => `  ${l}`)];
        });
        out.push(...codeBlock(lines, '  '), '', '  </details>');
      }
    }
  }
  return `${out.join('\n')}\n`;
}
