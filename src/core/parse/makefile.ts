/**
 * Makefiles (`Makefile`, `GNUmakefile`, `*.mk`): variables (=, :=, ::=, ?=, +=, !=, export,
 * override, target-specific), line continuations, and recipe lines read as shell with make
 * variables expanded, so `GOOS=$(GOOS) $(GO) build` resolves to the values and ranges of the
 * definitions. Values that depend on run time ($(shell …), automatic variables, anything set
 * under a conditional) stay unresolved. Pure; never throws.
 */
import { GO_SETTING_NAMES, type BuildConfig } from '../workspace/build-config.js';
import type { CallContext } from '../workspace/invocation.js';
import { ExpansionBudget } from './expansion-budget.js';
import { goCommandConfig, invocationOf, mappedRange } from './go-command.js';
import { LineIndex } from './line-index.js';
import { MappedBuilder, sliceMapped, sourceSpan, syntheticText, type MappedText } from './mapped-text.js';
import { macOnlyReason } from './shell-file.js';
import { interpretShell, type EnvAssignment, type ShellVars } from './shell-script.js';
import { emptySourceFacts, findFlagRefs, findGorootRefs, flagPlaceOf, readGuarded, type SourceFacts } from './source-facts.js';

interface MakeVar {
  name: string;
  /** Raw (recursive) or already expanded (simple) value. */
  value: MappedText;
  simple: boolean;
  /** Value could not be known (`!=`, define, a conditional branch). */
  unknown: boolean;
  /** The (simple) value contains run-time parts, kept as `$(…)` (e.g. `$(shell git describe)`). */
  inexact?: boolean;
  exported?: boolean;
  full: [number, number];
  /** Came from the caller's environment (no place in this file). */
  fromEnv?: boolean;
}

interface RecipeLine {
  text: MappedText;
  line: number;
  span: [number, number];
}

interface Rule {
  targets: string[];
  /** Prerequisites as written (make runs their recipes first). */
  prereqs: string[];
  recipe: RecipeLine[];
  vars: Map<string, MakeVar>;
}

const MAX_DEPTH = 20;
const DIRECTIVE = /^(ifeq|ifneq|ifdef|ifndef|else|endif)\b/;
const MAKE_COMMENT = /^#/;

/** Splits at the first top-level (outside $(…)) assignment operator or rule colon. */
function classify(line: string): { kind: 'assign'; nameEnd: number; op: string; valueStart: number } | { kind: 'rule'; colon: number } | undefined {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      depth++;
      i++;
      continue;
    }
    if (depth > 0) {
      if (c === ')' || c === '}') depth--;
      continue;
    }
    if (c === '=') {
      const prev = line[i - 1];
      if (prev === '?' || prev === '+' || prev === '!') return { kind: 'assign', nameEnd: i - 1, op: prev + '=', valueStart: i + 1 };
      return { kind: 'assign', nameEnd: i, op: '=', valueStart: i + 1 };
    }
    if (c === ':') {
      if (line.startsWith(':::=', i)) return { kind: 'assign', nameEnd: i, op: ':::=', valueStart: i + 4 };
      if (line.startsWith('::=', i)) return { kind: 'assign', nameEnd: i, op: '::=', valueStart: i + 3 };
      if (line[i + 1] === '=') return { kind: 'assign', nameEnd: i, op: ':=', valueStart: i + 2 };
      return { kind: 'rule', colon: i };
    }
  }
  return undefined;
}

/** Removes a `#` comment (not escaped, not inside a variable reference). */
function stripComment(m: MappedText): MappedText {
  let depth = 0;
  for (let i = 0; i < m.text.length; i++) {
    const c = m.text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '$' && (m.text[i + 1] === '(' || m.text[i + 1] === '{')) depth++;
    else if ((c === ')' || c === '}') && depth > 0) depth--;
    else if (c === '#' && depth === 0) return sliceMapped(m, 0, i);
  }
  return m;
}

function trimMapped(m: MappedText): MappedText {
  const start = m.text.length - m.text.trimStart().length;
  const end = m.text.trimEnd().length;
  return sliceMapped(m, start, Math.max(start, end));
}

/**
 * Reads a Makefile. With `call` (a workflow step's `make build`, a script's `make -C sub`), it is
 * read as that call runs it: the caller's environment are variables of origin environment (the
 * Makefile's own assignments win, `?=` does not), make runs in `call.cwd`, and only the recipes of
 * the goals and their prerequisites run.
 */
/** `budget`: the file's expansion limits (a test passes its own to measure the work). */
export function parseMakefile(file: string, path: string, text: string, call?: CallContext, budget = new ExpansionBudget()): SourceFacts {
  const facts = emptySourceFacts();
  return readGuarded(facts, file, 'a Makefile', () => {
    parseInto(file, path, text, facts, call, budget);
  });
}

function parseInto(file: string, path: string, text: string, facts: SourceFacts, call: CallContext | undefined, budget: ExpansionBudget): void {
  const index = new LineIndex(text);
  const slash = path.lastIndexOf('/');
  const dir = call ? call.cwd : slash < 0 ? '' : path.slice(0, slash);
  const globals = new Map<string, MakeVar>();
  // `$(MAKE)` is make itself (so `$(MAKE) -C sub build` is read as a call of sub/Makefile).
  globals.set('MAKE', { name: 'MAKE', value: syntheticText('make'), simple: true, unknown: false, full: [0, 0], fromEnv: true });
  for (const [name, sv] of Object.entries(call?.env ?? {})) {
    globals.set(name, { name, value: syntheticText(sv.value ?? ''), simple: true, unknown: sv.value === undefined, exported: true, full: [0, 0], fromEnv: true });
  }
  const rules: Rule[] = [];
  let exportAll = false;
  let oneShell = false;
  let condDepth = 0;
  let current: Rule | undefined;
  let inDefine = false;
  const assignments: { v: MakeVar; scope: Map<string, MakeVar>; raw: MappedText }[] = [];
  /** Expansions of recursive variables (by depth) within one top-level expansion. */
  let memo = new Map<MakeVar, Map<number, Expanded>>();

  const lineCount = index.lineCount;
  let line = 0;
  while (line < lineCount) {
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    const physical = text.slice(start, end);
    const firstLine = line;

    if (inDefine) {
      if (/^\s*endef\b/.test(physical)) inDefine = false;
      line++;
      continue;
    }

    // Recipe lines: a tab while inside a rule; `\`-continued lines keep the backslash-newline
    // for the shell, and make drops one leading tab of each continuation line.
    if (current && physical.startsWith('\t')) {
      const b = new MappedBuilder();
      let l = line;
      let s = start + 1;
      for (;;) {
        const e = index.lineEnd(l);
        const piece = text.slice(s, e);
        for (let k = 0; k < piece.length; k++) b.push(piece[k]!, s + k);
        const bs = /\\+$/.exec(piece);
        if (bs && bs[0].length % 2 === 1 && l + 1 < lineCount) {
          b.push('\n', e);
          l++;
          s = index.lineStart(l);
          if (text[s] === '\t') s++;
          continue;
        }
        break;
      }
      current.recipe.push({ text: b.build(), line: firstLine, span: [start + 1, index.lineEnd(l)] });
      line = l + 1;
      continue;
    }

    // Other lines: `\`-newline plus leading blanks become one space.
    const b = new MappedBuilder();
    let l = line;
    let s = start;
    for (;;) {
      const e = index.lineEnd(l);
      const piece = text.slice(s, e);
      const bs = /\\+$/.exec(piece);
      if (bs && bs[0].length % 2 === 1 && l + 1 < lineCount) {
        const keep = piece.length - 1;
        for (let k = 0; k < keep; k++) b.push(piece[k]!, s + k);
        b.push(' ', -1);
        l++;
        s = index.lineStart(l);
        while (text[s] === ' ' || text[s] === '\t') s++;
        continue;
      }
      for (let k = 0; k < piece.length; k++) b.push(piece[k]!, s + k);
      break;
    }
    line = l + 1;
    const logical = trimMapped(stripComment(b.build()));
    const t = logical.text;
    if (t === '') continue;
    if (/^define\b/.test(t) || /^(export|override)\s+define\b/.test(t)) {
      const name = /define\s+(\S+)/.exec(t)?.[1];
      if (name) globals.set(name, { name, value: sliceMapped(logical, 0, 0), simple: true, unknown: true, full: [start, start] });
      inDefine = true;
      continue;
    }
    const dm = DIRECTIVE.exec(t);
    if (dm) {
      if (dm[1]!.startsWith('if')) condDepth++;
      else if (dm[1] === 'endif') condDepth = Math.max(0, condDepth - 1);
      continue;
    }
    if (/^-?s?include\b/.test(t) || /^vpath\b/.test(t)) continue;
    if (t === 'export') {
      exportAll = true;
      continue;
    }
    const noArgExport = /^(export|unexport)\s+([A-Za-z_][\w.-]*(?:\s+[A-Za-z_][\w.-]*)*)$/.exec(t);
    if (noArgExport && !classify(t)) {
      for (const name of noArgExport[2]!.split(/\s+/)) {
        const v = globals.get(name);
        const exported = noArgExport[1] === 'export';
        if (v) v.exported = exported;
        else globals.set(name, { name, value: sliceMapped(logical, 0, 0), simple: true, unknown: true, exported, full: [start, start] });
      }
      continue;
    }
    const c = classify(t);
    if (!c) {
      current = undefined;
      continue;
    }
    if (c.kind === 'assign') {
      current = undefined;
      assign(globals, logical, c.nameEnd, c.op, c.valueStart, globals);
      continue;
    }
    // A rule line: `targets: prerequisites [; recipe]` or `targets: VAR = value`.
    const targets = t.slice(0, c.colon).trim().split(/\s+/).filter(Boolean);
    if (targets.includes('.EXPORT_ALL_VARIABLES')) exportAll = true;
    if (targets.includes('.ONESHELL')) oneShell = true;
    let afterAt = c.colon + 1;
    if (t[afterAt] === ':') afterAt++;
    const after = sliceMapped(logical, afterAt);
    const inner = classify(after.text);
    if (inner && inner.kind === 'assign') {
      // Target-specific variable: applies to these targets' recipes.
      for (const target of targets) {
        let rule = rules.find((r) => r.targets.includes(target));
        if (!rule) {
          rule = { targets: [target], prereqs: [], recipe: [], vars: new Map() };
          rules.push(rule);
        }
        assign(rule.vars, after, inner.nameEnd, inner.op, inner.valueStart, rule.vars);
      }
      continue;
    }
    const existing = rules.find((r) => r.targets.length === targets.length && r.targets.every((x, k) => x === targets[k]));
    current = existing ?? { targets, prereqs: [], recipe: [], vars: new Map() };
    if (!existing) rules.push(current);
    const semi = after.text.indexOf(';');
    const prereqText = (semi >= 0 ? after.text.slice(0, semi) : after.text).replace(/\|/g, ' ');
    for (const p of prereqText.trim().split(/\s+/)) if (p && !p.includes('$') && !current.prereqs.includes(p)) current.prereqs.push(p);
    if (semi >= 0) {
      const inline = trimMapped(sliceMapped(after, semi + 1));
      current.recipe.push({ text: inline, line: firstLine, span: sourceSpan(inline) ?? [start, start] });
    }
  }

  // Settings assigned in the Makefile (final values, as make sees them when recipes run).
  for (const { v, scope, raw } of assignments) {
    if (!GO_SETTING_NAMES.has(v.name)) continue;
    const ex = v.unknown ? undefined : v.simple ? { text: v.value, exact: !v.inexact } : expand(v.value, scope, 0);
    const value = ex && ex.exact ? ex.text : undefined;
    const range = mappedRange(index, value ?? raw, v.full);
    if (!range) continue;
    facts.settings.push({ name: v.name, value: value?.text, file, range, fullRange: index.range(v.full[0], v.full[1]) });
  }

  // Recipes: every rule's on its own, or (read as called) those of the goals and what they need.
  const running = call ? rulesRun(rules, call.goals ?? []) : rules;
  for (const rule of running) {
    const scope = new Map([...globals, ...rule.vars]);
    const env: ShellVars = new Map();
    for (const v of scope.values()) {
      const global = globals.get(v.name);
      const exported = v.exported ?? global?.exported ?? exportAll;
      if (!exported) continue;
      const ex = v.unknown ? undefined : v.simple ? { text: v.value, exact: !v.inexact } : expand(v.value, scope, 0);
      env.set(v.name, {
        alts: [{ value: ex && ex.exact ? ex.text : undefined, raw: v.value, ...(v.fromEnv ? {} : { full: v.full }) }],
        exported: true,
      });
    }
    const chunks = oneShell && rule.recipe.length > 0 ? [joinRecipe(rule.recipe)] : rule.recipe;
    // `go env -w` in one recipe line applies to the go commands of the next ones.
    const goEnv = new Map<string, EnvAssignment>();
    const read = chunks.map((r) => {
      const stripped = stripRecipePrefix(r.text);
      const expanded = expand(stripped, scope, 0).text;
      return { r, shell: interpretShell(expanded, { vars: env, home: r.span, goEnv, budget }) };
    });
    const macTools = [...new Set(read.flatMap((x) => x.shell.macTools))];
    const recipeText = read.map((x) => x.r.text.text).join('\n');
    const mac = macTools.length > 0 || /xcrun|lipo|codesign|xcodebuild/.test(recipeText) ? macOnlyReason(macTools, recipeText) : undefined;
    const target = rule.targets.join(' ');
    const host: BuildConfig['host'] = mac ? { goos: 'darwin', from: `a Mac (make target "${target}": ${mac})` } : undefined;
    const conditions = mac ? [`make target "${target}" runs on a Mac (${mac})`] : [];
    for (const { shell } of read) {
      for (const a of shell.settings) {
        const range = mappedRange(index, a.value ?? a.raw, a.full);
        if (range) facts.settings.push({ name: a.name, value: a.value?.text, file, range, ...(a.full ? { fullRange: index.range(a.full[0], a.full[1]) } : {}) });
      }
      for (const cmd of shell.goCommands) {
        const where = rule.targets.length ? `target "${target}"` : undefined;
        const config = goCommandConfig({ file, index, tool: 'make', dir, make: true, ...(where ? { where } : {}), ...(host ? { host } : {}), conditions, ...(call ? { outerEnv: call.env } : {}) }, cmd);
        if (config) facts.configs.push(config);
      }
      for (const c of shell.calls) {
        const inv = invocationOf({ file, index, dir, ...(call ? { outerEnv: call.env } : {}), ...(host ? { host } : {}), conditions }, c, (_, line) => `\`make ${rule.targets[0] ?? ''}\` (${path} line ${line})`);
        if (inv) (facts.invocations ??= []).push(inv);
      }
    }
  }
  facts.gorootRefs.push(...findGorootRefs(file, text, index, MAKE_COMMENT));
  facts.flagRefs.push(...findFlagRefs(file, text, index, MAKE_COMMENT, flagPlaceOf));
  facts.notes.push(...budget.notes(file));

  function assign(target: Map<string, MakeVar>, logical: MappedText, nameEnd: number, op: string, valueStart: number, scope: Map<string, MakeVar>): void {
    const lhs = logical.text.slice(0, nameEnd).trim().split(/\s+/);
    const name = lhs[lhs.length - 1] ?? '';
    if (!/^[A-Za-z_.][\w.-]*$/.test(name)) return;
    const exported = lhs.includes('export') ? true : lhs.includes('unexport') ? false : undefined;
    const rawValue = trimMapped(sliceMapped(logical, valueStart));
    const fullSpan = sourceSpan(logical) ?? [0, 0];
    const prev = target.get(name) ?? (target !== globals ? globals.get(name) : undefined);
    const conditional = condDepth > 0;
    let v: MakeVar;
    if (op === '?=' && prev) return;
    if (op === '!=') v = { name, value: rawValue, simple: true, unknown: true, full: fullSpan };
    else if (op === '+=' && prev) {
      // `+=` to a simply-expanded variable expands the new text now (once); to a recursive one, later.
      const appended = prev.simple ? expand(rawValue, scope, 0) : { text: rawValue, exact: true, limited: false };
      // Each `+=` copies the value so far: thousands of them are charged like any expansion, and
      // a value past the limits is only known at run time (it is not copied any further).
      if (!budget.take(0, prev.value.text.length + 1 + appended.text.text.length)) {
        v = { name, value: appended.text, simple: prev.simple, unknown: true, full: fullSpan };
      } else {
        const joined = new MappedBuilder();
        joined.pushMapped(prev.value);
        joined.push(' ', -1);
        joined.pushMapped(appended.text);
        v = { name, value: joined.build(), simple: prev.simple, unknown: prev.unknown || conditional || appended.limited, inexact: prev.inexact || !appended.exact, full: fullSpan };
      }
    } else if (op === ':=' || op === '::=' || op === ':::=') {
      const ex = expand(rawValue, scope, 0);
      // A value past the expansion limits is only known at run time.
      v = { name, value: ex.text, simple: true, unknown: conditional || ex.limited, inexact: !ex.exact, full: fullSpan };
    } else v = { name, value: rawValue, simple: false, unknown: conditional, full: fullSpan };
    v.exported = exported ?? prev?.exported;
    target.set(name, v);
    assignments.push({ v, scope, raw: rawValue });
  }

  /**
   * Expands make references; unresolvable ones stay as `$(…)` (a run-time part for the shell).
   * `limited`: some reference was left unexpanded because of the file's expansion limits.
   */
  function expand(m: MappedText, scope: Map<string, MakeVar>, depth: number): Expanded {
    if (depth === 0) memo = new Map();
    const out = new MappedBuilder();
    let exact = true;
    let limited = false;
    const s = m.text;
    /** Appends the expanded value of variable `name`; false when it is not known here. */
    const pushVariable = (name: string | undefined): boolean => {
      const v = name === undefined ? undefined : scope.get(name);
      if (!v || v.unknown || depth >= MAX_DEPTH) return false;
      if (!v.simple && !budget.step()) {
        limited = true;
        return false;
      }
      const ex = v.simple ? { text: v.value, exact: !v.inexact, limited: false } : expandVariable(v, scope, depth + 1);
      if (ex.limited) limited = true;
      if (!budget.take(out.length, ex.text.text.length)) {
        limited = true;
        return false;
      }
      out.pushMapped(ex.text);
      if (!ex.exact) exact = false;
      return true;
    };
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (c !== '$') {
        out.push(c, m.origins[i] ?? -1);
        continue;
      }
      const next = s[i + 1];
      if (next === '$') {
        out.push('$', m.origins[i + 1] ?? -1);
        i++;
        continue;
      }
      if (next === '(' || next === '{') {
        const close = next === '(' ? ')' : '}';
        let depthP = 0;
        let j = i + 1;
        for (; j < s.length; j++) {
          if (s[j] === next) depthP++;
          else if (s[j] === close && --depthP === 0) break;
        }
        const inner = s.slice(i + 2, j);
        if (!pushVariable(/^[A-Za-z0-9_.-]+$/.test(inner) ? inner : undefined)) {
          exact = false;
          out.push('$', m.origins[i] ?? -1);
          out.push('(', m.origins[i + 1] ?? -1);
          for (let k = i + 2; k < j && k < s.length; k++) out.push(s[k]!, m.origins[k] ?? -1);
          out.push(')', m.origins[j] ?? -1);
        }
        i = Math.min(j, s.length);
        continue;
      }
      if (next !== undefined) {
        if (!pushVariable(/[A-Za-z0-9_]/.test(next) ? next : undefined)) {
          exact = false;
          out.push('$', m.origins[i] ?? -1);
          out.push('(', -1);
          out.push(next, m.origins[i + 1] ?? -1);
          out.push(')', -1);
        }
        i++;
        continue;
      }
      out.push('$', m.origins[i] ?? -1);
    }
    return { text: out.build(), exact, limited };
  }

  /** A recursive variable's value, expanded once per top-level expansion (fan-out is not re-expanded). */
  function expandVariable(v: MakeVar, scope: Map<string, MakeVar>, depth: number): Expanded {
    let byDepth = memo.get(v);
    if (!byDepth) memo.set(v, (byDepth = new Map<number, Expanded>()));
    let ex = byDepth.get(depth);
    if (!ex) byDepth.set(depth, (ex = expand(v.value, scope, depth)));
    return ex;
  }
}

interface Expanded {
  text: MappedText;
  exact: boolean;
  /** Some reference was left unexpanded because of the file's expansion limits. */
  limited: boolean;
}

/** The rules `make goals` runs: the goals' (or the default goal's) and their prerequisites', transitively. */
function rulesRun(rules: readonly Rule[], goals: readonly string[]): Rule[] {
  const byTarget = new Map<string, Rule>();
  for (const r of rules) for (const t of r.targets) if (!byTarget.has(t)) byTarget.set(t, r);
  let wanted = [...goals];
  if (wanted.length === 0) {
    const first = rules.find((r) => r.targets.some((t) => !t.startsWith('.') && !t.includes('%')));
    const goal = first?.targets.find((t) => !t.startsWith('.') && !t.includes('%'));
    if (goal) wanted = [goal];
  }
  const out = new Set<Rule>();
  const queue = [...wanted];
  for (let k = 0; k < queue.length && k < 10_000; k++) {
    const r = byTarget.get(queue[k]!);
    if (!r || out.has(r)) continue;
    out.add(r);
    queue.push(...r.prereqs);
  }
  return rules.filter((r) => out.has(r));
}

function stripRecipePrefix(m: MappedText): MappedText {
  let i = 0;
  while (i < m.text.length && /[@+\- \t]/.test(m.text[i]!)) i++;
  return sliceMapped(m, i);
}

function joinRecipe(lines: RecipeLine[]): RecipeLine {
  const b = new MappedBuilder();
  lines.forEach((l, k) => {
    if (k > 0) b.push('\n', -1);
    b.pushMapped(stripRecipePrefix(l.text));
  });
  return { text: b.build(), line: lines[0]!.line, span: [lines[0]!.span[0], lines[lines.length - 1]!.span[1]] };
}
