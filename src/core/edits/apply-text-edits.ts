import type { Range } from '../finding.js';
import { LineIndex } from '../parse/line-index.js';

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
  const lines = new LineIndex(text);
  return applyOffsetEdits(text, edits.map((e) => toOffsetEdit(lines, e)));
}

export function toOffsetEdit(lines: LineIndex, edit: RangeEdit): OffsetEdit {
  const start = lines.offset(edit.range.start);
  const end = lines.offset(edit.range.end);
  return { offset: start, length: Math.max(0, end - start), content: edit.newText };
}

export function toRangeEdit(lines: LineIndex, edit: OffsetEdit): RangeEdit {
  return { range: lines.range(edit.offset, edit.offset + edit.length), newText: edit.content };
}
