import type { Finding, Fix, Severity, TextEdit } from '../../finding.js';
import { mentionsNegated } from '../../parse/build-constraint.js';
import type { Rule } from '../../rule.js';
import { envInsertionEdit } from '../../workspace/env-edit.js';
import type { GoFileFacts } from '../../workspace/go-file.js';
import { memoOnIndex, packageIndex, resolvePatterns, targetPackagesFor, type TargetPackages } from '../../workspace/go-packages.js';
import { builds, capitalize, cgoStateOf, configEvidence, dedupeFindings, hostOf, perConfig, releaseOf, setForConfig, targetOf } from '../cross/target.js';

export const disabledWithCImports: Rule = {
  id: 'cgo/disabled-with-c-imports',
  defaultSeverity: 'warning',
  summary: 'A build with cgo off builds packages whose files import "C": those files are left out.',
  docs: `**What:** a build configuration with cgo off — \`CGO_ENABLED=0\`, or unset in a cross build, which
defaults cgo off — whose packages (the patterns it builds, resolved against the workspace, plus the
workspace packages they import) contain files with \`import "C"\` that the target would otherwise
build. Packages that carry their own \`//go:build !cgo\` fallback are left alone.

**Why it matters:** with cgo off, every file with \`import "C"\` is excluded, silently. A package
made only of such files fails: \`package …: build constraints exclude all Go files in …\`; otherwise
it builds without that code, or fails on missing symbols.

**Fix:** set \`CGO_ENABLED=1\` for that build (needs a C compiler for the target), or give the
package a pure-Go \`//go:build !cgo\` implementation. Not marked preferred: a cgo-free build is often
the point of \`CGO_ENABLED=0\`.

**Facts:** go-macos-facts.md §1.4 (cross builds default cgo off) and §2 (constraints);
test/toolchain/workspace/cross-claims.test.ts reproduces "build constraints exclude all Go files".`,
  check(ctx) {
    const findings: Finding[] = [];
    if (ctx.workspace.cgoFiles.length === 0) return findings;
    const index = packageIndex(ctx.workspace);
    // Many configurations share a target (loops, matrices, one Makefile per package): package
    // views and results are memoised on the package index, per (target, directory, patterns).
    for (const config of ctx.workspace.buildConfigs ?? []) {
      findings.push(...perConfig(ctx, 'cgo/disabled-with-c-imports', config, () => {
        const out: Finding[] = [];
        if (!builds(config)) return out;
        const host = hostOf(ctx, config);
        const target = targetOf(config, host);
        const cgo = cgoStateOf(config, target, host);
        if (cgo.state !== 'off') return out;
        const release = releaseOf(ctx, config);
        const tags = (config.tags?.value ?? '').split(/[\s,]+/).filter(Boolean);
        const view = targetPackagesFor(index, { ...(target.goos ? { goos: target.goos } : {}), ...(target.goarch ? { goarch: target.goarch } : {}), tags, ...(release?.minor !== undefined ? { minor: release.minor } : {}), cgo: true });
        const hit = memoOnIndex(index, `excludedCgo\u0000${target.goos}|${target.goarch}|${[...new Set(tags)].sort().join(',')}|${release?.minor}\u0000${config.dir}\u0000${config.packages.join('\u0000')}`, () => excludedCgo(view, config.dir, config.packages));
        if (hit.length === 0) return out;
        const severity: Severity = hit.some((h) => h.all && h.required) ? 'error' : 'warning';
        const why = cgo.explicit ? 'CGO_ENABLED=0' : `CGO_ENABLED is not set and this is a cross build (${target.goos}/${target.goarch}), which defaults cgo to off`;
        const show = hit.slice(0, 3).map((h) => `${h.dir || '.'} (${h.files.map((f) => f.name).slice(0, 3).join(', ')}${h.files.length > 3 ? ', …' : ''})`).join('; ');
        const failing = hit.find((h) => h.all && h.required);
        const skipped = hit.find((h) => h.all && !h.required);
        const consequence = failing
          ? `package ${failing.dir || '.'} has no other files, so the build fails with \`build constraints exclude all Go files in …/${failing.dir}\``
          : skipped
            ? `package ${skipped.dir || '.'} has no other files, so the \`...\` pattern silently skips it: it is not built at all`
            : 'the packages build without that code (or fail on the symbols it defines)';
        const fixes: Fix[] = [];
        const set = setForConfig(config, 'CGO_ENABLED', '1');
        const edits: TextEdit[] = [];
        if (set?.replace) edits.push(set.replace);
        if (set?.insertPair && config.insertion) edits.push(envInsertionEdit(config.insertion, [set.insertPair]));
        if (edits.length > 0) fixes.push({ kind: 'edit', title: 'Set CGO_ENABLED=1 for this build (needs a C compiler for the target)', edits });
        fixes.push({ kind: 'text', title: 'Or give the package a pure-Go fallback', text: 'Add a file with `//go:build !cgo` that implements the same API without cgo.' });
        const anchor = cgo.explicit ? cgo.setting : (target.goosSetting ?? target.goarchSetting);
        out.push({
          rule: 'cgo/disabled-with-c-imports',
          severity,
          message: `${capitalize(config.label)} builds with cgo off (${why}), which leaves out the files with import "C" in ${hit.length} package${hit.length > 1 ? 's' : ''} it builds: ${show}${hit.length > 3 ? ', …' : ''}. ${consequence.charAt(0).toUpperCase()}${consequence.slice(1)}.`,
          evidence: [configEvidence(config), ...hit.flatMap((h) => h.files.slice(0, 2)).slice(0, 6).map((f) => ({ kind: 'file' as const, file: f.file, excerpt: 'import "C"', line: f.importC!.start.line }))],
          location: anchor ? { file: anchor.file, range: anchor.range } : { file: config.file, range: config.range },
          fixes,
        });
        return out;
      }));
    }
    return dedupeFindings(findings);
  },
};

interface Hit {
  dir: string;
  files: GoFileFacts[];
  /** Every file the package would build is a cgo file. */
  all: boolean;
  /** Named explicitly or imported: a package with nothing left fails the build. */
  required: boolean;
}

/** The packages `go build <patterns>` (run in `baseDir`) builds whose cgo files cgo-off leaves out. */
function excludedCgo(view: TargetPackages, baseDir: string, patterns: readonly string[]): Hit[] {
  const index = view.index;
  const roots = resolvePatterns(index, baseDir, patterns);
  if (roots.size === 0) return [];
  const dirs = view.closure(roots);
  // A package only matched by a `...` wildcard is skipped silently when nothing is left to
  // build; one named explicitly or imported by another makes the build fail.
  const explicit = resolvePatterns(index, baseDir, patterns.filter((p) => !p.endsWith('...')));
  const imported = new Set<string>();
  for (const d of dirs) for (const t of view.view(d).importedDirs) imported.add(t);
  const hit: Hit[] = [];
  for (const dir of [...dirs].sort()) {
    const files = (index.dirs.get(dir) ?? []).filter((f) => !f.isTest);
    if (!files.some((f) => f.importC)) continue;
    if (files.some((f) => (f.goBuild?.expr && mentionsNegated(f.goBuild.expr, 'cgo')) || f.plusBuild.some((p) => p.expr && mentionsNegated(p.expr, 'cgo')))) continue;
    const v = view.view(dir);
    const cgoFiles = v.built.filter((f) => f.importC);
    if (cgoFiles.length === 0) continue;
    const all = cgoFiles.length === v.built.length && v.maybeBuilt.length === v.built.length;
    hit.push({ dir, files: cgoFiles, all, required: (patterns.length === 0 && dir === baseDir) || explicit.has(dir) || imported.has(dir) });
  }
  return hit;
}
