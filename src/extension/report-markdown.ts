/**
 * "Copy Report as Markdown": the core Markdown renderer (the same as `go-doctor check --markdown`)
 * over the folder report, redacted first (home → `~`, user name → `<user>`, URL credentials), so
 * it can be pasted into a public bug report. What the server skipped is appended.
 */
import type { DoctorReport } from '../core/report/model.js';
import { renderMarkdown, escapeMarkdown } from '../core/report/markdown.js';
import { redactReportText, redactStrings, type RedactionIdentity } from '../core/redact.js';
import type { ExtensionReport } from './protocol.js';
import type { RuleInfo } from './report-tree-model.js';

function asDoctorReport(report: ExtensionReport): DoctorReport {
  const raw = report.raw as Partial<DoctorReport>;
  const tc = report.toolchain;
  const findings = report.findings.map((f) => ({ ...f, docsUrl: f.docsUrl ?? '' }));
  const counts = { errors: 0, warnings: 0, infos: 0, total: findings.length };
  for (const f of findings) counts[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
  return {
    schema: 'go-doctor/report',
    version: raw.version ?? 1,
    tool: raw.tool ?? { name: 'go-doctor', version: 'unknown' },
    snapshot: raw.snapshot ?? {
      createdAt: new Date(report.receivedAt).toISOString(),
      producer: { name: 'go-doctor', version: 'unknown' },
      source: 'live',
      redacted: false,
      platform: tc.platform ?? 'unknown',
      arch: tc.arch ?? 'unknown',
      release: '',
      go: { ...(tc.goVersion ? { version: tc.goVersion } : {}), ...(tc.goBinary ? { binary: tc.goBinary } : {}) },
      workspace: report.root,
      timeoutMs: 0,
    },
    summary: counts,
    findings,
  };
}

export function reportMarkdown(report: ExtensionReport, rules: readonly RuleInfo[], identity: RedactionIdentity): string {
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
