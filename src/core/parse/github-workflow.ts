/**
 * GitHub Actions workflows, read the way the runner runs them: `env` at workflow, job and step
 * level, `strategy.matrix` (with `include`/`exclude`), `runs-on` (the runner's platform), the Go
 * `actions/setup-go` installs (`go-version`, `go-version-file`), job and step `if:` conditions
 * (evaluated per matrix row; undecidable ones become the configuration's conditions), variables
 * earlier steps write to `$GITHUB_ENV`/`$GITHUB_PATH`, C toolchains earlier steps install, each
 * step's `working-directory`, and the scripts and `make` goals steps run (FileInvocations).
 * `run:` steps are read as shell after `${{ matrix.* }}`/`${{ env.* }}` are substituted, each
 * substituted character mapped back to where the matrix or env value is written.
 * Pure; never throws.
 */
import type { Node } from 'yaml';
import type { BuildConfig, SettingValue } from '../workspace/build-config.js';
import { ExpansionBudget } from './expansion-budget.js';
import type { FileInvocation } from '../workspace/invocation.js';
import { joinRelativePath } from '../workspace/relative-path.js';
import { actionToolchain, installedToolchains, runnerArchName, runnerOsName, runsOnPlatform } from '../knowledge/runners.js';
import { evaluateCondition, UNKNOWN, type ContextLookup, type ExprValue } from './actions-expression.js';
import { githubFileWrites } from './github-env-writes.js';
import { goCommandConfig, settingFromAssignment } from './go-command.js';
import { LineIndex } from './line-index.js';
import { MappedBuilder, sliceMapped, sourceSpan, syntheticText, type MappedText } from './mapped-text.js';
import { lexShell } from './shell-lexer.js';
import { interpretShell, type ShellVars, type VarAlt } from './shell-script.js';
import { emptySourceFacts, findFlagRefs, findGorootRefs, flagPlaceOf, malformedSource, readGuarded, type SourceFacts } from './source-facts.js';
import { deref, get, isMap, isScalar, isSeq, itemsOf, keysOf, nodeSpan, parseYaml, scalarMapped, scalarString, type YamlDoc } from './yaml-source.js';

export { runnerPlatform } from '../knowledge/runners.js';

/** One matrix combination: dotted key (`os`, `target.goos`) → value mapped to the source. */
type Combo = Map<string, MappedText>;

const MAX_COMBOS = 256;
/** The YAML value (string, number, boolean, null) of each matrix value, for `if:` comparisons. */
const typedValues = new WeakMap<MappedText, ExprValue>();
/** Matrix rows that are exactly what GitHub runs (not from `fromJSON(…)`). */
const exactCombos = new WeakSet<Combo>();

export function parseGithubWorkflow(file: string, path: string, text: string): SourceFacts {
  const facts = emptySourceFacts();
  const { doc, error } = parseYaml(text);
  if (!doc) return malformedSource(facts, file, `malformed YAML, not checked: ${error ?? 'unknown error'}`);
  readGuarded(facts, file, 'a GitHub workflow', () => {
    parseInto(file, text, doc, facts);
  });
  void path;
  return facts;
}

/** An `if:` condition as it reads in messages (whitespace collapsed, at most 100 characters). */
function conditionText(raw: string): string {
  const t = raw.replace(/\s+/g, ' ').trim().replace(/^\$\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');
  return t.length > 100 ? `${t.slice(0, 97)}…` : t;
}

/** A workspace-relative directory from a `working-directory:` value ('' = the root; undefined = not known). */
function relativeDir(base: string, dir: string | undefined): string | undefined {
  if (dir === undefined) return base;
  if (dir.startsWith('/') || dir.includes('$') || dir.includes('\uFFFF') || dir.startsWith('~')) return undefined;
  return joinRelativePath(base, dir.replace(/^\.\/?/, '').replace(/\/$/, ''), 'clamp');
}

interface StepState {
  /** Variables earlier steps wrote to $GITHUB_ENV (they override job env; step env overrides them). */
  githubEnv: ShellVars;
  /** Why the environment is partly unknown (writes the doctor cannot read). */
  envNotes: string[];
  goVersion: BuildConfig['goVersion'];
  goVersionFile: BuildConfig['goVersionFile'];
  /** Why the Go on PATH is not the one setup-go installed (a $GITHUB_PATH write …). */
  goUnknown: string | undefined;
  tools: Set<string>;
}

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'case', 'esac', 'in']);

/** A $GITHUB_PATH entry that puts another `go` first (not GOPATH/bin, where `go install` puts tools). */
function pathChangesGo(text: string): boolean {
  if (/GOPATH|go\s+env\s+GOROOT|(?:\$HOME|\$\{HOME\}|~|\/home\/[^/]+|\/Users\/[^/]+)\/go\/bin\/?["']?\s*$/.test(text)) return false;
  return /(?:^|[/"'\s])(?:go|goroot|go1[.\d]*|sdk\/go[^/\s]*)(?:\/|["'\s]|$)|GOROOT/i.test(text);
}

/** A script or `make` run by one command of a step. */
interface ScriptCall {
  target: string;
  goals?: string[];
  /** `NAME=value` prefixes of the call. */
  prefix: { name: string; value: MappedText | undefined; raw: MappedText; full?: [number, number] }[];
  span: [number, number] | undefined;
  /** Directory relative to the step's, when `cd` made it known. */
  cwd: string | undefined;
  /** `make -C dir`: where the recipes run, relative to `cwd`. */
  makeDir?: string;
  /** Index of the command in the script (what runs before it can export variables). */
  at: number;
}

/** `./scripts/x.sh`, `bash scripts/x.sh`, `make -C dir goal …` in a step's script. */
function scriptCalls(script: MappedText): ScriptCall[] {
  const out: ScriptCall[] = [];
  let cwd: string | undefined = '';
  let commands;
  try {
    commands = lexShell(script);
  } catch {
    return out;
  }
  for (const cmd of commands) {
    let ws = cmd.words;
    while (ws.length > 0 && RESERVED.has(ws[0]!.value.text) && ws[0]!.expansions.length === 0) ws = ws.slice(1);
    if (ws.length === 0) continue;
    if (ws[0]!.value.text === 'cd') {
      const t = ws[1];
      cwd = !t || t.expansions.length > 0 || t.value.text.startsWith('/') || t.value.text.startsWith('~') || cwd === undefined ? undefined : joinRelativePath(cwd, t.value.text);
      continue;
    }
    const prefix: ScriptCall['prefix'] = [];
    const assign = (w: (typeof ws)[number]) => {
      const name = w.value.text.slice(0, w.assignNameLength);
      const raw = sliceMapped(w.value, w.assignNameLength + 1);
      const known = !w.expansions.some((e) => e.to > w.assignNameLength);
      const full = sourceSpan(w.value);
      prefix.push({ name, value: known ? raw : undefined, raw, ...(full ? { full } : {}) });
    };
    let k = 0;
    while (k < ws.length && ws[k]!.assignNameLength > 0) assign(ws[k++]!);
    while (k < ws.length && ['sudo', 'env', 'exec', 'time', 'command', 'nice', 'nohup'].includes(ws[k]!.value.text)) {
      k++;
      while (k < ws.length && (ws[k]!.assignNameLength > 0 || ws[k]!.value.text.startsWith('-'))) {
        if (ws[k]!.assignNameLength > 0) assign(ws[k]!);
        k++;
      }
    }
    const head = ws[k];
    if (!head || head.expansions.length > 0) continue;
    const h = head.value.text;
    const span = sourceSpan(script, head.start, ws[ws.length - 1]!.end);
    if (/^(?:ba|z|da)?sh$/.test(h)) {
      let j = k + 1;
      while (j < ws.length && ws[j]!.value.text.startsWith('-') && ws[j]!.value.text !== '-c') j++;
      const w = ws[j];
      if (!w || w.value.text === '-c' || w.expansions.length > 0 || w.value.text.startsWith('/')) continue;
      out.push({ target: w.value.text, prefix, span, cwd, at: cmd.start });
      continue;
    }
    if (h === 'make' || h === 'gmake') {
      let dir = '';
      let makefile: string | undefined;
      const goals: string[] = [];
      let ok = true;
      for (let j = k + 1; j < ws.length; j++) {
        const w = ws[j]!;
        const t = w.value.text;
        if (w.expansions.length > 0) {
          if (ws[j - 1]?.value.text === '-C' || ws[j - 1]?.value.text === '-f') ok = false;
          continue;
        }
        if (t === '-C' || t === '--directory') {
          dir = ws[j + 1]?.value.text ?? '';
          if (ws[j + 1]?.expansions.length) ok = false;
          j++;
        } else if (t.startsWith('-C') && t.length > 2) dir = t.slice(2);
        else if (t.startsWith('--directory=')) dir = t.slice('--directory='.length);
        else if (t === '-f' || t === '--file' || t === '--makefile') {
          makefile = ws[j + 1]?.value.text;
          j++;
        } else if (t === '-j' || t === '-l' || t === '-o' || t === '-W' || t === '-I') j++;
        else if (t.startsWith('-') || w.assignNameLength > 0) continue;
        else goals.push(t);
      }
      if (!ok || dir.startsWith('/') || makefile?.startsWith('/')) continue;
      const target = joinRelativePath(dir, makefile ?? 'Makefile', 'clamp');
      out.push({ target, goals, prefix, span, cwd, makeDir: dir, at: cmd.start });
      continue;
    }
    if (!h.startsWith('/') && !h.startsWith('~') && h.includes('/') && !/^\.\.?\/?$/.test(h)) {
      out.push({ target: h, prefix, span, cwd, at: cmd.start });
    }
  }
  return out;
}

function parseInto(file: string, text: string, doc: YamlDoc, facts: SourceFacts): void {
  const index = new LineIndex(text);
  const root = doc.contents;
  const jobs = get(doc, root, 'jobs');
  const rootRun = get(doc, get(doc, root, 'defaults'), 'run');
  const defaultShell = scalarString(doc, get(doc, rootRun, 'shell'));
  const budget = new ExpansionBudget();
  const defaultDir = scalarString(doc, get(doc, rootRun, 'working-directory'));
  const invocations: FileInvocation[] = [];

  /** Substitutes `${{ matrix.x }}` / `${{ env.X }}`; anything else becomes a run-time part. */
  const substitute = (m: MappedText, combo: Combo, env: ShellVars, forShell: boolean): { text: MappedText; exact: boolean } => {
    if (!m.text.includes('${{')) return { text: m, exact: true };
    const b = new MappedBuilder();
    let exact = true;
    let i = 0;
    while (i < m.text.length) {
      const open = m.text.indexOf('${{', i);
      if (open < 0) break;
      const close = m.text.indexOf('}}', open + 3);
      const end = close < 0 ? m.text.length : close + 2;
      b.pushMapped(sliceMapped(m, i, open));
      const expr = m.text.slice(open + 3, close < 0 ? m.text.length : close).trim();
      const mm = /^matrix\.([A-Za-z0-9_.-]+)$/.exec(expr) ?? /^matrix\[\s*'([^']+)'\s*\]$/.exec(expr);
      const em = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
      // A key the row does not have is an empty string (when the rows are exactly known).
      const missing = mm && exactCombos.has(combo) && !combo.has(mm[1]!) && ![...combo.keys()].some((k) => k.startsWith(`${mm[1]}.`) || mm[1]!.startsWith(`${k}.`));
      const value = mm ? (missing ? syntheticText('', m.origins[open] ?? -1) : combo.get(mm[1]!)) : em ? env.get(em[1]!)?.alts[0]?.value : undefined;
      // Past the file's expansion limits (`${{ env.X }}` chains) the value is only known at run time.
      if (value && budget.take(b.length, value.text.length)) b.pushMapped(value);
      else {
        exact = false;
        // For the shell: a command substitution is a run-time value it will not look into.
        if (forShell) {
          b.push('$(', m.origins[open] ?? -1);
          b.push('x)', -1);
        } else b.push('\uFFFF', m.origins[open] ?? -1);
      }
      i = end;
    }
    b.pushMapped(sliceMapped(m, i));
    return { text: b.build(), exact };
  };

  /** Adds a YAML env map to `vars` (as exported variables). */
  const addEnv = (vars: ShellVars, node: unknown, combo: Combo): ShellVars => {
    const out = new Map(vars);
    const map = deref(doc, node);
    if (!isMap(map)) return out;
    // one pass over the pairs (the first pair of a key wins, as a lookup does): a search per key
    // was quadratic in the size of the map
    const pairs = new Map<string, (typeof map.items)[number]>();
    for (const p of map.items) if (isScalar(p.key) && !pairs.has(String(p.key.value))) pairs.set(String(p.key.value), p);
    for (const key of keysOf(doc, map)) {
      const pairNode = pairs.get(key);
      const valueNode = pairNode ? deref(doc, pairNode.value) : get(doc, map, key);
      const raw = scalarMapped(text, valueNode) ?? syntheticText('');
      const sub = substitute(raw, combo, out, false);
      const keySpan = nodeSpan(pairNode?.key);
      const valueSpan = nodeSpan(valueNode);
      const full: [number, number] | undefined = keySpan ? [keySpan[0], valueSpan ? valueSpan[1] : keySpan[1]] : undefined;
      const alt: VarAlt = { value: sub.exact ? sub.text : undefined, raw, ...(full ? { full } : {}) };
      out.set(key, { alts: [alt], exported: true });
      const s = settingFromAssignment(file, index, { name: key, value: alt.value, raw, ...(full ? { full } : {}) });
      if (s && /^(GO|CGO_|CC$|CXX$)/.test(key)) facts.settings.push(s);
    }
    return out;
  };

  const workflowEnvBase = (combo: Combo) => addEnv(new Map(), get(doc, root, 'env'), combo);

  /** The `if:` value as written (a string, or a YAML boolean/number). */
  const ifValue = (node: unknown): { value: string | boolean | number | null; text: string } => {
    const n = deref(doc, node);
    const v: unknown = isScalar(n) ? n.value : undefined;
    if (typeof v === 'boolean' || typeof v === 'number') return { value: v, text: String(v) };
    if (typeof v === 'string') return { value: v, text: v };
    return { value: null, text: '' };
  };

  const lookupFor = (combo: Combo | undefined, runner: { goos?: string; goarch?: string } | undefined, env: ShellVars | undefined, envPartlyUnknown: boolean, ownEnv: readonly string[] = []): ContextLookup => {
    const keys = combo ? [...combo.keys()] : [];
    return (path) => {
      const [ctx, ...rest] = path;
      if (ctx === 'matrix') {
        if (!combo || rest.length === 0) return UNKNOWN;
        const dotted = rest.join('.').toLowerCase();
        const key = keys.find((k) => k.toLowerCase() === dotted);
        if (key !== undefined) {
          const v = combo.get(key)!;
          if (v.text.includes('\uFFFF') || v.text.includes('${{')) return UNKNOWN;
          return typedValues.get(v) ?? v.text;
        }
        if (keys.some((k) => k.toLowerCase().startsWith(`${dotted}.`) || dotted.startsWith(`${k.toLowerCase()}.`))) return UNKNOWN;
        return null;
      }
      if (ctx === 'runner') {
        const [k] = rest;
        const v = k?.toLowerCase() === 'os' ? runnerOsName(runner?.goos) : k?.toLowerCase() === 'arch' ? runnerArchName(runner?.goarch) : undefined;
        return v ?? UNKNOWN;
      }
      if (ctx === 'env') {
        const [k] = rest;
        // The step's own env: may or may not be visible to its `if:` — not decided.
        if (!env || k === undefined || rest.length > 1 || ownEnv.includes(k)) return UNKNOWN;
        const v = env.get(k) ?? [...env.entries()].find(([n]) => n.toLowerCase() === k.toLowerCase())?.[1];
        if (v) {
          const val = v.alts[0]?.value;
          return val && !val.text.includes('\uFFFF') ? val.text : UNKNOWN;
        }
        return envPartlyUnknown ? UNKNOWN : null;
      }
      return UNKNOWN;
    };
  };

  const jobVersions: { span: [number, number]; setups: { at: number; version: BuildConfig['goVersion'] }[] }[] = [];
  for (const jobId of keysOf(doc, jobs)) {
    const job = get(doc, jobs, jobId);
    if (!isMap(job)) continue;
    const jobSpan = nodeSpan(job);
    const versions = jobSpan ? { span: jobSpan, setups: [] as { at: number; version: BuildConfig['goVersion'] }[] } : undefined;
    if (versions) jobVersions.push(versions);
    // Job-level `if:` is evaluated before the matrix and runner exist: only literals, status
    // functions and what they combine with decide it.
    const jobConditions: string[] = [];
    const jobIfNode = get(doc, job, 'if');
    if (jobIfNode !== undefined) {
      const cond = ifValue(jobIfNode);
      const v = evaluateCondition(cond.value, lookupFor(undefined, undefined, undefined, true));
      if (v === false) continue;
      if (v === UNKNOWN) jobConditions.push(`job "${jobId}" runs only when \`if: ${conditionText(cond.text)}\` holds`);
    }
    let firstCombo = true;
    const { combos, exact: comboExact } = matrixInfo(doc, text, get(doc, get(doc, job, 'strategy'), 'matrix'));
    if (comboExact) for (const c of combos) exactCombos.add(c);
    const jobRun = get(doc, get(doc, job, 'defaults'), 'run');
    const jobShell = scalarString(doc, get(doc, jobRun, 'shell')) ?? defaultShell;
    const jobDir = scalarString(doc, get(doc, jobRun, 'working-directory')) ?? defaultDir;
    for (const combo of combos) {
      let env = workflowEnvBase(combo);
      env = addEnv(env, get(doc, job, 'env'), combo);
      const runsOn = get(doc, job, 'runs-on');
      const runsOnNode = deref(doc, runsOn);
      const labelNodes = isMap(runsOnNode) ? itemsOf(doc, get(doc, runsOnNode, 'labels')) : itemsOf(doc, runsOn);
      const labels = labelNodes
        .map((n) => scalarMapped(text, n))
        .filter((m): m is MappedText => m !== undefined)
        .map((m) => substitute(m, combo, env, false));
      const exactLabels = labels.filter((l) => l.exact).map((l) => l.text.text);
      const runner = runsOnPlatform(exactLabels);
      const selfHosted = exactLabels.some((l) => l.toLowerCase() === 'self-hosted');
      const container = get(doc, job, 'container');
      let host: BuildConfig['host'];
      if (container) host = { goos: 'linux', from: `the job's container`, runner: 'container' };
      else if (runner) host = { ...runner, from: `the runner (${exactLabels.join(', ')})`, runner: selfHosted ? 'self-hosted' : 'github-hosted' };
      const comboLabel = [...combo.entries()].filter(([, v]) => v.text.length < 40).map(([k, v]) => `${k}=${v.text}`).join(', ');
      const state: StepState = { githubEnv: new Map(), envNotes: [], goVersion: undefined, goVersionFile: undefined, goUnknown: undefined, tools: new Set() };
      let stepNumber = 0;
      for (const step of itemsOf(doc, get(doc, job, 'steps'))) {
        stepNumber++;
        if (!isMap(step)) continue;
        const uses = scalarString(doc, get(doc, step, 'uses'));
        const stepName = scalarString(doc, get(doc, step, 'name')) ?? scalarString(doc, get(doc, step, 'id')) ?? uses ?? `#${stepNumber}`;
        const stepRef = `step "${stepName.length > 60 ? `${stepName.slice(0, 57)}…` : stepName}"`;
        const base = new Map(env);
        for (const [k, v] of state.githubEnv) base.set(k, v);
        let stepCondition: string | undefined;
        const stepIfNode = get(doc, step, 'if');
        if (stepIfNode !== undefined) {
          const cond = ifValue(stepIfNode);
          const v = evaluateCondition(cond.value, lookupFor(comboExact ? combo : undefined, runner, base, state.envNotes.length > 0, keysOf(doc, get(doc, step, 'env'))));
          if (v === false) continue;
          if (v === UNKNOWN) stepCondition = `${stepRef} runs only when \`if: ${conditionText(cond.text)}\` holds`;
        }
        if (uses) {
          if (/^actions\/setup-go@/i.test(uses)) {
            const with_ = get(doc, step, 'with');
            const m = scalarMapped(text, get(doc, with_, 'go-version'));
            const fileNode = get(doc, with_, 'go-version-file');
            const vf = scalarMapped(text, fileNode);
            let version: BuildConfig['goVersion'];
            let versionFile: BuildConfig['goVersionFile'];
            if (m && m.text.trim() !== '') {
              const sub = substitute(m, combo, base, false);
              const span = sourceSpan(sub.text);
              // Several versions (one a line): the last one is the `go` on PATH.
              const lines = sub.text.text.split('\n').map((l) => l.trim()).filter(Boolean);
              const last = lines[lines.length - 1];
              version = sub.exact && span && last !== undefined ? { value: last, file, range: index.range(span[0], span[1]) } : undefined;
            } else if (vf) {
              const sub = substitute(vf, combo, base, false);
              const span = sourceSpan(sub.text);
              // Actions run in the workspace root (defaults.run.working-directory is for run: steps).
              const rel = sub.exact ? relativeDir('', sub.text.text.trim()) : undefined;
              if (rel !== undefined && span && /(?:^|\/)go\.(?:mod|work)$/.test(rel)) versionFile = { path: rel, file, range: index.range(span[0], span[1]) };
            }
            // A setup-go that may not run leaves the Go unknown.
            state.goVersion = stepCondition ? undefined : version;
            state.goVersionFile = stepCondition ? undefined : versionFile;
            state.goUnknown = undefined;
            const at = nodeSpan(step)?.[0];
            if (firstCombo && versions && at !== undefined) versions.setups.push({ at, version: state.goVersion });
          }
          const tool = actionToolchain(uses);
          if (tool) state.tools.add(tool);
          continue;
        }
        const runNode = get(doc, step, 'run');
        const run = scalarMapped(text, runNode);
        if (!run) continue;
        const shell = scalarString(doc, get(doc, step, 'shell')) ?? jobShell;
        const stepEnv = addEnv(base, get(doc, step, 'env'), combo);
        const script = substitute(run, combo, stepEnv, true).text;
        for (const t of installedToolchains(script.text)) state.tools.add(t);
        const writes = githubFileWrites(script, (name) => stepEnv.get(name)?.alts[0]?.value);
        const posix = shell ? /^(bash|sh|zsh)\b/.test(shell) : host?.goos !== 'windows' && !(host === undefined && exactLabels.some((l) => /^windows/i.test(l))); // pwsh by default on Windows runners
        const stepDir = relativeDir(relativeDir('', jobDir) ?? '', scalarString(doc, get(doc, step, 'working-directory')));
        const conditions = [...jobConditions, ...(stepCondition ? [stepCondition] : []), ...state.envNotes];
        const configHost: BuildConfig['host'] = host ? { ...host, ...(state.tools.size > 0 ? { tools: [...state.tools].sort() } : {}) } : undefined;
        const goVersion = state.goUnknown ? undefined : state.goVersion;
        const goVersionFile = state.goUnknown ? undefined : state.goVersionFile;
        if (posix) {
          const span = nodeSpan(runNode);
          const r = interpretShell(script, { vars: stepEnv, budget, ...(span ? { home: span } : {}) });
          for (const a of r.settings) {
            const s = settingFromAssignment(file, index, a);
            if (s) facts.settings.push(s);
          }
          const where = `job "${jobId}"${comboLabel ? `, matrix ${comboLabel}` : ''}`;
          for (const cmd of r.goCommands) {
            const config = goCommandConfig(
              { file, index, tool: 'github-workflow', dir: stepDir ?? '', where, ...(configHost ? { host: configHost } : {}), ...(goVersion ? { goVersion } : {}) },
              cmd,
            );
            if (!config) continue;
            if (goVersionFile && !goVersion) config.goVersionFile = goVersionFile;
            if (conditions.length > 0) config.conditions = [...conditions];
            if (comboLabel) config.variant = `matrix ${comboLabel}`;
            facts.configs.push(config);
          }
          if (stepDir !== undefined) {
            for (const call of scriptCalls(script).slice(0, MAX_CALLS_PER_STEP)) {
              const target = call.cwd === undefined ? undefined : joinRelativePath(joinRelativePath(stepDir, call.cwd, 'clamp'), call.target);
              if (target === undefined || !call.span) continue;
              const callEnv: Record<string, SettingValue> = {};
              // What the script exports before the call is the called file's environment too.
              const before = call.at > 0 ? interpretShell(sliceMapped(script, 0, call.at), { vars: stepEnv, budget, ...(span ? { home: span } : {}) }).vars : stepEnv;
              for (const [name, v] of before) {
                const alt = v.alts[0];
                if (!v.exported || !alt) continue;
                const s = settingFromAssignment(file, index, { name, value: alt.value, raw: alt.raw, ...(alt.full ? { full: alt.full } : {}) });
                if (s) callEnv[name] = s;
              }
              for (const a of call.prefix) {
                const s = settingFromAssignment(file, index, a);
                if (s) callEnv[a.name] = s;
              }
              const line = index.position(call.span[0]).line + 1;
              invocations.push({
                file,
                range: index.range(call.span[0], call.span[1]),
                target,
                ...(call.goals ? { goals: call.goals } : {}),
                cwd: joinRelativePath(joinRelativePath(stepDir, call.cwd ?? '', 'clamp'), call.makeDir ?? '', 'clamp'),
                env: callEnv,
                ...(configHost ? { host: configHost } : {}),
                ...(goVersion ? { goVersion } : {}),
                ...(conditions.length > 0 ? { conditions: [...conditions] } : {}),
                ...(comboLabel ? { variant: `matrix ${comboLabel}` } : {}),
                label: `job "${jobId}", ${stepRef} (line ${line})`,
              });
            }
          }
        }
        // What the step writes to $GITHUB_ENV / $GITHUB_PATH holds for the steps after it.
        for (const w of writes.env) {
          const alt: VarAlt = { value: stepCondition ? undefined : w.value, raw: w.raw, ...(w.full ? { full: w.full } : {}) };
          state.githubEnv.set(w.name, { alts: [alt], exported: true });
          if (GO_SETTING.test(w.name)) {
            const s = settingFromAssignment(file, index, { name: w.name, value: w.value, raw: w.raw, ...(w.full ? { full: w.full } : {}) });
            if (s) facts.settings.push(s);
          }
        }
        if (writes.unreadEnv.length > 0) {
          const line = index.position(script.origins[writes.unreadEnv[0]!] ?? nodeSpan(runNode)?.[0] ?? 0).line + 1;
          state.envNotes.push(`${stepRef} writes variables to $GITHUB_ENV that the doctor cannot read (line ${line})`);
        }
        for (const p of writes.path) {
          if (pathChangesGo(p.value ?? p.written)) state.goUnknown = `${stepRef} puts ${p.value ?? 'a directory'} first on PATH`;
        }
        if (writes.unreadPath) state.goUnknown = `${stepRef} changes PATH`;
      }
      firstCombo = false;
    }
  }
  if (invocations.length > 0) facts.invocations = dedupeInvocations(invocations);
  for (const ref of findGorootRefs(file, text, index, /^#/)) {
    const at = index.offset(ref.range.start);
    const job = jobVersions.find((j) => at >= j.span[0] && at < j.span[1]);
    const setup = job ? [...job.setups].reverse().find((s) => s.at < at) : undefined;
    facts.gorootRefs.push({ ...ref, goVersion: setup?.version ?? null });
  }
  facts.flagRefs.push(...findFlagRefs(file, text, index, /^#/, flagPlaceOf));
  facts.notes.push(...budget.notes(file));
}

const GO_SETTING = /^(GO|CGO_|CC$|CXX$)/;
const MAX_CALLS_PER_STEP = 32;

/** One invocation per call, environment, Go and conditions (matrix rows that agree merge). */
function dedupeInvocations(list: FileInvocation[]): FileInvocation[] {
  const seen = new Set<string>();
  return list.filter((inv) => {
    const env = Object.entries(inv.env)
      .map(([k, v]) => `${k}=${v.value ?? '?'}`)
      .sort()
      .join(',');
    const key = JSON.stringify([inv.range, inv.target, inv.goals, inv.cwd, env, inv.host?.goos, inv.host?.goarch, inv.goVersion?.value, inv.conditions, inv.variant]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}


/** Flattens a matrix value: scalars map to themselves, maps to `key.sub` entries. */
function flatten(doc: YamlDoc, text: string, key: string, node: Node | undefined, into: Combo, depth = 0): void {
  if (!node || depth > 5) return;
  if (isScalar(node)) {
    const m = scalarMapped(text, node);
    if (m) {
      const v: unknown = node.value;
      if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') typedValues.set(m, v);
      into.set(key, m);
    }
    return;
  }
  if (isMap(node)) for (const k of keysOf(doc, node)) flatten(doc, text, `${key}.${k}`, get(doc, node, k), into, depth + 1);
}

function valueOf(doc: YamlDoc, text: string, key: string, node: Node | undefined): Combo {
  const c: Combo = new Map();
  flatten(doc, text, key, node, c);
  return c;
}

/** The matrix rows, and whether they are exactly the rows GitHub runs (false: `fromJSON(…)` …). */
function matrixInfo(doc: YamlDoc, text: string, matrixNode: unknown): { combos: Combo[]; exact: boolean } {
  const matrix = deref(doc, matrixNode);
  if (matrixNode === undefined) return { combos: [new Map<string, MappedText>()], exact: true };
  if (!isMap(matrix)) return { combos: [new Map<string, MappedText>()], exact: false };
  const keys = keysOf(doc, matrix).filter((k) => k !== 'include' && k !== 'exclude');
  let combos: Combo[] = [new Map<string, MappedText>()];
  for (const key of keys) {
    const values = get(doc, matrix, key);
    if (!isSeq(values)) {
      // `${{ fromJSON(…) }}`: not known statically.
      return { combos: [new Map<string, MappedText>()], exact: false };
    }
    const next: Combo[] = [];
    for (const c of combos) {
      for (const v of itemsOf(doc, values)) {
        if (next.length >= MAX_COMBOS) break;
        next.push(new Map<string, MappedText>([...c, ...valueOf(doc, text, key, v)]));
      }
    }
    combos = next;
  }
  const matches = (c: Combo, entry: Combo) => [...entry].every(([k, v]) => !c.has(k) || c.get(k)!.text === v.text);
  for (const ex of itemsOf(doc, get(doc, matrix, 'exclude'))) {
    const entry: Combo = new Map();
    for (const k of keysOf(doc, ex)) for (const [kk, vv] of valueOf(doc, text, k, get(doc, ex, k))) entry.set(kk, vv);
    combos = combos.filter((c) => !(entry.size > 0 && [...entry].every(([k, v]) => c.get(k)?.text === v.text)));
  }
  const original = new Set(keys);
  const base = combos.length === 1 && combos[0]!.size === 0 ? [] : combos;
  const extra: Combo[] = [];
  for (const inc of itemsOf(doc, get(doc, matrix, 'include'))) {
    const entry: Combo = new Map();
    for (const k of keysOf(doc, inc)) for (const [kk, vv] of valueOf(doc, text, k, get(doc, inc, k))) entry.set(kk, vv);
    const origEntry = new Map([...entry].filter(([k]) => original.has(k.split('.')[0]!)));
    let added = false;
    for (const c of base) {
      if (origEntry.size > 0 && !matches(c, origEntry)) continue;
      if (origEntry.size === 0 && base.length === 0) continue;
      for (const [k, v] of entry) if (!original.has(k.split('.')[0]!)) c.set(k, v);
      added = true;
    }
    if (!added && extra.length + base.length < MAX_COMBOS) extra.push(entry);
  }
  const all = [...base, ...extra];
  const listOk = (k: string) => {
    const n = get(doc, matrix, k);
    return n === undefined || isSeq(deref(doc, n));
  };
  const exact = listOk('include') && listOk('exclude') && !itemsOf(doc, get(doc, matrix, 'include')).some((n) => !isMap(deref(doc, n))) && !itemsOf(doc, get(doc, matrix, 'exclude')).some((n) => !isMap(deref(doc, n)));
  return all.length > 0 ? { combos: all, exact } : { combos: [new Map<string, MappedText>()], exact: false };
}
