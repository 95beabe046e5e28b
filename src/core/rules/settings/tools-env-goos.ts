import type { Fix } from '../../finding.js';
import type { Rule, RuleFinding } from '../../rule.js';
import { machineHost } from '../cross/target.js';

export const toolsEnvGoos: Rule = {
  id: 'settings/tools-env-goos',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'warning',
  summary: 'go.toolsEnvVars sets GOOS/GOARCH: gopls and the extension\'s go commands work for another platform.',
  docs: `**What:** \`GOOS\` or \`GOARCH\` in \`go.toolsEnvVars\` (.vscode/settings.json) with a value other than this
machine's own.

**Why it matters:** the Go extension passes go.toolsEnvVars to every tool it runs — gopls, and "the
debuggee process launched by Delve" (the setting's own description). gopls then analyses the
workspace as that platform: files for this machine count as excluded by build constraints (no
diagnostics, no navigation in them), and builds, tests and debugging started from VS Code target
the other platform, which cannot run here. (A GOOS no Go has, like visionos, is also reported by
cross/unknown-goos.)

**Fix:** to look at another platform's code in the editor only, move the value to gopls'
\`build.env\` (gopls only); otherwise remove it. Neither is marked preferred: both are deliberate
choices.

**Facts:** the \`go.toolsEnvVars\` description in vscode-go's
[docs/settings.md](https://github.com/golang/vscode-go/blob/master/docs/settings.md) (from its package.json).`,
  check({ workspace, machine }) {
    const vs = workspace.vscode;
    if (!vs) return [];
    const host = machineHost(machine);
    const findings: RuleFinding[] = [];
    for (const name of ['GOOS', 'GOARCH'] as const) {
      const ref = vs.toolsEnvVars[name];
      if (!ref || typeof ref.value !== 'string' || ref.value === '') continue;
      const own = name === 'GOOS' ? host.goos : host.goarch;
      if (own !== undefined && ref.value === own) continue;
      const fixes: Fix[] = [];
      const move = vs.moveToGoplsEdits[name] ?? [];
      if (move.length > 0) fixes.push({ kind: 'edit', title: `Analyse as ${name}=${ref.value} in gopls only (move it to gopls "build.env")`, edits: move });
      if (ref.removeEdits.length > 0) fixes.push({ kind: 'edit', title: `Remove ${name} from go.toolsEnvVars`, edits: ref.removeEdits });
      findings.push({
        message: `go.toolsEnvVars sets ${name}=${ref.value}${own ? ` (this machine is ${own})` : ''}: gopls analyses the workspace as ${ref.value} — files for this machine look excluded by build constraints — and builds, tests and debug sessions started from VS Code target ${ref.value}.`,
        evidence: [{ kind: 'file', file: ref.file, excerpt: `"${name}": ${JSON.stringify(ref.value)}`, line: ref.keyRange.start.line }],
        location: { file: ref.file, range: { start: ref.keyRange.start, end: ref.valueRange.end } },
        fixes,
      });
    }
    return findings;
  },
};
