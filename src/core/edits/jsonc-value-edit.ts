/**
 * Comment-preserving edits of JSON-with-comments files (.vscode/settings.json and friends).
 *
 * jsonc-parser finds the nodes; the edits themselves are computed here because jsonc-parser's
 * `modify` reformats the surrounding span (it dropped a `/* … *\/` comment next to the changed
 * key and, removing a property followed by a trailing comma, produced `{,}`). Every edit here
 * touches only the span it changes: comments, blank lines, tabs/spaces, CRLF and trailing commas
 * elsewhere stay byte-for-byte. Each result is verified (re-parsed, compared with the intended
 * value, every comment outside the replaced spans still present) before it is returned.
 */
import { createScanner, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { applyOffsetEdits, type OffsetEdit } from './apply-text-edits.js';
import { LineIndex } from '../parse/line-index.js';
import { isRecord } from '../is-record.js';

/** Token kinds of jsonc-parser's scanner (its SyntaxKind is an ambient const enum). */
const TOKEN = { comma: 5, lineComment: 12, blockComment: 13, lineBreak: 14, whitespace: 15, eof: 17 } as const;

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

interface JsoncStyle {
  /** One level of indentation as the file writes it (a tab, or N spaces). */
  indentUnit: string;
  eol: '\n' | '\r\n' | '\r';
}

type JsoncEditResult =
  | { ok: true; edits: OffsetEdit[]; text: string }
  | { ok: false; reason: string };

/**
 * How the file indents and ends lines (its first line break: `\r\n`, `\n` or a lone `\r`); a new
 * file gets tabs and `\n` (what VS Code writes). The indentation is read from the parse tree: the
 * first member (outermost first) that starts its own line, relative to its container's line, so
 * comments and text inside them never count.
 */
export function detectJsoncStyle(text: string): JsoncStyle {
  const firstBreak = /\r\n|\r|\n/.exec(text)?.[0];
  const eol = firstBreak === '\r\n' || firstBreak === '\r' ? firstBreak : '\n';
  const unit = indentUnitOf(text, parseTree(text, [], PARSE_OPTIONS));
  if (!unit || unit.startsWith('\t')) return { indentUnit: '\t', eol };
  return { indentUnit: ' '.repeat(Math.min(unit.length, 8)), eol };
}

function indentUnitOf(text: string, root: Node | undefined): string | undefined {
  const lines = new LineIndex(text);
  const lineIndent = (offset: number) => {
    const start = lines.lineStart(lines.position(offset).line);
    return { start, indent: /^[ \t]*/.exec(text.slice(start, offset))![0] };
  };
  const containers = root ? [root] : [];
  for (let i = 0; i < containers.length; i++) {
    const container = containers[i]!;
    const outer = lineIndent(container.offset).indent;
    for (const member of container.children ?? []) {
      const { start, indent } = lineIndent(member.offset);
      if (start + indent.length === member.offset && indent.length > outer.length && indent.startsWith(outer)) return indent.slice(outer.length);
      const value = member.type === 'property' ? member.children?.[1] : member;
      if (value?.type === 'object' || value?.type === 'array') containers.push(value);
    }
  }
  return undefined;
}

/**
 * Sets (or, with `value === undefined`, removes) the value at `path` — property names from the
 * root object down, e.g. `['go.toolsEnvVars', 'GOOS']` — creating missing objects on the way.
 * An empty text becomes a new settings object. Fails, rather than guess, when the file is not
 * valid JSONC, its root is not an object, or the key appears twice.
 */
export function setJsoncValue(text: string, path: readonly string[], value: unknown): JsoncEditResult {
  if (path.length === 0) return { ok: false, reason: 'no property path given' };
  if (value !== undefined && JSON.stringify(value) === undefined) return { ok: false, reason: 'the value cannot be written as JSON' };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  const firstError = errors[0];
  if (firstError) {
    const line = new LineIndex(text).position(firstError.offset).line + 1;
    return { ok: false, reason: `the file is not valid JSON with comments (${printParseErrorCode(firstError.error)} on line ${line})` };
  }
  const editor = new JsoncEditor(text);
  let edits: OffsetEdit[];
  try {
    if (!root) edits = value === undefined ? [] : editor.createRoot(path, value);
    else if (root.type !== 'object') return { ok: false, reason: 'the file does not contain a JSON object' };
    else edits = editor.editObject(root, path, value);
  } catch (err) {
    if (err instanceof UneditableJsonc) return { ok: false, reason: err.message };
    throw err;
  }
  const newText = applyOffsetEdits(text, edits);
  const problem = verifyEdit(text, newText, edits, root, path, value);
  if (problem) return { ok: false, reason: `internal check failed: ${problem}` };
  return { ok: true, edits, text: newText };
}

/**
 * Removes element `index` of the array at `path` (property names from the root object) with its
 * separating comma, and nothing else: comments before, between and after the elements stay, and
 * the element's line goes only when nothing else is on it. Fails, rather than guess, on invalid JSONC.
 */
export function removeJsoncArrayElement(text: string, path: readonly string[], index: number): JsoncEditResult {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  if (errors.length > 0 || !root) return { ok: false, reason: 'the file is not valid JSON with comments' };
  let array: Node | undefined = root;
  for (const key of path) {
    const matches: Node[] = array?.type === 'object' ? (array.children ?? []).filter((p) => p.type === 'property' && p.children?.[0]?.value === key) : [];
    if (matches.length > 1) return { ok: false, reason: `the key "${key}" appears more than once` };
    array = matches[0]?.children?.[1];
  }
  if (!array || array.type !== 'array') return { ok: false, reason: 'no array at that path' };
  const items = array.children ?? [];
  if (!Number.isInteger(index) || index < 0 || index >= items.length) return { ok: false, reason: 'no such element' };
  let edits: OffsetEdit[];
  try {
    edits = new JsoncEditor(text).removeMember(array, index);
  } catch (err) {
    if (err instanceof UneditableJsonc) return { ok: false, reason: err.message };
    throw err;
  }
  const newText = applyOffsetEdits(text, edits);
  const problem = verifyArrayRemoval(text, newText, root, path, index);
  if (problem) return { ok: false, reason: `internal check failed: ${problem}` };
  return { ok: true, edits, text: newText };
}

class UneditableJsonc extends Error {}

class JsoncEditor {
  private readonly lines: LineIndex;
  private readonly style: JsoncStyle;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
    this.style = detectJsoncStyle(text);
  }

  /** A file with no JSON value (empty, whitespace or comments only): write a fresh object. */
  createRoot(path: readonly string[], value: unknown): OffsetEdit[] {
    const { eol, indentUnit } = this.style;
    const body = `{${eol}${indentUnit}${this.member(path[0]!, nest(path.slice(1), value), indentUnit)}${eol}}${eol}`;
    if (this.text.trim() === '') return [{ offset: 0, length: this.text.length, content: body }];
    const separator = /[\r\n]$/.test(this.text) ? '' : eol;
    return [{ offset: this.text.length, length: 0, content: separator + body }];
  }

  editObject(object: Node, path: readonly string[], value: unknown): OffsetEdit[] {
    const [key, ...rest] = path;
    if (key === undefined) return [];
    const matches = (object.children ?? []).filter((p) => p.type === 'property' && p.children?.[0]?.value === key);
    if (matches.length > 1) throw new UneditableJsonc(`the key "${key}" appears more than once`);
    const property = matches[0];
    if (!property) return value === undefined ? [] : this.insertProperty(object, key, nest(rest, value));
    const valueNode = property.children?.[1];
    if (!valueNode) throw new UneditableJsonc(`the key "${key}" has no value`);
    if (rest.length === 0) {
      if (value === undefined) return this.removeMember(object, (object.children ?? []).indexOf(property));
      if (jsonEqual(getNodeValue(valueNode), value)) return [];
      return [this.replaceValue(property, valueNode, value)];
    }
    if (valueNode.type === 'object') return this.editObject(valueNode, rest, value);
    if (value === undefined) return [];
    return [this.replaceValue(property, valueNode, nest(rest, value))];
  }

  /** A value written on one line stays on one line; a multi-line one is written in the file's style. */
  private replaceValue(property: Node, valueNode: Node, value: unknown): OffsetEdit {
    const oneLine = !/[\r\n]/.test(this.text.slice(valueNode.offset, valueNode.offset + valueNode.length));
    const content = oneLine ? compactJson(value) : this.serialize(value, this.indentOfLine(property.offset));
    return { offset: valueNode.offset, length: valueNode.length, content };
  }

  private insertProperty(object: Node, key: string, value: unknown): OffsetEdit[] {
    const { eol, indentUnit } = this.style;
    const open = object.offset;
    const close = object.offset + object.length - 1;
    const objectIndent = this.indentOfLine(open);
    const properties = object.children ?? [];
    const last = properties[properties.length - 1];

    if (!last) {
      const innerIndent = objectIndent + indentUnit;
      const member = this.member(key, value, innerIndent);
      const closeLineStart = this.lines.lineStart(this.lines.position(close).line);
      if (closeLineStart > open && /^[ \t]*$/.test(this.text.slice(closeLineStart, close))) {
        // `}` on its own line (maybe after comments): the new member goes on the line before it.
        return [{ offset: closeLineStart, length: 0, content: innerIndent + member + eol }];
      }
      const inner = this.text.slice(open + 1, close);
      const block = eol + innerIndent + member + eol + objectIndent;
      if (inner.trim() === '') return [{ offset: open + 1, length: inner.length, content: block }];
      return [{ offset: close, length: 0, content: block }];
    }

    const lastEnd = last.offset + last.length;
    const next = this.tokenAfter(lastEnd);
    const trailingComma = next.kind === TOKEN.comma;
    const multiLine = this.lines.position(last.offset).line !== this.lines.position(open).line;
    if (!multiLine) {
      const member = `${JSON.stringify(key)}: ${compactJson(value)}`;
      if (trailingComma) return [{ offset: next.end, length: 0, content: ` ${member},` }];
      return [{ offset: lastEnd, length: 0, content: `, ${member}` }];
    }
    const indent = this.indentOfLine(last.offset);
    const member = this.member(key, value, indent);
    // After the last member's comma and any comment on the same line, so comments stay put.
    const insertAt = this.endOfSameLineTrivia(trailingComma ? next.end : lastEnd);
    const line = eol + indent + member + (trailingComma ? ',' : '');
    if (trailingComma) return [{ offset: insertAt, length: 0, content: line }];
    if (insertAt === lastEnd) return [{ offset: lastEnd, length: 0, content: `,${line}` }];
    return [
      { offset: lastEnd, length: 0, content: ',' },
      { offset: insertAt, length: 0, content: line },
    ];
  }

  /**
   * Removes member `index` of an object or array (a property or an element) with one separating
   * comma, and nothing else: comments before, between and after the members stay, and the
   * member's line goes only when nothing else is on it.
   */
  removeMember(container: Node, index: number): OffsetEdit[] {
    const members = container.children ?? [];
    const member = members[index];
    if (!member) throw new UneditableJsonc('no such element');
    const end = member.offset + member.length;
    const own = this.tokenAfter(end);
    const blanks = (from: number, to: number) => /^[ \t]*$/.test(this.text.slice(from, to));
    const removeComma = (comma: { offset: number; end: number }): OffsetEdit => ({ offset: comma.offset, length: comma.end - comma.offset, content: '' });
    if (own.kind === TOKEN.comma) {
      // The member and its own comma; a comment between them stays.
      if (blanks(end, own.offset)) return [this.removeSpan(member.offset, own.end)];
      return [this.removeSpan(member.offset, end), removeComma(own)];
    }
    const previous = index > 0 ? members[index - 1] : undefined;
    if (!previous) return [this.removeSpan(member.offset, end)];
    // The last member without a trailing comma: the previous member's comma goes instead.
    const comma = this.tokenAfter(previous.offset + previous.length);
    if (comma.kind !== TOKEN.comma || comma.end > member.offset) throw new UneditableJsonc('unexpected token between two members');
    if (blanks(comma.end, member.offset)) return [{ offset: comma.offset, length: end - comma.offset, content: '' }];
    return [removeComma(comma), this.removeSpan(member.offset, end)];
  }

  /** Removes [start, end): whole lines when the span is alone on its line(s), else the span and the blanks after it. */
  private removeSpan(start: number, end: number): OffsetEdit {
    const lineStart = this.lines.lineStart(this.lines.position(start).line);
    let after = end;
    while (this.text[after] === ' ' || this.text[after] === '\t') after++;
    const atLineEnd = after === this.text.length || this.text[after] === '\n' || this.text[after] === '\r';
    if (atLineEnd && /^[ \t]*$/.test(this.text.slice(lineStart, start))) {
      const breakLength = this.text.startsWith('\r\n', after) ? 2 : after < this.text.length ? 1 : 0;
      return { offset: lineStart, length: after + breakLength - lineStart, content: '' };
    }
    if (atLineEnd) return { offset: start, length: end - start, content: '' };
    return { offset: start, length: after - start, content: '' };
  }

  /** The first token after `offset` that is not whitespace, a line break or a comment. */
  private tokenAfter(offset: number): { kind: number; offset: number; end: number } {
    const scanner = createScanner(this.text, false);
    scanner.setPosition(offset);
    for (;;) {
      const kind: number = scanner.scan();
      if (kind === TOKEN.whitespace || kind === TOKEN.lineBreak || kind === TOKEN.lineComment || kind === TOKEN.blockComment) continue;
      return { kind, offset: scanner.getTokenOffset(), end: scanner.getTokenOffset() + scanner.getTokenLength() };
    }
  }

  /** Skips blanks and comments that end on the same line as `offset`; returns where they end. */
  private endOfSameLineTrivia(offset: number): number {
    const scanner = createScanner(this.text, false);
    scanner.setPosition(offset);
    let end = offset;
    for (;;) {
      const kind: number = scanner.scan();
      const tokenEnd = scanner.getTokenOffset() + scanner.getTokenLength();
      const isSameLineTrivia =
        kind === TOKEN.whitespace ||
        kind === TOKEN.lineComment ||
        (kind === TOKEN.blockComment && !/[\r\n]/.test(this.text.slice(scanner.getTokenOffset(), tokenEnd)));
      if (!isSameLineTrivia) return end;
      end = tokenEnd;
    }
  }

  private indentOfLine(offset: number): string {
    const start = this.lines.lineStart(this.lines.position(offset).line);
    return /^[ \t]*/.exec(this.text.slice(start, start + 200))?.[0] ?? '';
  }

  private member(key: string, value: unknown, indent: string): string {
    return `${JSON.stringify(key)}: ${this.serialize(value, indent)}`;
  }

  /** JSON for a value written at `indent`: nested lines indented in the file's style and line ends. */
  private serialize(value: unknown, indent: string): string {
    const json = JSON.stringify(value, null, this.style.indentUnit);
    if (json === undefined) throw new UneditableJsonc('the value cannot be written as JSON');
    return json.split('\n').join(this.style.eol + indent);
  }
}

/** JSON on one line, spaced the way people write it: `["-x", "-y"]`, `{ "GOOS": "linux" }`. */
function compactJson(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map((v) => compactJson(v === undefined ? null : v)).join(', ')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${compactJson(v)}`).join(', ')} }`;
  }
  const json = JSON.stringify(value);
  if (json === undefined) throw new UneditableJsonc('the value cannot be written as JSON');
  return json;
}

/** `['a','b'], v` → `{ a: { b: v } }`. */
function nest(path: readonly string[], value: unknown): unknown {
  let out = value;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]!]: out };
  return out;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/** The comments of a text, with their offsets. */
export function jsoncComments(text: string): { offset: number; text: string }[] {
  const scanner = createScanner(text, false);
  const out: { offset: number; text: string }[] = [];
  for (;;) {
    const kind: number = scanner.scan();
    if (kind === TOKEN.eof) return out;
    if (kind === TOKEN.lineComment || kind === TOKEN.blockComment) {
      const offset = scanner.getTokenOffset();
      out.push({ offset, text: text.slice(offset, offset + scanner.getTokenLength()) });
    }
  }
}

/** Problems of an array-element removal: the array must lose exactly that element, every comment stays. */
function verifyArrayRemoval(before: string, after: string, root: Node, path: readonly string[], index: number): string | undefined {
  const errors: ParseError[] = [];
  const newRoot = parseTree(after, errors, PARSE_OPTIONS);
  if (errors.length > 0 || !newRoot) return 'the edited file does not parse';
  const expected = structuredClone(getNodeValue(root) as unknown);
  let cursor: unknown = expected;
  for (const key of path) cursor = (cursor as Record<string, unknown>)[key];
  (cursor as unknown[]).splice(index, 1);
  if (!jsonEqual(getNodeValue(newRoot), expected)) return 'the edited file does not hold the intended value';
  const kept = jsoncComments(before).map((c) => c.text);
  const now = jsoncComments(after).map((c) => c.text);
  if (JSON.stringify(kept) !== JSON.stringify(now)) return 'a comment would be lost';
  return undefined;
}

/** Returns a problem description, or undefined when the edit did exactly what was asked. */
function verifyEdit(before: string, after: string, edits: readonly OffsetEdit[], root: Node | undefined, path: readonly string[], value: unknown): string | undefined {
  const errors: ParseError[] = [];
  const newRoot = parseTree(after, errors, PARSE_OPTIONS);
  if (errors.length > 0) return 'the edited file does not parse';
  const expected = root ? structuredClone(getNodeValue(root) as unknown) : {};
  let cursor = expected as Record<string, unknown>;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      if (value === undefined) delete cursor[key];
      else cursor[key] = structuredClone(value);
    } else {
      const child = cursor[key];
      if (!isRecord(child)) {
        if (value === undefined) break;
        cursor[key] = {};
      }
      cursor = cursor[key] as Record<string, unknown>;
    }
  }
  const actual = newRoot ? (getNodeValue(newRoot) as unknown) : {};
  if (!jsonEqual(actual, expected)) return 'the edited file does not hold the intended value';
  if (value !== undefined && findNodeAtLocation(newRoot!, [...path]) === undefined) return 'the edited key is missing';
  const replaced = (offset: number) => edits.some((e) => offset >= e.offset && offset < e.offset + e.length);
  const kept = jsoncComments(before).filter((c) => !replaced(c.offset)).map((c) => c.text);
  const now = jsoncComments(after).map((c) => c.text);
  let i = 0;
  for (const comment of now) if (i < kept.length && comment === kept[i]) i++;
  if (i < kept.length) return `a comment would be lost (${kept[i]})`;
  return undefined;
}
