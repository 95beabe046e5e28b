import type { Fix } from '../../finding.js';
import type { Rule, RuleFinding } from '../../rule.js';
import { KNOWN_ARCH, KNOWN_OS, OS_MISTAKES, SUSPICIOUS_OS_TAGS } from '../../workspace/go-names.js';
import { memoOnIndex, packageIndex } from '../../workspace/go-packages.js';
import type { WorkspaceModel } from '../../workspace/model.js';

/** `_name` suffixes that look like constraints but are not (lower-cased). */
const NOT_A_CONSTRAINT = new Set([...SUSPICIOUS_OS_TAGS, 'unix', 'bsd', 'posix']);

/**
 * Family names that are often meant literally "for every target": helpers shared by a
 * `_windows.go` and a `!windows` file, or used by js/wasm and bare-metal targets. Always built
 * is then right, and `//go:build unix` would break those builds.
 */
const OFTEN_INTENDED = new Set(['unix', 'posix', 'bsd']);

/**
 * Imports that build only on Unix-like systems: a file that is always built and imports one of
 * them breaks the windows (and js/wasm, wasip1, plan9) builds — every file of
 * golang.org/x/sys/unix carries a unix-only name or constraint.
 */
const UNIX_ONLY_IMPORTS = new Set(['golang.org/x/sys/unix']);

interface SuffixVerdict {
  /** The misleading element, as written. */
  element: string;
  /** `foo_visionos_arm64.go`: only `_arm64` counts. */
  archOnly?: string;
}

/** go/build's goodOSArchFile reading of a file name (facts §2.2), for the misleading cases. */
function misleadingSuffix(name: string): SuffixVerdict | undefined {
  let stem = name.slice(0, -3);
  if (stem.endsWith('_test')) stem = stem.slice(0, -5);
  const parts = stem.split('_');
  if (parts.length < 2 || parts[0] === '') return undefined;
  const last = parts[parts.length - 1]!;
  if (NOT_A_CONSTRAINT.has(last.toLowerCase()) && !KNOWN_OS.has(last)) return { element: last };
  if (parts.length >= 3 && KNOWN_ARCH.has(last)) {
    const prev = parts[parts.length - 2]!;
    if (NOT_A_CONSTRAINT.has(prev.toLowerCase()) && !KNOWN_OS.has(prev)) return { element: prev, archOnly: last };
  }
  return undefined;
}

export const ignoredFilenameSuffix: Rule = {
  id: 'build/ignored-filename-suffix',
  reads: 'files',
  defaultSeverity: 'warning',
  summary: 'A file name ends in _visionos/_macos/_unix/… which is no constraint: the file is always built.',
  docs: `**What:** a \`.go\` file with no build constraint whose name ends in an OS-looking element Go does
not treat as a constraint: \`_unix\`, \`_visionos\`, \`_xros\`, \`_macos\`, \`_osx\`, \`_win32\`, \`_bsd\`,
\`_posix\` …

**Why it matters:** only known GOOS/GOARCH names in a file name constrain it (go/build
goodOSArchFile). An unknown suffix is not a constraint, so the file is **always built, on every
target** — the opposite of what the name says. \`unix\` is a build *tag*, not a file-name GOOS:
\`foo_unix.go\` is compiled even for windows and wasip1. \`foo_visionos_arm64.go\` counts as \`_arm64\`
only. (And if Go ever gained a port of that name, every such file would suddenly be excluded
everywhere else — as \`*_wasip1.go\` files were in Go 1.21.)

**Severity:** \`_unix\`, \`_posix\` and \`_bsd\` files are often *meant* for every target (helpers
called from a \`_windows.go\` file and from a \`!windows\` one, or used by js/wasm and bare-metal
targets): then "always built" is right and \`//go:build unix\` would break the builds that use them.
Such a file is **info**, with no preferred fix — unless something shows the author meant a
constraint: it imports \`golang.org/x/sys/unix\`, which builds only on Unix-like systems, so the
always-built file breaks the windows build (**warning**). Misspelt OS names (\`_macos\`,
\`_visionos\`, \`_win32\` …) stay warnings.

**Fix:** for \`_unix\`, add \`//go:build unix\` (the standard library's convention for \`*_unix.go\`),
only when the file is meant for Unix alone; for a misspelt OS, rename the file to the real GOOS
(\`_macos\` → \`_darwin\`). The rename is offered as an edit fix with \`rename\`; for visionOS there is
no equivalent, so nothing is preferred.

**Facts:** [go help buildconstraint](https://pkg.go.dev/cmd/go#hdr-Build_constraints) and go/build's
\`goodOSArchFile\` ([src/go/build/build.go](https://github.com/golang/go/blob/go1.24.4/src/go/build/build.go)); measured per target with \`go list\` in
[knowledge/build-constraints.md](knowledge/build-constraints.md) (\`foo_visionos.go\`, \`foo_unix.go\` built for linux, darwin,
ios, android and wasip1). test/toolchain/workspace/cross-claims.test.ts re-runs \`go list\` with Go 1.21 and 1.27.`,
  check({ workspace }) {
    // Memoised on the package index: unchanged Go files are not looked at again.
    return [...memoOnIndex(packageIndex(workspace), 'ignoredFilenameSuffix', () => check(workspace))];
  },
};

function check(workspace: WorkspaceModel): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const goFiles = workspace.goFiles ?? [];
  const existing = new Set(goFiles.map((f) => f.path));
  for (const file of goFiles) {
    if (file.goBuild || file.plusBuild.length > 0) continue;
    const verdict = misleadingSuffix(file.name);
    if (!verdict) continue;
    const lower = verdict.element.toLowerCase();
    const unixOnly = file.imports.find((i) => UNIX_ONLY_IMPORTS.has(i));
    const intended = OFTEN_INTENDED.has(lower) && !unixOnly;
    const range = file.packageRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const fixes: Fix[] = [];
    if (OFTEN_INTENDED.has(lower)) {
      // Never preferred: the file may be used by targets `unix` leaves out (windows, js/wasm).
      fixes.push({
        kind: 'edit',
        title: 'Add //go:build unix (only if this file is meant for Unix-like systems alone)',
        edits: [{ file: file.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '//go:build unix\n\n' }],
      });
    } else {
      const suggestions = (OS_MISTAKES[lower] ?? []).filter((s) => KNOWN_OS.has(s.value));
      for (const s of suggestions) {
        const newName = file.name.replace(new RegExp(`_${verdict.element}(?=(_[a-z0-9]+)?(_test)?\\.go$)`), `_${s.value}`);
        const newPath = file.dir ? `${file.dir}/${newName}` : newName;
        if (newName === file.name || existing.has(newPath)) continue;
        const to = file.file.slice(0, file.file.length - file.name.length) + newName;
        fixes.push({
          kind: 'edit',
          title: s.equivalent ? `Rename to ${newName} (${s.note})` : `Rename to ${newName} — not equivalent: ${s.note}`,
          edits: [],
          rename: { from: file.file, to },
          ...(s.equivalent && suggestions.length === 1 ? { preferred: true } : {}),
        });
      }
    }
    const unix = lower === 'unix';
    const what = verdict.archOnly
      ? `counts only as \`_${verdict.archOnly}\` (\`_${verdict.element}\` is no GOOS), so it is built for every OS on ${verdict.archOnly}`
      : `is not a build constraint (${unix ? '`unix` is a build tag, not a file-name GOOS' : `\`${verdict.element}\` is no GOOS Go knows`}), so this file is always built, on every target`;
    const tail = unixOnly
      ? ` But it imports ${unixOnly}, which builds only on Unix-like systems, so every windows, js/wasm, wasip1 or plan9 build of this package fails.`
      : intended
        ? ' That is right if its code is meant for every target (helpers shared by the windows and non-windows files, or by js/wasm); add //go:build unix only if it is meant for Unix alone.'
        : '';
    findings.push({
      severity: intended ? 'info' : 'warning',
      message: `The name ${file.name} ${what}${unix ? ' — including windows and wasip1' : ''}, and it has no //go:build line to say otherwise.${tail}`,
      evidence: [{ kind: 'file', file: file.file, excerpt: file.name, line: range.start.line }],
      location: { file: file.file, range },
      fixes,
    });
  }
  return findings;
}
