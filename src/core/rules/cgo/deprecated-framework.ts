import type { Rule, RuleFinding } from '../../rule.js';

export const deprecatedFramework: Rule = {
  id: 'cgo/deprecated-framework',
  reads: 'files',
  defaultSeverity: 'info',
  summary: 'Links the OpenCL or OpenGL framework: deprecated since macOS 10.14 (still present, not removed).',
  docs: `**What:** \`-framework OpenCL\` or \`-framework OpenGL\` in a \`#cgo LDFLAGS\` directive, \`CGO_LDFLAGS\`
or \`-extldflags\`.

**Why it matters:** Apple deprecated OpenCL and OpenGL in macOS 10.14 Mojave ("Apps built using
OpenGL and OpenCL will continue to run in macOS 10.14, but these legacy technologies are
deprecated"). They are **not removed**: current macOS still ships and links them (2024–2025
reports use the system OpenCL 1.2 framework), so this builds and runs today; expect deprecation
warnings and no new features. Claims that OpenCL was removed in Ventura have no source.

**Fix:** nothing is required now; plan a move to Metal where it matters.

**Facts:** Apple deprecated both in macOS 10.14 ([macOS Mojave 10.14 release notes](https://developer.apple.com/documentation/macos-release-notes/macos-mojave-10_14-release-notes));
the retired [OpenCL Programming Guide for Mac](https://developer.apple.com/library/archive/documentation/Performance/Conceptual/OpenCL_MacProgGuide/RevisionHistory.html):
"OpenCL was deprecated in macOS 10.14. To create high-performance code on GPUs, use the Metal framework instead."
No Apple source the project found says either framework was removed.`,
  check({ workspace }) {
    const findings: RuleFinding[] = [];
    for (const ref of workspace.flagRefs ?? []) {
      const m = /(OpenCL|OpenGL)/.exec(ref.text);
      if (!m || !/framework/.test(ref.text)) continue;
      findings.push({
        message: `This links Apple's ${m[1]} framework, deprecated since macOS 10.14 Mojave — deprecated, not removed: it still builds and runs on current macOS, with deprecation warnings and no further development.`,
        evidence: [{ kind: 'file', file: ref.file, excerpt: ref.text, line: ref.range.start.line }],
        location: { file: ref.file, range: ref.range },
        fixes: [],
      });
    }
    return findings;
  },
};
