/**
 * The "Go Doctor" commands. Fix commands (applySetting, showCommand) are also what the server's
 * code actions invoke from the Problems panel and the light bulb.
 */
import * as vscode from 'vscode';
import type { DoctorContext } from './context.js';
import { applyFix } from './fix-apply.js';
import { showCommand } from './fix-command.js';
import { applySetting } from './fix-setting.js';
import { snapshotRequest, type ApplySettingArgs, type ShowCommandArgs, type SnapshotParams } from '../server/protocol.js';
import { reportMarkdown } from './report-markdown.js';
import type { ReportNode } from './report-tree-model.js';
import { currentIdentity, exportSnapshot, type ExportSnapshotArgs } from './snapshot-export.js';

/** `goDoctor.<name>` → handler. */
type Handlers = Record<string, (...args: never[]) => unknown>;

function handlers(ctx: DoctorContext): Handlers {
  return {
    runChecks: async () => {
      if (!ctx.languageClient) await ctx.startServer();
      const since = Date.now();
      ctx.toolchainChanged();
      // receivedAt is when the report was requested: after the notification, so it reflects it
      return ctx.whenReport((r) => r.state === 'ready' && r.receivedAt >= since, 60_000);
    },
    showReport: async () => {
      await vscode.commands.executeCommand('goDoctor.report.focus');
    },
    copyReport: async () => {
      const report = ctx.fullReport;
      if (!report) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Go Doctor has no report yet.'));
        return undefined;
      }
      const markdown = reportMarkdown(report, ctx.ruleCatalog(), currentIdentity());
      await vscode.env.clipboard.writeText(markdown);
      void vscode.window.showInformationMessage(vscode.l10n.t('Go Doctor report copied as Markdown (home directory and user name redacted).'));
      return markdown;
    },
    exportSnapshot: async (args?: ExportSnapshotArgs) => {
      const client = ctx.languageClient;
      if (!client) return undefined;
      const params: SnapshotParams = {};
      if (ctx.report?.folderUri) params.uri = ctx.report.folderUri;
      const snapshot = await client.request(snapshotRequest, params);
      if (!snapshot) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Go Doctor has no snapshot yet.'));
        return undefined;
      }
      return exportSnapshot(snapshot, ctx.log, args);
    },
    restartServer: () => ctx.restartServer('requested by the user'),
    showLog: () => ctx.log.show(),
    applySetting: (args: ApplySettingArgs) => applySetting(args, ctx.log),
    showCommand: (args: ShowCommandArgs) => showCommand(args, ctx.log),
    applyFix: async (node: ReportNode) => {
      if (node?.kind !== 'fix') return false;
      const applied = await applyFix(node.fix, {
        rule: node.finding.rule,
        root: ctx.report?.snapshot.workspace ?? null,
        ...(ctx.report?.folderUri ? { folderUri: ctx.report.folderUri } : {}),
      });
      if (applied) ctx.scheduleRefresh();
      return applied;
    },
    openRuleDocs: async (node: ReportNode) => {
      const url = node?.kind === 'check' ? node.rule.docsUrl : node?.kind === 'finding' ? node.finding.docsUrl : undefined;
      if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
    },
  };
}

export function registerCommands(ctx: DoctorContext): void {
  for (const [name, handler] of Object.entries(handlers(ctx))) {
    ctx.own(
      vscode.commands.registerCommand(`goDoctor.${name}`, async (...args: unknown[]) => {
        try {
          return await (handler as (...a: unknown[]) => unknown)(...args);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          ctx.log.error(`goDoctor.${name}: ${message}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('Go Doctor: {0}', message));
          return undefined;
        }
      }),
    );
  }
}
