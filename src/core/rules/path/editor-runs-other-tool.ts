import { tildePath } from '../../facts/go-visibility.js';
import type { Rule, RuleFinding } from '../../rule.js';
import type { EditorToolCandidate } from '../../snapshot.js';

function describe(c: EditorToolCandidate, home: string | undefined): string {
  const where = c.source === 'PATH' ? 'first on PATH' : `from ${c.source}`;
  return `${tildePath(c.path ?? '?', home)} (${c.version ? `${c.version}, ` : ''}${where})`;
}

export const pathEditorRunsOtherTool: Rule = {
  id: 'path/editor-runs-other-tool',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'The Go extension runs another go or gopls than terminals and tasks do (go.alternateTools, GOBIN, go.goroot, GOPATH/bin).',
  docs: `**What:** the Go extension for VS Code looks for \`go\` in \`go.alternateTools\`, \`$GOBIN\`,
\`go.goroot\` (or \`$GOROOT\`)\`/bin\`, PATH, then \`/usr/local/go/bin\` and \`/usr/local/bin\`; for
\`gopls\` also \`go.toolsGopath/bin\` and each \`GOPATH/bin\` before GOROOT and PATH
(golang/vscode-go \`extension/src/util.ts\` \`getBinPathWithExplanation\`,
\`extension/src/utils/pathUtils.ts\`). Terminals and tasks run the first one on PATH. This finding
says when the two differ, with both paths and, for \`go\`, both versions (from each installation's
\`VERSION\` file; nothing is run).

**Why it matters:** "it builds in the editor and fails in tasks" (or the other way round): gopls
type-checks with one Go release while \`go build\` uses another, so errors, vet results and
available language features differ between them.

**Fix:** point both at the same Go: remove the setting that chooses another binary (often a stale
\`go.goroot\` or \`go.alternateTools\`), or put the wanted Go first on PATH. The Go extension's own
docs recommend \`GOTOOLCHAIN\` (e.g. \`"go.toolsEnvVars": {"GOTOOLCHAIN": "go1.24.4+auto"}\`) over
\`go.goroot\`/\`go.alternateTools\` for choosing a version.`,
  check({ snapshot }) {
    const tools = snapshot.editor?.tools;
    if (!tools) return [];
    const home = snapshot.env.HOME;
    const findings: RuleFinding[] = [];
    for (const name of ['go', 'gopls']) {
      const candidates = tools[name] ?? [];
      const chosen = candidates.find((c) => c.executable && c.path !== undefined);
      const terminal = candidates.find((c) => c.source === 'PATH' && c.executable);
      if (!chosen || !terminal || chosen === terminal) continue;
      if ((chosen.realPath ?? chosen.path) === (terminal.realPath ?? terminal.path)) continue;
      findings.push({
        message: `The Go extension runs ${name} from ${describe(chosen, home)}, while terminals and tasks run ${describe(terminal, home)}: ${name === 'go' ? 'gopls and the editor build with another Go than go build in a terminal' : 'the editor’s language server is another build than the gopls your terminal runs'}.`,
        evidence: candidates.map((c) => ({ kind: 'note' as const, text: `${c.source}: ${c.path ? tildePath(c.path, home) : '(none on PATH)'}${c.executable ? '' : ' — not an executable file'}${c.realPath && c.realPath !== c.path ? ` → ${tildePath(c.realPath, home)}` : ''}${c.version ? ` (${c.version})` : ''}` })),
        fixes: [
          {
            kind: 'text',
            title: `Make the editor and terminals use the same ${name}`,
            text: chosen.source.startsWith('go.')
              ? `Remove or correct the ${chosen.source.replace(/\[.*$/, '')} setting (user or workspace settings), or put ${tildePath(chosen.path ?? '', home)} first on PATH. Then reload the window.`
              : `Remove ${tildePath(chosen.path ?? '', home)} or put its directory first on PATH, so that both run the same ${name}. Then reload the window.`,
          },
        ],
      });
    }
    return findings;
  },
};
