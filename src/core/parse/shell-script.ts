/**
 * Interprets lexed shell commands just enough to know, for every `go` command, the environment
 * it runs in: exported variables, `NAME=value` prefixes, `env NAME=value`, `for` loops over
 * literal words. Everything else (functions, conditionals) is read straight through.
 * Never throws; values that depend on run time are `undefined`.
 */
import { GO_SETTING_NAMES } from '../workspace/build-config.js';
import { lexShell, type ShellCommand, type ShellWord } from './shell-lexer.js';
import { ExpansionBudget } from './expansion-budget.js';
import { concatMapped, MappedTextTooLong, sliceMapped, sourceSpan, syntheticText, type MappedText } from './mapped-text.js';
import { joinRelativePath } from '../workspace/relative-path.js';

/** One possible value of a variable. */
export interface VarAlt {
  /** The value, or undefined when it is only known at run time. */
  value: MappedText | undefined;
  /** The value as written. */
  raw: MappedText;
  /** Source span of the whole assignment, when there is one. */
  full?: [number, number];
}

interface ShellVar {
  alts: VarAlt[];
  exported: boolean;
}

export type ShellVars = Map<string, ShellVar>;

/** A setting assignment as seen in the script. */
export interface EnvAssignment {
  name: string;
  value: MappedText | undefined;
  raw: MappedText;
  full?: [number, number];
}

/** One argument of a go command, resolved when possible. */
export interface ResolvedArg {
  /** Resolved text (quotes removed), or undefined when any part is only known at run time. */
  value: MappedText | undefined;
  /** Resolved text where every run-time part is replaced by one UNKNOWN_CHAR. */
  partial: MappedText;
  /** As written (quotes removed, expansions literal). */
  raw: MappedText;
}

/** Stands for a part of a value that is only known at run time (`$(git describe)`, `$1` …). */
export const UNKNOWN_CHAR = '\uFFFF';

export interface GoCommandFacts {
  /** The word that named the go binary (`go`, `$(GO)`, `go1.22.3`, `/usr/local/go/bin/go`). */
  goWord: ResolvedArg;
  /** Arguments after the go binary: subcommand, flags, packages. */
  args: ResolvedArg[];
  /** The environment settings the command sees (exported variables, prefixes). */
  env: Map<string, EnvAssignment>;
  /** Source offset of the first word of the command (where `NAME=value ` can be inserted). */
  insertAt?: number;
  /** Source span of the command. */
  span?: [number, number];
  /** Working directory relative to where the script starts, when `cd` made it known. */
  cwd?: string;
}

/**
 * A command that runs another file: `./scripts/x.sh`, `bash x.sh`, `source env.sh`,
 * `make -C sub build`, `$(MAKE) release`.
 */
export interface ScriptCallFacts {
  kind: 'script' | 'make';
  /**
   * The file as named (resolved; relative to the working directory at the call, or absolute).
   * For `make`: the `-f` file, or undefined for the default Makefile of the directory.
   */
  path: string | undefined;
  /** `make -C dir`: the directory make changes to first (relative to the working directory). */
  makeDir?: string;
  /** `make` goals (empty: the default goal). */
  goals: string[];
  /** Working directory relative to where the script starts, when known. */
  cwd?: string;
  /** The exported environment at the call (and `make NAME=value` overrides). */
  env: Map<string, EnvAssignment>;
  span?: [number, number];
  /** The command as written (resolved words), for messages. */
  text: string;
}

interface ShellFacts {
  /** Variables as the script leaves them. */
  vars: ShellVars;
  goCommands: GoCommandFacts[];
  /** Every assignment of a Go setting (GOOS, GOARCH, CGO_ENABLED, CC …). */
  settings: EnvAssignment[];
  /** Commands that run other files. */
  calls: ScriptCallFacts[];
  /** The script calls macOS-only tools (xcrun, lipo, codesign …): it runs on a Mac. */
  macTools: string[];
}

interface ShellOptions {
  /** Variables defined before the script (exported ones are the environment). */
  vars?: ShellVars;
  /** Most go-command variants one command may expand to (for-loop products). */
  maxVariants?: number;
  /**
   * The source span the script itself occupies (e.g. one Makefile recipe). Command spans and
   * insertion points are kept inside it even when words came from variables defined elsewhere.
   */
  home?: [number, number];
  /**
   * The user's go env file (`go env -w` writes it): read and updated in place, so settings written
   * by one recipe line or step apply to the go commands of later ones.
   */
  goEnv?: Map<string, EnvAssignment>;
  /**
   * The file's expansion limits (shared with the caller's own expansions). A value past them
   * is taken as only known at run time; the caller notes that on the file.
   */
  budget?: ExpansionBudget;
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'case', 'esac', 'in']);
const PREFIX_COMMANDS = new Set(['sudo', 'exec', 'command', 'nohup', 'nice', 'builtin', 'eval']);
const EXPORT_COMMANDS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

function word(text: string): MappedText {
  return syntheticText(text);
}

/** Copies the variables (alternatives are shared; they are never mutated). */
function cloneVars(vars: ShellVars): ShellVars {
  const out: ShellVars = new Map();
  for (const [k, v] of vars) out.set(k, { alts: v.alts, exported: v.exported });
  return out;
}

/** A go binary: `go`, `go1.22.3`, `…/go`, `…/go1.22`. */
function isGoBinary(text: string): boolean {
  const base = text.slice(text.lastIndexOf('/') + 1);
  return /^go(?:1\.\d+(?:\.\d+)?(?:rc\d+|beta\d+)?)?(?:\.exe)?$/.test(base);
}

/** Tools only macOS has: a script that runs them runs on a Mac. */
const MAC_TOOLS = new Set(['xcrun', 'lipo', 'codesign', 'security', 'hdiutil', 'notarytool', 'xcodebuild', 'productbuild', 'pkgbuild', 'install_name_tool', 'sw_vers', 'plutil', 'ditto', 'xcode-select', 'stapler']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh']);
/** make options that take a separate value. */
const MAKE_VALUE_OPTIONS = new Set(['-C', '-f', '-I', '-o', '-W', '--file', '--makefile', '--directory', '--include-dir', '--old-file', '--what-if', '--new-file', '--assume-old', '--assume-new']);

const GO_SUBCOMMANDS = new Set(['build', 'install', 'run', 'test', 'vet', 'list', 'generate', 'env', 'mod', 'get', 'tool', 'clean', 'fmt', 'work', 'version', 'doc', 'fix', 'bug', 'telemetry']);

type Binding = Map<string, VarAlt>;

export function interpretShell(input: MappedText, options: ShellOptions = {}): ShellFacts {
  const vars: ShellVars = options.vars ? cloneVars(options.vars) : new Map<string, ShellVar>();
  const facts: ShellFacts = { vars, goCommands: [], settings: [], calls: [], macTools: [] };
  const goEnv = options.goEnv ?? new Map<string, EnvAssignment>();
  const maxVariants = options.maxVariants ?? 64;
  const home = options.home;
  const budget = options.budget ?? new ExpansionBudget();
  let allExport = false;
  let cwd: string | undefined = '';
  let commands: ShellCommand[];
  try {
    commands = lexShell(input);
  } catch (err) {
    if (err instanceof MappedTextTooLong) throw err;
    return facts;
  }

  for (const cmd of commands) {
    try {
      runCommand(cmd);
    } catch (err) {
      // A command we cannot understand changes nothing we know (a runaway value is the file's problem).
      if (err instanceof MappedTextTooLong) throw err;
    }
  }
  return facts;

  function inHome(o: number): boolean {
    return o >= 0 && (!home || (o >= home[0] && o < home[1]));
  }

  /** Source offset where text inserted before input index `at` lands inside the script. */
  function homeOffsetBefore(at: number): number | undefined {
    const o = input.origins[at] ?? -1;
    if (inHome(o)) return o;
    for (let j = at - 1; j >= 0; j--) {
      const p = input.origins[j] ?? -1;
      if (inHome(p)) return p + 1;
    }
    return home ? home[0] : undefined;
  }

  /** Source span of input indices [from, to) restricted to the script's own text. */
  function homeSpan(from: number, to: number): [number, number] | undefined {
    let first = -1;
    let last = -1;
    for (let j = from; j < to; j++) {
      const o = input.origins[j] ?? -1;
      if (!inHome(o)) continue;
      if (first < 0 || o < first) first = o;
      if (o > last) last = o;
    }
    if (first < 0) {
      const at = homeOffsetBefore(from);
      return at === undefined ? undefined : [at, at];
    }
    return [first, last + 1];
  }

  function varsIn(words: readonly ShellWord[]): string[] {
    const names = new Set<string>();
    for (const w of words) for (const e of w.expansions) if (e.kind === 'var') names.add(e.name);
    return [...names].filter((name) => (vars.get(name)?.alts.length ?? 0) > 1);
  }

  function bindings(words: readonly ShellWord[]): Binding[] {
    const multi = varsIn(words);
    let out: Binding[] = [new Map<string, VarAlt>()];
    for (const name of multi) {
      const alts = vars.get(name)!.alts;
      const next: Binding[] = [];
      for (const b of out) {
        for (const alt of alts) {
          if (next.length >= maxVariants) break;
          const nb = new Map(b);
          nb.set(name, alt);
          next.push(nb);
        }
      }
      out = next;
    }
    return out;
  }

  /**
   * The word's value with variables substituted. Parts only known at run time become one
   * UNKNOWN_CHAR each; `exact` says whether there were none.
   */
  function resolvePartial(w: ShellWord, binding: Binding, from = 0): { text: MappedText; exact: boolean } {
    const parts: MappedText[] = [];
    let pos = from;
    let exact = true;
    let length = 0;
    for (const e of w.expansions) {
      if (e.to <= from) continue;
      const start = Math.max(e.from, from);
      parts.push(sliceMapped(w.value, pos, start));
      length += Math.max(0, start - pos);
      pos = e.to;
      const alt = e.kind === 'var' && e.from >= from ? (binding.get(e.name) ?? vars.get(e.name)?.alts[0]) : undefined;
      // Past the file's expansion limits the value is only known at run time.
      if (alt?.value && budget.take(length, alt.value.text.length)) {
        parts.push(alt.value);
        length += alt.value.text.length;
      } else {
        exact = false;
        parts.push({ text: UNKNOWN_CHAR, origins: [w.value.origins[start] ?? -1] });
        length++;
      }
    }
    parts.push(sliceMapped(w.value, pos));
    return { text: concatMapped(parts), exact };
  }

  function resolve(w: ShellWord, binding: Binding, from = 0): MappedText | undefined {
    const r = resolvePartial(w, binding, from);
    return r.exact ? r.text : undefined;
  }

  /** Resolves a word used as an argument: an unquoted lone `$VAR` splits on blanks. */
  function resolveArgs(w: ShellWord, binding: Binding): ResolvedArg[] {
    const { text, exact } = resolvePartial(w, binding);
    const only = w.expansions.length === 1 ? w.expansions[0]! : undefined;
    if (exact && only && only.kind === 'var' && !only.quoted && only.from === 0 && only.to === w.value.text.length) {
      const out: ResolvedArg[] = [];
      const re = /[^ \t\n]+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text.text))) {
        const piece = sliceMapped(text, m.index, m.index + m[0].length);
        out.push({ value: piece, partial: piece, raw: piece });
      }
      return out;
    }
    return [{ value: exact ? text : undefined, partial: text, raw: w.value }];
  }

  function setVar(name: string, alt: VarAlt, exported: boolean | undefined): void {
    const prev = vars.get(name);
    vars.set(name, { alts: [alt], exported: exported ?? prev?.exported ?? allExport });
  }

  function assignmentOf(w: ShellWord, binding: Binding): EnvAssignment {
    const name = w.value.text.slice(0, w.assignNameLength);
    const from = w.assignNameLength + 1;
    const raw = sliceMapped(w.value, from);
    const value = resolve(w, binding, from);
    const full = sourceSpan(w.value);
    return { name, value, raw, ...(full ? { full } : {}) };
  }

  function record(a: EnvAssignment): void {
    if (GO_SETTING_NAMES.has(a.name)) facts.settings.push(a);
  }

  /**
   * The environment a command sees: the go env file (for go commands; an environment variable
   * set to a non-empty value wins over it), exported variables, then the command's prefixes.
   */
  function exportedEnv(binding: Binding, prefix: Map<string, EnvAssignment>, withGoEnv: boolean): Map<string, EnvAssignment> {
    const env = new Map<string, EnvAssignment>();
    if (withGoEnv) for (const [name, a] of goEnv) env.set(name, a);
    for (const [name, v] of vars) {
      if (!v.exported) continue;
      const alt = binding.get(name) ?? v.alts[0];
      if (!alt) continue;
      if (withGoEnv && goEnv.has(name) && alt.value !== undefined && alt.value.text === '') continue;
      env.set(name, { name, value: alt.value, raw: alt.raw, ...(alt.full ? { full: alt.full } : {}) });
    }
    for (const [name, a] of prefix) {
      if (withGoEnv && goEnv.has(name) && a.value !== undefined && a.value.text === '') continue;
      env.set(name, a);
    }
    return env;
  }

  function runCommand(cmd: ShellCommand): void {
    let words = cmd.words;
    // `for NAME in a b c` (the body's commands follow as separate commands).
    while (words.length > 0 && RESERVED.has(words[0]!.value.text) && words[0]!.expansions.length === 0 && !words[0]!.quoted) words = words.slice(1);
    if (words.length === 0) return;
    const first = words[0]!.value.text;
    if (first === 'for' && words.length >= 2) {
      const name = words[1]!.value.text;
      if (words[2]?.value.text === 'in') {
        const alts: VarAlt[] = [];
        for (const w of words.slice(3)) {
          for (const arg of resolveArgs(w, new Map())) alts.push({ value: arg.value, raw: arg.raw });
        }
        if (alts.length > 0) vars.set(name, { alts, exported: vars.get(name)?.exported ?? false });
      } else vars.set(name, { alts: [{ value: undefined, raw: word('') }], exported: false });
      return;
    }
    if (first === 'set' && words.length >= 2) {
      for (const w of words.slice(1)) {
        if (/^-[a-z]*a/.test(w.value.text)) allExport = true;
        if (/^\+[a-z]*a/.test(w.value.text)) allExport = false;
      }
      return;
    }
    if (first === 'cd') {
      const target = words[1];
      if (!target || target.expansions.length > 0) cwd = undefined;
      else if (cwd !== undefined) cwd = joinDir(cwd, target.value.text);
      return;
    }
    if (first === 'unset') {
      for (const w of words.slice(1)) vars.delete(w.value.text);
      return;
    }

    for (const binding of bindings(words)) {
      const prefix = new Map<string, EnvAssignment>();
      let k = 0;
      while (k < words.length && words[k]!.assignNameLength > 0) {
        const a = assignmentOf(words[k]!, binding);
        record(a);
        prefix.set(a.name, a);
        k++;
      }
      if (k === words.length) {
        // Plain assignments: shell variables for what follows.
        for (const a of prefix.values()) setVar(a.name, { value: a.value, raw: a.raw, ...(a.full ? { full: a.full } : {}) }, undefined);
        continue;
      }
      let rest = words.slice(k);
      const head = rest[0]!;
      const headText = head.value.text;
      if (EXPORT_COMMANDS.has(headText) && head.expansions.length === 0) {
        const exporting = headText === 'export' || rest.slice(1).some((w) => /^-[a-zA-Z]*x/.test(w.value.text));
        for (const w of rest.slice(1)) {
          if (w.value.text.startsWith('-')) continue;
          if (w.assignNameLength > 0) {
            const a = assignmentOf(w, binding);
            record(a);
            setVar(a.name, { value: a.value, raw: a.raw, ...(a.full ? { full: a.full } : {}) }, exporting ? true : undefined);
          } else if (exporting && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w.value.text)) {
            const v = vars.get(w.value.text);
            if (v) v.exported = true;
            else vars.set(w.value.text, { alts: [{ value: undefined, raw: word('') }], exported: true });
          }
        }
        continue;
      }
      // Command prefixes: sudo, env NAME=value, exec …
      let probing = false;
      for (;;) {
        const t = rest[0]?.value.text;
        if (t === undefined) break;
        if (t === 'env' && rest[0]!.expansions.length === 0) {
          rest = rest.slice(1);
          while (rest.length > 0 && (rest[0]!.value.text.startsWith('-') || rest[0]!.assignNameLength > 0)) {
            const w = rest[0]!;
            if (w.assignNameLength > 0) {
              const a = assignmentOf(w, binding);
              record(a);
              prefix.set(a.name, a);
            } else if (w.value.text === '-u' && rest[1]) rest = rest.slice(1);
            rest = rest.slice(1);
          }
          continue;
        }
        if (PREFIX_COMMANDS.has(t) && rest[0]!.expansions.length === 0) {
          rest = rest.slice(1);
          while (rest.length > 0 && rest[0]!.value.text.startsWith('-')) {
            // `command -v xcrun` only asks whether the tool exists.
            if (t === 'command' && /^-[vV]$/.test(rest[0]!.value.text)) probing = true;
            rest = rest.slice(1);
          }
          continue;
        }
        break;
      }
      if (rest.length === 0) continue;
      const args = rest.flatMap((w) => resolveArgs(w, binding));
      const called = args[0]?.value?.text;
      if (probing) continue;
      if (called !== undefined && MAC_TOOLS.has(called) && !facts.macTools.includes(called)) facts.macTools.push(called);
      const goWordIndex = findGoWord(args);
      if (goWordIndex < 0) {
        const call = scriptCallOf(args);
        if (call) {
          const env = exportedEnv(binding, prefix, false);
          for (const [name, a] of call.overrides) env.set(name, a);
          const span = homeSpan(words[0]!.start, words[words.length - 1]!.end);
          facts.calls.push({
            kind: call.kind,
            path: call.path,
            ...(call.makeDir !== undefined ? { makeDir: call.makeDir } : {}),
            goals: call.goals,
            ...(cwd !== undefined ? { cwd } : {}),
            env,
            ...(span ? { span } : {}),
            text: args.map((a) => a.value?.text ?? a.raw.text).join(' '),
          });
        }
        continue;
      }
      const goArgs = args.slice(goWordIndex + 1);
      // `go env -w NAME=value` writes the user's go env file; `go env -u NAME` removes a setting.
      if (goArgs[0]?.value?.text === 'env' && goArgs.some((a) => a.value?.text === '-w')) {
        for (const a of goArgs) {
          const t = a.value?.text ?? '';
          const eq = t.indexOf('=');
          if (eq > 0 && /^[A-Z_][A-Z0-9_]*$/.test(t.slice(0, eq)) && a.value) {
            const full = sourceSpan(a.value);
            const assignment = { name: t.slice(0, eq), value: sliceMapped(a.value, eq + 1), raw: sliceMapped(a.value, eq + 1), ...(full ? { full } : {}) };
            record(assignment);
            goEnv.set(assignment.name, assignment);
          }
        }
      } else if (goArgs[0]?.value?.text === 'env' && goArgs.some((a) => a.value?.text === '-u')) {
        for (const a of goArgs) if (a.value && /^[A-Z_][A-Z0-9_]*$/.test(a.value.text)) goEnv.delete(a.value.text);
      }
      const env = exportedEnv(binding, prefix, true);
      const insertAt = homeOffsetBefore(words[0]!.start);
      const span = homeSpan(words[0]!.start, words[words.length - 1]!.end);
      facts.goCommands.push({
        goWord: args[goWordIndex]!,
        args: goArgs,
        env,
        ...(insertAt !== undefined ? { insertAt } : {}),
        ...(span ? { span } : {}),
        ...(cwd !== undefined ? { cwd } : {}),
      });
    }
  }
}

interface ScriptCall {
  kind: 'script' | 'make';
  path: string | undefined;
  makeDir?: string;
  goals: string[];
  overrides: Map<string, EnvAssignment>;
}

/** `./x.sh`, `bash x.sh`, `. x.sh`, `source x.sh`, `make [-C dir] [-f file] [goals] [NAME=value]`. */
function scriptCallOf(args: readonly ResolvedArg[]): ScriptCall | undefined {
  const head = args[0];
  if (!head) return undefined;
  const text = head.value?.text;
  const base = text === undefined ? undefined : text.slice(text.lastIndexOf('/') + 1);
  if (base === 'make' || base === 'gmake' || (text === undefined && /^\$[({]MAKE[)}]$/.test(head.raw.text))) {
    const call: ScriptCall = { kind: 'make', path: undefined, goals: [], overrides: new Map() };
    for (let k = 1; k < args.length; k++) {
      const t = args[k]!.value?.text;
      if (t === undefined) return undefined;
      const long = /^(--[a-z-]+)=(.*)$/.exec(t);
      const [opt, inline] = long ? [long[1]!, long[2]!] : /^-[CfIoW]./.test(t) ? [t.slice(0, 2), t.slice(2)] : [t, undefined];
      if (MAKE_VALUE_OPTIONS.has(opt)) {
        const value = inline ?? args[++k]?.value?.text;
        if (value === undefined) return undefined;
        if (opt === '-C' || opt === '--directory') call.makeDir = call.makeDir === undefined ? value : `${call.makeDir}/${value}`;
        if (opt === '-f' || opt === '--file' || opt === '--makefile') call.path = value;
        continue;
      }
      if (t === '-j' || t === '-l') {
        if (/^\d+$/.test(args[k + 1]?.value?.text ?? '')) k++;
        continue;
      }
      if (t.startsWith('-')) continue;
      const eq = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t);
      if (eq) {
        const v = args[k]!.value!;
        const full = sourceSpan(v);
        call.overrides.set(eq[1]!, { name: eq[1]!, value: sliceMapped(v, eq[0].length), raw: sliceMapped(v, eq[0].length), ...(full ? { full } : {}) });
        continue;
      }
      call.goals.push(t);
    }
    return call;
  }
  if (text === undefined) return undefined;
  let path: string | undefined;
  if (SHELLS.has(base!)) {
    for (let k = 1; k < args.length; k++) {
      const t = args[k]!.value?.text;
      if (t === undefined) return undefined;
      if (t === '-c' || t === '-s') return undefined;
      if (t.startsWith('-') || t.startsWith('+')) continue;
      path = t;
      break;
    }
  } else if (text === 'source' || text === '.') path = args[1]?.value?.text;
  else if (text.includes('/') && !text.includes(UNKNOWN_CHAR)) path = text;
  if (path === undefined || path.includes(UNKNOWN_CHAR) || path === '' || path.startsWith('~')) return undefined;
  return { kind: 'script', path, goals: [], overrides: new Map() };
}

/** Index of the go binary among a command's words: the command itself, or after `xargs`. */
function findGoWord(args: readonly ResolvedArg[]): number {
  const first = args[0];
  if (!first) return -1;
  const next = args[1]?.value?.text;
  // `go -C dir build` (Go 1.20+) changes directory before the subcommand.
  const subcommand = (w: string | undefined) => w !== undefined && (GO_SUBCOMMANDS.has(w) || /^--?C(=|$)/.test(w));
  if (first.value && isGoBinary(first.value.text)) return next === undefined || subcommand(next) ? 0 : -1;
  // `$(GO) build`, `${GOCMD} build` when the variable could not be resolved.
  if (!first.value && /GO/i.test(first.raw.text) && subcommand(next)) return 0;
  return -1;
}

function joinDir(cwd: string, target: string): string | undefined {
  if (target.startsWith('/') || target.startsWith('~') || target === '-') return undefined;
  return joinRelativePath(cwd, target);
}
