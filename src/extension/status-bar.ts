/**
 * The toolchain summary in the status bar and, for Go and go.mod files, in the language status
 * area. Both render the same StatusSummary; clicking either opens the report.
 */
import * as vscode from 'vscode';
import { describeStatus, TOOLTIP_COMMANDS, type StatusInput, type StatusLevel, type StatusSummary } from './status-summary.js';

const translate = (message: string, ...args: (string | number | boolean)[]): string => vscode.l10n.t(message, ...args);

function background(level: StatusLevel): vscode.ThemeColor | undefined {
  if (level === 'error' || level === 'failed') return new vscode.ThemeColor('statusBarItem.errorBackground');
  if (level === 'warning') return new vscode.ThemeColor('statusBarItem.warningBackground');
  return undefined;
}

function languageSeverity(level: StatusLevel): vscode.LanguageStatusSeverity {
  if (level === 'error' || level === 'failed') return vscode.LanguageStatusSeverity.Error;
  if (level === 'warning') return vscode.LanguageStatusSeverity.Warning;
  return vscode.LanguageStatusSeverity.Information;
}

function trustedTooltip(markdown: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown, true);
  md.isTrusted = { enabledCommands: [...TOOLTIP_COMMANDS] };
  md.supportHtml = false;
  return md;
}

export class DoctorStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly language: vscode.LanguageStatusItem;
  private current: StatusSummary;

  constructor(initial: StatusInput) {
    this.item = vscode.window.createStatusBarItem('goDoctor.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Go Toolchain Doctor');
    this.item.command = 'goDoctor.showReport';
    this.language = vscode.languages.createLanguageStatusItem('goDoctor.languageStatus', [
      { language: 'go' },
      { language: 'go.mod' },
      { language: 'go.work' },
      { pattern: '**/go.{mod,work}' },
    ]);
    this.language.name = vscode.l10n.t('Go Toolchain Doctor');
    this.current = this.render(initial);
    this.item.show();
  }

  /** What the status bar shows now (tests read it: they cannot read the DOM). */
  get summary(): StatusSummary {
    return this.current;
  }

  /** What the language status item (Go and go.mod files) shows now. */
  get languageStatus(): { text: string; detail: string | undefined; severity: 'information' | 'warning' | 'error'; busy: boolean } {
    const severity = this.language.severity === vscode.LanguageStatusSeverity.Error ? 'error' : this.language.severity === vscode.LanguageStatusSeverity.Warning ? 'warning' : 'information';
    return { text: this.language.text, detail: this.language.detail, severity, busy: this.language.busy };
  }

  update(input: StatusInput): void {
    this.current = this.render(input);
  }

  private render(input: StatusInput): StatusSummary {
    const s = describeStatus(input, translate);
    this.item.text = s.text;
    this.item.tooltip = trustedTooltip(s.tooltip);
    this.item.backgroundColor = background(s.level);
    this.item.accessibilityInformation = { label: s.accessibilityLabel, role: 'button' };

    const [icon = '', ...rest] = s.text.split(' ');
    this.language.text = icon.startsWith('$(') ? `${icon} ${rest[0] ?? ''} ${rest[1] ?? ''}`.trim() : s.text;
    this.language.detail = vscode.l10n.t('Go Doctor: {0} errors, {1} warnings', s.counts.errors, s.counts.warnings);
    this.language.severity = languageSeverity(s.level);
    this.language.busy = s.level === 'busy';
    this.language.accessibilityInformation = { label: s.accessibilityLabel };
    this.language.command = { title: vscode.l10n.t('Show Report'), command: 'goDoctor.showReport' };
    return s;
  }

  dispose(): void {
    this.item.dispose();
    this.language.dispose();
  }
}
