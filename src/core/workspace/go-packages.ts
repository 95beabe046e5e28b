/**
 * The workspace's Go packages as go/build sees them, from the scanned file headers: which
 * directory holds which files, which import path maps to which directory (go.mod `module`
 * lines), which files a target builds (build constraints and file-name suffixes, evaluated
 * three-valued) and which local packages a set of packages pulls in.
 *
 * Incremental by identity: a directory whose files are the same objects keeps the same file
 * array from one index to the next (WorkspaceModelBuilder keeps unchanged files' facts), and what
 * a target builds of a directory is memoised on that array. After a one-file change only that
 * file's directory is evaluated again; nothing is held in global state that could go stale.
 */
import { evalConstraint, type TagTruth } from '../parse/build-constraint.js';
import type { GoFileFacts } from './go-file.js';
import { KNOWN_ARCH, KNOWN_OS, UNIX_OS } from './go-names.js';
import type { WorkspaceModel } from './model.js';
import { joinRelativePath } from './relative-path.js';

interface PackageIndex {
  /** Files by directory. A directory's array is shared with earlier indexes while its files are unchanged: never mutate it. */
  dirs: Map<string, GoFileFacts[]>;
  /** [module path, directory], longest path first. */
  modules: [string, string][];
  /** dirOfImport results. */
  importDirs: Map<string, string | undefined>;
  /** @deprecated No longer filled: package views resolve imports per directory (kept for compatibility). */
  fileImports: WeakMap<GoFileFacts, string[]>;
  /** Results rules derive from the Go files alone (valid as long as this index is). */
  memo: Map<string, unknown>;
  /** A go.work is present: `./...` may span the modules it uses (else it stops at a nested go.mod). */
  workspaceMode?: boolean;
}

/** Keyed on the goFiles array (WorkspaceModelBuilder keeps it while no Go file changes). */
const cache = new WeakMap<object, { modules: WorkspaceModel['modules']; index: PackageIndex }>();

/** The directory array each file was last grouped into, by its first file (see internDir). */
const dirArrayOf = new WeakMap<GoFileFacts, GoFileFacts[]>();

/**
 * The array of an earlier index when it holds exactly these file objects, in this order (so what
 * is memoised on it stays valid); else `files`, remembered for the next index under its first
 * file (a directory whose first file is a new object cannot match an earlier array anyway).
 */
function internDir(files: GoFileFacts[]): GoFileFacts[] {
  const prev = dirArrayOf.get(files[0]!);
  if (prev && prev.length === files.length && prev.every((f, i) => f === files[i])) return prev;
  dirArrayOf.set(files[0]!, files);
  return files;
}

export function packageIndex(model: WorkspaceModel): PackageIndex {
  const key: object = model.goFiles ?? model;
  const hit = cache.get(key);
  if (hit && hit.modules === model.modules) return hit.index;
  const dirs = new Map<string, GoFileFacts[]>();
  // Indexed loops in the per-file paths: a for-of allocates an iterator result per element
  // until the optimizing compiler removes it, and a one-shot run mostly never gets there.
  const goFiles = model.goFiles ?? [];
  for (let k = 0; k < goFiles.length; k++) {
    const f = goFiles[k]!;
    const list = dirs.get(f.dir);
    if (list) list.push(f);
    else dirs.set(f.dir, [f]);
  }
  for (const [dir, files] of dirs) dirs.set(dir, internDir(files));
  const modules: [string, string][] = [];
  for (const m of model.modules) if (m.kind === 'go.mod' && m.module) modules.push([m.module, m.dir ?? '']);
  modules.sort((a, b) => b[0].length - a[0].length);
  const workspaceMode = model.modules.some((m) => m.kind === 'go.work');
  const index: PackageIndex = { dirs, modules, importDirs: new Map(), fileImports: new WeakMap(), memo: new Map(), ...(workspaceMode ? { workspaceMode } : {}) };
  cache.set(key, { modules: model.modules, index });
  return index;
}


/** The directory of a local import path, when a workspace module provides it. */
export function dirOfImport(index: PackageIndex, path: string): string | undefined {
  if (index.importDirs.has(path)) return index.importDirs.get(path);
  let out: string | undefined;
  for (const [mod, dir] of index.modules) {
    if (path === mod) out = dir;
    else if (path.startsWith(`${mod}/`)) out = joinRelativePath(dir, path.slice(mod.length + 1));
    if (out !== undefined) break;
  }
  index.importDirs.set(path, out);
  return out;
}

/** Directories (with Go files) that `go build <patterns>` run in `baseDir` names. */
export function resolvePatterns(index: PackageIndex, baseDir: string, patterns: readonly string[]): Set<string> {
  const memoKey = `patterns\u0000${baseDir}\u0000${patterns.join('\u0000')}`;
  const hit = index.memo.get(memoKey) as Set<string> | undefined;
  if (hit) return hit;
  const out = new Set<string>();
  index.memo.set(memoKey, out);
  // `./...` stops at a nested module (a folder with its own go.mod) unless a go.work uses modules.
  const nested = index.modules.length > 1 && index.workspaceMode !== true ? index.modules.map(([, d]) => d) : [];
  const inNested = (prefix: string, d: string) => nested.some((m) => m !== '' && (prefix === '' || m.startsWith(`${prefix}/`)) && (d === m || d.startsWith(`${m}/`)));
  const addTree = (prefix: string) => {
    if (prefix === '') {
      for (const d of index.dirs.keys()) if (!inNested(prefix, d)) out.add(d);
      return;
    }
    const under = `${prefix}/`;
    for (const d of index.dirs.keys()) if ((d === prefix || d.startsWith(under)) && !inNested(prefix, d)) out.add(d);
  };
  const list = patterns.length === 0 ? ['.'] : patterns;
  for (const p of list) {
    if (p.endsWith('.go')) {
      const d = joinRelativePath(baseDir, p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.');
      if (d !== undefined) out.add(d);
      continue;
    }
    const tree = p === '...' || p.endsWith('/...');
    const stem = tree ? p.slice(0, Math.max(0, p.length - 4)) : p;
    let dir: string | undefined;
    if (stem === '' || stem === '.' || stem.startsWith('./') || stem.startsWith('../')) dir = joinRelativePath(baseDir, stem || '.');
    else dir = dirOfImport(index, stem);
    if (dir === undefined) continue;
    if (tree) addTree(dir);
    else if (index.dirs.has(dir)) out.add(dir);
  }
  return out;
}

/**
 * `go build a.go b.go`: the non-test files named on the command line (one directory), which form
 * the package whatever their build constraints — cgo off still drops those with import "C".
 * undefined when the patterns name no `.go` file, or files the workspace does not have.
 */
export function commandLineFiles(index: PackageIndex, baseDir: string, patterns: readonly string[]): { dir: string; files: GoFileFacts[] } | undefined {
  const fileArgs = patterns.filter((p) => p.endsWith('.go'));
  if (fileArgs.length === 0) return undefined;
  const first = fileArgs[0]!;
  const dir = joinRelativePath(baseDir, first.includes('/') ? first.slice(0, first.lastIndexOf('/')) : '.');
  if (dir === undefined) return undefined;
  const names = new Set(fileArgs.map((p) => p.slice(p.lastIndexOf('/') + 1)));
  const files = (index.dirs.get(dir) ?? []).filter((f) => names.has(f.name) && !f.isTest);
  return files.length > 0 ? { dir, files } : undefined;
}

interface TargetTags {
  goos?: string;
  goarch?: string;
  cgo: boolean;
  /** -tags of the build. */
  tags: ReadonlySet<string>;
  /** Go minor of the toolchain (for go1.N tags), when known. */
  minor?: number;
}

export function tagTruth(t: TargetTags): TagTruth {
  return (tag) => {
    if (t.tags.has(tag)) return true;
    if (tag === 'cgo') return t.cgo;
    if (tag === 'gc') return true;
    if (tag === 'gccgo') return false;
    if (tag === 'unix') return t.goos === undefined ? undefined : UNIX_OS.has(t.goos);
    if (KNOWN_OS.has(tag)) {
      if (t.goos === undefined) return undefined;
      return tag === t.goos || (tag === 'linux' && t.goos === 'android') || (tag === 'solaris' && t.goos === 'illumos') || (tag === 'darwin' && t.goos === 'ios');
    }
    if (KNOWN_ARCH.has(tag)) return t.goarch === undefined ? undefined : tag === t.goarch;
    const release = /^go1\.(\d+)$/.exec(tag);
    if (release) return t.minor === undefined ? undefined : Number(release[1]) <= t.minor;
    if (/^(goexperiment\.|[a-z0-9]+\.v\d|[a-z0-9]+\.[a-z0-9]+$)/.test(tag)) return undefined;
    return false; // a custom tag that is not passed is false
  };
}

/** go/build's file-name constraint (`_GOOS`, `_GOARCH`, `_GOOS_GOARCH`, then `_test`), three-valued. */
export function nameMatches(name: string, truth: TagTruth): boolean | undefined {
  return nameTagsMatch(nameTagsOf(name), truth);
}

/**
 * The tags a file name constrains on, as nameMatches reads them: `[GOOS, GOARCH]`, `[GOOS]` or
 * `[GOARCH]`; undefined when the name constrains nothing.
 */
function nameTagsOf(name: string): string[] | undefined {
  let stem = name.slice(0, -3);
  if (stem.endsWith('_test')) stem = stem.slice(0, -5);
  const parts = stem.split('_');
  if (parts.length < 2 || parts[0] === '') return undefined;
  const last = parts[parts.length - 1]!;
  const prev = parts.length >= 3 ? parts[parts.length - 2]! : undefined;
  if (prev !== undefined && KNOWN_OS.has(prev) && KNOWN_ARCH.has(last)) return [prev, last];
  if (KNOWN_OS.has(last) || KNOWN_ARCH.has(last)) return [last];
  return undefined;
}

/** What a name's tags (nameTagsOf) say for `truth`: both must hold for a GOOS_GOARCH name. */
function nameTagsMatch(tags: string[] | undefined, truth: TagTruth): boolean | undefined {
  if (!tags) return true;
  if (tags.length === 1) return truth(tags[0]!);
  const a = truth(tags[0]!);
  const b = truth(tags[1]!);
  return a === false || b === false ? false : a === true && b === true ? true : undefined;
}

/** Files with no constraint at all (no //go:build, no +build, no GOOS/GOARCH name): built everywhere. */
const unconstrained = new WeakMap<GoFileFacts, boolean>();

function isUnconstrained(f: GoFileFacts): boolean {
  let v = unconstrained.get(f);
  if (v === undefined) {
    v = !f.goBuild && f.plusBuild.length === 0 && nameTagsOf(f.name) === undefined;
    unconstrained.set(f, v);
  }
  return v;
}

/** Is the file part of the build for these tags? (true / false / undefined = cannot tell) */
export function fileBuilt(f: GoFileFacts, truth: TagTruth): boolean | undefined {
  if (isUnconstrained(f)) return true;
  return builtByConstraints(f, nameMatches(f.name, truth), truth);
}

/** fileBuilt for a file that has a constraint, once its name's verdict (`byName`) is known. */
function builtByConstraints(f: GoFileFacts, byName: boolean | undefined, truth: TagTruth): boolean | undefined {
  if (byName === false) return false;
  if (f.goBuild && !f.goBuild.expr) return undefined; // a malformed //go:build line
  const expr = f.goBuild?.expr ?? (f.plusBuild.length > 0 ? undefined : null);
  let byExpr: boolean | undefined = true;
  if (expr) byExpr = evalConstraint(expr, truth);
  else if (expr === undefined) {
    // Several `// +build` lines AND together.
    for (const pb of f.plusBuild) {
      if (!pb.expr) continue;
      const v = evalConstraint(pb.expr, truth);
      if (v === false) return false;
      if (v === undefined) byExpr = undefined;
    }
  }
  if (byExpr === false) return false;
  return byName === true && byExpr === true ? true : undefined;
}

/**
 * What a directory's files are, whatever the target: its non-test files, and which of them carry
 * a constraint (the others are built everywhere). Made once per file array.
 */
interface DirFacts {
  files: GoFileFacts[];
  /** Indexes (into `files`) of the files with a constraint: build lines or a GOOS/GOARCH name. */
  constrained: number[];
  /** Per entry of `constrained`: its name's tags (nameTagsOf). */
  nameTags: (string[] | undefined)[];
  /**
   * Per entry of `constrained`: everything its verdict depends on — the text of its build lines
   * (parseGoFileHeader parses each expression from that text) and its name tags — so that a
   * target judges each distinct constraint once.
   */
  constraintKeys: string[];
  /** No file has a constraint: then every target builds this. */
  everywhere?: DirBuild;
  /**
   * What was built, by the verdicts of the constrained files (one letter each): targets that
   * judge them alike (linux/amd64 and linux/arm64, mostly) share one DirBuild.
   */
  byVerdicts: Map<string, DirBuild>;
}

const dirFacts = new WeakMap<readonly GoFileFacts[], DirFacts>();

/** Adds a file's import paths (not "C") to `paths`, in order. */
function addImportPaths(paths: Set<string>, f: GoFileFacts): void {
  const imports = f.imports;
  for (let k = 0; k < imports.length; k++) if (imports[k] !== 'C') paths.add(imports[k]!);
}

function dirFactsOf(all: readonly GoFileFacts[]): DirFacts {
  let facts = dirFacts.get(all);
  if (facts) return facts;
  facts = { files: [], constrained: [], nameTags: [], constraintKeys: [], byVerdicts: new Map() };
  for (let k = 0; k < all.length; k++) {
    const f = all[k]!;
    if (f.isTest) continue;
    const tags = nameTagsOf(f.name);
    if (f.goBuild || f.plusBuild.length > 0 || tags !== undefined) {
      facts.constrained.push(facts.files.length);
      facts.nameTags.push(tags);
      let key = f.goBuild ? `${f.goBuild.text}\u0000` : '\u0000';
      for (const pb of f.plusBuild) key += `${pb.text}\u0000`;
      facts.constraintKeys.push(tags ? `${key}${tags.join('_')}` : key);
    }
    facts.files.push(f);
  }
  if (facts.constrained.length === 0) {
    const importPaths = new Set<string>();
    for (let k = 0; k < facts.files.length; k++) addImportPaths(importPaths, facts.files[k]!);
    facts.everywhere = { built: facts.files, maybeBuilt: [...facts.files], importPaths: [...importPaths] };
  }
  dirFacts.set(all, facts);
  return facts;
}

/** A TagTruth that asks `truth` once per tag (tag truth is a pure function of the target). */
function rememberedTruth(truth: TagTruth): TagTruth {
  const known = new Map<string, boolean | undefined>();
  return (tag) => {
    if (known.has(tag)) return known.get(tag);
    const v = truth(tag);
    known.set(tag, v);
    return v;
  };
}

/** What a directory's non-test files build for one set of tags: depends on those files and the tags alone. */
interface DirBuild {
  built: GoFileFacts[];
  maybeBuilt: GoFileFacts[];
  /** Import paths (not "C") of the maybe-built files, first occurrence first. */
  importPaths: string[];
}

/** DirBuilds by directory file array (shared across indexes, see internDir), then by target key. */
const dirBuilds = new WeakMap<readonly GoFileFacts[], Map<string, DirBuild>>();

/**
 * What a directory builds for one target. `verdicts` remembers, for this target, the verdict of
 * each constraint key (DirFacts.constraintKeys): a verdict depends on nothing else.
 */
function dirBuildOf(all: readonly GoFileFacts[], truth: TagTruth, verdicts: Map<string, boolean | undefined>): DirBuild {
  const facts = dirFactsOf(all);
  if (facts.everywhere) return facts.everywhere;
  const { files, constrained } = facts;
  let signature = '';
  for (let c = 0; c < constrained.length; c++) {
    const key = facts.constraintKeys[c]!;
    let b = verdicts.get(key);
    if (b === undefined && !verdicts.has(key)) {
      b = builtByConstraints(files[constrained[c]!]!, nameTagsMatch(facts.nameTags[c], truth), truth);
      verdicts.set(key, b);
    }
    signature += b === true ? 't' : b === false ? 'f' : 'u';
  }
  const known = facts.byVerdicts.get(signature);
  if (known) return known;
  const built: GoFileFacts[] = [];
  const maybeBuilt: GoFileFacts[] = [];
  const importPaths = new Set<string>();
  let c = 0;
  for (let k = 0; k < files.length; k++) {
    let v = 116; /* t */
    if (c < constrained.length && constrained[c] === k) v = signature.charCodeAt(c++);
    if (v === 102 /* f */) continue;
    const f = files[k]!;
    maybeBuilt.push(f);
    if (v === 116) built.push(f);
    addImportPaths(importPaths, f);
  }
  const b: DirBuild = { built, maybeBuilt, importPaths: [...importPaths] };
  facts.byVerdicts.set(signature, b);
  return b;
}

/** Workspace directories a DirBuild's imports name, per index (targets share DirBuilds). */
const resolvedImports = new WeakMap<PackageIndex, WeakMap<DirBuild, string[]>>();

function importedDirsOf(index: PackageIndex, b: DirBuild): string[] {
  let byBuild = resolvedImports.get(index);
  if (!byBuild) {
    byBuild = new WeakMap();
    resolvedImports.set(index, byBuild);
  }
  let dirs = byBuild.get(b);
  if (!dirs) {
    const imported = new Set<string>();
    for (const imp of b.importPaths) {
      const target = dirOfImport(index, imp);
      if (target !== undefined && index.dirs.has(target)) imported.add(target);
    }
    dirs = [...imported];
    byBuild.set(b, dirs);
  }
  return dirs;
}

/** One package directory as a target sees it. */
export interface PackageView {
  /** Non-test files that are built (true) for the target. */
  built: GoFileFacts[];
  /** Non-test files that are not certainly excluded. */
  maybeBuilt: GoFileFacts[];
  /** Workspace directories its (maybe) built non-test files import. */
  importedDirs: string[];
}

/** Package views for one set of tags, computed once per directory. */
export class TargetPackages {
  private readonly views = new Map<string, PackageView>();

  /**
   * `key` names the tags `truth` stands for (targetPackagesFor passes it): with it, what a
   * directory builds is shared with the views of later indexes while its files are unchanged.
   */
  /** `truth`, asked once per tag. */
  private readonly knownTruth: TagTruth;
  /** Verdicts of constraint keys for this target (see dirBuildOf). */
  private readonly verdicts = new Map<string, boolean | undefined>();

  constructor(
    readonly index: PackageIndex,
    readonly truth: TagTruth,
    readonly key?: string,
  ) {
    this.knownTruth = rememberedTruth(truth);
  }

  view(dir: string): PackageView {
    const hit = this.views.get(dir);
    if (hit) return hit;
    const files = this.index.dirs.get(dir);
    const b = files ? this.dirBuild(files) : { built: [], maybeBuilt: [], importPaths: [] };
    const v = { built: b.built, maybeBuilt: b.maybeBuilt, importedDirs: importedDirsOf(this.index, b) };
    this.views.set(dir, v);
    return v;
  }

  private dirBuild(files: readonly GoFileFacts[]): DirBuild {
    if (this.key === undefined) return dirBuildOf(files, this.knownTruth, this.verdicts);
    let byTarget = dirBuilds.get(files);
    if (!byTarget) {
      byTarget = new Map();
      dirBuilds.set(files, byTarget);
    }
    let b = byTarget.get(this.key);
    if (!b) {
      b = dirBuildOf(files, this.knownTruth, this.verdicts);
      byTarget.set(this.key, b);
    }
    return b;
  }

  /** The local packages `dirs` import, transitively (with `dirs` themselves). */
  closure(dirs: Iterable<string>, limit = 50_000): Set<string> {
    const out = new Set<string>();
    const queue = [...dirs];
    while (queue.length > 0 && out.size < limit) {
      const d = queue.pop()!;
      if (out.has(d)) continue;
      out.add(d);
      for (const t of this.view(d).importedDirs) if (!out.has(t)) queue.push(t);
    }
    return out;
  }
}

/** The (memoised) package views of one target, shared by every rule and rule run on this index. */
export function targetPackagesFor(index: PackageIndex, t: { goos?: string; goarch?: string; tags: readonly string[]; minor?: number; cgo: boolean }): TargetPackages {
  const tags = [...new Set(t.tags)].sort();
  const key = `targets\u0000${t.goos ?? '?'}|${t.goarch ?? '?'}|${tags.join(',')}|${t.minor ?? '?'}|${t.cgo}`;
  let view = index.memo.get(key) as TargetPackages | undefined;
  if (!view) {
    view = new TargetPackages(index, tagTruth({ ...(t.goos ? { goos: t.goos } : {}), ...(t.goarch ? { goarch: t.goarch } : {}), cgo: t.cgo, tags: new Set(tags), ...(t.minor !== undefined ? { minor: t.minor } : {}) }), key);
    index.memo.set(key, view);
  }
  return view;
}

/** Memoises `compute()` on the index under `key` (results derived from the Go files alone). */
export function memoOnIndex<T>(index: PackageIndex, key: string, compute: () => T): T {
  if (index.memo.has(key)) return index.memo.get(key) as T;
  const v = compute();
  index.memo.set(key, v);
  return v;
}
