/**
 * Applies settings fixes in workspace scope, keeping comments:
 * - one folder open: the folder's `.vscode/settings.json`, edited by setSetting (core/edits, every
 *   byte outside the changed property stays) through a WorkspaceEdit (so an open, dirty editor of
 *   that file is respected) or written when closed;
 * - a multi-root workspace: the configuration API at ConfigurationTarget.Workspace (VS Code edits the
 *   .code-workspace file with its own JSON edits; for object settings the whole object is written).
 */
import * as vscode from 'vscode';
import type { Fix } from '../../core/finding.js';
import { setSetting } from '../../watchdog/settings-edit.js';
import { isRecord } from '../../core/is-record.js';

export type SettingFix = Extract<Fix, { kind: 'setting' }>;

async function readText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return '';
  }
}

async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${uri.fsPath}`);
    await open.save();
    return;
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Returns where the fixes were written. */
export async function applyWorkspaceSettingFixes(fixes: readonly SettingFix[]): Promise<string> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders[0];
  if (!folder) throw new Error('no workspace folder is open: there are no workspace settings to change');
  if (vscode.workspace.workspaceFile === undefined && folders.length === 1) {
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    let text = await readText(file);
    for (const fix of fixes) text = setSetting(text, fix.section, fix.key, fix.value);
    await writeText(file, text);
    return file.fsPath;
  }
  for (const fix of fixes) {
    const config = vscode.workspace.getConfiguration();
    let value: unknown = fix.value;
    if (fix.key !== undefined) {
      const current = config.inspect(fix.section)?.workspaceValue;
      const base = isRecord(current) ? { ...current } : {};
      if (fix.value === undefined) delete base[fix.key];
      else base[fix.key] = fix.value;
      value = base;
    }
    await config.update(fix.section, value, vscode.ConfigurationTarget.Workspace);
  }
  return vscode.workspace.workspaceFile?.fsPath ?? 'workspace settings';
}
