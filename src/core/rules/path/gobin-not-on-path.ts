import { gobinDir, goEnvEvidence, normalizeDir, pathEntryIsAbsolute, pathEvidence } from '../../facts/index.js';
import type { Fix, Severity } from '../../finding.js';
import type { Rule } from '../../rule.js';
import { shellQuote } from '../../shell-quote.js';

/**
 * The fix that appends `export PATH="$PATH":<dir>` to the profile. The directory is one quoted word
 * in the profile line, and that line is one quoted word of the printf command, so neither the
 * command nor the profile runs anything a directory name holds (quotes, `$()`, backticks, newlines).
 * A directory with a `:` cannot be a PATH entry at all: then there is only advice.
 */
export function addToPathFix(dir: string, profile: string): Fix {
  const title = `Add ${dir} to PATH in ${profile}`;
  if (dir.includes(':')) {
    return { kind: 'text', title, text: `${dir} contains a ":", which PATH uses to separate directories, so it cannot be put on PATH. Set GOBIN to a directory without ":" (go env -w GOBIN=…) and add that one to PATH in ${profile}.` };
  }
  // A redacted snapshot writes the home directory as ~: keep it the user's home, not a literal ~.
  const word = dir === '~' ? '"$HOME"' : dir.startsWith('~/') ? `"$HOME"/${shellQuote(dir.slice(2))}` : shellQuote(dir);
  const line = `export PATH="$PATH":${word}`;
  return { kind: 'command', title, command: `printf '%s\\n' ${shellQuote(line)} >> ${profile}`, outsideWorkspace: true };
}

export const pathGobinNotOnPath: Rule = {
  id: 'path/gobin-not-on-path',
  reads: 'machine',
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

**Facts:** \`go help install\` and \`go help gopath\` ([cmd/go: install](https://pkg.go.dev/cmd/go#hdr-Compile_and_install_packages_and_dependencies),
[GOPATH](https://pkg.go.dev/cmd/go#hdr-GOPATH_environment_variable)), the same in go1.27.3's \`go help\`.`,
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
        severity,
        message: `${dir} (where go install puts binaries) is not on PATH, so ${consequence}.`,
        evidence: [goEnvEvidence(snapshot, machine, ['GOBIN', 'GOPATH']), pathEvidence(snapshot)],
        fixes: [addToPathFix(dir, profile)],
      },
    ];
  },
};
