/**
 * Fix → CodeAction. Edit fixes become workspace edits (with a file rename when the fix renames);
 * workspace-scope setting fixes become a comment-preserving edit of .vscode/settings.json;
 * user-scope settings and terminal commands become client commands the editor implements.
 * Nothing here runs anything.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { editFixChanges, settingsFileChange, workspaceSettingsFile, type EditFix, type FileEdits, type SettingFix } from '../core/edits/fix-changes.js';
import type { Finding, Fix, Range } from '../core/finding.js';
import { APPLY_SETTING_COMMAND, SHOW_COMMAND_COMMAND, type ApplySettingArgs, type ShowCommandArgs } from './protocol.js';
import { pathToUri } from './uris.js';

/** What the client can apply (from its capabilities). */
export interface ClientEditSupport {
  documentChanges: boolean;
  create: boolean;
  rename: boolean;
}

interface FixContext {
  root: string;
  folderUri: string;
  finding: Finding;
  diagnostic: Diagnostic;
  support: ClientEditSupport;
  /** Version of an open document (for versioned edits), or null. */
  documentVersion(uri: string): number | null;
  /** Current text of a file: the editor's if open, else the disk's; undefined when absent. */
  readText(path: string): Promise<string | undefined>;
}

export async function fixToCodeAction(fix: Fix, context: FixContext): Promise<CodeAction | undefined> {
  switch (fix.kind) {
    case 'edit':
      return editAction(fix, context);
    case 'setting':
      return fix.scope === 'workspace' ? workspaceSettingAction(fix, context) : applySettingAction(fix, context);
    case 'command':
      return commandAction(fix, context);
    case 'text':
      return undefined; // advice only: it is in the diagnostic's report entry, there is nothing to apply
  }
}

function quickFix(title: string, context: FixContext, preferred: boolean | undefined): CodeAction {
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [context.diagnostic] };
  if (preferred === true) action.isPreferred = true;
  return action;
}

function textDocumentEdit(file: FileEdits, context: FixContext, versioned: boolean): TextDocumentEdit {
  const uri = pathToUri(file.file);
  return { textDocument: { uri, version: versioned ? context.documentVersion(uri) : null }, edits: file.edits.map((e) => ({ range: e.range, newText: e.newText })) };
}

function editAction(fix: EditFix, context: FixContext): CodeAction | undefined {
  const changes = editFixChanges(fix, context.root);
  const action = quickFix(fix.title, context, fix.preferred);
  if (changes.rename) {
    // A rename needs resource operations; without them the fix would be half-applied, so it is not offered.
    if (!context.support.documentChanges || !context.support.rename) return undefined;
    action.edit = {
      documentChanges: [
        ...changes.beforeRename.map((f) => textDocumentEdit(f, context, true)),
        { kind: 'rename', oldUri: pathToUri(changes.rename.from), newUri: pathToUri(changes.rename.to), options: { overwrite: false, ignoreIfExists: false } },
        ...changes.afterRename.map((f) => textDocumentEdit(f, context, false)),
      ],
    };
    return action;
  }
  if (changes.beforeRename.length === 0) return undefined;
  action.edit = context.support.documentChanges
    ? { documentChanges: changes.beforeRename.map((f) => textDocumentEdit(f, context, true)) }
    : { changes: Object.fromEntries(changes.beforeRename.map((f) => [pathToUri(f.file), f.edits.map((e) => ({ range: e.range, newText: e.newText }))])) };
  return action;
}

async function workspaceSettingAction(fix: SettingFix, context: FixContext): Promise<CodeAction | undefined> {
  const file = workspaceSettingsFile(context.root);
  const uri = pathToUri(file);
  const text = await context.readText(file);
  const change = settingsFileChange(text, fix);
  // Not valid JSONC, or a new file the client cannot create: let the editor apply it its own way.
  if (!change.ok || (change.create && !(context.support.documentChanges && context.support.create))) return applySettingAction(fix, context);
  if (change.edits.length === 0) return undefined; // already so
  const action = quickFix(fix.title, context, fix.preferred);
  let edit: WorkspaceEdit;
  if (change.create) {
    const start: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    edit = {
      documentChanges: [
        { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: start, newText: change.text }] },
      ],
    };
  } else if (context.support.documentChanges) {
    edit = { documentChanges: [{ textDocument: { uri, version: context.documentVersion(uri) }, edits: change.edits }] };
  } else {
    edit = { changes: { [uri]: change.edits } };
  }
  action.edit = edit;
  return action;
}

function applySettingAction(fix: SettingFix, context: FixContext): CodeAction {
  const args: ApplySettingArgs = {
    title: fix.title,
    rule: context.finding.rule,
    section: fix.section,
    remove: fix.value === undefined,
    scope: fix.scope,
    folderUri: context.folderUri,
  };
  if (fix.key !== undefined) args.key = fix.key;
  if (fix.value !== undefined) args.value = fix.value;
  const action = quickFix(fix.title, context, fix.preferred);
  action.command = { title: fix.title, command: APPLY_SETTING_COMMAND, arguments: [args] };
  return action;
}

function commandAction(fix: Extract<Fix, { kind: 'command' }>, context: FixContext): CodeAction {
  const args: ShowCommandArgs = {
    title: fix.title,
    rule: context.finding.rule,
    command: fix.command,
    outsideWorkspace: fix.outsideWorkspace,
    needsAdmin: fix.needsAdmin === true,
  };
  // Never preferred: a terminal command is always the user's explicit choice.
  const action = quickFix(fix.title, context, false);
  action.command = { title: fix.title, command: SHOW_COMMAND_COMMAND, arguments: [args] };
  return action;
}
