/**
 * Properties of the comment-preserving JSONC editor over generated settings files (random
 * nesting, indentation, line ends, trailing commas and comments) and hostile input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findNodeAtLocation, getNodeValue, parseTree } from 'jsonc-parser';
import { jsoncComments, removeJsoncArrayElement, setJsoncValue } from '../../../src/core/edits/jsonc-value-edit.js';
import { timed } from '../../support/timings.js';
import { setSetting } from '../../../src/watchdog/settings-edit.js';

/** Whether `offset` lies inside the property `section` → `k` of the settings text. */
function isInside(text: string, section: string, k: string, offset: number): boolean {
  const node = findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, [section, k])?.parent;
  return node !== undefined && offset >= node.offset && offset < node.offset + node.length;
}

/** Every line break of `text` is `eol`. */
function assertLineEnds(text: string, eol: string): void {
  const breaks = new Set(text.match(/\r\n|\r|\n/g) ?? []);
  assert.deepEqual([...breaks].filter((b) => b !== eol), [], `line ends other than ${JSON.stringify(eol)}`);
}

/** The bytes of `before` that `after` kept: `after` is `before` with only the edited spans replaced. */
function assertOnlySpansChanged(before: string, after: string, edits: readonly { offset: number; length: number; content: string }[], allowed: (offset: number) => boolean): void {
  for (const e of edits) for (let i = e.offset; i < e.offset + e.length; i++) assert.ok(allowed(i), `byte ${i} (${JSON.stringify(before[i])}) changed: ${JSON.stringify(before.slice(e.offset, e.offset + e.length))}`);
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let rebuilt = '';
  let cursor = 0;
  for (const e of sorted) {
    rebuilt += before.slice(cursor, e.offset) + e.content;
    cursor = e.offset + e.length;
  }
  assert.equal(rebuilt + before.slice(cursor), after);
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface Style {
  indent: string;
  eol: string;
  trailingCommas: boolean;
  comments: boolean;
  seed: number;
}

const KEYS = ['go.toolsEnvVars', 'gopls', 'files.watcherExclude', 'GOOS', 'GOARCH', 'build.env', 'a', '**/gen/**', 'é"q'];
const key = fc.constantFrom(...KEYS);
const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
const json: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const settings = fc.dictionary(key, json, { maxKeys: 6 });
const style = fc.record({
  indent: fc.constantFrom('\t', '  ', '    '),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  trailingCommas: fc.boolean(),
  comments: fc.boolean(),
  seed: fc.nat(),
});

/** Renders an object as a person might write it: comments above, after and between members. */
function render(value: Record<string, Json>, s: Style): string {
  let n = s.seed;
  const coin = () => ((n = (n * 1103515245 + 12345) % 2147483648) >> 16) % 3 === 0;
  const obj = (o: Record<string, Json>, depth: number): string => {
    const entries = Object.entries(o);
    if (entries.length === 0) return '{}';
    const pad = s.indent.repeat(depth + 1);
    const lines = entries.map(([k, v], i) => {
      const above = s.comments && coin() ? `${pad}// about ${i}${s.eol}` : '';
      const before = s.comments && coin() ? '/* b */ ' : '';
      const comma = i < entries.length - 1 || s.trailingCommas ? ',' : '';
      const after = s.comments && coin() ? ` // after ${i}` : '';
      return `${above}${pad}${before}${JSON.stringify(k)}: ${val(v, depth + 1)}${comma}${after}`;
    });
    return `{${s.eol}${lines.join(s.eol)}${s.eol}${s.indent.repeat(depth)}}`;
  };
  const val = (v: Json, depth: number): string => (v !== null && typeof v === 'object' && !Array.isArray(v) ? obj(v, depth) : JSON.stringify(v));
  return (s.comments && coin() ? `// header${s.eol}` : '') + obj(value, 0) + s.eol;
}

/** fast-check may build objects without a prototype; compare plain JSON. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let cursor = root;
  for (const k of path) {
    if (!cursor || typeof cursor !== 'object' || Array.isArray(cursor) || !Object.hasOwn(cursor, k)) return undefined;
    cursor = (cursor as Record<string, unknown>)[k];
  }
  return cursor;
}

describe('setJsoncValue properties', () => {
  it('sets or removes exactly the value asked for, keeps every other value and every comment outside the changed property', () => {
    fc.assert(
      fc.property(settings, style, fc.array(key, { minLength: 1, maxLength: 2 }), fc.option(json, { nil: undefined }), (object, s, path, value) => {
        const text = render(object, s);
        const tree = parseTree(text, [], { allowTrailingComma: true })!;
        const result = setJsoncValue(text, path, value);
        assert.ok(result.ok, result.ok ? '' : `${result.reason}\n${text}`);
        const after = getNodeValue(parseTree(result.text, [], { allowTrailingComma: true })!) as unknown;
        if (value === undefined) assert.equal(valueAt(after, path), undefined);
        else assert.deepEqual(plain(valueAt(after, path)), plain(value));
        // Every other top-level setting is untouched.
        for (const k of Object.keys(object)) if (k !== path[0]) assert.deepEqual(plain(valueAt(after, [k])), plain(object[k]));
        // The replaced characters all belong to the changed property (or are blanks/commas around it).
        const target = findNodeAtLocation(tree, path.slice(0, 1));
        const owner = target?.parent;
        for (const e of result.edits) {
          for (let i = e.offset; i < e.offset + e.length; i++) {
            const inside = owner !== undefined && i >= owner.offset && i < owner.offset + owner.length;
            assert.ok(inside || /[\s,]/.test(text[i]!), `edit outside the property at ${i}: ${JSON.stringify(text.slice(e.offset, e.offset + e.length))}`);
          }
        }
        // Comments outside the changed property all survive, in order.
        const outside = jsoncComments(text).filter((c) => !owner || c.offset < owner.offset || c.offset >= owner.offset + owner.length);
        const now = jsoncComments(result.text).map((c) => c.text);
        let j = 0;
        for (const c of now) if (j < outside.length && c === outside[j]!.text) j++;
        assert.equal(j, outside.length, 'a comment was lost');
        // Line ends stay those of the file (CRLF, LF or a lone CR), also in what was inserted.
        assertLineEnds(result.text, s.eol);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on hostile input, and keeps the file parseable when it edits', () => {
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.stringMatching(/^[{}[\]",:/*\n\r\t a-z0-9]{0,120}$/),
      settings.map((o) => JSON.stringify(o).slice(0, -1)),
    );
    fc.assert(
      fc.property(hostile, fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 3 }), fc.option(json, { nil: undefined }), (text, path, value) => {
        const result = timed('JSONC settings editor, hostile input', () => setJsoncValue(text, path, value));
        if (result.ok) {
          const errors: unknown[] = [];
          parseTree(result.text, errors as never, { allowTrailingComma: true, allowEmptyContent: true });
          assert.deepEqual(errors, []);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the watchdog settings edit (setSetting) keeps every byte outside the edited property and the file line ends', () => {
    fc.assert(
      fc.property(settings, style, fc.constantFrom('files.watcherExclude', 'gopls'), key, fc.option(json, { nil: undefined }), (object, s, section, k, value) => {
        const text = render(object, s);
        const after = setSetting(text, section, k, value);
        assertLineEnds(after, s.eol);
        // It is the quick fixes' editor: the same minimal edits (whose bytes the first property checks);
        // only comments inside the replaced or removed value may go.
        const core = setJsoncValue(text, [section, k], value);
        assert.ok(core.ok);
        assert.equal(after, core.text);
        assert.deepEqual(jsoncComments(after).map((c) => c.text), jsoncComments(text).filter((c) => !isInside(text, section, k, c.offset)).map((c) => c.text));
        const got = getNodeValue(parseTree(after, [], { allowTrailingComma: true })!) as unknown;
        const now = valueAt(got, [section, k]);
        if (value === undefined) assert.equal(now, undefined);
        else assert.deepEqual(plain(now), plain(value));
      }),
      { numRuns: 200 },
    );
  });
});

describe('removeJsoncArrayElement properties', () => {
  const flag = fc.oneof(fc.constantFrom('-rpc.trace', '-remote=auto', '-logfile=/tmp/x', 'serve'), fc.string({ maxLength: 6 }));
  const layout = fc.record({
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    indent: fc.constantFrom('\t', '  '),
    trailingComma: fc.boolean(),
    // Per element: on its own line?, a block comment before / after it, a line comment after its comma, a comment line above.
    elements: fc.array(fc.record({ ownLine: fc.boolean(), before: fc.boolean(), after: fc.boolean(), line: fc.boolean(), above: fc.boolean() }), { minLength: 1, maxLength: 5 }),
  });

  it('removes exactly the element and one comma: every comment and every other byte stays, line ends too', () => {
    fc.assert(
      fc.property(layout, fc.array(flag, { minLength: 5, maxLength: 5 }), fc.nat(), (l, flags, pick) => {
        const n = l.elements.length;
        const pad = l.indent.repeat(2);
        let body = '';
        l.elements.forEach((e, i) => {
          const separate = e.ownLine || e.line || e.above || i === 0;
          if (e.above) body += `${l.eol}${pad}// above ${i}`;
          body += separate ? `${l.eol}${pad}` : ' ';
          body += `${e.before ? `/* b${i} */ ` : ''}${JSON.stringify(flags[i])}${e.after ? ` /* a${i} */` : ''}`;
          if (i < n - 1 || l.trailingComma) body += ',';
          // A line comment must end its line: the next element then starts on its own line.
          if (e.line) {
            body += ` // c${i}`;
            if (i + 1 < n) l.elements[i + 1]!.ownLine = true;
          }
        });
        const text = `{${l.eol}${l.indent}"go.languageServerFlags": [${body}${l.eol}${l.indent}]${l.eol}}${l.eol}`;
        const index = pick % n;
        const result = removeJsoncArrayElement(text, ['go.languageServerFlags'], index);
        assert.ok(result.ok, result.ok ? '' : `${result.reason}\n${text}`);
        const expected = flags.slice(0, n);
        expected.splice(index, 1);
        assert.deepEqual(plain(valueAt(getNodeValue(parseTree(result.text, [], { allowTrailingComma: true })!), ['go.languageServerFlags'])), expected);
        assert.deepEqual(jsoncComments(result.text).map((c) => c.text), jsoncComments(text).map((c) => c.text), 'every comment stays');
        assertLineEnds(result.text, l.eol);
        // Only the element itself, commas and blanks are removed.
        const array = findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true })!, ['go.languageServerFlags'])!;
        const item = array.children![index]!;
        assertOnlySpansChanged(text, result.text, result.edits, (i) => (i >= item.offset && i < item.offset + item.length) || /[\s,]/.test(text[i]!));
        for (const e of result.edits) assert.equal(e.content, '');
      }),
      { numRuns: 400 },
    );
  });
});
