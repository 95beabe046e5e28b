import { parse, type ParseError } from 'jsonc-parser';
import { setJsoncValue } from '../core/edits/jsonc-value-edit.js';
import { isRecord } from '../core/is-record.js';

/**
 * Comment-preserving edits of a settings.json text (core/edits setJsoncValue, the editor the quick
 * fixes use: only the touched property changes; every other byte, comments and the file's own line
 * ends — CR, LF or CRLF — stay). Pure: text in, text out.
 */

/** gopls's default `build.directoryFilters` (facts §7.1): replacing the array must keep it. */
const GOPLS_DEFAULT_DIRECTORY_FILTERS = ['-**/node_modules'];

/** Parses a settings text; `undefined` when it is not a JSON object (then it must not be edited). */
export function readSettings(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !isRecord(value)) return undefined;
  return value;
}

/**
 * Sets `section` (or `section` → `key` for object-valued settings such as files.watcherExclude and
 * gopls) to `value`; `undefined` removes it. Throws when the text is not a settings object (or
 * empty, or comments only: then a settings object is written after them).
 */
export function setSetting(text: string, section: string, key: string | undefined, value: unknown): string {
  const result = setJsoncValue(text, key === undefined ? [section] : [section, key], value);
  if (!result.ok) throw new Error(`settings file not edited: ${result.reason}`);
  return result.text;
}

/** The directory filters after adding `-dir` to the effective list (default kept when unset). */
export function directoryFiltersWith(current: readonly unknown[] | undefined, directory: string): string[] {
  const list = (current ?? GOPLS_DEFAULT_DIRECTORY_FILTERS).filter((x): x is string => typeof x === 'string');
  const filter = `-${directory.replace(/^\.?\/+/, '').replace(/\/+$/, '')}`;
  return list.includes(filter) ? [...list] : [...list, filter];
}

/** The files.watcherExclude glob for a workspace-relative directory (same form as VS Code's defaults). */
export function watcherExcludeGlob(directory: string): string | undefined {
  const d = directory.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (d === '' || /[*?[\]{}!]/.test(d)) return undefined;
  return `**/${d}/**`;
}
