/**
 * Every settings fix the product offers, applied to generated JSONC settings files (comments
 * everywhere, trailing commas or not, LF/CRLF/CR, tabs or spaces, nested and one-line objects):
 * the file then holds exactly the intended value, and every byte outside the edited property is
 * unchanged (only blanks and commas next to it may go).
 *
 * The fixes, found by source (a guard below fails when a new one appears that is not listed here):
 * - setting fixes (`kind: 'setting'`): go/module-needs-newer pins go.toolsEnvVars › GOTOOLCHAIN,
 *   cgo/no-compiler sets go.toolsEnvVars › CGO_ENABLED, the gopls watchdog's exclusions
 *   (files.watcherExclude › glob, gopls › build.directoryFilters; from storm-fixes.ts itself).
 *   The language server applies them with settingsFileChange (a workspace edit), the extension
 *   with setSetting (the watchdog's writer, and goDoctor.applySetting for an unregistered setting);
 * - edit fixes on settings.json (`kind: 'edit'`, computed by parseVsCodeSettings): remove go.goroot /
 *   go.alternateTools › go (settings/goroot-and-toolchain), remove a go.languageServerFlags element
 *   (settings/rpc-trace), remove or move go.toolsEnvVars › GOOS/GOARCH to gopls › build.env
 *   (settings/tools-env-goos), and the same removal edits of every other recorded key.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { applyRangeEdits, toOffsetEdit, type OffsetEdit, type RangeEdit } from '../../../src/core/edits/apply-text-edits.js';
import { settingsFileChange } from '../../../src/core/edits/fix-changes.js';
import { jsoncComments } from '../../../src/core/edits/jsonc-value-edit.js';
import type { Fix, TextEdit } from '../../../src/core/finding.js';
import { isRecord } from '../../../src/core/is-record.js';
import { LineIndex } from '../../../src/core/parse/line-index.js';
import { parseVsCodeSettings } from '../../../src/core/parse/vscode-json.js';
import type { JsonArrayItemRef } from '../../../src/core/workspace/vscode.js';
import { setSetting } from '../../../src/watchdog/settings-edit.js';
import { exclusionFixes } from '../../../src/watchdog/storm-fixes.js';

type SettingFix = Extract<Fix, { kind: 'setting' }>;
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const PARSE = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

// ---------------------------------------------------------------------------------------------
// Generated settings files

const ENV_KEYS = ['GOOS', 'GOARCH', 'GOTOOLCHAIN', 'CGO_ENABLED', 'GOFLAGS', 'CC'];
const GOPLS_KEYS = ['build.directoryFilters', 'build.env', 'ui.semanticTokens'];
const GLOBS = ['**/out/**', '**/node_modules/**', '**/.git/objects/**', '**/gen/**'];
const FLAGS = ['-rpc.trace', '-remote=auto', '-logfile=/tmp/gopls.log', '-tags=integration', '-ldflags=-s -w'];

const scalar: fc.Arbitrary<Json> = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: -9, max: 99 }), fc.boolean(), fc.constant(null));
const envObject = fc.dictionary(fc.constantFrom(...ENV_KEYS), fc.oneof(fc.constantFrom('linux', 'arm64', 'local', '1', 'go1.24.4+auto'), scalar), { maxKeys: 4 });
const flags = fc.array(fc.oneof(fc.constantFrom(...FLAGS), fc.string({ maxLength: 5 })), { maxLength: 4 });
const goplsObject = fc.dictionary(
  fc.constantFrom(...GOPLS_KEYS),
  fc.oneof(fc.array(fc.constantFrom('-**/node_modules', '-vendor', '+vendor/keep', '-out'), { maxLength: 3 }), envObject, scalar),
  { maxKeys: 3 },
);
/** A value a user may have written where an object setting is expected (the editor replaces it). */
const odd = fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }));
const section: fc.Arbitrary<[string, Json]> = fc.oneof(
  fc.tuple(fc.constant('go.toolsEnvVars'), fc.oneof({ weight: 4, arbitrary: envObject }, { weight: 1, arbitrary: odd })),
  fc.tuple(fc.constant('go.testEnvVars'), envObject),
  fc.tuple(fc.constant('gopls'), fc.oneof({ weight: 4, arbitrary: goplsObject }, { weight: 1, arbitrary: odd })),
  fc.tuple(fc.constant('files.watcherExclude'), fc.oneof({ weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...GLOBS), fc.boolean(), { maxKeys: 3 }) }, { weight: 1, arbitrary: odd })),
  fc.tuple(fc.constant('go.languageServerFlags'), flags),
  fc.tuple(fc.constant('go.buildFlags'), flags),
  fc.tuple(fc.constant('go.goroot'), fc.constantFrom('/usr/local/go', '/opt/go1.21', '')),
  fc.tuple(fc.constant('go.alternateTools'), fc.dictionary(fc.constantFrom('go', 'gopls', 'dlv'), fc.constantFrom('/opt/go/bin/go', 'gopls-dev'), { maxKeys: 2 })),
  fc.tuple(fc.constantFrom('editor.tabSize', 'go.lintTool', 'é"q'), scalar),
);
const settingsObject = fc.uniqueArray(section, { selector: ([k]) => k, maxLength: 6 }).map((entries) => Object.fromEntries(entries) as Record<string, Json>);

interface Style {
  indent: string;
  eol: string;
  trailingCommas: boolean;
  comments: boolean;
  /** Objects of at most this many members (below the top level) are written on one line. */
  inlineUpTo: number;
  seed: number;
}

const style: fc.Arbitrary<Style> = fc.record({
  indent: fc.constantFrom('\t', '  ', '    '),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  trailingCommas: fc.boolean(),
  comments: fc.boolean(),
  inlineUpTo: fc.constantFrom(-1, 1, 2),
  seed: fc.nat(),
});

/** Writes a settings object as a person might: comments above, before, after and between members. */
function render(value: Record<string, Json>, s: Style): string {
  let n = s.seed;
  const coin = () => ((n = (n * 1103515245 + 12345) % 2147483648) >> 16) % 3 === 0;
  const comment = () => s.comments && coin();
  const write = (v: Json, depth: number): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const entries: [string | undefined, Json][] = Array.isArray(v) ? v.map((x) => [undefined, x]) : Object.entries(v);
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) return comment() ? `${open} /* empty */ ${close}` : `${open}${close}`;
    const member = ([k, x]: [string | undefined, Json]) => (k === undefined ? write(x, depth + 1) : `${JSON.stringify(k)}: ${write(x, depth + 1)}`);
    if (depth > 0 && entries.length <= s.inlineUpTo) {
      const inner = entries.map((e) => `${comment() ? '/* i */ ' : ''}${member(e)}`).join(', ');
      return `${open} ${inner}${s.trailingCommas ? ',' : ''} ${close}`;
    }
    const pad = s.indent.repeat(depth + 1);
    const lines = entries.map((e, i) => {
      const above = comment() ? `${pad}// about ${i}${s.eol}` : '';
      const before = comment() ? '/* b */ ' : '';
      const after = comment() ? ' /* a */' : '';
      const comma = i < entries.length - 1 || s.trailingCommas ? ',' : '';
      const line = comment() ? ` // after ${i}` : '';
      return `${above}${pad}${before}${member(e)}${after}${comma}${line}`;
    });
    const last = comment() ? `${pad}// last${s.eol}` : '';
    return `${open}${s.eol}${lines.join(s.eol)}${s.eol}${last}${s.indent.repeat(depth)}${close}`;
  };
  return `${comment() ? `// header${s.eol}` : ''}${write(value, 0)}${comment() ? ' // end' : ''}${s.eol}`;
}

// ---------------------------------------------------------------------------------------------
// The settings fixes

const goVersion = fc.tuple(fc.integer({ min: 21, max: 30 }), fc.nat({ max: 12 })).map(([minor, patch]) => `go1.${minor}.${patch}`);
const directory = fc.oneof(fc.constantFrom('out', 'build/gen', 'node_modules', 'third_party/big', './dist/', 'a b', 'weird[dir]'), fc.stringMatching(/^[a-z_.]{1,6}(\/[a-z_]{1,6})?$/));

/** The setting fixes the rules offer (as module-needs-newer.ts and no-compiler.ts write them). */
const ruleSettingFix: fc.Arbitrary<SettingFix> = fc.oneof(
  goVersion.map((target): SettingFix => ({ kind: 'setting', title: `Pin ${target} for the Go extension's tools`, section: 'go.toolsEnvVars', key: 'GOTOOLCHAIN', value: `${target}+auto`, scope: 'workspace' })),
  fc.constant<SettingFix>({ kind: 'setting', title: "Turn cgo off for the Go extension's tools", section: 'go.toolsEnvVars', key: 'CGO_ENABLED', value: '0', scope: 'workspace' }),
);

/** The watchdog's exclusions, from storm-fixes.ts with the file's own gopls build.directoryFilters. */
function watchdogFixes(text: string, dir: string): SettingFix[] {
  const root = parseTree(text, [], PARSE);
  const gopls = root ? (getNodeValue(root) as Record<string, unknown>).gopls : undefined;
  const current = isRecord(gopls) && Array.isArray(gopls['build.directoryFilters']) ? (gopls['build.directoryFilters'] as unknown[]) : undefined;
  return exclusionFixes(dir, current).filter((f): f is SettingFix => f.kind === 'setting');
}

// ---------------------------------------------------------------------------------------------
// Checks

function parse(text: string): unknown {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE);
  assert.deepEqual(errors, [], `the edited file does not parse:\n${text}`);
  return root ? (getNodeValue(root) as unknown) : undefined;
}

/** fast-check may build objects without a prototype; compare plain JSON. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** `root` with `path` set to `value` (objects created or replaced on the way; `undefined` removes). */
function withValue(root: unknown, path: readonly string[], value: unknown): unknown {
  const out = structuredClone<Record<string, unknown>>(isRecord(root) ? root : {});
  let cursor = out;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      if (value === undefined) delete cursor[key];
      else cursor[key] = structuredClone(value);
      break;
    }
    if (!isRecord(cursor[key])) {
      if (value === undefined) break;
      cursor[key] = {};
    }
    cursor = cursor[key] as Record<string, unknown>;
  }
  return out;
}

/** The property nodes an edit of `path` may touch: the one at `path`, and those whose non-object value it replaces. */
function editedProperties(text: string, path: readonly string[]): Node[] {
  const root = parseTree(text, [], PARSE);
  const out: Node[] = [];
  if (!root) return out;
  for (let i = 1; i <= path.length; i++) {
    const property = findNodeAtLocation(root, path.slice(0, i))?.parent;
    if (!property) break;
    out.push(property);
    if (property.children?.[1]?.type !== 'object') break;
  }
  return out;
}

/** Offsets where a changed byte is not a blank or a comma: they must all lie inside `allowed` spans. */
function assertOnlyInside(before: string, edits: readonly OffsetEdit[], allowed: readonly Node[], what: string): void {
  for (const e of edits) {
    for (let i = e.offset; i < e.offset + e.length; i++) {
      const inside = allowed.some((n) => i >= n.offset && i < n.offset + n.length);
      assert.ok(inside || /[\s,]/.test(before[i]!), `${what}: byte ${i} ${JSON.stringify(before[i])} outside the edited property changed (${JSON.stringify(before.slice(e.offset, e.offset + e.length))} → ${JSON.stringify(e.content)})\n${before}`);
    }
  }
}

/** Line breaks in what was inserted are the file's own. */
function assertLineEnds(before: string, after: string, eol: string): void {
  if (/\r\n|\r|\n/.test(before)) assert.deepEqual([...new Set(after.match(/\r\n|\r|\n/g) ?? [])].filter((b) => b !== eol), [], `line ends other than ${JSON.stringify(eol)}`);
}

/** Comments outside the edited properties all survive, in order. */
function assertCommentsKept(before: string, after: string, allowed: readonly Node[], what: string): void {
  const outside = jsoncComments(before).filter((c) => !allowed.some((n) => c.offset >= n.offset && c.offset < n.offset + n.length));
  let j = 0;
  for (const c of jsoncComments(after)) if (j < outside.length && c.text === outside[j]!.text) j++;
  assert.equal(j, outside.length, `${what}: a comment was lost: ${outside[j]?.text}\n${before}\n→\n${after}`);
}

function toOffsets(text: string, edits: readonly RangeEdit[]): OffsetEdit[] {
  const lines = new LineIndex(text);
  return edits.map((e) => toOffsetEdit(lines, e));
}

/** A setting fix through every front that applies one; all agree and keep the bytes outside. */
function checkSettingFix(text: string, eol: string, fix: SettingFix): void {
  const path = fix.key === undefined ? [fix.section] : [fix.section, fix.key];
  const expected = plain(withValue(parse(text), path, fix.value));
  const allowed = editedProperties(text, path);
  const what = `${fix.title} (${path.join(' › ')})`;

  // The language server's workspace edit (code-actions.ts) …
  const change = settingsFileChange(text, fix);
  assert.ok(change.ok, change.ok ? '' : `${what}: ${change.reason}\n${text}`);
  const viaServer = applyRangeEdits(text, change.edits);
  assert.equal(viaServer, change.text);
  assertOnlyInside(text, toOffsets(text, change.edits), allowed, what);
  // … and the extension's writer (watchdog exclusions, goDoctor.applySetting's fallback), each on its own …
  const viaExtension = setSetting(text, fix.section, fix.key, fix.value);
  for (const [front, after] of [['server', viaServer], ['extension', viaExtension]] as const) {
    assert.deepEqual(plain(parse(after)), expected, `${what} (${front}): not the intended value\n${after}`);
    assertCommentsKept(text, after, allowed, `${what} (${front})`);
    assertLineEnds(text, after, eol);
  }
  // … write the same text.
  assert.equal(viaExtension, viaServer, `${what}: the fronts disagree`);
}

/** An edit fix on settings.json as a client applies it (the TextEdits of the finding). */
function checkEditFix(text: string, eol: string, what: string, edits: readonly TextEdit[], expected: unknown, allowed: readonly Node[]): void {
  assert.ok(edits.length > 0, `${what}: no edit offered\n${text}`);
  const after = applyRangeEdits(text, edits);
  assert.deepEqual(plain(parse(after)), plain(expected), `${what}: not the intended value\n${after}`);
  assertOnlyInside(text, toOffsets(text, edits), allowed, what);
  assertCommentsKept(text, after, allowed, what);
  assertLineEnds(text, after, eol);
}

// ---------------------------------------------------------------------------------------------

describe('every settings fix keeps the bytes outside the edited value', () => {
  it('the rules\' setting fixes and the watchdog\'s exclusions, through the server and the extension', () => {
    fc.assert(
      fc.property(settingsObject, style, ruleSettingFix, directory, (object, s, ruleFix, dir) => {
        const text = render(object, s);
        for (const fix of [ruleFix, ...watchdogFixes(text, dir)]) checkSettingFix(text, s.eol, fix);
      }),
      { numRuns: 500 },
    );
  });

  it('setting fixes on a new, empty or comment-only settings file', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '\n', '// my settings\n', '/* a */\r\n', '{}', '{\n}\n', '{ /* nothing yet */ }'), ruleSettingFix, directory, (text, ruleFix, dir) => {
        for (const fix of [ruleFix, ...watchdogFixes(text, dir)]) checkSettingFix(text, /\r\n/.test(text) ? '\r\n' : '\n', fix);
        const created = settingsFileChange(undefined, ruleFix);
        assert.ok(created.ok && created.create);
        assert.deepEqual(plain(parse(created.text)), withValue({}, [ruleFix.section, ruleFix.key!], ruleFix.value));
      }),
      { numRuns: 100 },
    );
  });

  it('the settings rules\' edit fixes (remove, move to gopls build.env, remove a flag)', () => {
    fc.assert(
      fc.property(settingsObject, style, (object, s) => {
        const text = render(object, s);
        const vs = parseVsCodeSettings('/w/.vscode/settings.json', text).vscode;
        assert.ok(vs, text);
        const root = parse(text);
        const refs: [string[], { removeEdits: TextEdit[] } | undefined][] = [
          [['go.goroot'], vs.goroot],
          [['go.alternateTools', 'go'], vs.alternateGo],
          ...Object.keys(vs.toolsEnvVars).map((k): [string[], { removeEdits: TextEdit[] }] => [['go.toolsEnvVars', k], vs.toolsEnvVars[k]!]),
          ...Object.keys(vs.testEnvVars).map((k): [string[], { removeEdits: TextEdit[] }] => [['go.testEnvVars', k], vs.testEnvVars[k]!]),
          ...Object.keys(vs.goplsBuildEnv).map((k): [string[], { removeEdits: TextEdit[] }] => [['gopls', 'build.env', k], vs.goplsBuildEnv[k]!]),
        ];
        for (const [path, ref] of refs) {
          if (!ref) continue;
          checkEditFix(text, s.eol, `remove ${path.join(' › ')}`, ref.removeEdits, withValue(root, path, undefined), editedProperties(text, path));
        }
        for (const key of ['go.languageServerFlags', 'go.buildFlags'] as const) {
          const items: JsonArrayItemRef[] = key === 'go.languageServerFlags' ? vs.languageServerFlags : vs.buildFlags;
          const array = findNodeAtLocation(parseTree(text, [], PARSE)!, [key]);
          const strings = (array?.children ?? []).map((item, i) => [item, i] as const).filter(([item]) => item.type === 'string');
          assert.equal(items.length, strings.length);
          items.forEach((item, j) => {
            const [node, index] = strings[j]!;
            const expected = withValue(root, [key], (getNodeValue(array!) as unknown[]).filter((_, i) => i !== index));
            checkEditFix(text, s.eol, `remove ${item.value} from ${key}`, item.removeEdits, expected, [node]);
          });
        }
        for (const [name, edits] of Object.entries(vs.moveToGoplsEdits)) {
          const value = vs.toolsEnvVars[name]!.value;
          const target = ['gopls', 'build.env', name];
          const expected = withValue(withValue(root, ['go.toolsEnvVars', name], undefined), target, value);
          checkEditFix(text, s.eol, `move ${name} to gopls build.env`, edits, expected, [...editedProperties(text, ['go.toolsEnvVars', name]), ...editedProperties(text, target)]);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('the fixes above are all the settings fixes there are', () => {
  const src = join(__dirname, '../../../src');
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const sources = files(src).map((f) => ({ file: relative(src, f), text: readFileSync(f, 'utf8') }));

  it('setting fixes are made only where this test takes them from', () => {
    const makers = sources.filter((s) => /kind: 'setting'( as const)?, title/.test(s.text)).map((s) => s.file).sort();
    assert.deepEqual(makers, ['core/rules/cgo/no-compiler.ts', 'core/rules/go/module-needs-newer.ts', 'extension/fix-setting.ts', 'watchdog/storm-fixes.ts']);
    const text = (file: string) => sources.find((s) => s.file === file)!.text;
    assert.match(text('core/rules/go/module-needs-newer.ts'), /section: 'go\.toolsEnvVars', key: 'GOTOOLCHAIN', value: `\$\{target\}\+auto`/);
    assert.match(text('core/rules/cgo/no-compiler.ts'), /section: 'go\.toolsEnvVars', key: 'CGO_ENABLED', value: '0'/);
    // goDoctor.applySetting's fallback re-wraps a fix the server sent (one of the above) for setSetting.
    assert.match(text('extension/fix-setting.ts'), /applyWorkspaceSettingFixes\(\[fix\]\)/);
  });

  it('settings.json edit fixes come only from the edits parseVsCodeSettings computes', () => {
    const users = sources.filter((s) => s.file.startsWith('core/rules/') && /\.removeEdits|moveToGoplsEdits/.test(s.text)).map((s) => s.file).sort();
    assert.deepEqual(users, ['core/rules/settings/goroot-and-toolchain.ts', 'core/rules/settings/rpc-trace.ts', 'core/rules/settings/tools-env-goos.ts']);
  });
});
