/**
 * `goDoctor.showCommand`: shows the exact terminal command a fix needs (e.g. `xcode-select
 * --install`, a `sysctl` for inotify). It runs in a terminal only when the user clicks "Run in
 * Terminal"; nothing is written to shell startup files, ever.
 */
import * as vscode from 'vscode';
import type { ShowCommandArgs } from '../server/protocol.js';

type ShowCommandOutcome = 'ran' | 'copied' | 'dismissed';

const TERMINAL_NAME = 'Go Doctor';

export async function showCommand(args: ShowCommandArgs, log: vscode.LogOutputChannel): Promise<ShowCommandOutcome> {
  if (!args || typeof args.command !== 'string' || args.command.trim() === '') throw new Error('goDoctor.showCommand: missing command');
  const run = vscode.l10n.t('Run in Terminal');
  const copy = vscode.l10n.t('Copy Command');
  const admin = args.needsAdmin ? ` ${vscode.l10n.t('(asks for an administrator password)')}` : '';
  const where = args.outsideWorkspace ? ` ${vscode.l10n.t('It changes this machine, not the workspace.')}` : '';
  log.info(`fix command shown for ${args.rule ?? '?'}: ${args.command}`);
  const picked = await vscode.window.showInformationMessage(`${args.title}: \`${args.command}\`${admin}.${where}`, run, copy);
  if (picked === run) {
    const terminal = vscode.window.terminals.find((t) => t.name === TERMINAL_NAME && t.exitStatus === undefined) ?? vscode.window.createTerminal({ name: TERMINAL_NAME });
    terminal.show();
    terminal.sendText(args.command, true);
    log.info(`fix command run in the terminal at the user's request: ${args.command}`);
    return 'ran';
  }
  if (picked === copy) {
    await vscode.env.clipboard.writeText(args.command);
    return 'copied';
  }
  return 'dismissed';
}
