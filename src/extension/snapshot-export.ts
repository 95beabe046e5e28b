/**
 * "Export Snapshot": the raw facts behind the report (the same JSON as `go-doctor snapshot`),
 * redacted unless the user explicitly asks otherwise, saved where the user picks.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { redactSnapshot } from '../core/redact.js';
import type { Snapshot } from '../core/snapshot.js';

export function currentIdentity(): { home: string; user: string } {
  let user: string;
  try {
    user = os.userInfo().username;
  } catch {
    user = process.env.USER ?? process.env.LOGNAME ?? '';
  }
  return { home: os.homedir(), user };
}

/** Where and how to export without asking (for scripts and tests): `goDoctor.exportSnapshot` args. */
export interface ExportSnapshotArgs {
  /** File URI (or absolute path) to write. */
  uri: string;
  /** Default true. */
  redacted?: boolean;
}

async function askWhereAndHow(): Promise<{ target: vscode.Uri; redacted: boolean } | undefined> {
  const redacted = vscode.l10n.t('Redacted (recommended for bug reports)');
  const full = vscode.l10n.t('Not redacted (contains your home path and user name)');
  const choice = await vscode.window.showQuickPick([redacted, full], { title: vscode.l10n.t('Export Snapshot'), placeHolder: redacted });
  if (choice === undefined) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export Snapshot'),
    filters: { JSON: ['json'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'go-doctor-snapshot.json') } : {}),
  });
  return target ? { target, redacted: choice === redacted } : undefined;
}

export async function exportSnapshot(snapshot: Snapshot, log: vscode.LogOutputChannel, args?: ExportSnapshotArgs): Promise<vscode.Uri | undefined> {
  const where =
    args && typeof args.uri === 'string'
      ? { target: args.uri.includes('://') ? vscode.Uri.parse(args.uri) : vscode.Uri.file(args.uri), redacted: args.redacted !== false }
      : await askWhereAndHow();
  if (!where) return undefined;
  const { target } = where;
  const data = where.redacted ? redactSnapshot(snapshot, currentIdentity()) : snapshot;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`));
  log.info(`snapshot exported to ${target.toString()} (${data.redacted ? 'redacted' : 'not redacted'})`);
  return target;
}
