import { pathEvidence, pathToolsNamed } from '../../facts/index.js';
import type { Rule, RuleFinding } from '../../rule.js';
import { buildInfoOf, compareBuilds, describeBuild, distinctByRealPath, sameBuild, toolEvidence } from './tool-identity.js';

export const pathShadowedTool: Rule = {
  id: 'path/shadowed-tool',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'The same Go tool is in two PATH directories with different builds; the first one on PATH wins.',
  docs: `**What:** a Go tool (gopls, dlv, staticcheck … — everything the probe inspects except \`go\` and
\`gofmt\`, which path/multiple-go covers) exists in two or more PATH directories as different
builds. Builds are compared with the build info of one \`go version -m\` call over all of them:
main module path and version, the Go version that built it, and the VCS revision; copies of the
same build (or the same file through symlinks) are not reported.

**Why it matters:** a terminal runs the copy in the first PATH directory; another process whose
PATH is ordered differently (a login shell after macOS path_helper, the editor) may run the other.
You may be debugging a different gopls than the one you just installed.

**Fix:** delete the copy you do not want, or reorder PATH so that the directory with the wanted
build comes first.

**Facts:** the \`go version -m\` format ([go help version](https://pkg.go.dev/cmd/go#hdr-Print_Go_version));
path_helper reorders PATH in login shells ([knowledge/macos.md](knowledge/macos.md#where-go-is-installed-and-path)).
Checked in test/toolchain with the real gopls v0.24.0 (go1.27.3) and a go1.21.13-built binary named
gopls on a constructed PATH.`,
  check({ snapshot, machine }) {
    const names = [...new Set(snapshot.tools.filter((t) => t.source.kind === 'path' && t.name !== 'go' && t.name !== 'gofmt').map((t) => t.name))];
    const out: RuleFinding[] = [];
    for (const name of names.sort()) {
      const copies = distinctByRealPath(pathToolsNamed(snapshot, name));
      const winner = copies[0];
      if (!winner || copies.length < 2) continue;
      const wi = buildInfoOf(machine, winner);
      const shadowed = copies.slice(1).filter((t) => !sameBuild(winner, wi, t, buildInfoOf(machine, t)));
      if (shadowed.length === 0) continue;
      const newerShadowed = shadowed.find((t) => compareBuilds(buildInfoOf(machine, t), wi) > 0);
      const others = shadowed.map((t) => `${t.path} (${describeBuild(buildInfoOf(machine, t))})`).join('; ');
      out.push({
        message: `${name} is on PATH ${shadowed.length + 1} times with different builds: ${winner.path} (${describeBuild(wi)}) runs because ${winner.dir} comes first on PATH; shadowed: ${others}.${newerShadowed ? ` The newer build (${newerShadowed.path}) is the one that never runs from a terminal.` : ''}`,
        evidence: [toolEvidence(snapshot, machine, winner), ...shadowed.map((t) => toolEvidence(snapshot, machine, t)), pathEvidence(snapshot)],
        fixes: [
          {
            kind: 'text',
            title: 'Keep one copy',
            text: `Delete the ${name} you do not want (${[winner, ...shadowed].map((t) => t.path).join(' or ')}), or reorder PATH so that the directory with the wanted build comes first.`,
          },
        ],
      });
    }
    return out;
  },
};
