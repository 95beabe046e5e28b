/**
 * Turns a Fix (data) into concrete changes: text edits per file, a rename, or a settings.json
 * edit. Pure: file contents come in as arguments. Each front (LSP, CLI) wraps these in its own form.
 */
import { isAbsolute, join, normalize } from 'node:path';
import type { Fix } from '../finding.js';
import { toRangeEdit, type RangeEdit } from './apply-text-edits.js';
import { setJsoncValue } from './jsonc-value-edit.js';
import { LineIndex } from '../parse/line-index.js';

export type EditFix = Extract<Fix, { kind: 'edit' }>;
export type SettingFix = Extract<Fix, { kind: 'setting' }>;

export interface FileEdits {
  /** Absolute path. */
  file: string;
  edits: RangeEdit[];
}

/**
 * The changes of an edit fix, in the order a client must apply them: edits to existing files,
 * then the rename, then edits addressed to the renamed file's new name.
 */
interface EditFixChanges {
  beforeRename: FileEdits[];
  rename?: { from: string; to: string };
  afterRename: FileEdits[];
}

/** Resolves a fix path (absolute, or relative to the workspace root). */
export function resolveFixPath(root: string, file: string): string {
  return normalize(isAbsolute(file) ? file : join(root, file));
}

export function editFixChanges(fix: EditFix, root: string): EditFixChanges {
  const rename = fix.rename ? { from: resolveFixPath(root, fix.rename.from), to: resolveFixPath(root, fix.rename.to) } : undefined;
  const groups = new Map<string, RangeEdit[]>();
  for (const edit of fix.edits) {
    const file = resolveFixPath(root, edit.file);
    const list = groups.get(file) ?? [];
    list.push({ range: edit.range, newText: edit.newText });
    groups.set(file, list);
  }
  const beforeRename: FileEdits[] = [];
  const afterRename: FileEdits[] = [];
  for (const [file, edits] of groups) (rename && file === rename.to ? afterRename : beforeRename).push({ file, edits });
  return rename ? { beforeRename, rename, afterRename } : { beforeRename, afterRename };
}

/** Where a workspace-scope setting lives for a folder. */
export function workspaceSettingsFile(root: string): string {
  return join(root, '.vscode', 'settings.json');
}

/** The JSON path of a setting in settings.json: `go.toolsEnvVars` + `GOOS` → ['go.toolsEnvVars', 'GOOS']. */
export function settingJsonPath(fix: Pick<SettingFix, 'section' | 'key'>): string[] {
  return fix.key === undefined ? [fix.section] : [fix.section, fix.key];
}

type SettingsFileChange =
  | { ok: true; create: boolean; edits: RangeEdit[]; text: string }
  | { ok: false; reason: string };

/**
 * The edit of a settings file (current text, or undefined when the file does not exist) that
 * applies a setting fix, keeping comments and formatting outside the changed span.
 */
export function settingsFileChange(currentText: string | undefined, fix: Pick<SettingFix, 'section' | 'key' | 'value'>): SettingsFileChange {
  const text = currentText ?? '';
  const result = setJsoncValue(text, settingJsonPath(fix), fix.value);
  if (!result.ok) return result;
  const lines = new LineIndex(text);
  return { ok: true, create: currentText === undefined, edits: result.edits.map((e) => toRangeEdit(lines, e)), text: result.text };
}
