/**
 * Applies a Fix from the report tree: edits through a WorkspaceEdit (undoable, shown like any
 * refactoring), settings through goDoctor.applySetting, terminal commands through
 * goDoctor.showCommand, advice as a message. The Problems panel gets the same fixes as code
 * actions from the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Fix } from '../core/finding.js';
import { APPLY_SETTING_COMMAND, SHOW_COMMAND_COMMAND, type ApplySettingArgs, type ShowCommandArgs } from '../server/protocol.js';

function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function toUri(file: string, root: string | null): vscode.Uri {
  return vscode.Uri.file(path.isAbsolute(file) || !root ? file : path.join(root, file));
}

function workspaceEditOf(fix: Extract<Fix, { kind: 'edit' }>, root: string | null): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(toUri(e.file, root), toRange(e.range), e.newText);
  if (fix.rename) edit.renameFile(toUri(fix.rename.from, root), toUri(fix.rename.to, root), { overwrite: false });
  return edit;
}

export async function applyFix(fix: Fix, context: { rule: string; root: string | null; folderUri?: string }): Promise<boolean> {
  switch (fix.kind) {
    case 'edit':
      return vscode.workspace.applyEdit(workspaceEditOf(fix, context.root));
    case 'setting': {
      const args: ApplySettingArgs = {
        title: fix.title,
        rule: context.rule,
        section: fix.section,
        remove: fix.value === undefined,
        scope: fix.scope,
      };
      if (fix.key !== undefined) args.key = fix.key;
      if (fix.value !== undefined) args.value = fix.value;
      if (context.folderUri) args.folderUri = context.folderUri;
      return (await vscode.commands.executeCommand(APPLY_SETTING_COMMAND, args)) !== undefined;
    }
    case 'command': {
      const args: ShowCommandArgs = {
        title: fix.title,
        rule: context.rule,
        command: fix.command,
        outsideWorkspace: fix.outsideWorkspace,
        needsAdmin: fix.needsAdmin === true,
      };
      return (await vscode.commands.executeCommand(SHOW_COMMAND_COMMAND, args)) === 'ran';
    }
    case 'text':
      void vscode.window.showInformationMessage(fix.title, { modal: false, detail: fix.text });
      return true;
  }
}
