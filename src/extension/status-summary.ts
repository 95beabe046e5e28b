/**
 * What the status bar says, as plain data: text, level, accessible label and a Markdown tooltip.
 * Pure (no `vscode`): the strings go through the `translate` function the caller passes
 * (vscode.l10n.t in the extension), so this is unit-tested without a VS Code.
 */
import type { Severity } from '../core/finding.js';
import type { FolderReport } from '../server/protocol.js';

export type Translate = (message: string, ...args: (string | number | boolean)[]) => string;

export type StatusLevel = 'ok' | 'info' | 'warning' | 'error' | 'busy' | 'restricted' | 'failed';

export type DoctorPhase = 'starting' | 'checking' | 'ready' | 'failed';

export interface StatusInput {
  phase: DoctorPhase;
  report: FolderReport | undefined;
  trusted: boolean;
  /** Why the server failed (phase 'failed'). */
  failure?: string;
  /** The gopls watchdog's state, when it has something to say (a storm going on or just over). */
  watchdog?: { text: string; tooltip: string; severity: Severity };
}

export interface StatusSummary {
  text: string;
  level: StatusLevel;
  accessibilityLabel: string;
  tooltip: string;
  counts: { errors: number; warnings: number; infos: number };
}

/** Commands the tooltip may link to (the Markdown is trusted for these only). */
export const TOOLTIP_COMMANDS = ['goDoctor.showReport', 'goDoctor.runChecks', 'goDoctor.copyReport', 'workbench.trust.manage'] as const;

const ICONS: Record<StatusLevel, string> = {
  ok: '$(pass)',
  info: '$(info)',
  warning: '$(warning)',
  error: '$(error)',
  busy: '$(sync~spin)',
  restricted: '$(shield)',
  failed: '$(debug-disconnect)',
};

/** "go1.24.4" → "1.24.4"; anything else as is. */
function shortGoVersion(version: string): string {
  return version.replace(/^go/, '');
}

/** The Darwin CLT package version "16.0.0.0.1.1724870825" reads as "16.0". */
export function shortCltVersion(version: string): string {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? `${m[1]}.${m[2]}` : version;
}

function countBySeverity(report: FolderReport | undefined): StatusSummary['counts'] {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of report?.findings ?? []) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

function levelOf(worst: Severity | undefined): StatusLevel {
  return worst === 'error' ? 'error' : worst === 'warning' ? 'warning' : worst === 'info' ? 'info' : 'ok';
}

const GO_ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le' };
const GO_OS: Record<string, string> = { win32: 'windows', sunos: 'solaris' };

/** Node's platform/arch (linux/x64) as Go spells them (linux/amd64). */
export function goPlatform(platform: string, arch?: string): string {
  const os = GO_OS[platform] ?? platform;
  return arch ? `${os}/${GO_ARCH[arch] ?? arch}` : os;
}

/** The parts of the one-line summary, in order: Go version, host, target, cgo, CLT. */
export function summaryParts(report: FolderReport, t: Translate): string[] {
  const tc = report.toolchain;
  const parts: string[] = [];
  const hidden = tc.goNotOnPath;
  parts.push(tc.goVersion ? t('Go {0}', shortGoVersion(tc.goVersion)) : hidden ? t('Go {0} not on PATH', shortGoVersion(hidden.version ?? '?')) : t('Go not found'));
  const host = goPlatform(tc.platform, tc.arch);
  const [first, ...others] = tc.targets.filter((target) => target !== host);
  parts.push(first ? `${host} → ${first}${others.length ? ` +${others.length}` : ''}` : host);
  if (tc.cgoEnabled !== undefined) parts.push(tc.cgoEnabled ? t('cgo on') : t('cgo off'));
  if (tc.platform === 'darwin') parts.push(tc.cltVersion ? t('CLT {0}', shortCltVersion(tc.cltVersion)) : t('no CLT'));
  return parts;
}

function tooltipTable(report: FolderReport, t: Translate): string[] {
  const tc = report.toolchain;
  const code = (s: string): string => '`' + s.replace(/`/g, "'") + '`';
  const rows: [string, string][] = [];
  const hidden = tc.goNotOnPath;
  const notOnPath = hidden
    ? t('{0} installed in {1}, not on PATH{2}', hidden.version ?? 'Go', code(hidden.goroot), hidden.file ? t(' (see {0})', code(hidden.file)) : '')
    : t('not found on PATH');
  rows.push([t('Go'), tc.goVersion ? `${tc.goVersion}${tc.goBinary ? ` ${code(tc.goBinary)}` : ''}` : notOnPath]);
  const host = goPlatform(tc.platform, tc.arch);
  rows.push([t('Host'), host]);
  const targets = tc.targets.filter((target) => target !== host);
  if (targets.length) rows.push([t('Workspace targets'), targets.join(', ')]);
  if (tc.cgoEnabled !== undefined) rows.push([t('cgo'), tc.cgoEnabled ? t('on') : t('off')]);
  if (tc.platform === 'darwin') rows.push([t('Command Line Tools'), tc.cltVersion ?? t('not installed')]);
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)];
}

function countsLine(counts: StatusSummary['counts'], t: Translate): string {
  if (counts.errors + counts.warnings + counts.infos === 0) return t('No problems found');
  const parts: string[] = [];
  if (counts.errors) parts.push(counts.errors === 1 ? t('1 error') : t('{0} errors', counts.errors));
  if (counts.warnings) parts.push(counts.warnings === 1 ? t('1 warning') : t('{0} warnings', counts.warnings));
  if (counts.infos) parts.push(counts.infos === 1 ? t('1 note') : t('{0} notes', counts.infos));
  return parts.join(', ');
}

export function describeStatus(input: StatusInput, t: Translate): StatusSummary {
  const { report } = input;
  const counts = countBySeverity(report);
  const links = `[${t('Show Report')}](command:goDoctor.showReport) · [${t('Run Checks')}](command:goDoctor.runChecks) · [${t('Copy Report')}](command:goDoctor.copyReport)`;
  const title = `**${t('Go Toolchain Doctor')}**`;

  if (input.phase === 'failed') {
    const why = input.failure ?? t('unknown error');
    return {
      text: `${ICONS.failed} ${t('Go Doctor')}`,
      level: 'failed',
      accessibilityLabel: t('Go Toolchain Doctor: the doctor could not run: {0}', why),
      tooltip: [title, '', t('The doctor could not run: {0}', why), '', `[${t('Run Checks')}](command:goDoctor.runChecks)`].join('\n'),
      counts,
    };
  }
  if (!report) {
    return {
      text: `${ICONS.busy} ${t('Go Doctor')}`,
      level: 'busy',
      accessibilityLabel: t('Go Toolchain Doctor: checking the Go toolchain'),
      tooltip: [title, '', t('Checking the Go toolchain…')].join('\n'),
      counts,
    };
  }

  const dog = input.watchdog?.text ? input.watchdog : undefined;
  const worst = counts.errors || dog?.severity === 'error' ? 'error' : counts.warnings || dog?.severity === 'warning' ? 'warning' : counts.infos ? 'info' : undefined;
  const parts = summaryParts(report, t);
  if (dog) parts.push(dog.text);
  const level: StatusLevel = input.phase === 'checking' || report.state === 'probing' ? 'busy' : levelOf(worst);
  const restricted = !input.trusted;
  const icon = restricted && level !== 'error' && level !== 'warning' && level !== 'busy' ? ICONS.restricted : ICONS[level];
  const lines = [title, '', ...tooltipTable(report, t), '', countsLine(counts, t)];
  if (restricted) {
    lines.push('', `${ICONS.restricted} ${t('Restricted Mode: no program was run; only the workspace files were checked.')} [${t('Manage Workspace Trust')}](command:workbench.trust.manage)`);
  }
  if (dog?.tooltip) lines.push('', dog.tooltip);
  if (report.skipped.length) {
    lines.push('', t('Skipped:'), ...report.skipped.map((s) => `- ${s.what}${s.reason ? ` — ${s.reason}` : ''}`));
  }
  lines.push('', links);
  return {
    text: `${icon} ${parts.join(' · ')}`,
    level: restricted && level !== 'error' && level !== 'warning' && level !== 'busy' ? 'restricted' : level,
    accessibilityLabel: t('Go Toolchain Doctor: {0}. {1}', parts.join(', '), countsLine(counts, t)) + (restricted ? ` ${t('Restricted Mode.')}` : ''),
    tooltip: lines.join('\n'),
    counts,
  };
}
