import type { RuleContext, RuleFinding } from '../../rule.js';
import type { Rule } from '../../rule.js';
import type { GorootPathRef } from '../../workspace/model.js';
import type { BuildConfig } from '../../workspace/build-config.js';
import { dedupeFindings, releaseOf, type GoRelease } from './target.js';

/** A stand-in configuration that only carries a pinned Go version (for releaseOf). */
const PINNED: BuildConfig = { tool: 'github-workflow', file: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, label: '', action: 'other', env: {}, linkerFlags: [], packages: [], dir: '' };

/** The Go release a file's GOROOT paths refer to: one pinned by every config of that file, else the active go. */
function releaseForFile(ctx: RuleContext, file: string): GoRelease | undefined {
  const pinned = (ctx.workspace.buildConfigs ?? []).filter((c) => c.file === file && c.goVersion);
  const releases = pinned.map((c) => releaseOf(ctx, c)).filter((r): r is GoRelease => r?.minor !== undefined);
  const minors = new Set(releases.map((r) => r.minor));
  if (releases.length > 0 && minors.size === 1 && releases.length === pinned.length) return releases[0];
  if (pinned.length > 0) return undefined; // several Go versions in one file: cannot tell which
  return releaseOf(ctx, undefined);
}

export const wasmExecPath: Rule = {
  id: 'cross/wasm-exec-path',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'error',
  summary: 'wasm_exec.js is read from misc/wasm on Go ≥ 1.24 (moved to lib/wasm), or from lib/wasm on Go ≤ 1.23.',
  docs: `**What:** a build file that copies or runs a WebAssembly support file from GOROOT —
\`wasm_exec.js\`, \`wasm_exec_node.js\`, \`go_js_wasm_exec\`, \`go_wasip1_wasm_exec\` — at the path the
Go release that runs it does not have. The release is the active go, or the one a workflow's
actions/setup-go (or a Dockerfile's golang image) pins for every build in that file.

**Why it matters:** Go 1.24 moved these files from \`$GOROOT/misc/wasm/\` to \`$GOROOT/lib/wasm/\`
(go1.24 notes, go.dev/issue/68024); \`misc/wasm/\` keeps only \`wasm_exec.html\`. A \`cp
"$(go env GOROOT)/misc/wasm/wasm_exec.js" .\` fails with "No such file or directory" on Go 1.24 and
later, and the reverse on Go 1.21–1.23. A file that names both locations (a fallback) is left alone.

**Fix:** the quick fix replaces the directory part (\`misc/wasm\` ↔ \`lib/wasm\`).

**Facts:** the [Go 1.24 release notes, WebAssembly](https://go.dev/doc/go1.24#wasm) and the listing of both
directories per release in [knowledge/ports.md](knowledge/ports.md#webassembly-support-files).
test/toolchain/workspace/cross-claims.test.ts lists both directories of Go 1.21, 1.24 and 1.27.`,
  check(ctx) {
    const findings: RuleFinding[] = [];
    const byFile = new Map<string, GorootPathRef[]>();
    for (const ref of ctx.workspace.gorootRefs ?? []) byFile.set(ref.file, [...(byFile.get(ref.file) ?? []), ref]);
    for (const [file, refs] of byFile) {
      const fileRelease = releaseForFile(ctx, file);
      for (const ref of refs) {
        // A ref the parser tied to a pinned Go (or to an unknown CI Go: null) uses that.
        const release = ref.goVersion === null ? undefined : ref.goVersion ? releaseOf(ctx, { ...PINNED, tool: /(Docker|Container)file/i.test(file) ? 'dockerfile' : 'github-workflow', file, goVersion: ref.goVersion }) : fileRelease;
        if (release?.minor === undefined) continue;
        const moved = release.minor >= 24;
        const [dir, name] = [ref.path.slice(0, ref.path.lastIndexOf('/')), ref.path.slice(ref.path.lastIndexOf('/') + 1)];
        const other = dir === 'misc/wasm' ? 'lib/wasm' : 'misc/wasm';
        if (refs.some((r) => r.path === `${other}/${name}`)) continue; // a fallback between both locations
        const wrong = moved ? dir === 'misc/wasm' : dir === 'lib/wasm';
        if (!wrong) continue;
        findings.push({
          message: moved
            ? `${release.label} has no ${ref.path}: Go 1.24 moved the WebAssembly support files to $GOROOT/lib/wasm (go.dev/issue/68024); misc/wasm keeps only wasm_exec.html. Use lib/wasm/${name}.`
            : `${release.label} has no ${ref.path}: lib/wasm exists only since Go 1.24; Go 1.21–1.23 keep ${name} in $GOROOT/misc/wasm.`,
          evidence: [{ kind: 'file', file: ref.file, excerpt: ref.path, line: ref.range.start.line }],
          location: { file: ref.file, range: ref.range },
          fixes: [{ kind: 'edit', title: `Use ${other}/${name}`, edits: [{ file: ref.file, range: ref.dirRange, newText: other }], preferred: true }],
        });
      }
    }
    return dedupeFindings(wasmExecPath, findings);
  },
};
