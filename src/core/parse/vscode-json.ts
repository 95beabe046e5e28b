/**
 * `.vscode/settings.json`, `launch.json` and `tasks.json` (JSON with comments): the Go
 * extension's settings with exact ranges, minimal deletion edits (core/edits, so
 * comments and formatting elsewhere stay byte for byte), launch configurations' env and
 * buildFlags, and shell tasks read as shell. Pure; never throws.
 */
import { findNodeAtLocation, getNodeValue, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { applyOffsetEdits } from '../edits/apply-text-edits.js';
import { removeJsoncArrayElement, setJsoncValue } from '../edits/jsonc-value-edit.js';
import type { Range, TextEdit } from '../finding.js';
import type { BuildConfig, SettingValue } from '../workspace/build-config.js';
import { emptyVsCodeFacts, type JsonArrayItemRef, type JsonSettingRef, type VsCodeFacts } from '../workspace/vscode.js';
import { goCommandConfig, linkerFlagsOf, settingFromAssignment } from './go-command.js';
import { LineIndex } from './line-index.js';
import { MappedBuilder, sourceText, syntheticText, type MappedText } from './mapped-text.js';
import { interpretShell, type ShellVars } from './shell-script.js';
import { emptySourceFacts, findFlagRefs, findGorootRefs, flagPlaceOf, malformedSource, readGuarded, type SourceFacts } from './source-facts.js';

export interface VsCodeSourceFacts extends SourceFacts {
  vscode?: VsCodeFacts;
}

function parseJsonc(text: string): { root?: JsonNode; error?: string } {
  try {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (!root) return { error: 'empty or not JSON' };
    // jsonc-parser recovers from errors; only give up when the top level is not an object/array.
    if (root.type !== 'object' && root.type !== 'array') return { error: 'not a JSON object' };
    return { root };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Minimal edits that set (or, with `undefined`, delete) the property at `path`, keeping comments
 * and formatting outside the changed span (core/edits setJsoncValue). Empty when not possible.
 */
function jsonEdits(file: string, text: string, index: LineIndex, path: string[], value: unknown): TextEdit[] {
  const r = setJsoncValue(text, path, value);
  if (!r.ok) return [];
  return r.edits.map((e) => ({ file, range: index.range(e.offset, e.offset + e.length), newText: e.content }));
}

/** One edit turning `text` into `next` (the span between their common prefix and suffix). */
function diffEdit(file: string, text: string, index: LineIndex, next: string): TextEdit {
  let a = 0;
  while (a < text.length && a < next.length && text[a] === next[a]) a++;
  let b = 0;
  while (b < text.length - a && b < next.length - a && text[text.length - 1 - b] === next[next.length - 1 - b]) b++;
  return { file, range: index.range(a, text.length - b), newText: next.slice(a, next.length - b) };
}

/** Edits that move `section.name` to `gopls` → `build.env` → `name` (one edit; empty when not possible). */
function moveToGoplsEnv(file: string, text: string, index: LineIndex, section: string, name: string, value: unknown): TextEdit[] {
  const removed = setJsoncValue(text, [section, name], undefined);
  if (!removed.ok) return [];
  const added = setJsoncValue(removed.text, ['gopls', 'build.env', name], value);
  if (!added.ok) return [];
  // Two minimal edits against the original when they do not touch each other; else one edit.
  const addedAlone = setJsoncValue(text, ['gopls', 'build.env', name], value);
  if (addedAlone.ok) {
    const both = [...removed.edits, ...addedAlone.edits].sort((a, b) => a.offset - b.offset);
    const disjoint = both.every((e, i) => i === 0 || both[i - 1]!.offset + both[i - 1]!.length < e.offset);
    if (disjoint && applyOffsetEdits(text, both) === added.text) {
      return both.map((e) => ({ file, range: index.range(e.offset, e.offset + e.length), newText: e.content }));
    }
  }
  return [diffEdit(file, text, index, added.text)];
}

/**
 * Deletes element `i` of the array at `path` with its separating comma; comments around it stay
 * (core/edits removeJsoncArrayElement). Empty when not possible.
 */
function removeArrayElement(file: string, text: string, index: LineIndex, path: string[], i: number): TextEdit[] {
  const r = removeJsoncArrayElement(text, path, i);
  if (!r.ok) return [];
  return r.edits.map((e) => ({ file, range: index.range(e.offset, e.offset + e.length), newText: e.content }));
}

function nodeRange(index: LineIndex, n: JsonNode): Range {
  return index.range(n.offset, n.offset + n.length);
}

/** A JSON string's value mapped to the source when it has no escapes; coarse otherwise. */
function jsonStringMapped(text: string, n: JsonNode): MappedText | undefined {
  if (n.type !== 'string' || typeof n.value !== 'string') return undefined;
  const inner = text.slice(n.offset + 1, n.offset + n.length - 1);
  if (inner === n.value) return sourceText(n.value, n.offset + 1);
  return { text: n.value, origins: new Array<number>(n.value.length).fill(n.offset) };
}

/** Properties of an object node as [key, keyNode, valueNode]. */
function properties(n: JsonNode | undefined): [string, JsonNode, JsonNode][] {
  if (!n || n.type !== 'object') return [];
  const out: [string, JsonNode, JsonNode][] = [];
  for (const p of n.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v && typeof k.value === 'string') out.push([k.value, k, v]);
  }
  return out;
}

function settingRef(file: string, text: string, index: LineIndex, path: string[], key: string, keyNode: JsonNode, valueNode: JsonNode): JsonSettingRef {
  let value: unknown;
  try {
    value = getNodeValue(valueNode);
  } catch {
    value = undefined;
  }
  return { file, key, value, keyRange: nodeRange(index, keyNode), valueRange: nodeRange(index, valueNode), removeEdits: jsonEdits(file, text, index, path, undefined) };
}

/** Env object → SettingValues (string values only). */
function envSettings(file: string, text: string, index: LineIndex, obj: JsonNode | undefined): Record<string, SettingValue> {
  const out: Record<string, SettingValue> = {};
  for (const [key, k, v] of properties(obj)) {
    const value = v.type === 'string' ? String(v.value) : v.type === 'number' || v.type === 'boolean' ? String(v.value) : undefined;
    const range = v.type === 'string' ? index.range(v.offset + 1, v.offset + v.length - 1) : nodeRange(index, v);
    out[key] = { name: key, value: value !== undefined && !/\$\{/.test(value) ? value : undefined, file, range, fullRange: index.range(k.offset, v.offset + v.length) };
  }
  return out;
}

const GO_ENV = /^(GO|CGO_|CC$|CXX$)/;

/**
 * -ldflags, -tags and -buildmode from build flags: each element of an array is one argument
 * (`"-ldflags=-s -w"`); a single string (launch.json's buildFlags) is split like a command line.
 */
function buildFlagSettings(file: string, text: string, index: LineIndex, items: JsonNode[], isArray: boolean): Pick<BuildConfig, 'ldflags' | 'linkerFlags' | 'tags' | 'buildmode'> {
  const out: Pick<BuildConfig, 'ldflags' | 'linkerFlags' | 'tags' | 'buildmode'> = { linkerFlags: [] };
  const take = (name: string, valueM: MappedText, fallback: number) => {
    const s0 = valueM.origins[0] ?? fallback;
    const s1 = (valueM.origins[valueM.origins.length - 1] ?? fallback) + 1;
    const setting: SettingValue = { name: `-${name}`, value: valueM.text, file, range: index.range(s0, Math.max(s0, s1)) };
    if (name === 'ldflags') {
      out.ldflags = setting;
      out.linkerFlags.push(...linkerFlagsOf(file, index, valueM));
    } else if (name === 'tags') out.tags = setting;
    else out.buildmode = setting;
  };
  for (const item of items) {
    const m = jsonStringMapped(text, item);
    if (!m) continue;
    if (isArray) {
      const f = /^--?(ldflags|tags|buildmode)=/.exec(m.text);
      if (f) take(f[1]!, { text: m.text.slice(f[0].length), origins: m.origins.slice(f[0].length) }, item.offset);
      continue;
    }
    const re = /(?:^|\s)--?(ldflags|tags|buildmode)(?:=|\s+)('[^']*'|"[^"]*"|\S+)/g;
    let f: RegExpExecArray | null;
    while ((f = re.exec(m.text))) {
      const rawValue = f[2]!;
      const quoted = rawValue.startsWith("'") || rawValue.startsWith('"');
      const valueStart = f.index + f[0].length - rawValue.length + (quoted ? 1 : 0);
      const valueEnd = f.index + f[0].length - (quoted ? 1 : 0);
      take(f[1]!, { text: m.text.slice(valueStart, valueEnd), origins: m.origins.slice(valueStart, valueEnd) }, item.offset);
    }
  }
  return out;
}

export function parseVsCodeSettings(file: string, text: string): VsCodeSourceFacts {
  const facts: VsCodeSourceFacts = emptySourceFacts();
  const { root, error } = parseJsonc(text);
  if (!root) return malformedSource(facts, file, `not valid JSON with comments, not checked: ${error}`);
  return readGuarded(facts, file, 'VS Code settings', () => {
    const index = new LineIndex(text);
    const vs: VsCodeFacts = { ...emptyVsCodeFacts(), settingsFile: file };
    let toolsEnv: Record<string, SettingValue> = {};
    let buildFlagItems: JsonNode[] = [];
    for (const [key, k, v] of properties(root)) {
      switch (key) {
        case 'go.toolsEnvVars':
          for (const [name, nk, nv] of properties(v)) vs.toolsEnvVars[name] = settingRef(file, text, index, [key, name], name, nk, nv);
          toolsEnv = envSettings(file, text, index, v);
          for (const name of ['GOOS', 'GOARCH']) {
            const ref = vs.toolsEnvVars[name];
            if (ref) vs.moveToGoplsEdits[name] = moveToGoplsEnv(file, text, index, key, name, ref.value);
          }
          break;
        case 'go.testEnvVars':
          for (const [name, nk, nv] of properties(v)) vs.testEnvVars[name] = settingRef(file, text, index, [key, name], name, nk, nv);
          break;
        case 'go.languageServerFlags':
        case 'go.buildFlags': {
          const items: JsonArrayItemRef[] = [];
          (v.type === 'array' ? (v.children ?? []) : []).forEach((item, i) => {
            if (item.type !== 'string') return;
            items.push({ file, value: String(item.value), range: nodeRange(index, item), removeEdits: removeArrayElement(file, text, index, [key], i) });
          });
          if (key === 'go.languageServerFlags') vs.languageServerFlags = items;
          else {
            vs.buildFlags = items;
            buildFlagItems = v.children ?? [];
          }
          break;
        }
        case 'go.goroot':
          if (v.type === 'string' && String(v.value).trim() !== '') vs.goroot = settingRef(file, text, index, [key], key, k, v);
          break;
        case 'go.alternateTools':
          for (const [name, nk, nv] of properties(v)) if (name === 'go') vs.alternateGo = settingRef(file, text, index, [key, name], name, nk, nv);
          break;
        case 'gopls': {
          const envNode = properties(v).find(([kk]) => kk === 'build.env')?.[2];
          for (const [name, nk, nv] of properties(envNode)) vs.goplsBuildEnv[name] = settingRef(file, text, index, [key, 'build.env', name], name, nk, nv);
          break;
        }
        default:
          break;
      }
    }
    for (const s of Object.values(toolsEnv)) if (GO_ENV.test(s.name)) facts.settings.push(s);
    const flags = buildFlagSettings(file, text, index, buildFlagItems, true);
    const toolsNode = findNodeAtLocation(root, ['go.toolsEnvVars']);
    if (Object.keys(toolsEnv).length > 0 || flags.ldflags || flags.buildmode || flags.tags) {
      const anchor = toolsNode ?? root;
      facts.configs.push({
        tool: 'vscode-settings',
        file,
        range: nodeRange(index, toolsNode?.parent?.children?.[0] ?? anchor),
        label: 'the Go extension\'s tool environment (go.toolsEnvVars / go.buildFlags)',
        action: 'tools',
        env: toolsEnv,
        ...flags,
        packages: [],
        dir: '',
      });
    }
    facts.vscode = vs;
  });
}

export function parseVsCodeLaunch(file: string, text: string): SourceFacts {
  const facts = emptySourceFacts();
  const { root, error } = parseJsonc(text);
  if (!root) return malformedSource(facts, file, `not valid JSON with comments, not checked: ${error}`);
  return readGuarded(facts, file, 'launch.json', () => {
    const index = new LineIndex(text);
    const configurations = findNodeAtLocation(root, ['configurations']);
    for (const c of configurations?.type === 'array' ? (configurations.children ?? []) : []) {
      const props = new Map(properties(c).map(([k, , v]) => [k, v]));
      const type = props.get('type');
      if (type?.value !== 'go') continue;
      const name = typeof props.get('name')?.value === 'string' ? String(props.get('name')!.value) : 'unnamed';
      const env = envSettings(file, text, index, props.get('env'));
      for (const s of Object.values(env)) if (GO_ENV.test(s.name)) facts.settings.push(s);
      const bf = props.get('buildFlags');
      const flags = buildFlagSettings(file, text, index, bf ? (bf.type === 'array' ? (bf.children ?? []) : [bf]) : [], bf?.type === 'array');
      const mode = typeof props.get('mode')?.value === 'string' ? String(props.get('mode')!.value) : 'debug';
      if (props.get('request')?.value === 'attach' || mode === 'exec' || mode === 'remote') continue;
      facts.configs.push({
        tool: 'vscode-launch',
        file,
        range: nodeRange(index, c),
        label: `launch configuration "${name}"`,
        action: mode === 'test' ? 'test' : 'build',
        env,
        ...flags,
        packages: [],
        dir: '',
      });
    }
    facts.gorootRefs.push(...findGorootRefs(file, text, index, /^\/\//));
    facts.flagRefs.push(...findFlagRefs(file, text, index, /^\/\//, flagPlaceOf));
  });
}

export function parseVsCodeTasks(file: string, text: string): SourceFacts {
  const facts = emptySourceFacts();
  const { root, error } = parseJsonc(text);
  if (!root) return malformedSource(facts, file, `not valid JSON with comments, not checked: ${error}`);
  return readGuarded(facts, file, 'tasks.json', () => {
    const index = new LineIndex(text);
    const tasks = findNodeAtLocation(root, ['tasks']);
    for (const t of tasks?.type === 'array' ? (tasks.children ?? []) : []) {
      const props = new Map(properties(t).map(([k, , v]) => [k, v]));
      const type = typeof props.get('type')?.value === 'string' ? String(props.get('type')!.value) : 'process';
      if (type !== 'shell' && type !== 'process') continue;
      const command = props.get('command');
      const cm = command ? jsonStringMapped(text, command) : undefined;
      if (!cm) continue;
      const b = new MappedBuilder();
      b.pushMapped(type === 'shell' ? cm : quoteWord(cm));
      const args = props.get('args');
      for (const a of args?.type === 'array' ? (args.children ?? []) : []) {
        const am = jsonStringMapped(text, a) ?? (a.type === 'object' ? jsonStringMapped(text, findNodeAtLocation(a, ['value']) ?? a) : undefined);
        if (!am) continue;
        b.push(' ', -1);
        b.pushMapped(quoteWord(am));
      }
      const vars: ShellVars = new Map();
      const envNode = findNodeAtLocation(t, ['options', 'env']);
      for (const [name, s] of Object.entries(envSettings(file, text, index, envNode))) {
        vars.set(name, { alts: [{ value: s.value !== undefined ? syntheticText(s.value) : undefined, raw: syntheticText(s.value ?? '') }], exported: true });
        if (GO_ENV.test(name)) facts.settings.push(s);
      }
      const label = typeof props.get('label')?.value === 'string' ? String(props.get('label')!.value) : 'unnamed';
      const r = interpretShell(b.build(), { vars, home: [t.offset, t.offset + t.length] });
      const envRefs = envSettings(file, text, index, envNode);
      for (const a of r.settings) {
        const s = settingFromAssignment(file, index, a);
        if (s) facts.settings.push(s);
      }
      for (const cmd of r.goCommands) {
        const config = goCommandConfig({ file, index, tool: 'vscode-tasks', dir: '', where: `task "${label}"` }, cmd);
        if (!config) continue;
        // Env from options.env: use the JSON ranges.
        for (const [name, s] of Object.entries(envRefs)) if (!cmd.env.get(name)?.full) config.env[name] = s;
        if (type !== 'shell' || command?.value !== cm.text || cm.origins[0] === command.offset) delete config.insertion;
        facts.configs.push(config);
      }
    }
  });
}

/** Wraps a process argument so the shell lexer sees it as one word. */
function quoteWord(m: MappedText): MappedText {
  if (/^[A-Za-z0-9_./=,:@%+-]*$/.test(m.text)) return m;
  const b = new MappedBuilder();
  b.push("'", -1);
  for (let i = 0; i < m.text.length; i++) {
    if (m.text[i] === "'") {
      b.push("'\\''", -1);
      continue;
    }
    b.push(m.text[i]!, m.origins[i] ?? -1);
  }
  b.push("'", -1);
  return b.build();
}
