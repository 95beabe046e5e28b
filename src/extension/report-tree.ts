/**
 * The report as a native tree view (Go Doctor › Report): every check passed / warning / error,
 * each finding with its location, evidence and fixes (click a fix to apply it). The nodes come
 * from the pure report-tree-model; this file only maps them to TreeItems.
 */
import * as vscode from 'vscode';
import type { Evidence, Fix } from '../core/finding.js';
import type { RuleSettings } from '../core/engine.js';
import type { FolderReport, RuleInfo } from '../server/protocol.js';
import { buildReportTree, type CheckStatus, type ReportNode } from './report-tree-model.js';

const translate = (message: string, ...args: (string | number | boolean)[]): string => vscode.l10n.t(message, ...args);

const STATUS_ICONS: Record<CheckStatus, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  passed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  notChecked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
  disabled: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('disabledForeground')),
};

const EVIDENCE_ICONS: Record<Evidence['kind'], string> = { command: 'terminal', file: 'file', env: 'symbol-variable', note: 'note' };
const FIX_ICONS: Record<Fix['kind'], string> = { edit: 'edit', setting: 'settings-gear', command: 'terminal-bash', text: 'lightbulb' };

function openAt(file: string, line: number, character = 0): vscode.Command {
  const selection = new vscode.Range(line, character, line, character);
  return { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [vscode.Uri.file(file), { selection }] };
}

function codeTooltip(headline: string, details: string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendText(headline);
  if (details.length) md.appendCodeblock(details.join('\n'), 'text');
  return md;
}

interface ReportTreeState {
  report: FolderReport | undefined;
  settings: RuleSettings;
  trusted: boolean;
}

export class ReportTree implements vscode.TreeDataProvider<ReportNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReportNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ReportNode[] = [];
  private readonly parents = new Map<string, ReportNode>();
  readonly view: vscode.TreeView<ReportNode>;

  constructor(private readonly rules: () => readonly RuleInfo[]) {
    this.view = vscode.window.createTreeView('goDoctor.report', { treeDataProvider: this, showCollapseAll: true });
  }

  /** The current nodes (tests read them: they cannot read the DOM). */
  get nodes(): readonly ReportNode[] {
    return this.roots;
  }

  update(state: ReportTreeState): void {
    this.roots = state.report ? buildReportTree({ report: state.report, rules: this.rules(), settings: state.settings, trusted: state.trusted }, translate) : [];
    this.parents.clear();
    const index = (parent: ReportNode, children: ReportNode[]): void => {
      for (const c of children) {
        this.parents.set(c.id, parent);
        if ('children' in c) index(c, c.children);
      }
    };
    for (const r of this.roots) if ('children' in r) index(r, r.children);

    const counts = state.report?.findings.reduce((n, f) => n + (f.severity === 'info' ? 0 : 1), 0) ?? 0;
    this.view.badge = counts ? { value: counts, tooltip: vscode.l10n.t('{0} problems in the Go toolchain or its settings', counts) } : undefined;
    this.view.message = !state.trusted
      ? vscode.l10n.t('Restricted Mode: only workspace files were checked; no program was run.')
      : state.report?.state === 'probing'
        ? vscode.l10n.t('Checking the Go toolchain…')
        : undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: ReportNode): ReportNode[] {
    if (!node) return this.roots;
    return 'children' in node ? node.children : [];
  }

  getParent(node: ReportNode): ReportNode | undefined {
    return this.parents.get(node.id);
  }

  getTreeItem(node: ReportNode): vscode.TreeItem {
    const hasChildren = 'children' in node && node.children.length > 0;
    const item = new vscode.TreeItem(node.kind === 'check' ? node.rule.id : node.label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.contextValue = node.kind;
    switch (node.kind) {
      case 'toolchain':
        item.iconPath = new vscode.ThemeIcon('tools');
        item.tooltip = node.tooltip;
        break;
      case 'group':
        item.iconPath = STATUS_ICONS[node.status];
        item.description = node.description;
        item.collapsibleState = node.status === 'error' || node.status === 'warning' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
        break;
      case 'check': {
        item.iconPath = STATUS_ICONS[node.status];
        item.description = node.description;
        const md = new vscode.MarkdownString(`**${node.rule.id}** — ${node.rule.summary}`);
        if (node.rule.docs) md.appendMarkdown(`\n\n${node.rule.docs}`);
        if (node.rule.docsUrl) md.appendMarkdown(`\n\n[${vscode.l10n.t('Documentation')}](${node.rule.docsUrl})`);
        item.tooltip = md;
        if (hasChildren) item.collapsibleState = node.status === 'error' || node.status === 'warning' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
        item.contextValue = node.rule.docsUrl ? 'check.documented' : 'check';
        break;
      }
      case 'finding':
        item.iconPath = STATUS_ICONS[node.finding.severity];
        item.description = node.description;
        item.tooltip = node.finding.message;
        item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        if (node.finding.location) item.command = openAt(node.finding.location.file, node.finding.location.range.start.line, node.finding.location.range.start.character);
        break;
      case 'location':
        item.iconPath = new vscode.ThemeIcon('go-to-file');
        item.command = openAt(node.location.file, node.location.range.start.line, node.location.range.start.character);
        break;
      case 'evidence':
        item.iconPath = new vscode.ThemeIcon(EVIDENCE_ICONS[node.evidence.kind]);
        item.tooltip = codeTooltip(node.label, node.details);
        if (node.details.length) item.description = node.details[0];
        if (node.evidence.kind === 'file' && node.evidence.file.startsWith('/')) item.command = openAt(node.evidence.file, node.evidence.line ?? 0);
        break;
      case 'fix':
        item.iconPath = new vscode.ThemeIcon(FIX_ICONS[node.fix.kind]);
        item.tooltip = codeTooltip(node.label, node.details);
        item.description = node.details[0];
        item.contextValue = `fix.${node.fix.kind}`;
        item.command = { title: vscode.l10n.t('Apply Fix'), command: 'goDoctor.applyFix', arguments: [node] };
        break;
      case 'skipped':
        item.iconPath = new vscode.ThemeIcon('debug-step-over');
        item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        break;
      case 'skippedItem':
        item.iconPath = new vscode.ThemeIcon('circle-slash');
        item.tooltip = node.label;
        break;
    }
    if (node.kind !== 'check' && node.kind !== 'group' && node.kind !== 'finding' && node.kind !== 'skipped' && hasChildren) {
      item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    }
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
