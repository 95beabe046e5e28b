import type { Rule, RuleFinding } from '../../rule.js';

export const rpcTrace: Rule = {
  id: 'settings/rpc-trace',
  reads: 'files',
  defaultSeverity: 'warning',
  summary: '-rpc.trace in go.languageServerFlags: gopls logs every LSP message in full.',
  docs: `**What:** \`-rpc.trace\` in \`go.languageServerFlags\`.

**Why it matters:** the flag makes gopls "print the full rpc trace in lsp inspector format": every
request, response and notification, in full, on every keystroke — extra CPU and a log that grows
without end. It is a debugging aid (vscode-go's troubleshooting guide turns it on to capture a
trace), easy to forget once the problem is solved.

**Fix:** drop it (the quick fix removes just that array element; comments and formatting elsewhere
in settings.json stay as they are).

**Facts:** gopls's \`serve\` flags ([gopls/internal/cmd/serve.go](https://github.com/golang/tools/blob/master/gopls/internal/cmd/serve.go);
\`gopls help serve\`), gopls's [troubleshooting guide](https://github.com/golang/tools/blob/master/gopls/doc/troubleshooting.md),
and \`go.languageServerFlags\` in vscode-go's [docs/settings.md](https://github.com/golang/vscode-go/blob/master/docs/settings.md).`,
  check({ workspace }) {
    const findings: RuleFinding[] = [];
    for (const item of workspace.vscode?.languageServerFlags ?? []) {
      if (!/^--?rpc\.trace(=(true|1))?$/.test(item.value.trim())) continue;
      findings.push({
        message: `go.languageServerFlags has ${item.value}: gopls prints the full trace of every LSP message, which costs CPU on every edit and grows its log without end. It is meant for a debugging session.`,
        evidence: [{ kind: 'file', file: item.file, excerpt: JSON.stringify(item.value), line: item.range.start.line }],
        location: { file: item.file, range: item.range },
        fixes: item.removeEdits.length > 0 ? [{ kind: 'edit', title: `Remove ${item.value} from go.languageServerFlags`, edits: item.removeEdits, preferred: true }] : [],
      });
    }
    return findings;
  },
};
