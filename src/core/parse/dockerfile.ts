/**
 * Dockerfiles: per build stage, ENV and ARG (both are the environment of RUN), and RUN lines
 * (shell form, heredocs, `--mount` flags) read as shell. buildx's automatic platform ARGs
 * (TARGETOS, TARGETARCH, …) are only known at build time, so they stay unresolved.
 * `FROM --platform=os/arch golang:1.24` gives the build container's platform and Go version.
 * Pure; never throws.
 */
import type { BuildConfig, SettingValue } from '../workspace/build-config.js';
import { ExpansionBudget } from './expansion-budget.js';
import type { FileInvocation } from '../workspace/invocation.js';
import { joinRelativePath } from '../workspace/relative-path.js';
import { goCommandConfig, settingFromAssignment } from './go-command.js';
import { LineIndex } from './line-index.js';
import { concatMapped, MappedBuilder, sliceMapped, syntheticText, type MappedText } from './mapped-text.js';
import { interpretShell, type ScriptCallFacts, type ShellVars } from './shell-script.js';
import { emptySourceFacts, findFlagRefs, findGorootRefs, flagPlaceOf, readGuarded, type SourceFacts } from './source-facts.js';

const PLATFORM_ARGS = new Set(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);

interface Instruction {
  keyword: string;
  /** Arguments with continuations removed, mapped to the source. */
  args: MappedText;
  line: number;
  /** Source span of the whole instruction. */
  span: [number, number];
  /** Heredoc bodies that follow the instruction. */
  heredocs: MappedText[];
}

function readInstructions(text: string, index: LineIndex): Instruction[] {
  const out: Instruction[] = [];
  let escape = '\\';
  let line = 0;
  let sawInstruction = false;
  while (line < index.lineCount) {
    const start = index.lineStart(line);
    const physical = text.slice(start, index.lineEnd(line));
    const trimmed = physical.trim();
    if (!sawInstruction) {
      const directive = /^#\s*escape\s*=\s*(\S)\s*$/i.exec(trimmed);
      if (directive) {
        escape = directive[1]!;
        line++;
        continue;
      }
    }
    if (trimmed === '' || trimmed.startsWith('#')) {
      line++;
      continue;
    }
    sawInstruction = true;
    const firstLine = line;
    const b = new MappedBuilder();
    let l = line;
    let end = index.lineEnd(l);
    for (;;) {
      const s = index.lineStart(l);
      const e = index.lineEnd(l);
      const piece = text.slice(s, e);
      const t = piece.trim();
      if (l !== firstLine && (t === '' || t.startsWith('#'))) {
        // Comment and empty lines inside a continued instruction are dropped.
        l++;
        if (l >= index.lineCount) break;
        continue;
      }
      const stripped = piece.replace(/[ \t]+$/, '');
      end = e;
      if (stripped.endsWith(escape) && l + 1 < index.lineCount) {
        const keep = stripped.length - 1;
        for (let k = 0; k < keep; k++) b.push(piece[k]!, s + k);
        l++;
        continue;
      }
      for (let k = 0; k < piece.length; k++) b.push(piece[k]!, s + k);
      break;
    }
    line = l + 1;
    const whole = b.build();
    const m = /^\s*([A-Za-z]+)(\s+|$)/.exec(whole.text);
    if (!m) continue;
    const args = sliceMapped(whole, m[0].length);
    // Heredocs: `RUN <<EOF` … `EOF`.
    const heredocs: MappedText[] = [];
    const re = /<<(-?)(["']?)([A-Za-z_][\w]*)\2/g;
    let h: RegExpExecArray | null;
    while ((h = re.exec(args.text))) {
      const delimiter = h[3]!;
      const hb = new MappedBuilder();
      while (line < index.lineCount) {
        const s = index.lineStart(line);
        const e = index.lineEnd(line);
        const body = text.slice(s, e);
        line++;
        if ((h[1] ? body.replace(/^\t+/, '') : body) === delimiter) break;
        for (let k = 0; k < body.length; k++) hb.push(body[k]!, s + k);
        hb.push('\n', e);
      }
      heredocs.push(hb.build());
    }
    out.push({ keyword: m[1]!.toUpperCase(), args, line: firstLine, span: [start, end], heredocs });
  }
  return out;
}

/** Where the build context's files are in the container of one stage. */
interface StageFiles {
  workdir: string;
  /** `COPY src… dest` from the build context, in order. */
  copies: { src: string; dest: string; intoDir: boolean }[];
}

function containerJoin(dir: string, rel: string): string {
  const parts = rel.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const p of rel.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return '/' + parts.join('/');
}

/** `COPY [--chown=…] src… dest` (shell or JSON form) from the build context, or nothing. */
function readCopy(args: string, fs: StageFiles): void {
  let words: string[];
  const t = args.trim();
  const flags: string[] = [];
  let rest = t;
  for (;;) {
    const m = /^--[a-z-]+(=\S*)?\s*/.exec(rest);
    if (!m) break;
    flags.push(m[0].trim());
    rest = rest.slice(m[0].length);
  }
  if (flags.some((f) => f.startsWith('--from'))) return;
  if (rest.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return;
      words = parsed;
    } catch {
      return;
    }
  } else words = rest.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 64) return;
  const destRaw = words[words.length - 1]!;
  if (destRaw.includes('$')) return;
  const dest = containerJoin(fs.workdir, destRaw);
  const srcs = words.slice(0, -1);
  for (const src of srcs) {
    if (src.includes('$') || src.includes('*') || /^[a-z]+:\/\//.test(src)) continue;
    fs.copies.push({ src: joinRelativePath('', src) ?? '', dest, intoDir: destRaw.endsWith('/') || srcs.length > 1 });
  }
}

/** The build-context path of a container path, when a COPY put it there. */
function contextPathOf(fs: StageFiles, p: string): string | undefined {
  for (let k = fs.copies.length - 1; k >= 0; k--) {
    const c = fs.copies[k]!;
    const base = c.src.slice(c.src.lastIndexOf('/') + 1);
    if (c.src === '') {
      if (p === c.dest) return '';
      if (p.startsWith(c.dest === '/' ? '/' : c.dest + '/')) return p.slice(c.dest === '/' ? 1 : c.dest.length + 1);
      continue;
    }
    if (c.intoDir && p === containerJoin(c.dest, base)) return c.src;
    if (p === c.dest) return c.src;
    if (p.startsWith(c.dest + '/')) return joinRelativePath(c.src, p.slice(c.dest.length + 1));
  }
  // A folder whose contents were copied piece by piece (`COPY cmd /src/cmd`): /src is the context root.
  for (let k = fs.copies.length - 1; k >= 0; k--) {
    const c = fs.copies[k]!;
    if (c.src === '' || !c.dest.startsWith(p === '/' ? '/' : p + '/')) continue;
    const tail = c.dest.slice(p === '/' ? 1 : p.length + 1);
    if (c.src === tail) return '';
    if (c.src.endsWith('/' + tail)) return c.src.slice(0, c.src.length - tail.length - 1);
  }
  return undefined;
}

/** `budget`: the file's expansion limits (a test passes its own to measure the work). */
export function parseDockerfile(file: string, path: string, text: string, budget = new ExpansionBudget()): SourceFacts {
  const facts = emptySourceFacts();
  return readGuarded(facts, file, 'a Dockerfile', () => {
    const index = new LineIndex(text);
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const stages = new Map<string, { vars: ShellVars; host: BuildConfig['host']; goVersion?: BuildConfig['goVersion'] }>();
    let vars: ShellVars = new Map();
    let host: BuildConfig['host'] = { goos: 'linux', from: 'the build container' };
    let goVersion: BuildConfig['goVersion'];
    const globalArgs: ShellVars = new Map();
    let inStage = false;
    let stage: { vars: ShellVars; host: BuildConfig['host']; goVersion?: BuildConfig['goVersion']; files: StageFiles } | undefined;
    let files: StageFiles = { workdir: '/', copies: [] };
    const stagesFiles = new Map<string, StageFiles>();

    const declare = (args: MappedText, kind: 'ENV' | 'ARG') => {
      if (kind === 'ENV' && !/^\s*[A-Za-z_][\w]*=/.test(args.text)) {
        // Legacy `ENV NAME value with spaces`.
        const m = /^\s*([A-Za-z_][\w]*)\s+/.exec(args.text);
        if (!m) return;
        const value = sliceMapped(args, m[0].length);
        const name = m[1]!;
        const exact = !value.text.includes('$');
        const full: [number, number] | undefined = args.origins[0] !== undefined && value.origins.length ? [args.origins[0], (value.origins[value.origins.length - 1] ?? 0) + 1] : undefined;
        vars.set(name, { alts: [{ value: exact ? value : undefined, raw: value, ...(full ? { full } : {}) }], exported: true });
        if (stage && inStage) stage.vars = vars;
        const s = settingFromAssignment(file, index, { name, value: exact ? value : undefined, raw: value, ...(full ? { full } : {}) });
        if (s && /^(GO|CGO_|CC$|CXX$)/.test(name)) facts.settings.push(s);
        return;
      }
      const words = concatMapped([syntheticText('export '), args]);
      const r = interpretShell(words, { vars, budget });
      if (kind === 'ARG') {
        for (const name of PLATFORM_ARGS) {
          if (new RegExp(`(^|\\s)${name}(=|\\s|$)`).test(args.text)) r.vars.set(name, { alts: [{ value: undefined, raw: syntheticText('') }], exported: true });
        }
      }
      vars = r.vars;
      if (stage && inStage) stage.vars = vars;
      for (const a of r.settings) {
        if (kind === 'ARG' && PLATFORM_ARGS.has(a.name)) continue;
        const s = settingFromAssignment(file, index, a);
        if (s) facts.settings.push(s);
      }
    };

    const stageStarts: { at: number; goVersion: BuildConfig['goVersion'] }[] = [];
    for (const ins of readInstructions(text, index)) {
      switch (ins.keyword) {
        case 'FROM': {
          inStage = true;
          const words = ins.args.text.trim().split(/\s+/);
          let platform: string | undefined;
          const rest: string[] = [];
          for (const w of words) {
            const pm = /^--platform=(.*)$/.exec(w);
            if (pm) platform = pm[1];
            else rest.push(w);
          }
          const image = rest[0] ?? '';
          const alias = rest[1]?.toLowerCase() === 'as' ? rest[2] : undefined;
          const parent = stages.get(image.toLowerCase());
          const parentFiles = stagesFiles.get(image.toLowerCase());
          files = parentFiles ? { workdir: parentFiles.workdir, copies: [...parentFiles.copies] } : { workdir: '/', copies: [] };
          if (alias) stagesFiles.set(alias.toLowerCase(), files);
          vars = new Map(parent ? parent.vars : globalArgs);
          host = parent?.host ?? { goos: /windows|nanoserver|servercore/i.test(image) ? 'windows' : 'linux', from: `the build container (FROM ${image})` };
          goVersion = parent?.goVersion;
          if (platform && /^[a-z0-9]+\/[a-z0-9]+/.test(platform)) {
            const [os, arch] = platform.split('/');
            host = { goos: os!, goarch: arch!, from: `the build container (--platform=${platform})` };
          }
          const gm = /(?:^|\/)golang:(\d+\.\d+(?:\.\d+)?)/.exec(image);
          if (gm) {
            const at = ins.args.text.indexOf(gm[1]!, ins.args.text.indexOf('golang:'));
            const o = ins.args.origins[at] ?? -1;
            if (o >= 0) goVersion = { value: gm[1]!, file, range: index.range(o, o + gm[1]!.length) };
          }
          stageStarts.push({ at: ins.span[0], goVersion });
          stage = { vars, host, ...(goVersion ? { goVersion } : {}), files };
          if (alias) stages.set(alias.toLowerCase(), stage);
          break;
        }
        case 'ENV':
          declare(ins.args, 'ENV');
          break;
        case 'WORKDIR': {
          const w = ins.args.text.trim();
          if (w && !w.includes('$')) files.workdir = containerJoin(files.workdir, w);
          break;
        }
        case 'COPY':
        case 'ADD':
          readCopy(ins.args.text, files);
          break;
        case 'ARG':
          if (!inStage) {
            const saved = vars;
            vars = globalArgs;
            declare(ins.args, 'ARG');
            for (const [k, v] of vars) globalArgs.set(k, v);
            vars = saved;
          } else declare(ins.args, 'ARG');
          break;
        case 'RUN': {
          let script = ins.args;
          // Drop RUN flags (--mount=…, --network=…, --security=…).
          for (;;) {
            const fm = /^\s*--[a-z-]+(=("[^"]*"|'[^']*'|\S)*)?\s*/.exec(script.text);
            if (!fm || fm[0].length === 0) break;
            script = sliceMapped(script, fm[0].length);
          }
          if (script.text.trimStart().startsWith('[')) break; // exec form: no shell
          const bodies = ins.heredocs.length ? ins.heredocs : [script];
          for (const body of bodies) {
            const r = interpretShell(body, { vars, home: ins.span, budget });
            for (const a of r.settings) {
              const s = settingFromAssignment(file, index, a);
              if (s) facts.settings.push(s);
            }
            for (const cmd of r.goCommands) {
              const config = goCommandConfig({ file, index, tool: 'dockerfile', dir, host, ...(goVersion ? { goVersion } : {}) }, cmd);
              if (config) facts.configs.push(config);
            }
            for (const call of r.calls) {
              const inv = dockerInvocation(call);
              if (inv) (facts.invocations ??= []).push(inv);
            }
          }
          break;
        }
        default:
          break;
      }
    }
    /** A script (or `make`) that a RUN line runs, where a COPY put it: it runs with the stage's ENV and image. */
    function dockerInvocation(call: ScriptCallFacts): FileInvocation | undefined {
      if (call.cwd === undefined || !call.span) return undefined;
      const cwdIn = containerJoin(files.workdir, call.cwd);
      let scriptIn: string | undefined;
      let runIn = cwdIn;
      if (call.kind === 'make') {
        runIn = call.makeDir === undefined ? cwdIn : containerJoin(cwdIn, call.makeDir);
        scriptIn = containerJoin(runIn, call.path ?? 'Makefile');
      } else if (call.path !== undefined) scriptIn = containerJoin(cwdIn, call.path);
      if (scriptIn === undefined) return undefined;
      const target = contextPathOf(files, scriptIn);
      if (target === undefined || target === '') return undefined;
      const cwdRel = contextPathOf(files, runIn) ?? (target.includes('/') ? target.slice(0, target.lastIndexOf('/')) : '');
      const env: Record<string, SettingValue> = {};
      for (const [name, a] of call.env) {
        const s = settingFromAssignment(file, index, a);
        if (s) env[name] = s;
      }
      const range = index.range(call.span[0], call.span[1]);
      const inContext = (p: string) => (dir === '' ? p : joinRelativePath(dir, p) ?? p);
      return {
        file,
        range,
        target: inContext(target),
        ...(dir !== '' ? { alternatives: [{ target, cwd: cwdRel }] } : {}),
        ...(call.kind === 'make' ? { goals: call.goals } : {}),
        cwd: inContext(cwdRel),
        env,
        ...(host ? { host } : {}),
        ...(goVersion ? { goVersion } : {}),
        label: `\`RUN ${call.text}\` (${path} line ${range.start.line + 1})`,
      };
    }

    for (const ref of findGorootRefs(file, text, index, /^#/)) {
      const at = index.offset(ref.range.start);
      const stageAt = [...stageStarts].reverse().find((s) => s.at <= at);
      facts.gorootRefs.push({ ...ref, goVersion: stageAt?.goVersion ?? null });
    }
    facts.flagRefs.push(...findFlagRefs(file, text, index, /^#/, flagPlaceOf));
    facts.notes.push(...budget.notes(file));
  });
}
