/**
 * GitHub Actions workflows: `env` at workflow, job and step level, `strategy.matrix` (with
 * `include`/`exclude`), `runs-on` (the runner's platform), `actions/setup-go` (the Go version)
 * and `run:` steps read as shell after `${{ matrix.* }}`/`${{ env.* }}` are substituted, each
 * substituted character mapped back to where the matrix or env value is written.
 * Pure; never throws.
 */
import type { Node } from 'yaml';
import type { BuildConfig } from '../workspace/build-config.js';
import { ExpansionBudget } from './expansion-budget.js';
import { goCommandConfig, settingFromAssignment } from './go-command.js';
import { LineIndex } from './line-index.js';
import { MappedBuilder, sliceMapped, sourceSpan, syntheticText, type MappedText } from './mapped-text.js';
import { interpretShell, type ShellVars, type VarAlt } from './shell-script.js';
import { emptySourceFacts, findFlagRefs, findGorootRefs, flagPlaceOf, malformedSource, readGuarded, type SourceFacts } from './source-facts.js';
import { deref, get, isMap, isScalar, isSeq, itemsOf, keysOf, nodeSpan, parseYaml, scalarMapped, scalarString, type YamlDoc } from './yaml-source.js';

/** One matrix combination: dotted key (`os`, `target.goos`) → value mapped to the source. */
type Combo = Map<string, MappedText>;

const MAX_COMBOS = 256;

/** The platform of a GitHub-hosted runner label, when the label says it plainly. */
export function runnerPlatform(label: string): { goos?: string; goarch?: string } | undefined {
  const l = label.toLowerCase();
  if (l.startsWith('ubuntu') || l === 'linux') return { goos: 'linux', goarch: /-arm\b|arm64/.test(l) ? 'arm64' : 'amd64' };
  if (l.startsWith('windows')) return { goos: 'windows', goarch: /-arm\b|arm64/.test(l) ? 'arm64' : 'amd64' };
  if (l.startsWith('macos')) {
    const intel = /^macos-1[0-3](\b|$)/.test(l) && !/xlarge/.test(l) ? true : /-large$/.test(l) ? true : undefined;
    const arm = /xlarge/.test(l) || /^macos-(1[4-9]|2\d|latest)(-xlarge)?$/.test(l);
    return { goos: 'darwin', ...(intel ? { goarch: 'amd64' } : arm ? { goarch: 'arm64' } : {}) };
  }
  return undefined;
}

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

function parseInto(file: string, text: string, doc: YamlDoc, facts: SourceFacts): void {
  const index = new LineIndex(text);
  const root = doc.contents;
  const jobs = get(doc, root, 'jobs');
  const defaultShell = scalarString(doc, get(doc, get(doc, get(doc, root, 'defaults'), 'run'), 'shell'));
  const budget = new ExpansionBudget();

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
      const value = mm ? combo.get(mm[1]!) : em ? env.get(em[1]!)?.alts[0]?.value : undefined;
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
    for (const key of keysOf(doc, map)) {
      const pairNode = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
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

  const jobVersions: { span: [number, number]; setups: { at: number; version: BuildConfig['goVersion'] }[] }[] = [];
  for (const jobId of keysOf(doc, jobs)) {
    const job = get(doc, jobs, jobId);
    if (!isMap(job)) continue;
    const jobSpan = nodeSpan(job);
    const versions = jobSpan ? { span: jobSpan, setups: [] as { at: number; version: BuildConfig['goVersion'] }[] } : undefined;
    if (versions) jobVersions.push(versions);
    let firstCombo = true;
    const combos = matrixCombos(doc, text, get(doc, get(doc, job, 'strategy'), 'matrix'));
    const jobShell = scalarString(doc, get(doc, get(doc, get(doc, job, 'defaults'), 'run'), 'shell')) ?? defaultShell;
    const jobDir = scalarString(doc, get(doc, get(doc, get(doc, job, 'defaults'), 'run'), 'working-directory'));
    for (const combo of combos) {
      let env = workflowEnvBase(combo);
      env = addEnv(env, get(doc, job, 'env'), combo);
      const container = get(doc, job, 'container');
      let host: BuildConfig['host'];
      if (container) host = { goos: 'linux', from: `the job's container` };
      else {
        const runsOn = get(doc, job, 'runs-on');
        const labels = itemsOf(doc, runsOn)
          .map((n) => scalarMapped(text, n))
          .filter((m): m is MappedText => m !== undefined)
          .map((m) => substitute(m, combo, env, false));
        for (const l of labels) {
          if (!l.exact) continue;
          const p = runnerPlatform(l.text.text);
          if (p) {
            host = { ...p, from: `the runner (${l.text.text})` };
            break;
          }
        }
      }
      const comboLabel = [...combo.entries()].filter(([, v]) => v.text.length < 40).map(([k, v]) => `${k}=${v.text}`).join(', ');
      let goVersion: BuildConfig['goVersion'];
      for (const step of itemsOf(doc, get(doc, job, 'steps'))) {
        if (!isMap(step)) continue;
        const uses = scalarString(doc, get(doc, step, 'uses'));
        if (uses && /^actions\/setup-go@/.test(uses)) {
          const with_ = get(doc, step, 'with');
          const gv = get(doc, with_, 'go-version');
          const m = scalarMapped(text, gv);
          if (m) {
            const sub = substitute(m, combo, env, false);
            const span = sourceSpan(sub.text);
            goVersion = sub.exact && span ? { value: sub.text.text, file, range: index.range(span[0], span[1]) } : undefined;
          } else goVersion = undefined;
          const at = nodeSpan(step)?.[0];
          if (firstCombo && versions && at !== undefined) versions.setups.push({ at, version: goVersion });
          continue;
        }
        const runNode = get(doc, step, 'run');
        const run = scalarMapped(text, runNode);
        if (!run) continue;
        const shell = scalarString(doc, get(doc, step, 'shell')) ?? jobShell;
        if (shell && !/^(bash|sh|zsh)\b/.test(shell)) continue;
        if (!shell && host?.goos === 'windows') continue; // pwsh by default on Windows runners
        const stepEnv = addEnv(env, get(doc, step, 'env'), combo);
        const script = substitute(run, combo, stepEnv, true).text;
        const span = nodeSpan(runNode);
        const r = interpretShell(script, { vars: stepEnv, budget, ...(span ? { home: span } : {}) });
        for (const a of r.settings) {
          const s = settingFromAssignment(file, index, a);
          if (s) facts.settings.push(s);
        }
        const stepDir = scalarString(doc, get(doc, step, 'working-directory')) ?? jobDir;
        for (const cmd of r.goCommands) {
          const where = `job "${jobId}"${comboLabel ? `, matrix ${comboLabel}` : ''}`;
          const config = goCommandConfig(
            { file, index, tool: 'github-workflow', dir: stepDir && !stepDir.startsWith('/') && !stepDir.includes('$') ? stepDir.replace(/^\.\/?/, '').replace(/\/$/, '') : '', where, ...(host ? { host } : {}), ...(goVersion ? { goVersion } : {}) },
            cmd,
          );
          if (config) facts.configs.push(config);
        }
      }
      firstCombo = false;
    }
  }
  for (const ref of findGorootRefs(file, text, index, /^#/)) {
    const at = index.offset(ref.range.start);
    const job = jobVersions.find((j) => at >= j.span[0] && at < j.span[1]);
    const setup = job ? [...job.setups].reverse().find((s) => s.at < at) : undefined;
    facts.gorootRefs.push({ ...ref, goVersion: setup?.version ?? null });
  }
  facts.flagRefs.push(...findFlagRefs(file, text, index, /^#/, flagPlaceOf));
  facts.notes.push(...budget.notes(file));
}

/** Flattens a matrix value: scalars map to themselves, maps to `key.sub` entries. */
function flatten(doc: YamlDoc, text: string, key: string, node: Node | undefined, into: Combo, depth = 0): void {
  if (!node || depth > 5) return;
  if (isScalar(node)) {
    const m = scalarMapped(text, node);
    if (m) into.set(key, m);
    return;
  }
  if (isMap(node)) for (const k of keysOf(doc, node)) flatten(doc, text, `${key}.${k}`, get(doc, node, k), into, depth + 1);
}

function valueOf(doc: YamlDoc, text: string, key: string, node: Node | undefined): Combo {
  const c: Combo = new Map();
  flatten(doc, text, key, node, c);
  return c;
}

/** GitHub's matrix expansion: product of the keys, minus `exclude`, then `include`. */
export function matrixCombos(doc: YamlDoc, text: string, matrixNode: unknown): Combo[] {
  const matrix = deref(doc, matrixNode);
  if (!isMap(matrix)) return [new Map<string, MappedText>()];
  const keys = keysOf(doc, matrix).filter((k) => k !== 'include' && k !== 'exclude');
  let combos: Combo[] = [new Map<string, MappedText>()];
  for (const key of keys) {
    const values = get(doc, matrix, key);
    if (!isSeq(values)) {
      // `${{ fromJSON(…) }}`: not known statically.
      return [new Map<string, MappedText>()];
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
  return all.length > 0 ? all : [new Map<string, MappedText>()];
}
