import { explainInvisibleGo, SOURCE_BASHRC, tildePath, type InvisibleGo } from '../../facts/go-visibility.js';
import { goIsMissing, pathEvidence } from '../../facts/index.js';
import type { Evidence, Fix } from '../../finding.js';
import type { Rule, RuleFinding } from '../../rule.js';
import { shellQuote } from '../../shell-quote.js';
import type { Snapshot } from '../../snapshot.js';

const SOURCES: Record<string, string> = {
  official: 'the go.dev installer',
  homebrew: 'Homebrew',
  'golang.org/dl': 'golang.org/dl',
  'toolchain-module': 'a toolchain GOTOOLCHAIN downloaded',
  distribution: 'the distribution package',
  snap: 'the snap',
  asdf: 'asdf',
  mise: 'mise',
  goenv: 'goenv',
  gvm: 'gvm',
};

/** What to restart after the fix, for where the doctor runs. */
function restartAdvice(snapshot: Snapshot): string {
  const remote = snapshot.editor?.remoteName;
  if (remote) {
    return `The VS Code server on this host (${remote}) keeps the environment it started with: after the fix, run "Remote-SSH: Kill VS Code Server on Host…" (or the command of your remote) and reconnect.`;
  }
  if (snapshot.editor) {
    return snapshot.host.platform === 'darwin'
      ? 'VS Code reads your login shell environment when it starts: after the fix, quit VS Code and open it again (a window reload is not enough).'
      : 'After the fix, reload the VS Code window (Developer: Reload Window), or restart VS Code if it was started from a desktop launcher.';
  }
  return 'After the fix, open a new terminal (or log in again).';
}

function who(snapshot: Snapshot): string {
  if (snapshot.editor?.remoteName) return 'the VS Code server on this host';
  if (snapshot.editor) return 'VS Code';
  return 'this process';
}

function explanation(x: InvisibleGo, snapshot: Snapshot): { text: string; fixes: Fix[] } {
  const shellName = snapshot.env.SHELL ?? 'your shell';
  const read = x.readFiles.map((f) => f.display);
  const readList = read.length > 0 ? read.join(', ') : 'no startup file that exists';
  const at = (m: InvisibleGo['mentions'][number]) => `${m.file.display} line ${m.line}`;
  const fixes: Fix[] = [];
  const target = x.target;
  const addLine: Fix[] = target
    ? [
        { kind: 'text', title: `Add ${x.binDisplay} to PATH in ${target.display}`, text: `Add this line to ${target.display}: ${x.line}` },
        { kind: 'command', title: `Append the PATH line to ${target.display}`, command: `printf '%s\\n' ${shellQuote(x.line)} >> ${shellQuote(target.path)}`, outsideWorkspace: true },
      ]
    : [];
  if (x.reason === 'read') {
    const m = x.mentions.find((mm) => x.readFiles.some((f) => f.path === mm.file.path))!;
    return {
      text: `${at(m)} puts it on PATH and the login shell VS Code starts (\`${shellName} -i -l\`) reads that file, so ${who(snapshot)} started before that line was added, or without your login environment.`,
      fixes,
    };
  }
  if (x.reason === 'unread') {
    const m = x.mentions[0]!;
    const personal = x.readFiles.find((f) => !f.path.startsWith('/etc/'));
    if (x.shell === 'bash' && m.file.display === '~/.bashrc' && personal) {
      fixes.push(
        { kind: 'text', title: `Source ~/.bashrc from ${personal.display}`, text: `Add this line to ${personal.display}: ${SOURCE_BASHRC}` },
        { kind: 'command', title: `Append "source ~/.bashrc" to ${personal.display}`, command: `printf '%s\\n' ${shellQuote(SOURCE_BASHRC)} >> ${shellQuote(personal.path)}`, outsideWorkspace: true },
      );
      return {
        text: `The PATH line is in ~/.bashrc (line ${m.line}), which a login bash does not read: bash started as \`${shellName} -i -l\` (as VS Code starts it) reads /etc/profile and ${personal.display}, and ${personal.display} does not source ~/.bashrc.`,
        fixes: [...fixes, ...addLine],
      };
    }
    return {
      text: `The PATH line is in ${at(m)}, which the login shell VS Code starts (\`${shellName} -i -l\`) does not read; it reads ${readList}.`,
      fixes: addLine,
    };
  }
  return {
    text: `No startup file of ${shellName} adds ${x.binDisplay} to PATH (the login shell VS Code starts, \`${shellName} -i -l\`, reads ${readList}).`,
    fixes: addLine,
  };
}

export const goInstalledNotOnPath: Rule = {
  id: 'go/installed-not-on-path',
  reads: 'machine',
  defaultSeverity: 'error',
  summary: 'Go is installed but not on PATH: the startup file the editor’s login shell reads does not add it.',
  docs: `**What:** no \`go\` on PATH, while a Go installation exists in one of the places installers and
version managers put it: \`/usr/local/go\` (go.dev installer), Homebrew's \`Cellar/go/<v>/libexec\`,
\`~/sdk/go1.X.Y\` (golang.org/dl), toolchains GOTOOLCHAIN downloaded into the module cache
(\`golang.org/toolchain@v0.0.1-go1.X.Y.OS-ARCH\`), \`/usr/lib/go-1.X\` (Debian/Ubuntu), \`/snap/go\`,
asdf, mise, goenv and gvm. The doctor finds them by reading directories and \`VERSION\` files; it runs
nothing.

**Why it matters:** "Go works in my terminal but not in the editor". VS Code — locally, and the VS
Code server on a Remote-SSH host — takes its environment from your shell started as
\`$SHELL -i -l -c …\` (microsoft/vscode \`src/vs/platform/shell/node/shellEnv.ts\`): an interactive
**login** shell. A login bash reads \`/etc/profile\` and then only the first of \`~/.bash_profile\`,
\`~/.bash_login\`, \`~/.profile\` (bash(1), INVOCATION), so a PATH line in \`~/.bashrc\` is invisible
to it unless that file is sourced. zsh reads \`.zshenv\`, \`.zprofile\`, \`.zshrc\` and \`.zlogin\`;
fish its \`config.fish\` and \`fish_user_paths\`. The VS Code server is long-lived: a PATH line added
after it started is seen only after it restarts.

**Fix:** the finding names the file the login shell reads and the line to add (or, for bash, the
line that makes \`~/.bash_profile\` source \`~/.bashrc\`). Appending it is offered as a command that
runs only when you click it. Then restart: over Remote-SSH, "Remote-SSH: Kill VS Code Server on
Host…"; locally on macOS, quit and reopen VS Code (it resolves the shell environment at launch).

**Sources:** bash(1) INVOCATION; zsh(1) STARTUP/SHUTDOWN FILES; golang/dl
\`internal/version/version.go\`; asdf-golang \`bin/install\`; jdx/mise \`src/plugins/core/go.rs\`; the
toolchain tier runs real bash, zsh and fish as \`-i -l -c\` on constructed homes and checks the
doctor's verdict against the PATH they really produce.`,
  check({ snapshot }) {
    if (!goIsMissing(snapshot)) return [];
    const x = explainInvisibleGo(snapshot);
    if (!x) return [];
    const i = x.installation;
    const more = x.others.length > 0 ? ` (and ${x.others.length} more: ${x.others.slice(0, 3).map((o) => `${o.version ?? 'unknown version'} in ${tildePath(o.goroot, snapshot.env.HOME)}`).join(', ')}${x.others.length > 3 ? ', …' : ''})` : '';
    const { text, fixes } = explanation(x, snapshot);
    const evidence: Evidence[] = [
      { kind: 'file', file: `${i.goroot}/VERSION`, excerpt: i.version ?? '(no VERSION file)' },
      ...x.mentions.slice(0, 5).map((m): Evidence => ({ kind: 'file', file: m.file.path, excerpt: m.text, line: m.line - 1 })),
      { kind: 'note', text: `The editor's login shell (${snapshot.env.SHELL ?? 'unknown'} -i -l) reads: ${x.readFiles.map((f) => f.display).join(', ') || 'none of its startup files exist'}.` },
      pathEvidence(snapshot),
    ];
    const finding: RuleFinding = {
      message: `Go is installed — ${i.version ?? 'a Go'} in ${tildePath(i.goroot, snapshot.env.HOME)} (${SOURCES[i.source] ?? i.source})${more} — but ${x.binDisplay} is not on ${who(snapshot) === 'this process' ? 'this process’s' : `${who(snapshot)}’s`} PATH, so go and gopls cannot be found. ${text} ${restartAdvice(snapshot)}`,
      evidence,
      fixes,
    };
    return [finding];
  },
};
