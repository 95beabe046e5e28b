/**
 * What a build configuration targets and with which Go: the effective GOOS/GOARCH (a setting
 * or the default of the machine that runs it), the cgo state (set, or the cross-compile
 * default), the host, and the port list of the Go release it uses. Shared by the workspace rules.
 */
import type { Finding, TextEdit } from '../../finding.js';
import { goMinorOf, knownPortMinors, NEWEST_KNOWN_MINOR, portsFor } from '../../knowledge/index.js';
import type { MachineFacts, Port } from '../../machine.js';
import type { RuleContext } from '../../rule.js';
import type { BuildConfig, SettingValue } from '../../workspace/build-config.js';
import { applyCertainty } from '../../workspace/certainty.js';
import { replaceValueEdit } from '../../workspace/env-edit.js';
import { packageIndex, resolvePatterns } from '../../workspace/go-packages.js';

export interface Host {
  goos?: string;
  goarch?: string;
  from: string;
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

/** The Go release a configuration builds with. */
export function releaseOf(ctx: RuleContext, config: BuildConfig | undefined): GoRelease | undefined {
  const pinned = config?.goVersion?.value;
  if (pinned !== undefined) {
    const v = pinned.trim();
    const minor = /^(stable|latest)$/i.test(v) ? NEWEST_KNOWN_MINOR : /^oldstable$/i.test(v) ? NEWEST_KNOWN_MINOR - 1 : /^[^\d]*1\.(\d+)/.exec(v) ? Number(/^[^\d]*1\.(\d+)/.exec(v)![1]) : undefined;
    const via = config?.tool === 'dockerfile' ? 'the golang image' : 'actions/setup-go';
    if (minor !== undefined) return { label: `Go 1.${minor} (${via})`, minor, source: 'config' };
    return undefined;
  }
  if (config && !runsLocally(config) && config.tool !== 'goreleaser') return undefined;
  const v = ctx.machine.go.version;
  if (!v) return undefined;
  return { label: v.raw, ...(v.major === 1 && !v.devel ? { minor: v.minor } : {}), source: 'machine' };
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

export function minorOfLabel(v: string): number | undefined {
  return goMinorOf(v);
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

export type CgoState =
  | { state: 'on'; explicit: true; setting: SettingValue }
  | { state: 'off'; explicit: true; setting: SettingValue }
  /** Unset, and the build is a cross-compile: cmd/go defaults cgo off (facts §1.4). */
  | { state: 'off'; explicit: false }
  /** Unset and native (the default depends on a C compiler), or only known at run time. */
  | { state: 'unknown'; explicit: boolean; setting?: SettingValue };

/** GOOS/GOARCH differ from the machine that runs the build (an arch change on a Mac counts). */
export function isCrossCompile(target: Target, host: Host | undefined): boolean | undefined {
  if (!target.goos || !target.goarch || !host?.goos || !host.goarch) {
    // GOOS alone decides when it differs from a known host OS.
    if (target.goos && host?.goos && target.goos !== host.goos) return true;
    return undefined;
  }
  return target.goos !== host.goos || target.goarch !== host.goarch;
}

export function cgoStateOf(config: BuildConfig, target: Target, host: Host | undefined): CgoState {
  const s = config.env.CGO_ENABLED;
  if (s) {
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

/** Drops findings that repeat at one place, whatever their wording (one per location). */
export function dedupeByLocation(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const l = f.location;
    const key = `${f.rule}|${l?.file}|${l?.range.start.line}:${l?.range.start.character}-${l?.range.end.line}:${l?.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Upper-cases the first letter (labels start sentences). */
export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Drops findings that repeat (same rule, place and message; loops and matrices repeat them). */
export function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const l = f.location;
    const key = `${f.rule}|${l?.file}|${l?.range.start.line}:${l?.range.start.character}-${l?.range.end.line}:${l?.range.end.character}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
export function isWrittenIn(setting: SettingValue, config: BuildConfig): boolean {
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
  findings: Finding[];
}

const configMemos = new Map<string, WeakMap<BuildConfig, ConfigMemo>>();

/**
 * The findings of one rule for one configuration, memoised while the configuration object, the
 * machine facts and the Go sources are the same: after a one-file change only the changed file's
 * configurations are checked again (WorkspaceModelBuilder keeps the other objects).
 */
export function perConfig(ctx: RuleContext, rule: string, config: BuildConfig, compute: () => Finding[]): Finding[] {
  let memos = configMemos.get(rule);
  if (!memos) {
    memos = new WeakMap();
    configMemos.set(rule, memos);
  }
  const index = packageIndex(ctx.workspace);
  const hit = memos.get(config);
  if (hit && hit.machine === ctx.machine && hit.index === index) return hit.findings;
  const findings = applyCertainty(compute(), config);
  memos.set(config, { machine: ctx.machine, index, findings });
  return findings;
}
