import type { Range } from '../finding.js';
import { LineMap } from './line-map.js';

/** An edit expressed in string offsets (what jsonc-parser produces). */
export interface OffsetEdit {
  offset: number;
  length: number;
  content: string;
}

/** An edit expressed in LSP positions, without a file (the file is known from context). */
export interface RangeEdit {
  range: Range;
  newText: string;
}

/** Applies offset edits to a text. Edits must not overlap; their order in the array does not matter. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.offset < cursor) throw new Error(`overlapping edits at offset ${edit.offset}`);
    if (edit.offset + edit.length > text.length) throw new Error(`edit past the end of the text at offset ${edit.offset}`);
    out += text.slice(cursor, edit.offset) + edit.content;
    cursor = edit.offset + edit.length;
  }
  return out + text.slice(cursor);
}

/** Applies LSP-style edits (as a client would) to a text. */
export function applyRangeEdits(text: string, edits: readonly RangeEdit[]): string {
  const lines = new LineMap(text);
  return applyOffsetEdits(text, edits.map((e) => toOffsetEdit(lines, e)));
}

export function toOffsetEdit(lines: LineMap, edit: RangeEdit): OffsetEdit {
  const start = lines.offsetAt(edit.range.start);
  const end = lines.offsetAt(edit.range.end);
  return { offset: start, length: Math.max(0, end - start), content: edit.newText };
}

export function toRangeEdit(lines: LineMap, edit: OffsetEdit): RangeEdit {
  return { range: { start: lines.positionAt(edit.offset), end: lines.positionAt(edit.offset + edit.length) }, newText: edit.content };
}
