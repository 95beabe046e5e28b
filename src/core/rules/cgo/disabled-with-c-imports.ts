import type { Fix, Location, Severity, TextEdit } from '../../finding.js';
import type { MachineFacts } from '../../machine.js';
import { mentionsNegated } from '../../parse/build-constraint.js';
import type { Rule, RuleContext, RuleFinding } from '../../rule.js';
import type { BuildConfig } from '../../workspace/build-config.js';
import { envInsertionEdit } from '../../workspace/env-edit.js';
import type { GoFileFacts } from '../../workspace/go-file.js';
import { commandLineFiles, dirOfImport, memoOnIndex, packageIndex, resolvePatterns, targetPackagesFor, type PackageView, type TargetPackages } from '../../workspace/go-packages.js';
import { cgoMeantOn, cgoMeantOnNote, type CgoIntent } from '../cross/cgo-intent.js';
import { builds, capitalize, cgoStateOf, configEvidence, dedupeFindings, hostOf, perConfig, releaseOf, setForConfig, targetOf } from '../cross/target.js';

export const disabledWithCImports: Rule = {
  id: 'cgo/disabled-with-c-imports',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'warning',
  summary: 'A build with cgo off needs a package whose files all import "C": the build fails (leaving out optional cgo files is only noted).',
  docs: `**What:** a build configuration with cgo off — \`CGO_ENABLED=0\`, or unset in a cross build, which
defaults cgo off — whose packages (the patterns it builds, resolved against the workspace, plus the
workspace packages they import) contain files with \`import "C"\` that the target would otherwise
build. With cgo off, every such file is left out, silently.

**Severity follows what Go really does** (checked with go1.21, go1.24 and go1.27):
- **error** — a package the command names, or that a built package imports, is left with no files:
  \`go build ./lib\` fails with \`package …/lib: build constraints exclude all Go files in …/lib\`, an
  importer with \`imports …/lib: build constraints exclude all Go files in …\`. With file arguments
  (\`go build a.go b.go\`) whose files all import "C", Go stops at \`go: no Go source files\`. When
  CGO_ENABLED is not set (a cross build defaulting cgo off) or the command runs only under a condition
  the doctor cannot decide, this is at most a warning that names the condition.
- **info** — leaving the cgo files out is harmless to the build and usually deliberate: a package only
  a \`...\` pattern matches is skipped without a word (\`go build ./...\` exits 0), and a package with
  other files (an untagged or \`//go:build !cgo\` fallback, or cgo files that only add an \`init\`)
  builds without them. It fails only if its other files use what the cgo files define
  (\`undefined: …\`), which the doctor does not read.

**Fix:** set \`CGO_ENABLED=1\` for that build (needs a C compiler for the target), or give the
package a pure-Go \`//go:build !cgo\` implementation. Not marked preferred: a cgo-free build is often
the point of \`CGO_ENABLED=0\`.

**Facts:** a cross build defaults cgo off (\`defaultContext\` in [src/cmd/go/internal/cfg/cfg.go](https://github.com/golang/go/blob/go1.24.4/src/cmd/go/internal/cfg/cfg.go);
measured in [knowledge/cgo.md](knowledge/cgo.md)); cgo files are then excluded like files with an unsatisfied
[build constraint](https://pkg.go.dev/cmd/go#hdr-Build_constraints).
test/toolchain/workspace/cgo-precision.test.ts runs every quoted message and exit status with
go1.21, go1.24 and go1.27.`,
  check(ctx) {
    const findings: RuleFinding[] = [];
    if (ctx.workspace.cgoFiles.length === 0) return findings;
    const index = packageIndex(ctx.workspace);
    // Many configurations share a target (loops, matrices, one Makefile per package): what a
    // configuration is does not change with the Go files (memoised on it), what it builds is
    // memoised on the package index per (target, directory, patterns), and the findings per
    // configuration (perConfig, which also applies the configuration's certainty).
    for (const config of ctx.workspace.buildConfigs ?? []) {
      findings.push(
        ...perConfig(ctx, disabledWithCImports, config, () => {
          const build = cgoOffBuildOf(ctx, config);
          if (!build) return [];
          const hits = memoOnIndex(index, build.resultKey, () => excludedCgo(targetPackagesFor(index, build.target), config.dir, config.packages));
          return findingsFor(build, hits);
        }),
      );
    }
    return dedupeFindings(disabledWithCImports, findings);
  },
};

/**
 * The command names a package (or files) that cgo off leaves with no files. Go stops there —
 * \`build constraints exclude all Go files in …\` / \`go: no Go source files\` — before it judges
 * the link mode (verified with go1.21, go1.24 and go1.27 for GOOS=ios and -buildmode=c-shared), so
 * the rules that quote a link-mode error leave such a build to this rule.
 */
export function namedPackageLeftEmpty(ctx: RuleContext, config: BuildConfig): boolean {
  if (ctx.workspace.cgoFiles.length === 0) return false;
  const build = cgoOffBuildOf(ctx, config);
  if (!build) return false;
  const index = packageIndex(ctx.workspace);
  const hits = memoOnIndex(index, build.resultKey, () => excludedCgo(targetPackagesFor(index, build.target), config.dir, config.packages));
  const failing = hits.filter((h) => h.all && h.required);
  if (failing.length === 0) return false;
  if (failing.some((h) => h.fileArgs)) return true;
  const namedPatterns = config.packages.filter((p) => !p.endsWith('...'));
  const named = config.packages.length === 0 ? new Set([config.dir]) : namedPatterns.length > 0 ? resolvePatterns(index, config.dir, namedPatterns) : new Set<string>();
  return failing.some((h) => named.has(h.dir));
}

/** A configuration that builds with cgo off, and everything its finding says but the packages. */
interface CgoOffBuild {
  config: BuildConfig;
  /** The target whose package views it builds (cgo on: the files cgo-off leaves out are the question). */
  target: { goos?: string; goarch?: string; tags: string[]; minor?: number; cgo: true };
  /** Key of its result on the package index. */
  resultKey: string;
  why: string;
  /** CGO_ENABLED=0 is written (not the cross-build default, which whoever runs it may override). */
  explicit: boolean;
  /** CGO_ENABLED is not set but CC is: cgo is evidently meant to be on (cgo-intent.ts). */
  meantOn?: CgoIntent;
  fixes: Fix[];
  location: Location;
  /** The findings last made for it and the hits they came from (reused while the hits are the same). */
  last?: { hits: readonly Hit[]; findings: RuleFinding[] };
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
    explicit: cgo.explicit,
    ...(!cgo.explicit && cgoMeantOn(config) ? { meantOn: cgoMeantOn(config)! } : {}),
    fixes,
    location: anchor ? { file: anchor.file, range: anchor.range } : { file: config.file, range: config.range },
  };
}

function findingsFor(build: CgoOffBuild, hits: readonly Hit[]): RuleFinding[] {
  const last = build.last;
  if (last && last.hits.length === hits.length && last.hits.every((h, i) => h === hits[i])) return last.findings;
  const findings = hits.length === 0 ? [] : [findingOf(build, hits)];
  build.last = { hits, findings };
  return findings;
}

function findingOf(build: CgoOffBuild, hits: readonly Hit[]): RuleFinding {
  const { config } = build;
  // Only a package the command needs that is left with no files makes Go fail; the rest builds.
  const failing = hits.filter((h) => h.all && h.required);
  const shown = failing.length > 0 ? failing : hits;
  const list = (hs: readonly Hit[]) => hs.slice(0, 3).map((h) => `${h.dir || '.'} (${h.files.map((f) => f.name).slice(0, 3).join(', ')}${h.files.length > 3 ? ', …' : ''})`).join('; ') + (hs.length > 3 ? ', …' : '');
  let severity: Severity;
  let consequence: string;
  if (failing.length > 0) {
    const f = failing[0]!;
    severity = build.explicit ? 'error' : build.meantOn ? 'info' : 'warning';
    const quote = f.fileArgs ? '`go: no Go source files`' : `\`build constraints exclude all Go files in …/${f.dir}\``;
    consequence = `${f.fileArgs ? 'every file named on the command line imports "C"' : `package ${f.dir || '.'} has no other files`}, so the build fails with ${quote}${build.explicit ? '' : build.meantOn ? ` — ${cgoMeantOnNote(build.meantOn).replace(/; if it does not$/, '')}` : ' (unless whoever runs it exports CGO_ENABLED=1)'}`;
    const rest = hits.length - failing.length;
    if (rest > 0) consequence += ` (${rest} more package${rest > 1 ? 's' : ''} only lose${rest > 1 ? '' : 's'} optional cgo files)`;
  } else {
    severity = 'info';
    const skipped = hits.filter((h) => h.all);
    const parts: string[] = [];
    if (skipped.length > 0) parts.push(`\`...\` skips ${skipped.map((h) => h.dir || '.').slice(0, 3).join(', ')}${skipped.length > 3 ? ', …' : ''} without a word (no other files: not built at all)`);
    const partial = hits.length - skipped.length;
    if (partial > 0) {
      const who = skipped.length > 0 ? `the other${partial > 1 ? 's' : ''}` : partial > 1 ? 'those packages' : 'the package';
      parts.push(`${who} build${partial > 1 ? '' : 's'} from ${partial > 1 ? 'their' : 'its'} other files, and fail${partial > 1 ? '' : 's'} only if those use what the cgo files define (\`undefined: …\`)`);
    }
    consequence = `this is harmless to the build and often deliberate: ${parts.join('; ')}`;
  }
  const evidenceFiles: GoFileFacts[] = [];
  for (const h of shown) {
    evidenceFiles.push(...h.files.slice(0, 2));
    if (evidenceFiles.length >= 6) break;
  }
  return {
    severity,
    message: `${capitalize(config.label)} builds with cgo off (${build.why}), which leaves out the files with import "C" in ${shown.length} package${shown.length > 1 ? 's' : ''} it ${failing.length > 0 ? 'needs' : 'builds'}: ${list(shown)}. ${consequence.charAt(0).toUpperCase()}${consequence.slice(1)}.`,
    evidence: [configEvidence(config), ...evidenceFiles.slice(0, 6).map((f) => ({ kind: 'file' as const, file: f.file, excerpt: 'import "C"', line: f.importC!.start.line }))],
    location: build.location,
    fixes: severity === 'info' ? [] : build.fixes,
  };
}

interface Hit {
  dir: string;
  files: GoFileFacts[];
  /** Every file the package would build is a cgo file. */
  all: boolean;
  /** Named explicitly or imported: a package with nothing left fails the build. */
  required: boolean;
  /** The files named on the command line (`go build a.go b.go`), not a directory's package. */
  fileArgs?: boolean;
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
  const fileArgs = patterns.filter((p) => p.endsWith('.go'));
  if (fileArgs.length > 0) return excludedCgoOfFiles(view, baseDir, fileArgs);
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
 * `go build a.go b.go`: the package is exactly the named files, whatever their build constraints
 * (verified: a `//go:build ignore` file named on the command line is built), except that cgo off
 * drops the ones with import "C" — and when that drops them all Go stops with
 * `go: no Go source files` (go1.21, go1.24, go1.27). The packages they import are needed.
 */
function excludedCgoOfFiles(view: TargetPackages, baseDir: string, fileArgs: readonly string[]): Hit[] {
  const index = view.index;
  const named = commandLineFiles(index, baseDir, fileArgs);
  if (!named) return [];
  const { dir, files } = named;
  const hit: Hit[] = [];
  const cgoFiles = files.filter((f) => f.importC);
  if (cgoFiles.length > 0) hit.push({ dir, files: cgoFiles, all: cgoFiles.length === files.length, required: true, fileArgs: true });
  const imported = new Set<string>();
  for (const f of files) {
    if (f.importC) continue;
    for (const imp of f.imports) {
      const d = imp === 'C' ? undefined : dirOfImport(index, imp);
      if (d !== undefined && d !== dir && index.dirs.has(d)) imported.add(d);
    }
  }
  for (const d of view.closure(imported)) {
    const dirFiles = index.dirs.get(d);
    if (!dirFiles || !isCgoPackageWithoutFallback(dirFiles)) continue;
    const h = packageHit(d, view.view(d), true);
    if (h) hit.push(h);
  }
  return hit;
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
