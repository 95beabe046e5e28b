import type { Evidence } from '../../finding.js';
import type { Rule, RuleFinding } from '../../rule.js';

export const gorootAndToolchain: Rule = {
  id: 'settings/goroot-and-toolchain',
  reads: 'files',
  defaultSeverity: 'warning',
  summary: 'go.goroot (or go.alternateTools.go) pins a Go installation while a toolchain line / GOTOOLCHAIN selects another.',
  docs: `**What:** \`go.goroot\` or \`go.alternateTools\` → \`"go"\` is set in .vscode/settings.json, and the
workspace also selects its Go version the Go 1.21+ way: a \`toolchain\` line in go.mod/go.work, or
\`GOTOOLCHAIN\` in go.toolsEnvVars.

**Why it matters:** the two mechanisms fight. The go at go.goroot starts, reads the toolchain line
and hands off to that toolchain (downloading it, \`go: downloading go1.25.3 (…)\`) — or, with
\`GOTOOLCHAIN=local\`, refuses (\`go: go.mod requires go >= … (running go …; GOTOOLCHAIN=local)\`).
So the pinned installation is not the Go that runs. The Go extension also refuses to switch
versions while go.goroot is set ("Switching Go version when "go.goroot" is set is unsupported.").
vscode-go's docs: with go1.21+ control the version with GOTOOLCHAIN; go.goroot and
go.alternateTools "are no longer needed and should be deleted".

**Fix:** remove the setting (preferred, per the vscode-go docs) and let the toolchain line decide.

**Facts:** vscode-go's [docs/ui.md](https://github.com/golang/vscode-go/blob/master/docs/ui.md) (go.goroot,
go.alternateTools, GOTOOLCHAIN in go.toolsEnvVars) and [docs/settings.md](https://github.com/golang/vscode-go/blob/master/docs/settings.md);
toolchain switching and its messages: [Go Toolchains](https://go.dev/doc/toolchain) and [knowledge/gotoolchain.md](knowledge/gotoolchain.md).`,
  check({ workspace }) {
    const vs = workspace.vscode;
    if (!vs) return [];
    const toolchainLines = workspace.modules.filter((m) => m.toolchain);
    const gotoolchain = vs.toolsEnvVars.GOTOOLCHAIN;
    const envSelects = typeof gotoolchain?.value === 'string' && gotoolchain.value !== '' && gotoolchain.value !== 'local';
    if (toolchainLines.length === 0 && !envSelects) return [];
    const selector = toolchainLines[0]?.toolchain ? `the \`toolchain ${toolchainLines[0].toolchain.value}\` line of ${toolchainLines[0].kind}` : `GOTOOLCHAIN=${String(gotoolchain?.value)} in go.toolsEnvVars`;
    const findings: RuleFinding[] = [];
    for (const ref of [vs.goroot, vs.alternateGo]) {
      if (!ref || typeof ref.value !== 'string' || ref.value.trim() === '') continue;
      const setting = ref === vs.goroot ? 'go.goroot' : 'go.alternateTools["go"]';
      const evidence: Evidence[] = [{ kind: 'file', file: ref.file, excerpt: `${setting}: ${JSON.stringify(ref.value)}`, line: ref.keyRange.start.line }];
      for (const m of toolchainLines) evidence.push({ kind: 'file', file: m.file, excerpt: `toolchain ${m.toolchain!.value}`, line: m.toolchain!.range.start.line });
      findings.push({
        message: `${setting} pins the Go at ${ref.value}, but ${selector} selects the Go version the Go 1.21+ way: the pinned go hands off to that toolchain (or refuses under GOTOOLCHAIN=local), so the pinned Go is not the one that runs, and the Go extension refuses to switch versions while go.goroot is set. vscode-go's docs say these settings should be deleted with Go 1.21+.`,
        evidence,
        location: { file: ref.file, range: { start: ref.keyRange.start, end: ref.valueRange.end } },
        fixes: ref.removeEdits.length > 0 ? [{ kind: 'edit', title: `Remove ${setting} (let the toolchain line decide)`, edits: ref.removeEdits, preferred: true }] : [],
      });
    }
    return findings;
  },
};
