import { dedupeSettings, parseShellFile } from '../parse/shell-file.js';
import { parseDockerfile } from '../parse/dockerfile.js';
import { parseGithubWorkflow } from '../parse/github-workflow.js';
import { parseGoFileHeader } from '../parse/go-file-header.js';
import { parseGoMod } from '../parse/go-mod.js';
import { parseGoreleaser } from '../parse/goreleaser.js';
import { LineIndex } from '../parse/line-index.js';
import { parseMakefile } from '../parse/makefile.js';
import { emptySourceFacts, findFlagRefs, type SourceFacts } from '../parse/source-facts.js';
import { parseVsCodeLaunch, parseVsCodeSettings, parseVsCodeTasks, type VsCodeSourceFacts } from '../parse/vscode-json.js';
import type { Range } from '../finding.js';
import type { BuildConfig, ConfigTool } from './build-config.js';
import type { FileInvocation } from './invocation.js';
import type { WorkspaceFileRecord, WorkspaceRecord } from '../snapshot.js';
import { workspaceFileKind } from './file-kinds.js';
import type { GoFileFacts } from './go-file.js';
import { emptyWorkspace, type FlagRef, type GoModFacts, type WorkspaceModel } from './model.js';
import { emptyVsCodeFacts } from './vscode.js';

/** What one file contributes; cached per file so a one-file change re-parses one file. */
interface FileContribution {
  /** Workspace-relative path. */
  path: string;
  kind: ReturnType<typeof workspaceFileKind>;
  content: string;
  partial: boolean;
  goFile?: GoFileFacts;
  /** Flags of interest in the Go file's `#cgo LDFLAGS` directives. */
  cgoFlagRefs?: FlagRef[];
  module?: GoModFacts;
  source?: SourceFacts;
  vscode?: VsCodeSourceFacts['vscode'];
}

function absolutePath(root: string, path: string): string {
  if (!root) return path;
  return root.endsWith('/') ? root + path : `${root}/${path}`;
}

function shiftRange(r: Range, by: Range['start']): Range {
  const shift = (p: Range['start']) => (p.line === 0 ? { line: by.line, character: by.character + p.character } : { line: by.line + p.line, character: p.character });
  return { start: shift(r.start), end: shift(r.end) };
}

/** `-ld_classic`, `-framework OpenCL` … in a Go file's `#cgo` directives. */
function cgoDirectiveFlagRefs(g: GoFileFacts): FlagRef[] {
  const out: FlagRef[] = [];
  for (const d of g.cgoDirectives) {
    if (!/LDFLAGS/.test(d.text)) continue;
    const refs = findFlagRefs(g.file, d.text, new LineIndex(d.text), undefined, () => 'cgo-directive');
    for (const r of refs) {
      out.push({ ...r, range: shiftRange(r.range, d.range.start), ...(r.removeRange ? { removeRange: shiftRange(r.removeRange, d.range.start) } : {}) });
    }
  }
  return out;
}

function contributionOf(root: string, f: WorkspaceFileRecord): FileContribution {
  const file = absolutePath(root, f.path);
  // Every field from the start: one object shape, no property added later.
  const kind = workspaceFileKind(f.path);
  const c: FileContribution = { path: f.path, kind, content: f.content, partial: f.partial === true, goFile: undefined, cgoFlagRefs: undefined, module: undefined, source: undefined, vscode: undefined };
  try {
    switch (kind) {
      case 'go':
        c.goFile = parseGoFileHeader(file, f.path, f.content, f.partial !== true);
        if (c.goFile.cgoDirectives.length > 0) c.cgoFlagRefs = cgoDirectiveFlagRefs(c.goFile);
        break;
      case 'go.mod':
      case 'go.work':
        c.module = parseGoMod(file, f.path, f.content);
        break;
      case 'makefile':
        c.source = parseMakefile(file, f.path, f.content);
        break;
      case 'shell':
      case 'maybe-shell':
        c.source = parseShellFile(file, f.path, f.content);
        break;
      case 'dockerfile':
        c.source = parseDockerfile(file, f.path, f.content);
        break;
      case 'goreleaser':
        c.source = parseGoreleaser(file, f.path, f.content);
        break;
      case 'github-workflow':
        c.source = parseGithubWorkflow(file, f.path, f.content);
        break;
      case 'vscode-settings': {
        const s = parseVsCodeSettings(file, f.content);
        c.source = s;
        c.vscode = s.vscode;
        break;
      }
      case 'vscode-launch':
        c.source = parseVsCodeLaunch(file, f.content);
        break;
      case 'vscode-tasks':
        c.source = parseVsCodeTasks(file, f.content);
        break;
      default:
        break;
    }
  } catch (err) {
    const source = emptySourceFacts();
    source.notes.push({ file, reason: `could not be parsed: ${err instanceof Error ? err.message : String(err)}` });
    c.source = source;
  }
  // Loops and matrices repeat the same setting: keep one per place and value (once, per file).
  if (c.source) c.source.settings = dedupeSettings(c.source.settings);
  return c;
}

/** The parts of a model that come from Go sources (go files, go.mod/go.work). */
interface GoPart {
  goFiles: GoFileFacts[];
  cgoFiles: WorkspaceModel['cgoFiles'];
  modules: GoModFacts[];
  cgoFlagRefs: FlagRef[];
}

/** The parts that come from build files (Makefiles, scripts, CI, goreleaser, VS Code). */
interface BuildPart {
  buildConfigs: NonNullable<WorkspaceModel['buildConfigs']>;
  settings: NonNullable<WorkspaceModel['settings']>;
  gorootRefs: NonNullable<WorkspaceModel['gorootRefs']>;
  flagRefs: FlagRef[];
  notes: NonNullable<WorkspaceModel['notes']>;
  vscode?: WorkspaceModel['vscode'];
}

function isGoPart(c: FileContribution): boolean {
  return c.goFile !== undefined || c.module !== undefined;
}

/** One half's contributions in path order: a file whose content changes is patched in its slot, nothing is sorted again. */
class PathOrder {
  readonly contributions: FileContribution[] = [];
  private readonly paths: string[] = [];
  /** Slot of each path: made on the first replace (a one-shot build never needs it). */
  private slots: Map<string, number> | undefined;

  constructor(entries: [string, FileContribution][]) {
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [path, c] of entries) {
      this.paths.push(path);
      this.contributions.push(c);
    }
  }

  /** Puts a new contribution in an existing path's slot; false when the path has none. */
  replace(path: string, c: FileContribution): boolean {
    if (!this.slots) {
      this.slots = new Map();
      for (let k = 0; k < this.paths.length; k++) this.slots.set(this.paths[k]!, k);
    }
    const slot = this.slots.get(path);
    if (slot === undefined) return false;
    this.contributions[slot] = c;
    return true;
  }
}

/**
 * Builds WorkspaceModels and keeps each file's parse, so that after `update` of one file only
 * that file is parsed again (the language server re-analyses a changed file this way). The Go
 * half (goFiles, cgoFiles, modules) and the build-file half (buildConfigs, settings …) are kept
 * separately: a changed Makefile reuses the very same goFiles/modules arrays, so per-model caches
 * keyed on them (the package index, rule memos) stay valid.
 */
export class WorkspaceModelBuilder {
  private readonly files = new Map<string, FileContribution>();
  private cached: WorkspaceModel | undefined;
  private goPart: GoPart | undefined;
  private buildPart: BuildPart | undefined;
  /** Path order of each half, kept while no file joins or leaves that half. */
  private goOrder: PathOrder | undefined;
  private buildOrder: PathOrder | undefined;

  constructor(readonly root: string) {}

  /** Replaces the recorded set of files (unchanged contents keep their parse). */
  reset(record: WorkspaceRecord): void {
    if (this.files.size === 0) {
      // A first build: nothing to keep or remove, and everything is stale once, at the end.
      for (const f of record.files) this.files.set(f.path, contributionOf(this.root, f));
      this.cached = this.goPart = this.buildPart = this.goOrder = this.buildOrder = undefined;
      return;
    }
    const seen = new Set<string>();
    for (const f of record.files) {
      seen.add(f.path);
      this.update(f);
    }
    for (const path of [...this.files.keys()]) if (!seen.has(path)) this.remove(path);
  }

  /** Adds or replaces one file. */
  update(f: WorkspaceFileRecord): void {
    const prev = this.files.get(f.path);
    if (prev && prev.content === f.content && prev.partial === (f.partial === true)) return;
    const next = contributionOf(this.root, f);
    this.files.set(f.path, next);
    this.invalidate(f.path, prev, next);
  }

  remove(path: string): void {
    const prev = this.files.get(path);
    if (this.files.delete(path)) this.invalidate(path, prev, undefined);
  }

  /** Drops what the change makes stale: the half (or halves) the file was and is in. */
  private invalidate(path: string, before: FileContribution | undefined, after: FileContribution | undefined): void {
    this.cached = undefined;
    const wasGo = before === undefined ? undefined : isGoPart(before);
    const isGo = after === undefined ? undefined : isGoPart(after);
    const goHalf = wasGo === true || isGo === true;
    const buildHalf = wasGo === false || isGo === false;
    if (goHalf) this.goPart = undefined;
    if (buildHalf) this.buildPart = undefined;
    const sameHalf = wasGo !== undefined && wasGo === isGo;
    if (sameHalf && (isGo ? this.goOrder : this.buildOrder)?.replace(path, after!)) return;
    // A file joined or left a half (or was never ordered): that half is sorted again when needed.
    if (goHalf) this.goOrder = undefined;
    if (buildHalf) this.buildOrder = undefined;
  }

  /** One half's contributions in path order. */
  private ordered(goHalf: boolean): FileContribution[] {
    let order = goHalf ? this.goOrder : this.buildOrder;
    if (!order) {
      const entries: [string, FileContribution][] = [];
      for (const [path, c] of this.files) if (isGoPart(c) === goHalf) entries.push([path, c]);
      order = new PathOrder(entries);
      if (goHalf) this.goOrder = order;
      else this.buildOrder = order;
    }
    return order.contributions;
  }

  private buildGoPart(): GoPart {
    return goPartOf(this.ordered(true));
  }

  private buildBuildPart(): BuildPart {
    return buildPartOf(this.root, this.ordered(false), (path) => this.files.get(path));
  }

  model(): WorkspaceModel {
    if (this.cached) return this.cached;
    this.goPart ??= this.buildGoPart();
    this.buildPart ??= this.buildBuildPart();
    this.cached = modelOf(this.root, this.goPart, this.buildPart);
    return this.cached;
  }
}

/** The Go half of a model, from that half's contributions in path order. */
function goPartOf(contributions: readonly FileContribution[]): GoPart {
  const part: GoPart = { goFiles: [], cgoFiles: [], modules: [], cgoFlagRefs: [] };
  for (let k = 0; k < contributions.length; k++) {
    const c = contributions[k]!;
    if (c.goFile) {
      part.goFiles.push(c.goFile);
      if (c.goFile.importC) part.cgoFiles.push({ file: c.goFile.file, range: c.goFile.importC });
      if (c.cgoFlagRefs) part.cgoFlagRefs.push(...c.cgoFlagRefs);
    }
    if (c.module) part.modules.push(c.module);
  }
  return part;
}

/** The build-file half of a model, from that half's contributions in path order. */
function buildPartOf(root: string, contributions: readonly FileContribution[], lookup: (path: string) => FileContribution | undefined): BuildPart {
  const part: BuildPart = { buildConfigs: [], settings: [], gorootRefs: [], flagRefs: [], notes: [] };
  const called = calledConfigs(root, contributions, lookup);
  const imageSettings = buildImageSettings(contributions);
  for (const c of contributions) {
    if (c.source) {
      for (const config of c.source.configs) {
        // A command that a known caller runs is checked as that caller runs it (once per anchor).
        if (called.covered.size > 0 && called.covered.has(anchorKey(config))) continue;
        part.buildConfigs.push(imageSettings && c.kind !== 'dockerfile' && config.tool === 'shell' ? mayRunInImage(config, imageSettings) : config);
      }
      part.settings.push(...c.source.settings);
      part.gorootRefs.push(...c.source.gorootRefs);
      part.flagRefs.push(...c.source.flagRefs);
      part.notes.push(...c.source.notes);
    }
    if (c.vscode) part.vscode = { ...emptyVsCodeFacts(), ...c.vscode };
  }
  part.buildConfigs.push(...called.configs);
  return part;
}

function anchorKey(c: BuildConfig): string {
  return `${c.file}|${c.range.start.line}:${c.range.start.character}-${c.range.end.line}:${c.range.end.character}`;
}

/** Bounds on reading called files again: chain depth, and reads per model. */
const MAX_CALL_DEPTH = 4;
const MAX_CALL_READS = 400;
/** Most cached readings per called file (callers that keep changing leave stale ones). */
const MAX_CACHED_CONTEXTS = 64;

interface CalledReading {
  configs: BuildConfig[];
  invocations: FileInvocation[];
}

/** Parses of called files, per version of the file (its contribution) and call context. */
const parsedCalls = new WeakMap<FileContribution, Map<string, SourceFacts>>();
/** Readings of called files, per version of the file (its contribution) and call. */
const readings = new WeakMap<FileContribution, Map<string, CalledReading>>();

/** The kind of tool the top caller is: scripts a workflow or a Dockerfile runs run where those run. */
function toolOfKind(kind: FileContribution['kind']): ConfigTool | undefined {
  switch (kind) {
    case 'makefile':
      return 'make';
    case 'shell':
    case 'maybe-shell':
      return 'shell';
    case 'dockerfile':
      return 'dockerfile';
    case 'github-workflow':
      return 'github-workflow';
    default:
      return undefined;
  }
}

function targetOfCall(inv: FileInvocation, lookup: (path: string) => FileContribution | undefined): { c: FileContribution; cwd: string } | undefined {
  const tries: { target: string; cwd: string }[] = [{ target: inv.target, cwd: inv.cwd }, ...(inv.alternatives ?? [])];
  for (const t of tries) {
    const names = [t.target];
    const slash = t.target.lastIndexOf('/');
    const dir = slash < 0 ? '' : t.target.slice(0, slash + 1);
    // `make` reads GNUmakefile, makefile or Makefile.
    if (t.target.slice(dir.length) === 'Makefile') names.unshift(`${dir}GNUmakefile`, `${dir}makefile`);
    for (const name of names) {
      const c = lookup(name);
      if (c && (c.kind === 'makefile' || c.kind === 'shell' || c.kind === 'maybe-shell') && c.source) return { c, cwd: t.cwd };
    }
  }
  return undefined;
}

/**
 * What a called file's build inherits from its caller: the caller's host, Go and variant win over the
 * file's own, and both sets of conditions apply.
 */
function callerContext(inv: FileInvocation, own: Pick<BuildConfig, 'host' | 'goVersion' | 'variant' | 'conditions'>): Pick<BuildConfig, 'host' | 'goVersion' | 'variant' | 'conditions'> {
  const conditions = [...(inv.conditions ?? []), ...(own.conditions ?? [])];
  const host = inv.host ?? own.host;
  const goVersion = inv.goVersion ?? own.goVersion;
  const variant = inv.variant ?? own.variant;
  return {
    ...(host ? { host } : {}),
    ...(goVersion ? { goVersion } : {}),
    ...(variant ? { variant } : {}),
    ...(conditions.length > 0 ? { conditions } : {}),
  };
}

/** Reads a called file as its caller runs it: configurations anchored in it, with the caller's context. */
function readCalled(root: string, target: FileContribution, inv: FileInvocation, cwd: string, callerTool: ConfigTool): CalledReading {
  let byCall = readings.get(target);
  if (!byCall) {
    byCall = new Map();
    readings.set(target, byCall);
  }
  const key = JSON.stringify([inv, cwd, callerTool]);
  const hit = byCall.get(key);
  if (hit) return hit;
  // One parse per environment, folder and goals, whichever caller (and label) it is for.
  const context = { env: inv.env, cwd, ...(inv.goals ? { goals: inv.goals } : {}) };
  const parseKey = JSON.stringify(context);
  let facts = parsedCalls.get(target)?.get(parseKey);
  if (!facts) {
    const file = absolutePath(root, target.path);
    facts = target.kind === 'makefile' ? parseMakefile(file, target.path, target.content, context) : parseShellFile(file, target.path, target.content, context);
    let byContext = parsedCalls.get(target);
    if (!byContext) {
      byContext = new Map<string, SourceFacts>();
      parsedCalls.set(target, byContext);
    }
    if (byContext.size >= MAX_CACHED_CONTEXTS) byContext.clear();
    byContext.set(parseKey, facts);
  }
  const local = callerTool === 'make' || callerTool === 'shell';
  const via = `run by ${inv.label}`;
  const configs = facts.configs.map((config): BuildConfig => ({
    ...config,
    tool: local ? config.tool : callerTool,
    label: `${config.label} of ${target.path}, ${via}`,
    ...callerContext(inv, config),
  }));
  const invocations = (facts.invocations ?? []).map((n): FileInvocation => ({ ...n, label: `${n.label}, ${via}`, ...callerContext(inv, n) }));
  const reading = { configs, invocations };
  if (byCall.size >= MAX_CACHED_CONTEXTS) byCall.clear();
  byCall.set(key, reading);
  return reading;
}

/**
 * Configurations of files that other files run (a script a Makefile recipe, a workflow step or
 * a Dockerfile RUN runs; a Makefile a step runs `make build` on), read as each caller runs them,
 * following calls of calls (depth and total bounded, cycles cut). `covered`: their anchors.
 */
function calledConfigs(
  root: string,
  contributions: readonly FileContribution[],
  lookup: (path: string) => FileContribution | undefined,
  extra: readonly Call[] = [],
): { configs: BuildConfig[]; covered: Set<string> } {
  const configs: BuildConfig[] = [];
  const covered = new Set<string>();
  const seen = new Set<string>();
  let reads = 0;
  const visit = (inv: FileInvocation, chain: readonly string[], depth: number, callerTool: ConfigTool): void => {
    if (depth > MAX_CALL_DEPTH || reads >= MAX_CALL_READS) return;
    const t = targetOfCall(inv, lookup);
    if (!t) return;
    const key = `${t.c.path}#${(inv.goals ?? []).join(' ')}`;
    if (chain.includes(key)) return;
    reads++;
    const reading = readCalled(root, t.c, inv, t.cwd, callerTool);
    for (const config of reading.configs) {
      const anchor = anchorKey(config);
      covered.add(anchor);
      // The same command run the same way by two callers is one configuration.
      const same = `${anchor}|${config.dir}|${config.variant ?? ''}|${config.host?.goos ?? ''}/${config.host?.goarch ?? ''}|${config.goVersion?.value ?? ''}|${(config.conditions ?? []).join(';')}|${Object.entries(config.env)
        .map(([k, v]) => `${k}=${v.value ?? '?'}@${v.file}:${v.range.start.line}:${v.range.start.character}`)
        .join(',')}`;
      if (seen.has(same)) continue;
      seen.add(same);
      configs.push(config);
    }
    for (const n of reading.invocations) visit(n, [...chain, key], depth + 1, callerTool);
  };
  for (const { invocation, tool, from } of callsOf(contributions, extra)) visit(invocation, [`${from}#`], 1, tool);
  return { configs, covered };
}

interface Call {
  invocation: FileInvocation;
  /** The kind of tool the calling file is. */
  tool: ConfigTool;
  /** Workspace-relative path of the calling file. */
  from: string;
}

function callsOf(contributions: readonly FileContribution[], extra: readonly Call[] = []): Call[] {
  const out: Call[] = [];
  for (const c of contributions) {
    const tool = toolOfKind(c.kind);
    if (!tool || !c.source?.invocations) continue;
    for (const invocation of c.source.invocations) out.push({ invocation, tool, from: c.path });
  }
  out.push(...extra);
  return out;
}

/**
 * The configurations that `calls` (and the workspace's own calls) add, read as the model reads
 * them: for calls from files the model does not parse itself, and for tests.
 */
export function configsOfCalls(record: WorkspaceRecord, calls: readonly Call[]): BuildConfig[] {
  const contributions = record.files.map((f) => contributionOf(record.root, f)).filter((c) => !isGoPart(c));
  const byPath = new Map<string, FileContribution>();
  for (const c of contributions) byPath.set(c.path, c);
  return calledConfigs(record.root, contributions, (path) => byPath.get(path), calls).configs;
}

/** Go settings a Dockerfile of the workspace sets (its build image's environment), e.g. "Dockerfile sets CGO_ENABLED". */
function buildImageSettings(contributions: readonly FileContribution[]): string | undefined {
  for (const c of contributions) {
    if (c.kind !== 'dockerfile' || !c.source) continue;
    const lines = c.content.split('\n');
    /** Set by an ENV instruction (not a RUN line's prefix): the image's environment. */
    const byEnv = (line: number): boolean => {
      let l = line;
      while (l > 0 && /\\\s*$/.test(lines[l - 1] ?? '')) l--;
      return /^\s*ENV\s/i.test(lines[l] ?? '');
    };
    const names = [...new Set(c.source.settings.filter((s) => /^(CGO_ENABLED|GOOS|GOARCH|CC|CXX|GOFLAGS)$/.test(s.name) && byEnv(s.range.start.line)).map((s) => s.name))];
    if (names.length > 0) return `${c.path} sets ${names.join(', ')}`;
  }
  return undefined;
}

const imageReadings = new WeakMap<BuildConfig, { why: string; config: BuildConfig }>();

/** A script no file of the workspace runs, in a repository with a build image: it may run there, not here. */
function mayRunInImage(config: BuildConfig, why: string): BuildConfig {
  const hit = imageReadings.get(config);
  if (hit && hit.why === why) return hit.config;
  const out = { ...config, conditions: [...(config.conditions ?? []), `the script runs on this machine, not in the repository's build image (${why})`] };
  imageReadings.set(config, { why, config: out });
  return out;
}

function modelOf(root: string, g: GoPart, b: BuildPart): WorkspaceModel {
  return {
    root,
    modules: g.modules,
    cgoFiles: g.cgoFiles,
    goFiles: g.goFiles,
    buildConfigs: b.buildConfigs,
    settings: b.settings,
    gorootRefs: b.gorootRefs,
    flagRefs: g.cgoFlagRefs.length > 0 ? [...g.cgoFlagRefs, ...b.flagRefs] : b.flagRefs,
    notes: b.notes,
    ...(b.vscode ? { vscode: b.vscode } : {}),
  };
}

/** Paths strictly increasing (so each path once, already in the order a model lists them)? */
function strictlySorted(files: readonly WorkspaceFileRecord[]): boolean {
  for (let k = 1; k < files.length; k++) if (!(files[k - 1]!.path < files[k]!.path)) return false;
  return true;
}

/** Builds the WorkspaceModel from the recorded workspace files. */
export function buildWorkspaceModel(record: WorkspaceRecord | undefined): WorkspaceModel {
  if (!record) return emptyWorkspace('');
  if (strictlySorted(record.files)) {
    // One shot, from a scan (sorted, each path once): each half straight from the record,
    // without the builder's bookkeeping for later updates.
    const go: FileContribution[] = [];
    const other: FileContribution[] = [];
    for (let k = 0; k < record.files.length; k++) {
      const c = contributionOf(record.root, record.files[k]!);
      (isGoPart(c) ? go : other).push(c);
    }
    const byPath = new Map<string, FileContribution>();
    for (const c of other) byPath.set(c.path, c);
    return modelOf(record.root, goPartOf(go), buildPartOf(record.root, other, (path) => byPath.get(path)));
  }
  const builder = new WorkspaceModelBuilder(record.root);
  builder.reset(record);
  return builder.model();
}
