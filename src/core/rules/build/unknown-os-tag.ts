import { excerptAround } from '../../evidence-excerpt.js';
import type { Fix } from '../../finding.js';
import type { Rule, RuleFinding } from '../../rule.js';
import { KNOWN_OS, OS_MISTAKES, SUSPICIOUS_OS_TAGS } from '../../workspace/go-names.js';
import { memoOnIndex, packageIndex } from '../../workspace/go-packages.js';
import type { WorkspaceModel } from '../../workspace/model.js';

/** Tags some build configuration passes with -tags (those are deliberately true there). */
function tagsPassed(workspace: WorkspaceModel): Set<string> {
  const out = new Set<string>();
  for (const c of workspace.buildConfigs ?? []) for (const t of (c.tags?.value ?? '').split(/[\s,]+/)) if (t) out.add(t);
  for (const f of workspace.vscode?.buildFlags ?? []) {
    const m = /^-?-tags[= ](.*)$/.exec(f.value);
    if (m) for (const t of m[1]!.split(/[\s,]+/)) if (t) out.add(t);
  }
  return out;
}

/** Is the tag at `offsetInLine` negated (`!visionos`)? */
function negated(tagRangeStart: number, lineText: string | undefined): boolean {
  if (!lineText) return false;
  let k = tagRangeStart - 1;
  while (k >= 0 && lineText[k] === ' ') k--;
  return lineText[k] === '!';
}

export const unknownOsTag: Rule = {
  id: 'build/unknown-os-tag',
  reads: 'files',
  defaultSeverity: 'warning',
  summary: 'A build constraint names an OS Go does not know (visionos, xros, macos, osx, win32 …): it is never true.',
  docs: `**What:** a \`//go:build\` (or \`// +build\`) line that uses an operating-system-looking tag Go does not
have: \`visionos\`, \`xros\`, \`macos\`, \`macosx\`, \`osx\`, \`win32\`, \`win64\`, \`iphoneos\`, \`ipados\`,
\`tvos\`, \`watchos\`. A tag passed with \`-tags\` in some build configuration of the workspace is left alone.

**Why it matters:** an unknown tag is simply false, like any unset custom tag: a file with
\`//go:build visionos\` is never built for any target (and \`//go:build !visionos\` is always true).
\`go vet\` reports nothing. No Go release has a visionOS port; macOS is \`darwin\`, Windows \`windows\`.

**Fix:** use the real name (\`darwin\`, \`windows\`, \`ios\`); the quick fix replaces the tag in place
(preferred only when the names are equivalent — \`ios\` is not visionOS).

**Facts:** Go's OS names are \`KnownOS\` in [src/internal/syslist/syslist.go](https://github.com/golang/go/blob/go1.24.4/src/internal/syslist/syslist.go);
that an unknown tag is false and \`go vet\` stays silent is measured in [knowledge/build-constraints.md](knowledge/build-constraints.md)
(\`tag_visionos.go\` ignored on every target); that no Go has a visionOS port, in
[knowledge/ports.md](knowledge/ports.md#a-pair-that-is-not-a-port-unsupported-goosgoarch-pair).`,
  check({ workspace }) {
    const passed = tagsPassed(workspace);
    // Memoised on the package index: unchanged Go files are not looked at again.
    const index = packageIndex(workspace);
    return [...memoOnIndex(index, `unknownOsTag\u0000${[...passed].sort().join(',')}`, () => check(workspace, passed))];
  },
};

function check(workspace: WorkspaceModel, passed: Set<string>): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const file of workspace.goFiles ?? []) {
    for (const t of file.constraintTags) {
      const lower = t.tag.toLowerCase();
      if (!SUSPICIOUS_OS_TAGS.has(lower) || KNOWN_OS.has(t.tag) || passed.has(t.tag)) continue;
      const line = file.goBuild && file.goBuild.range.start.line === t.range.start.line ? file.goBuild.text : file.plusBuild.find((p) => p.range.start.line === t.range.start.line)?.text;
      const lineStart = file.goBuild && file.goBuild.range.start.line === t.range.start.line ? file.goBuild.range.start.character : (file.plusBuild.find((p) => p.range.start.line === t.range.start.line)?.range.start.character ?? 0);
      const isNot = negated(t.range.start.character - lineStart, line);
      const suggestions = OS_MISTAKES[lower] ?? [];
      const visionos = lower === 'visionos' || lower === 'xros';
      const meaning = isNot ? `\`!${t.tag}\` is always true` : `this file is never built for any target (unless -tags ${t.tag} is given)`;
      const named = visionos ? 'no Go release has a visionOS port' : suggestions[0]?.equivalent ? suggestions[0].note : 'Go has no such GOOS';
      const fixes: Fix[] = suggestions.map((s) => ({
        kind: 'edit',
        title: s.equivalent ? `Use ${s.value} (${s.note})` : `Use ${s.value} instead — not equivalent: ${s.note}`,
        edits: [{ file: file.file, range: t.range, newText: s.value }],
        ...(s.equivalent && suggestions.length === 1 ? { preferred: true } : {}),
      }));
      findings.push({
        message: `\`${t.tag}\` in this build constraint is not an OS Go knows (${named}): an unknown tag is false, so ${meaning}. \`go vet\` does not warn about it.`,
        evidence: [{ kind: 'file', file: file.file, excerpt: line === undefined ? t.tag : excerptAround(line, t.range.start.character - lineStart, t.range.end.character - lineStart), line: t.range.start.line }],
        location: { file: file.file, range: t.range },
        fixes,
      });
    }
  }
  return findings;
}
