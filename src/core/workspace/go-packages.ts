/**
 * The workspace's Go packages as go/build sees them, from the scanned file headers: which
 * directory holds which files, which import path maps to which directory (go.mod `module`
 * lines), which files a target builds (build constraints and file-name suffixes, evaluated
 * three-valued) and which local packages a set of packages pulls in.
 */
import { evalConstraint, type TagTruth } from '../parse/build-constraint.js';
import type { GoFileFacts } from './go-file.js';
import { KNOWN_ARCH, KNOWN_OS, UNIX_OS } from './go-names.js';
import type { WorkspaceModel } from './model.js';

export interface PackageIndex {
  dirs: Map<string, GoFileFacts[]>;
  /** [module path, directory], longest path first. */
  modules: [string, string][];
  /** dirOfImport results. */
  importDirs: Map<string, string | undefined>;
  /** Workspace directories each file imports. */
  fileImports: WeakMap<GoFileFacts, string[]>;
  /** Results rules derive from the Go files alone (valid as long as this index is). */
  memo: Map<string, unknown>;
}

/** Keyed on the goFiles array (WorkspaceModelBuilder keeps it while no Go file changes). */
const cache = new WeakMap<object, { modules: WorkspaceModel['modules']; index: PackageIndex }>();

export function packageIndex(model: WorkspaceModel): PackageIndex {
  const key: object = model.goFiles ?? model;
  const hit = cache.get(key);
  if (hit && hit.modules === model.modules) return hit.index;
  const dirs = new Map<string, GoFileFacts[]>();
  for (const f of model.goFiles ?? []) {
    const list = dirs.get(f.dir);
    if (list) list.push(f);
    else dirs.set(f.dir, [f]);
  }
  const modules: [string, string][] = [];
  for (const m of model.modules) if (m.kind === 'go.mod' && m.module) modules.push([m.module, m.dir ?? '']);
  modules.sort((a, b) => b[0].length - a[0].length);
  const index: PackageIndex = { dirs, modules, importDirs: new Map(), fileImports: new WeakMap(), memo: new Map() };
  cache.set(key, { modules: model.modules, index });
  return index;
}

function join(dir: string, rel: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const p of rel.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(p);
  }
  return parts.join('/');
}

/** The directory of a local import path, when a workspace module provides it. */
export function dirOfImport(index: PackageIndex, path: string): string | undefined {
  if (index.importDirs.has(path)) return index.importDirs.get(path);
  let out: string | undefined;
  for (const [mod, dir] of index.modules) {
    if (path === mod) out = dir;
    else if (path.startsWith(`${mod}/`)) out = join(dir, path.slice(mod.length + 1));
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
  const addTree = (prefix: string) => {
    for (const d of index.dirs.keys()) if (prefix === '' || d === prefix || d.startsWith(`${prefix}/`)) out.add(d);
  };
  const list = patterns.length === 0 ? ['.'] : patterns;
  for (const p of list) {
    if (p.endsWith('.go')) {
      const d = join(baseDir, p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '.');
      if (d !== undefined) out.add(d);
      continue;
    }
    const tree = p === '...' || p.endsWith('/...');
    const stem = tree ? p.slice(0, Math.max(0, p.length - 4)) : p;
    let dir: string | undefined;
    if (stem === '' || stem === '.' || stem.startsWith('./') || stem.startsWith('../')) dir = join(baseDir, stem || '.');
    else dir = dirOfImport(index, stem);
    if (dir === undefined) continue;
    if (tree) addTree(dir);
    else if (index.dirs.has(dir)) out.add(dir);
  }
  return out;
}

export interface TargetTags {
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
  let stem = name.slice(0, -3);
  if (stem.endsWith('_test')) stem = stem.slice(0, -5);
  const parts = stem.split('_');
  if (parts.length < 2 || parts[0] === '') return true;
  const last = parts[parts.length - 1]!;
  const prev = parts.length >= 3 ? parts[parts.length - 2]! : undefined;
  if (prev !== undefined && KNOWN_OS.has(prev) && KNOWN_ARCH.has(last)) {
    const a = truth(prev);
    const b = truth(last);
    return a === false || b === false ? false : a === true && b === true ? true : undefined;
  }
  if (KNOWN_OS.has(last) || KNOWN_ARCH.has(last)) return truth(last);
  return true;
}

/** Files with no constraint at all (no //go:build, no +build, no GOOS/GOARCH name): built everywhere. */
const unconstrained = new WeakMap<GoFileFacts, boolean>();

function isUnconstrained(f: GoFileFacts): boolean {
  let v = unconstrained.get(f);
  if (v === undefined) {
    v = !f.goBuild && f.plusBuild.length === 0 && nameMatches(f.name, () => false) === true;
    unconstrained.set(f, v);
  }
  return v;
}

/** Is the file part of the build for these tags? (true / false / undefined = cannot tell) */
export function fileBuilt(f: GoFileFacts, truth: TagTruth): boolean | undefined {
  if (isUnconstrained(f)) return true;
  const byName = nameMatches(f.name, truth);
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

/** Workspace directories a file imports (the same for every target). */
function localImports(index: PackageIndex, f: GoFileFacts): string[] {
  let out = index.fileImports.get(f);
  if (!out) {
    out = [];
    for (const imp of f.imports) {
      if (imp === 'C') continue;
      const target = dirOfImport(index, imp);
      if (target !== undefined && index.dirs.has(target)) out.push(target);
    }
    index.fileImports.set(f, out);
  }
  return out;
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

  constructor(
    readonly index: PackageIndex,
    readonly truth: TagTruth,
  ) {}

  view(dir: string): PackageView {
    const hit = this.views.get(dir);
    if (hit) return hit;
    const built: GoFileFacts[] = [];
    const maybeBuilt: GoFileFacts[] = [];
    const imported = new Set<string>();
    for (const f of this.index.dirs.get(dir) ?? []) {
      if (f.isTest) continue;
      const b = fileBuilt(f, this.truth);
      if (b === false) continue;
      maybeBuilt.push(f);
      if (b === true) built.push(f);
      for (const target of localImports(this.index, f)) imported.add(target);
    }
    const v = { built, maybeBuilt, importedDirs: [...imported] };
    this.views.set(dir, v);
    return v;
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

/** The local packages `dirs` import, transitively (non-test files that may be built). */
export function importClosure(index: PackageIndex, dirs: Iterable<string>, truth: TagTruth, limit = 50_000): Set<string> {
  return new TargetPackages(index, truth).closure(dirs, limit);
}

/** The (memoised) package views of one target, shared by every rule and rule run on this index. */
export function targetPackagesFor(index: PackageIndex, t: { goos?: string; goarch?: string; tags: readonly string[]; minor?: number; cgo: boolean }): TargetPackages {
  const tags = [...new Set(t.tags)].sort();
  const key = `targets\u0000${t.goos ?? '?'}|${t.goarch ?? '?'}|${tags.join(',')}|${t.minor ?? '?'}|${t.cgo}`;
  let view = index.memo.get(key) as TargetPackages | undefined;
  if (!view) {
    view = new TargetPackages(index, tagTruth({ ...(t.goos ? { goos: t.goos } : {}), ...(t.goarch ? { goarch: t.goarch } : {}), cgo: t.cgo, tags: new Set(tags), ...(t.minor !== undefined ? { minor: t.minor } : {}) }));
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
