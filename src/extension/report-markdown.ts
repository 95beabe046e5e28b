/**
 * "Copy Report as Markdown": the core Markdown renderer (the same as `go-doctor check --markdown`)
 * over the folder report, redacted first (home → `~`, user name → `<user>`, URL credentials), so
 * it can be pasted into a public bug report. What the server skipped is appended.
 */
import { countSeverities, type DoctorReport } from '../core/report/model.js';
import { renderMarkdown, escapeMarkdown } from '../core/report/markdown.js';
import { redactReportText, redactStrings, type RedactionIdentity } from '../core/redact.js';
import type { FolderReport, RuleInfo } from '../server/protocol.js';

/** The core part of a folder report; the counts include findings the extension added (the watchdog's). */
function asDoctorReport(report: FolderReport): DoctorReport {
  const { schema, version, tool, snapshot, findings, unchecked } = report;
  return { schema, version, tool, snapshot, summary: countSeverities(findings), findings, ...(unchecked ? { unchecked } : {}) };
}

export function reportMarkdown(report: FolderReport, rules: readonly RuleInfo[], identity: RedactionIdentity): string {
  const redact = (text: string): string => redactReportText(text, identity);
  const doctorReport = redactStrings(asDoctorReport(report), redact);
  doctorReport.snapshot = { ...doctorReport.snapshot, redacted: true };
  let md = renderMarkdown(doctorReport, rules);
  const skipped = redactStrings(report.skipped, redact);
  if (skipped.length) {
    md += ['', '### Skipped', '', ...skipped.map((s) => `- ${escapeMarkdown(s.what)}${s.reason ? `: ${escapeMarkdown(s.reason)}` : ''}`), ''].join('\n');
  }
  return md;
}
