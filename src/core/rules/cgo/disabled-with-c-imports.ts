import type { Finding, Fix, Location, Severity, TextEdit } from '../../finding.js';
import type { MachineFacts } from '../../machine.js';
import { mentionsNegated } from '../../parse/build-constraint.js';
import type { Rule, RuleContext } from '../../rule.js';
import type { BuildConfig } from '../../workspace/build-config.js';
import { envInsertionEdit } from '../../workspace/env-edit.js';
import type { GoFileFacts } from '../../workspace/go-file.js';
import { memoOnIndex, packageIndex, resolvePatterns, targetPackagesFor, type PackageView, type TargetPackages } from '../../workspace/go-packages.js';
import { builds, capitalize, cgoStateOf, configEvidence, dedupeFindings, hostOf, releaseOf, setForConfig, targetOf } from '../cross/target.js';

export const disabledWithCImports: Rule = {
  id: 'cgo/disabled-with-c-imports',
  defaultSeverity: 'warning',
  summary: 'A build with cgo off builds packages whose files import "C": those files are left out.',
  docs: `**What:** a build configuration with cgo off — \`CGO_ENABLED=0\`, or unset in a cross build, which
defaults cgo off — whose packages (the patterns it builds, resolved against the workspace, plus the
workspace packages they import) contain files with \`import "C"\` that the target would otherwise
build. Packages that carry their own \`//go:build !cgo\` fallback are left alone.

**Why it matters:** with cgo off, every file with \`import "C"\` is excluded, silently. A package
made only of such files fails: \`package …: build constraints exclude all Go files in …\` — when it is
named or imported; one that only a \`...\` pattern matches is skipped without a word (not built at
all). Otherwise the package builds without that code, or fails on missing symbols.

**Fix:** set \`CGO_ENABLED=1\` for that build (needs a C compiler for the target), or give the
package a pure-Go \`//go:build !cgo\` implementation. Not marked preferred: a cgo-free build is often
the point of \`CGO_ENABLED=0\`.

**Facts:** go-macos-facts.md §1.4 (cross builds default cgo off) and §2 (constraints);
test/toolchain/workspace/cross-claims.test.ts reproduces "build constraints exclude all Go files";
the \`...\` case was checked with go1.21.13 and go1.27.3 (\`go build ./...\` exits 0, \`go build .\`
fails), see test/unit/server/cgo-wildcard.test.ts.`,
  check(ctx) {
    const findings: Finding[] = [];
    if (ctx.workspace.cgoFiles.length === 0) return findings;
    const index = packageIndex(ctx.workspace);
    // Many configurations share a target (loops, matrices, one Makefile per package): what a
    // configuration is does not change with the Go files (memoised on it), what it builds is
    // memoised on the package index per (target, directory, patterns), and per-package results
    // on the package's files, so a one-file change re-evaluates one package.
    for (const config of ctx.workspace.buildConfigs ?? []) {
      const build = cgoOffBuildOf(ctx, config);
      if (!build) continue;
      const hits = memoOnIndex(index, build.resultKey, () => excludedCgo(targetPackagesFor(index, build.target), config.dir, config.packages));
      findings.push(...findingsFor(build, hits));
    }
    return dedupeFindings(findings);
  },
};

/** A configuration that builds with cgo off, and everything its finding says but the packages. */
interface CgoOffBuild {
  config: BuildConfig;
  /** The target whose package views it builds (cgo on: the files cgo-off leaves out are the question). */
  target: { goos?: string; goarch?: string; tags: string[]; minor?: number; cgo: true };
  /** Key of its result on the package index. */
  resultKey: string;
  why: string;
  fixes: Fix[];
  location: Location;
  /** The findings last made for it and the hits they came from (reused while the hits are the same). */
  last?: { hits: readonly Hit[]; findings: Finding[] };
}

/** Per configuration object, for one machine (the host and Go release come from it). */
const cgoOffBuilds = new WeakMap<BuildConfig, { machine: MachineFacts; build: CgoOffBuild | undefined }>();

function cgoOffBuildOf(ctx: RuleContext, config: BuildConfig): CgoOffBuild | undefined {
  const hit = cgoOffBuilds.get(config);
  if (hit && hit.machine === ctx.machine) return hit.build;
  const build = describeCgoOffBuild(ctx, config);
  cgoOffBuilds.set(config, { machine: ctx.machine, build });
  return build;
}

function describeCgoOffBuild(ctx: RuleContext, config: BuildConfig): CgoOffBuild | undefined {
  if (!builds(config)) return undefined;
  const host = hostOf(ctx, config);
  const target = targetOf(config, host);
  const cgo = cgoStateOf(config, target, host);
  if (cgo.state !== 'off') return undefined;
  const release = releaseOf(ctx, config);
  const tags = (config.tags?.value ?? '').split(/[\s,]+/).filter(Boolean);
  const why = cgo.explicit ? 'CGO_ENABLED=0' : `CGO_ENABLED is not set and this is a cross build (${target.goos}/${target.goarch}), which defaults cgo to off`;
  const fixes: Fix[] = [];
  const set = setForConfig(config, 'CGO_ENABLED', '1');
  const edits: TextEdit[] = [];
  if (set?.replace) edits.push(set.replace);
  if (set?.insertPair && config.insertion) edits.push(envInsertionEdit(config.insertion, [set.insertPair]));
  if (edits.length > 0) fixes.push({ kind: 'edit', title: 'Set CGO_ENABLED=1 for this build (needs a C compiler for the target)', edits });
  fixes.push({ kind: 'text', title: 'Or give the package a pure-Go fallback', text: 'Add a file with `//go:build !cgo` that implements the same API without cgo.' });
  const anchor = cgo.explicit ? cgo.setting : (target.goosSetting ?? target.goarchSetting);
  return {
    config,
    target: { ...(target.goos ? { goos: target.goos } : {}), ...(target.goarch ? { goarch: target.goarch } : {}), tags, ...(release?.minor !== undefined ? { minor: release.minor } : {}), cgo: true },
    resultKey: `excludedCgo\u0000${target.goos}|${target.goarch}|${[...new Set(tags)].sort().join(',')}|${release?.minor}\u0000${config.dir}\u0000${config.packages.join('\u0000')}`,
    why,
    fixes,
    location: anchor ? { file: anchor.file, range: anchor.range } : { file: config.file, range: config.range },
  };
}

function findingsFor(build: CgoOffBuild, hits: readonly Hit[]): Finding[] {
  const last = build.last;
  if (last && last.hits.length === hits.length && last.hits.every((h, i) => h === hits[i])) return last.findings;
  const findings = hits.length === 0 ? [] : [findingOf(build, hits)];
  build.last = { hits, findings };
  return findings;
}

function findingOf(build: CgoOffBuild, hit: readonly Hit[]): Finding {
  const { config } = build;
  const severity: Severity = hit.some((h) => h.all && h.required) ? 'error' : 'warning';
  const show = hit.slice(0, 3).map((h) => `${h.dir || '.'} (${h.files.map((f) => f.name).slice(0, 3).join(', ')}${h.files.length > 3 ? ', …' : ''})`).join('; ');
  const failing = hit.find((h) => h.all && h.required);
  const skipped = hit.find((h) => h.all && !h.required);
  const consequence = failing
    ? `package ${failing.dir || '.'} has no other files, so the build fails with \`build constraints exclude all Go files in …/${failing.dir}\``
    : skipped
      ? `package ${skipped.dir || '.'} has no other files, so the \`...\` pattern silently skips it: it is not built at all`
      : 'the packages build without that code (or fail on the symbols it defines)';
  const evidenceFiles: GoFileFacts[] = [];
  for (const h of hit) {
    evidenceFiles.push(...h.files.slice(0, 2));
    if (evidenceFiles.length >= 6) break;
  }
  return {
    rule: 'cgo/disabled-with-c-imports',
    severity,
    message: `${capitalize(config.label)} builds with cgo off (${build.why}), which leaves out the files with import "C" in ${hit.length} package${hit.length > 1 ? 's' : ''} it builds: ${show}${hit.length > 3 ? ', …' : ''}. ${consequence.charAt(0).toUpperCase()}${consequence.slice(1)}.`,
    evidence: [configEvidence(config), ...evidenceFiles.slice(0, 6).map((f) => ({ kind: 'file' as const, file: f.file, excerpt: 'import "C"', line: f.importC!.start.line }))],
    location: build.location,
    fixes: build.fixes,
  };
}

interface Hit {
  dir: string;
  files: GoFileFacts[];
  /** Every file the package would build is a cgo file. */
  all: boolean;
  /** Named explicitly or imported: a package with nothing left fails the build. */
  required: boolean;
}

/**
 * Directories whose non-test files import "C" and carry no `!cgo` fallback, memoised on the
 * directory's file array (the package index hands out the same array while its files are the
 * same objects), so a one-file change looks at one directory again.
 */
const cgoOnlyPackage = new WeakMap<readonly GoFileFacts[], boolean>();

function isCgoPackageWithoutFallback(files: readonly GoFileFacts[]): boolean {
  let v = cgoOnlyPackage.get(files);
  if (v === undefined) {
    const nonTest = files.filter((f) => !f.isTest);
    v =
      nonTest.some((f) => f.importC) &&
      !nonTest.some((f) => (f.goBuild?.expr && mentionsNegated(f.goBuild.expr, 'cgo')) || f.plusBuild.some((p) => p.expr && mentionsNegated(p.expr, 'cgo')));
    cgoOnlyPackage.set(files, v);
  }
  return v;
}

/** The packages `go build <patterns>` (run in `baseDir`) builds whose cgo files cgo-off leaves out. */
function excludedCgo(view: TargetPackages, baseDir: string, patterns: readonly string[]): Hit[] {
  const index = view.index;
  const roots = resolvePatterns(index, baseDir, patterns);
  if (roots.size === 0) return [];
  const dirs = view.closure(roots);
  // A package only matched by a `...` wildcard is skipped silently when nothing is left to
  // build; one named explicitly or imported by another makes the build fail. (Checked with
  // go1.21.13 and go1.27.3: a cgo-only root package, CGO_ENABLED=0 — `go build ./...` exits 0,
  // `go build .` fails with "build constraints exclude all Go files".) With only wildcards,
  // nothing is named: resolvePatterns would read no patterns as `.`.
  const named = patterns.filter((p) => !p.endsWith('...'));
  const explicit = named.length > 0 ? resolvePatterns(index, baseDir, named) : new Set<string>();
  const imported = new Set<string>();
  for (const d of dirs) for (const t of view.view(d).importedDirs) imported.add(t);
  const hit: Hit[] = [];
  for (const dir of dirs) {
    const files = index.dirs.get(dir);
    if (!files || !isCgoPackageWithoutFallback(files)) continue;
    const h = packageHit(dir, view.view(dir), (patterns.length === 0 && dir === baseDir) || explicit.has(dir) || imported.has(dir));
    if (h) hit.push(h);
  }
  return hit.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/**
 * One package's hit, memoised on the array of files the target builds there (the package views
 * hand out the same array while the package's files are unchanged), so unchanged packages give
 * the very same Hit objects and a configuration's finding can be reused.
 */
const packageHits = new WeakMap<readonly GoFileFacts[], { optional?: Hit | null; required?: Hit | null }>();

function packageHit(dir: string, v: PackageView, required: boolean): Hit | undefined {
  let slot = packageHits.get(v.built);
  if (!slot) {
    slot = {};
    packageHits.set(v.built, slot);
  }
  const which = required ? 'required' : 'optional';
  let h = slot[which];
  if (h === undefined) {
    const cgoFiles = v.built.filter((f) => f.importC);
    h = cgoFiles.length === 0 ? null : { dir, files: cgoFiles, all: cgoFiles.length === v.built.length && v.maybeBuilt.length === v.built.length, required };
    slot[which] = h;
  }
  return h ?? undefined;
}
