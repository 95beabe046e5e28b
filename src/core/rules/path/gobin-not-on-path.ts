import { gobinDir, goEnvEvidence, normalizeDir, pathEntryIsAbsolute, pathEvidence } from '../../facts/index.js';
import type { Severity } from '../../finding.js';
import type { Rule } from '../../rule.js';

export const pathGobinNotOnPath: Rule = {
  id: 'path/gobin-not-on-path',
  defaultSeverity: 'warning',
  summary: 'The directory go install writes to (GOBIN or GOPATH/bin) is not on PATH.',
  docs: `**What:** \`go install\` puts executables in GOBIN, or \`$GOPATH/bin\` (GOPATH defaults to \`$HOME/go\`;
with a GOPATH list, the first entry), and that directory is not on PATH (compared as written and
after resolving symlinks).

**Why it matters:** tools you install (gopls, dlv, staticcheck) cannot be run by name from a
terminal or a task; other tools on PATH with the same name run instead. Warning when the
directory already holds tools, info when it is still empty.

**Fix:** add the directory to PATH in your shell profile (\`~/.zprofile\` for zsh on macOS, \`~/.profile\`
on Linux), then open a new terminal and restart the editor.

**Facts:** go-macos-facts.md §5.1 (\`go help gopath\`, \`go help install\` quotes, [RUN] go1.27.3).`,
  check({ snapshot, machine }) {
    const dir = gobinDir(machine);
    if (!dir) return [];
    const onPath = snapshot.path.some((p) => p.raw !== '' && pathEntryIsAbsolute(snapshot, p) && (normalizeDir(p.raw) === dir || (p.realPath !== undefined && normalizeDir(p.realPath) === dir)));
    if (onPath) return [];
    const installed = [...new Set(snapshot.tools.filter((t) => t.source.kind === 'gobin' || normalizeDir(t.dir) === dir).map((t) => t.name))].sort();
    const severity: Severity = installed.length ? 'warning' : 'info';
    const profile = snapshot.host.platform === 'darwin' ? '~/.zprofile' : '~/.profile';
    const consequence = installed.length
      ? `the tools installed there (${installed.join(', ')}) cannot be run by name from a terminal or task`
      : 'tools installed with go install will not be found by name from a terminal or task';
    return [
      {
        rule: 'path/gobin-not-on-path',
        severity,
        message: `${dir} (where go install puts binaries) is not on PATH, so ${consequence}.`,
        evidence: [goEnvEvidence(snapshot, machine, ['GOBIN', 'GOPATH']), pathEvidence(snapshot)],
        fixes: [
          { kind: 'command', title: `Add ${dir} to PATH in ${profile}`, command: `echo 'export PATH="$PATH:${dir}"' >> ${profile}`, outsideWorkspace: true },
        ],
      },
    ];
  },
};
