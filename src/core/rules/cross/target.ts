/**
 * What a build configuration targets and with which Go: the effective GOOS/GOARCH (a setting
 * or the default of the machine that runs it), the cgo state (set, or the cross-compile
 * default), the host, and the port list of the Go release it uses. Shared by the workspace rules.
 */
import type { Severity, TextEdit } from '../../finding.js';
import { goMinorOf, knownPortMinors, NEWEST_KNOWN_MINOR, portsFor } from '../../knowledge/index.js';
import type { MachineFacts, Port } from '../../machine.js';
import type { Rule, RuleContext, RuleFinding } from '../../rule.js';
import type { BuildConfig, SettingValue } from '../../workspace/build-config.js';
import { applyCertainty } from '../../workspace/certainty.js';
import { replaceValueEdit } from '../../workspace/env-edit.js';
import { packageIndex, resolvePatterns } from '../../workspace/go-packages.js';

export interface Host {
  goos?: string;
  goarch?: string;
  from: string;
  /** A CI runner or container: its compiler is modelled (go.dev build defaults), never this machine's. */
  runner?: 'github-hosted' | 'self-hosted' | 'container';
  /** C toolchains earlier steps install there. */
  tools?: string[];
}

export interface GoRelease {
  /** For messages: "go1.24.4" or "Go 1.24 (actions/setup-go)". */
  label: string;
  minor?: number;
  /** Where it came from. */
  source: 'machine' | 'config';
}

const NODE_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };
const NODE_OS: Record<string, string> = { darwin: 'darwin', linux: 'linux', win32: 'windows', freebsd: 'freebsd', openbsd: 'openbsd', aix: 'aix', sunos: 'solaris' };

/** The machine's own platform as Go names it. */
export function machineHost(machine: MachineFacts): Host {
  const goos = machine.go.hostOs ?? machine.go.env?.GOHOSTOS ?? NODE_OS[machine.platform];
  const goarch = machine.go.hostArch ?? machine.go.env?.GOHOSTARCH ?? NODE_ARCH[machine.arch];
  return { ...(goos ? { goos } : {}), ...(goarch ? { goarch } : {}), from: 'this machine' };
}

/** Tools that run on the developer's machine (their host is this machine). */
function runsLocally(config: BuildConfig): boolean {
  return config.tool === 'make' || config.tool === 'shell' || config.tool.startsWith('vscode-');
}

export function hostOf(ctx: RuleContext, config: BuildConfig): Host | undefined {
  if (config.host) return config.host;
  return runsLocally(config) ? machineHost(ctx.machine) : undefined;
}

/**
 * The minor of a setup-go `go-version` / golang image tag: `1.22`, `1.22.3`, `go1.22`, `~1.22`,
 * `1.22.x`; `stable`/`latest`, `^1.22`, `>=1.21`, `1.x` resolve to the newest release (the
 * newest the doctor knows); `oldstable` to the one before.
 */
function versionSpecMinor(spec: string): number | undefined {
  const v = spec.trim();
  if (/^(stable|latest|\*|x|1\.x|1|\^1(\.\d+)*(\.x)?|>=?\s*1(\.\d+)*)$/i.test(v)) return NEWEST_KNOWN_MINOR;
  if (/^oldstable$/i.test(v)) return NEWEST_KNOWN_MINOR - 1;
  const m = /^(?:~|=|v|go)?\s*1\.(\d+)(?:\.(?:\d+|x)|rc\d+|beta\d+)?(?:[-.][\w.]*)?$/i.exec(v);
  return m ? Number(m[1]) : undefined;
}

/** The go.mod/go.work whose `go`/`toolchain` lines decide a directory's Go (go.work wins). */
function moduleFor(ctx: RuleContext, dir: string): { minor?: number; file: string } | undefined {
  const mods = ctx.workspace.modules ?? [];
  const work = mods.find((m) => m.kind === 'go.work' && (m.dir ?? '') === '');
  const covering = mods
    .filter((m) => m.kind === 'go.mod' && (m.dir === undefined || m.dir === '' || dir === m.dir || dir.startsWith(`${m.dir}/`)))
    .sort((a, b) => (b.dir ?? '').length - (a.dir ?? '').length)[0];
  const m = work ?? covering;
  if (!m) return undefined;
  const minors = [m.go?.value, m.toolchain?.value].map((v) => (v ? goMinorOf(v.startsWith('go') ? v : `go${v}`) : undefined)).filter((x): x is number => x !== undefined);
  return { file: m.file, ...(minors.length > 0 ? { minor: Math.max(...minors) } : {}) };
}

/** The Go release a configuration builds with. */
export function releaseOf(ctx: RuleContext, config: BuildConfig | undefined): GoRelease | undefined {
  const pinned = config?.goVersion?.value;
  if (pinned !== undefined) {
    const minor = versionSpecMinor(pinned);
    const via = config?.tool === 'dockerfile' ? 'the golang image' : 'actions/setup-go';
    if (minor === undefined) return undefined;
    // On a runner GOTOOLCHAIN defaults to auto: a go.mod asking for a newer Go switches to it
    // (the golang images set GOTOOLCHAIN=local).
    // (Go 1.21 introduced toolchain switching.)
    if (config?.tool === 'github-workflow' && minor >= 21 && (config.env.GOTOOLCHAIN?.value ?? 'auto').endsWith('auto')) {
      const mod = moduleFor(ctx, config.dir);
      if (mod?.minor !== undefined && mod.minor > minor) return { label: `Go 1.${mod.minor} (actions/setup-go installs Go 1.${minor}; ${relName(ctx, mod.file)} asks for 1.${mod.minor} and GOTOOLCHAIN=auto switches to it)`, minor: mod.minor, source: 'config' };
    }
    return { label: `Go 1.${minor} (${via})`, minor, source: 'config' };
  }
  if (config?.goVersionFile) {
    const path = config.goVersionFile.path;
    const m = (ctx.workspace.modules ?? []).find((x) => relName(ctx, x.file) === path);
    const minors = [m?.go?.value, m?.toolchain?.value].map((v) => (v ? goMinorOf(v.startsWith('go') ? v : `go${v}`) : undefined)).filter((x): x is number => x !== undefined);
    if (minors.length === 0) return undefined;
    const minor = Math.max(...minors);
    return { label: `Go 1.${minor} (actions/setup-go from ${path})`, minor, source: 'config' };
  }
  if (config && !runsLocally(config) && config.tool !== 'goreleaser') return undefined;
  const v = ctx.machine.go.version;
  if (!v) return undefined;
  return { label: v.raw, ...(v.major === 1 && !v.devel ? { minor: v.minor } : {}), source: 'machine' };
}

/** A module file's path relative to the workspace root. */
function relName(ctx: RuleContext, file: string): string {
  const root = ctx.workspace.root;
  return root && file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

const tableCache = new Map<string, Port[] | undefined>();

/** The embedded port table of a release, one array per release (so callers can cache by it). */
function tableFor(version: string): Port[] | undefined {
  if (!tableCache.has(version)) tableCache.set(version, portsFor(version));
  return tableCache.get(version);
}

/** Every port (broken ones marked) of that release; undefined when not known. */
export function portsOf(ctx: RuleContext, release: GoRelease | undefined): Port[] | undefined {
  if (!release) return undefined;
  if (release.source === 'machine') {
    const live = ctx.machine.go.ports;
    if (live && live.length > 0) return live;
    return ctx.machine.go.version ? tableFor(ctx.machine.go.version.raw) : undefined;
  }
  return release.minor !== undefined ? tableFor(`1.${release.minor}`) : undefined;
}

let union: Port[] | undefined;
/** Ports of any Go release the doctor knows (1.21 … newest), broken ones included. */
export function anyReleasePorts(): Port[] {
  if (!union) {
    const seen = new Map<string, Port>();
    for (const minor of knownPortMinors()) for (const p of portsFor(`1.${minor}`) ?? []) if (!seen.has(`${p.goos}/${p.goarch}`) || !p.broken) seen.set(`${p.goos}/${p.goarch}`, p);
    union = [...seen.values()];
  }
  return union;
}

export interface Target {
  goos?: string;
  goarch?: string;
  goosSetting?: SettingValue;
  goarchSetting?: SettingValue;
  /** GOOS/GOARCH not set: the host's own. */
  goosImplicit: boolean;
  goarchImplicit: boolean;
}

export function targetOf(config: BuildConfig, host: Host | undefined): Target {
  const os = config.env.GOOS;
  const arch = config.env.GOARCH;
  const osSet = os !== undefined && os.value !== '';
  const archSet = arch !== undefined && arch.value !== '';
  return {
    ...(osSet ? (os.value !== undefined ? { goos: os.value } : {}) : host?.goos ? { goos: host.goos } : {}),
    ...(archSet ? (arch.value !== undefined ? { goarch: arch.value } : {}) : host?.goarch ? { goarch: host.goarch } : {}),
    ...(osSet ? { goosSetting: os } : {}),
    ...(archSet ? { goarchSetting: arch } : {}),
    goosImplicit: !osSet,
    goarchImplicit: !archSet,
  };
}

type CgoState =
  | { state: 'on'; explicit: true; setting: SettingValue }
  | { state: 'off'; explicit: true; setting: SettingValue }
  /** Unset, and the build is a cross-compile: cmd/go defaults cgo off (facts §1.4). */
  | { state: 'off'; explicit: false }
  /** Unset and native (the default depends on a C compiler), or only known at run time. */
  | { state: 'unknown'; explicit: boolean; setting?: SettingValue };

/** GOOS/GOARCH differ from the machine that runs the build (an arch change on a Mac counts). */
function isCrossCompile(target: Target, host: Host | undefined): boolean | undefined {
  if (!target.goos || !target.goarch || !host?.goos || !host.goarch) {
    // GOOS alone decides when it differs from a known host OS.
    if (target.goos && host?.goos && target.goos !== host.goos) return true;
    return undefined;
  }
  return target.goos !== host.goos || target.goarch !== host.goarch;
}

export function cgoStateOf(config: BuildConfig, target: Target, host: Host | undefined): CgoState {
  const s = config.env.CGO_ENABLED;
  // An empty CGO_ENABLED (a matrix key the row lacks) is cmd/go's default, like an unset one.
  if (s && s.value !== '') {
    if (s.value === '1') return { state: 'on', explicit: true, setting: s };
    if (s.value === '0') return { state: 'off', explicit: true, setting: s };
    return { state: 'unknown', explicit: true, setting: s };
  }
  return isCrossCompile(target, host) === true ? { state: 'off', explicit: false } : { state: 'unknown', explicit: false };
}

/** Does the configuration compile and link (as opposed to only setting the tools' environment)? */
export function builds(config: BuildConfig): boolean {
  return ['build', 'install', 'run', 'test'].includes(config.action) && !config.goreleaser?.skipped;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const MAX_VARIANTS = 6;
const MAX_EVIDENCE = 10;
/** The variant (matrix row, Go version …) of the configuration a finding was made for. */
const variants = new WeakMap<RuleFinding, string>();

/** The anchor of one rule's finding (findings are merged per rule, so the rule is not part of it). */
function anchorKey(f: RuleFinding): string {
  const l = f.location;
  return `${l?.file}|${l?.range.start.line}:${l?.range.start.character}-${l?.range.end.line}:${l?.range.end.character}`;
}

function mergeAtAnchor(findings: RuleFinding[], defaultSeverity: Severity): RuleFinding[] {
  const groups = new Map<string, RuleFinding[]>();
  const order: string[] = [];
  for (const f of findings) {
    const k = anchorKey(f);
    const g = groups.get(k);
    if (g) g.push(f);
    else {
      groups.set(k, [f]);
      order.push(k);
    }
  }
  return order.map((k) => {
    const g = groups.get(k)!;
    if (g.length === 1) return g[0]!;
    const rank = (f: RuleFinding): number => SEVERITY_RANK[f.severity ?? defaultSeverity];
    const worst = g.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    const names = [...new Set(g.map((f) => variants.get(f)).filter((v): v is string => v !== undefined))];
    let message = worst.message;
    if (names.length > 1) {
      const shown = names.slice(0, MAX_VARIANTS).join('; ');
      message += ` (applies to: ${shown}${names.length > MAX_VARIANTS ? `; … ${names.length} in all` : ''})`;
    }
    const seen = new Set<string>();
    const evidence = [];
    for (const f of [worst, ...g]) {
      for (const e of f.evidence) {
        const key = JSON.stringify(e);
        if (seen.has(key)) continue;
        seen.add(key);
        evidence.push(e);
      }
    }
    const merged: RuleFinding = { ...worst, message, evidence: evidence.slice(0, MAX_EVIDENCE) };
    return merged;
  });
}

/** Upper-cases the first letter (labels start sentences). */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Merges one rule's findings that repeat at one place (loops, matrices and Go versions repeat
 * them): one finding with the worst severity, listing the variants it applies to.
 */
export function dedupeFindings(rule: Pick<Rule, 'defaultSeverity'>, findings: RuleFinding[]): RuleFinding[] {
  return mergeAtAnchor(findings, rule.defaultSeverity);
}

/** "the `go build` command on line 12 (target "build")" → for evidence. */
export function configEvidence(config: BuildConfig): { kind: 'file'; file: string; excerpt: string; line: number } {
  return { kind: 'file', file: config.file, excerpt: config.label, line: config.range.start.line };
}

export function quoteList(values: readonly string[], max = 12): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, … (${values.length} in all)` : shown;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** The setting is written inside the configuration itself (its command line, its build entry). */
function isWrittenIn(setting: SettingValue, config: BuildConfig): boolean {
  return setting.file === config.file && before(config.range.start, setting.range.start) && before(setting.range.end, config.range.end);
}

/**
 * Edits that make `name=value` hold for this configuration alone: replace the value where the
 * configuration itself writes it, or add an override on it (a shell prefix, a goreleaser env item).
 */
export function setForConfig(config: BuildConfig, name: string, value: string): { replace?: TextEdit; insertPair?: [string, string] } | undefined {
  const s = config.env[name];
  if (s && isWrittenIn(s, config)) {
    const e = replaceValueEdit(s, value);
    return e ? { replace: e } : undefined;
  }
  if (config.insertion) return { insertPair: [name, value] };
  return undefined;
}

/**
 * Does the configuration link a binary? `go build`/`go install` of packages that are not `main`
 * compiles without linking (so link-time requirements do not apply — verified: GOOS=ios go build
 * of a library succeeds without cgo). undefined = the workspace does not show which packages.
 */
export function linksBinary(ctx: RuleContext, config: BuildConfig): boolean | undefined {
  if (config.tool === 'goreleaser') return true;
  if (config.action === 'run' || config.action === 'test') return true;
  if (config.action !== 'build' && config.action !== 'install') return false;
  if (config.buildmode?.value !== undefined && config.buildmode.value !== 'default' && config.buildmode.value !== 'archive') return true;
  if (config.tool === 'vscode-launch') return true;
  const index = packageIndex(ctx.workspace);
  const roots = resolvePatterns(index, config.dir, config.packages);
  if (roots.size === 0) return undefined;
  for (const dir of roots) if ((index.dirs.get(dir) ?? []).some((f) => !f.isTest && f.packageName === 'main')) return true;
  return false;
}

interface ConfigMemo {
  machine: object;
  index: object;
  findings: RuleFinding[];
}

const configMemos = new Map<string, WeakMap<BuildConfig, ConfigMemo>>();

/**
 * The findings of one rule for one configuration, memoised while the configuration object, the
 * machine facts and the Go sources are the same: after a one-file change only the changed file's
 * configurations are checked again (WorkspaceModelBuilder keeps the other objects).
 */
export function perConfig(ctx: RuleContext, rule: Pick<Rule, 'id' | 'defaultSeverity'>, config: BuildConfig, compute: () => RuleFinding[]): RuleFinding[] {
  let memos = configMemos.get(rule.id);
  if (!memos) {
    memos = new WeakMap();
    configMemos.set(rule.id, memos);
  }
  const index = packageIndex(ctx.workspace);
  const hit = memos.get(config);
  if (hit && hit.machine === ctx.machine && hit.index === index) return hit.findings;
  const findings = applyCertainty(compute(), config, rule.defaultSeverity);
  const variant = config.variant ?? (config.goreleaser ? config.goreleaser.target : config.goVersion ? `Go ${config.goVersion.value}` : config.label);
  if (variant) for (const f of findings) variants.set(f, config.goVersion && config.variant && !config.variant.includes(config.goVersion.value) ? `${variant}, Go ${config.goVersion.value}` : variant);
  memos.set(config, { machine: ctx.machine, index, findings });
  return findings;
}
