import { commandEvidence, goIsMissing, pathEvidence } from '../../facts/index.js';
import type { Rule, RuleFinding } from '../../rule.js';

export const goNotFound: Rule = {
  id: 'go/not-found',
  reads: 'machine',
  defaultSeverity: 'error',
  summary: 'No go command on PATH: nothing can build, test or analyse Go code from a terminal or task.',
  docs: `**What:** no \`go\` executable was found in any PATH directory (the probe's \`go version\` could not
start: \`ENOENT\`).

**Why it matters:** terminals, tasks and every tool that looks \`go\` up on PATH fail; gopls needs
\`go\` to load packages.

A Go that is installed but not on PATH (\`~/sdk\`, Homebrew, a version manager …) is reported by
[go/installed-not-on-path](#goinstalled-not-on-path) instead.

**Fix:** install Go from https://go.dev/dl/. The macOS \`.pkg\` installs to \`/usr/local/go\` and
adds \`/usr/local/go/bin\` to PATH by writing \`/etc/paths.d/go\`; open a new terminal (and restart
VS Code) afterwards. With Homebrew, \`brew install go\` links \`go\` into \`$(brew --prefix)/bin\`.

**Facts:** [go.dev/doc/install](https://go.dev/doc/install) (the \`.pkg\`: \`/usr/local/go\`, \`/etc/paths.d/go\`);
Homebrew's prefixes ([docs.brew.sh/Installation](https://docs.brew.sh/Installation)) and its Go formula's
\`bin.install_symlink\` ([Formula/g/go.rb](https://github.com/Homebrew/homebrew-core/blob/master/Formula/g/go.rb));
summary in [knowledge/macos.md](knowledge/macos.md#where-go-is-installed-and-path).`,
  check({ snapshot }) {
    // Go installed elsewhere is go/installed-not-on-path: this rule is for a machine without Go.
    if (!goIsMissing(snapshot) || (snapshot.goInstallations?.length ?? 0) > 0) return [];
    const searched = snapshot.path.filter((p) => p.raw !== '').length;
    const finding: RuleFinding = {
      message: `No go command was found in the ${searched} PATH director${searched === 1 ? 'y' : 'ies'}, so Go code cannot be built, tested or analysed from a terminal or task, and tools that look go up on PATH (gopls among them) cannot load packages.`,
      evidence: [commandEvidence(snapshot, 'go.version'), pathEvidence(snapshot)],
      fixes: [
        {
          kind: 'text',
          title: 'Install Go',
          text:
            snapshot.host.platform === 'darwin'
              ? 'Install Go from https://go.dev/dl/ (the .pkg installs to /usr/local/go and adds /usr/local/go/bin to PATH via /etc/paths.d/go), or with Homebrew: brew install go. Then open a new terminal and restart the editor.'
              : 'Install Go from https://go.dev/dl/ (unpack to /usr/local/go and add /usr/local/go/bin to PATH in your shell profile), then open a new terminal and restart the editor.',
        },
      ],
    };
    return [finding];
  },
};
