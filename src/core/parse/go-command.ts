/**
 * Turns a `go …` command found in a shell-like file into a BuildConfig with exact ranges:
 * the subcommand, -ldflags (split as cmd/go and cmd/link split it), -buildmode, -tags, the
 * packages, and the environment it runs in. Pure; never throws.
 */
import type { Range } from '../finding.js';
import type { BuildConfig, ConfigTool, EnvInsertion, GoAction, LinkerFlag, SettingValue } from '../workspace/build-config.js';
import { joinRelativePath } from '../workspace/relative-path.js';
import { parseLinkerFlagFields, removalSpans } from './ldflags.js';
import type { LineIndex } from './line-index.js';
import { isContiguous, sliceMapped, sourceSpan, type MappedText } from './mapped-text.js';
import type { FileInvocation } from '../workspace/invocation.js';
import { UNKNOWN_CHAR, type EnvAssignment, type GoCommandFacts, type ResolvedArg, type ScriptCallFacts } from './shell-script.js';

const VALUE_FLAGS = new Set([
  'C', 'o', 'p', 'asmflags', 'buildmode', 'compiler', 'gccgoflags', 'gcflags', 'installsuffix', 'ldflags', 'mod',
  'modfile', 'overlay', 'pgo', 'pkgdir', 'tags', 'toolexec', 'covermode', 'coverpkg', 'exec', 'run', 'bench',
  'benchtime', 'count', 'cpu', 'parallel', 'timeout', 'coverprofile', 'cpuprofile', 'memprofile', 'blockprofile',
  'mutexprofile', 'trace', 'outputdir', 'fuzz', 'fuzztime', 'fuzzminimizetime', 'list', 'shuffle', 'skip', 'vet',
  'memprofilerate', 'blockprofilerate', 'mutexprofilefraction', 'f', 'vettool', 'fuzzcachedir', 'covermode',
]);

const ACTIONS: Record<string, GoAction> = {
  build: 'build',
  install: 'install',
  run: 'run',
  test: 'test',
  vet: 'vet',
  list: 'list',
  generate: 'generate',
};

/** One flag value as found: the resolved value and where it is. */
interface FlagValue {
  value: MappedText | undefined;
  /** Resolved with run-time parts as UNKNOWN_CHAR. */
  partial: MappedText;
  raw: MappedText;
}

interface GoCommandAnalysis {
  action: GoAction;
  subcommand?: string;
  ldflags?: FlagValue;
  buildmode?: FlagValue;
  tags?: FlagValue;
  chdir?: string;
  packages: string[];
}

function analyzeGoArgs(all: readonly ResolvedArg[]): GoCommandAnalysis {
  // `go -C dir build …` (Go 1.20+): -C may also come before the subcommand.
  let args = all;
  let chdirFirst: string | undefined;
  const c0 = args[0]?.value?.text;
  if (c0 === '-C' || c0 === '--C') {
    chdirFirst = args[1]?.value?.text ?? '\uFFFF';
    args = args.slice(2);
  } else if (c0 !== undefined && /^--?C=/.test(c0)) {
    chdirFirst = c0.slice(c0.indexOf('=') + 1);
    args = args.slice(1);
  }
  const out = analyzeAfterChdir(args);
  if (chdirFirst !== undefined && out.chdir === undefined) out.chdir = chdirFirst;
  return out;
}

function analyzeAfterChdir(args: readonly ResolvedArg[]): GoCommandAnalysis {
  const sub = args[0]?.value?.text;
  const action: GoAction = sub === undefined ? 'other' : (ACTIONS[sub] ?? 'other');
  const out: GoCommandAnalysis = { action, packages: [], ...(sub !== undefined ? { subcommand: sub } : {}) };
  if (action === 'other') return out;
  let sawPackage = false;
  for (let k = 1; k < args.length; k++) {
    const a = args[k]!;
    const text = a.value?.text ?? a.raw.text;
    if (text === '-args' || text === '--') break;
    if (text.startsWith('-') && text.length > 1 && !(sawPackage && action !== 'test')) {
      const body = text.replace(/^--?/, '');
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      let value: FlagValue | undefined;
      if (eq >= 0) {
        const at = text.length - body.length + eq + 1;
        const partialAt = a.partial.text.indexOf('=') + 1;
        value = {
          value: a.value ? sliceMapped(a.value, at) : undefined,
          partial: sliceMapped(a.partial, partialAt > 0 ? partialAt : a.partial.text.length),
          raw: sliceMapped(a.raw, Math.min(at, a.raw.text.length)),
        };
      } else if (VALUE_FLAGS.has(name) && k + 1 < args.length) {
        const next = args[++k]!;
        value = { value: next.value, partial: next.partial, raw: next.raw };
      }
      if (!value) continue;
      if (name === 'ldflags') out.ldflags = value;
      else if (name === 'buildmode') out.buildmode = value;
      else if (name === 'tags') out.tags = value;
      else if (name === 'C' && value.value) out.chdir = value.value.text;
      continue;
    }
    if (action === 'run' && sawPackage) break;
    sawPackage = true;
    if (a.value) out.packages.push(a.value.text);
  }
  return out;
}

/** The range of a mapped value in its file, or of the fallback span. */
export function mappedRange(index: LineIndex, m: MappedText | undefined, fallback?: [number, number]): Range | undefined {
  const span = (m && sourceSpan(m)) ?? fallback;
  return span ? index.range(span[0], span[1]) : undefined;
}

export function settingFromAssignment(file: string, index: LineIndex, a: EnvAssignment): SettingValue | undefined {
  const range = mappedRange(index, a.value, undefined) ?? mappedRange(index, a.raw, a.full) ?? (a.full ? index.range(a.full[0], a.full[0]) : undefined);
  if (!range) return undefined;
  return {
    name: a.name,
    value: a.value?.text,
    file,
    range,
    ...(a.full ? { fullRange: index.range(a.full[0], a.full[1]) } : {}),
  };
}

function flagSetting(file: string, index: LineIndex, name: string, v: FlagValue): SettingValue | undefined {
  const range = mappedRange(index, v.value) ?? mappedRange(index, v.raw);
  if (!range) return undefined;
  return { name, value: v.value?.text, file, range };
}

/** The linker flags inside an -ldflags value, with exact ranges where the value maps cleanly. */
export function linkerFlagsOf(file: string, index: LineIndex, value: MappedText): LinkerFlag[] {
  const out: LinkerFlag[] = [];
  for (const f of parseLinkerFlagFields(value.text)) {
    if (f.name.includes(UNKNOWN_CHAR)) continue;
    const range = mappedRange(index, sliceMapped(value, f.from, f.to));
    if (!range) continue;
    const clean = removalSpans(value.text, f.from, f.to).find(([rs, re]) => isContiguous(value, rs, re));
    const removeSpan = clean ? sourceSpan(value, clean[0], clean[1]) : undefined;
    out.push({
      flag: f.flag,
      ...(f.value !== undefined ? { value: f.value } : {}),
      file,
      range,
      ...(removeSpan ? { removeRange: index.range(removeSpan[0], removeSpan[1]) } : {}),
    });
  }
  return out;
}

interface GoCommandContext {
  file: string;
  index: LineIndex;
  tool: ConfigTool;
  /** Workspace-relative directory the script runs in. */
  dir: string;
  /** Make recipes write `$` as `$$`. */
  make?: boolean;
  host?: BuildConfig['host'];
  goVersion?: BuildConfig['goVersion'];
  /** Extra words for the label, e.g. `job "build"`. */
  where?: string;
  /**
   * The caller's environment when the file is read as called by another one: variables that
   * came from it (no place in this file) take their setting, with its place, from here.
   */
  outerEnv?: Record<string, SettingValue>;
  /** Conditions of every configuration of this file (e.g. "runs on a Mac"). */
  conditions?: string[];
}

function joinRel(dir: string, sub: string | undefined): string {
  if (!sub || sub.startsWith('/')) return dir;
  return joinRelativePath(dir, sub, 'clamp');
}

export function goCommandConfig(ctx: GoCommandContext, cmd: GoCommandFacts): BuildConfig | undefined {
  const analysis = analyzeGoArgs(cmd.args);
  const span = cmd.span;
  if (!span) return undefined;
  const range = ctx.index.range(span[0], span[1]);
  const env: Record<string, SettingValue> = {};
  for (const [name, a] of cmd.env) {
    const s = settingFromAssignment(ctx.file, ctx.index, a) ?? ctx.outerEnv?.[name];
    if (s) env[name] = s;
  }
  const ldflags = analysis.ldflags ? flagSetting(ctx.file, ctx.index, '-ldflags', analysis.ldflags) : undefined;
  const buildmode = analysis.buildmode ? flagSetting(ctx.file, ctx.index, '-buildmode', analysis.buildmode) : undefined;
  const tags = analysis.tags ? flagSetting(ctx.file, ctx.index, '-tags', analysis.tags) : undefined;
  const linkerFlags = analysis.ldflags ? linkerFlagsOf(ctx.file, ctx.index, analysis.ldflags.partial) : [];
  let insertion: EnvInsertion | undefined;
  if (cmd.insertAt !== undefined) {
    insertion = { file: ctx.file, at: ctx.index.position(cmd.insertAt), style: 'shell-prefix', indent: '', ...(ctx.make ? { make: true } : {}) };
  }
  const sub = analysis.subcommand ? ` ${analysis.subcommand}` : '';
  const line = range.start.line + 1;
  const label = `the \`go${sub}\` command on line ${line}${ctx.where ? ` (${ctx.where})` : ''}`;
  return {
    tool: ctx.tool,
    file: ctx.file,
    range,
    label,
    action: analysis.action,
    env,
    ...(ldflags ? { ldflags } : {}),
    linkerFlags,
    ...(buildmode ? { buildmode } : {}),
    ...(tags ? { tags } : {}),
    packages: analysis.packages,
    dir: joinRel(joinRel(ctx.dir, cmd.cwd), analysis.chdir),
    ...(insertion ? { insertion } : {}),
    ...(ctx.host ? { host: ctx.host } : {}),
    ...(ctx.goVersion ? { goVersion: ctx.goVersion } : {}),
    ...(ctx.conditions && ctx.conditions.length > 0 ? { conditions: ctx.conditions } : {}),
  };
}

interface CallSiteContext {
  file: string;
  index: LineIndex;
  /** Workspace-relative directory the calling script starts in. */
  dir: string;
  outerEnv?: Record<string, SettingValue>;
  host?: BuildConfig['host'];
  goVersion?: BuildConfig['goVersion'];
  conditions?: string[];
}

/**
 * A call to another file (`./scripts/x.sh`, `make -C sub build`) as a FileInvocation: the path
 * resolved against the working directory at the call, which is also the called script's
 * working directory. undefined when that directory is not known or leaves the workspace.
 */
export function invocationOf(ctx: CallSiteContext, call: ScriptCallFacts, label: (call: ScriptCallFacts, line: number) => string): FileInvocation | undefined {
  if (call.cwd === undefined || !call.span) return undefined;
  const base = joinRelativePath(ctx.dir, call.cwd);
  if (base === undefined) return undefined;
  let target: string | undefined;
  let cwd = base;
  if (call.kind === 'make') {
    const dir = call.makeDir === undefined ? base : call.makeDir.startsWith('/') ? undefined : joinRelativePath(base, call.makeDir);
    if (dir === undefined) return undefined;
    cwd = dir;
    target = call.path === undefined ? joinRelativePath(dir, 'Makefile') : call.path.startsWith('/') ? undefined : joinRelativePath(dir, call.path);
  } else if (call.path !== undefined && !call.path.startsWith('/')) target = joinRelativePath(base, call.path);
  if (target === undefined || target === '') return undefined;
  const env: Record<string, SettingValue> = {};
  for (const [name, a] of call.env) {
    const s = settingFromAssignment(ctx.file, ctx.index, a) ?? ctx.outerEnv?.[name];
    if (s) env[name] = s;
  }
  const range = ctx.index.range(call.span[0], call.span[1]);
  return {
    file: ctx.file,
    range,
    target,
    ...(call.kind === 'make' ? { goals: call.goals } : {}),
    cwd,
    env,
    ...(ctx.host ? { host: ctx.host } : {}),
    ...(ctx.goVersion ? { goVersion: ctx.goVersion } : {}),
    ...(ctx.conditions && ctx.conditions.length > 0 ? { conditions: ctx.conditions } : {}),
    label: label(call, range.start.line + 1),
  };
}
