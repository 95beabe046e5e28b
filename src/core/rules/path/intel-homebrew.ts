import { commandEvidence, pathEvidence } from '../../facts/index.js';
import type { Evidence } from '../../finding.js';
import type { Rule } from '../../rule.js';

const INTEL_PREFIX_BIN = '/usr/local/bin';
const ARM_PREFIX_BIN = '/opt/homebrew/bin';

export const pathIntelHomebrew: Rule = {
  id: 'path/intel-homebrew',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'An Intel Homebrew (/usr/local) comes before /opt/homebrew on PATH on an Apple Silicon Mac.',
  docs: `**What:** on Apple Silicon (\`hw.optional.arm64\` = 1), an Intel Homebrew is installed under
\`/usr/local\` — seen as \`/usr/local/bin/brew\`, or Go tools in \`/usr/local/bin\` that resolve into
\`/usr/local/Cellar/\` — and \`/usr/local/bin\` comes before \`/opt/homebrew/bin\` on PATH (or
\`/opt/homebrew/bin\` is absent). \`/usr/local/bin\` alone is not enough: it is in every Mac's default PATH.

**Why it matters:** Homebrew uses \`/opt/homebrew\` on Apple Silicon and \`/usr/local\` on Intel, so the
\`/usr/local\` one is an x86_64 Homebrew: its \`go\`, \`gopls\` and libraries are Intel builds that run
under Rosetta, and cgo code linking its libraries must build for amd64.

**Fix:** install the arm64 Homebrew (in \`/opt/homebrew\`), reinstall your formulae there, put
\`/opt/homebrew/bin\` first (\`eval "$(/opt/homebrew/bin/brew shellenv)"\` in \`~/.zprofile\`), then
uninstall the Intel Homebrew.

**Facts:** Homebrew's prefixes per architecture ([docs.brew.sh/Installation](https://docs.brew.sh/Installation):
"\`/opt/homebrew\` for Apple Silicon, \`/usr/local\` for macOS Intel"); Rosetta detection:
[knowledge/macos.md](knowledge/macos.md#rosetta).`,
  check({ snapshot, machine }) {
    if (machine.platform !== 'darwin' || machine.mac?.appleSilicon !== true) return [];
    const intelIdx = snapshot.path.findIndex((p) => p.raw.replace(/\/+$/, '') === INTEL_PREFIX_BIN);
    if (intelIdx < 0) return [];
    const armIdx = snapshot.path.findIndex((p) => p.raw.replace(/\/+$/, '') === ARM_PREFIX_BIN);
    if (armIdx >= 0 && armIdx < intelIdx) return [];
    const evidence: Evidence[] = [];
    const brewWhich = snapshot.which.brew;
    const brewFile = snapshot.files['/usr/local/bin/brew'];
    if (brewWhich === '/usr/local/bin/brew') evidence.push({ kind: 'note', text: 'PATH lookup: brew → /usr/local/bin/brew' });
    else if (brewFile?.exists) evidence.push({ kind: 'file', file: '/usr/local/bin/brew', excerpt: 'exists' });
    const cellarTools = snapshot.tools.filter((t) => t.dir.replace(/\/+$/, '') === INTEL_PREFIX_BIN && t.realPath.startsWith('/usr/local/Cellar/'));
    for (const t of cellarTools) evidence.push({ kind: 'file', file: t.path, excerpt: `→ ${t.realPath}` });
    if (evidence.length === 0) return [];
    if (cellarTools.some((t) => t.name === 'go') && snapshot.commands['go.version']) evidence.push(commandEvidence(snapshot, 'go.version'));
    evidence.push(pathEvidence(snapshot));
    const tools = cellarTools.map((t) => t.name);
    return [
      {
        message: `An Intel Homebrew under /usr/local is ${armIdx < 0 ? 'on PATH (and /opt/homebrew/bin is not)' : 'before /opt/homebrew/bin on PATH'} on this Apple Silicon Mac: what it installed${tools.length ? ` (${tools.join(', ')})` : ''} is x86_64 and runs under Rosetta, and cgo code linking its libraries must build for amd64.`,
        evidence,
        fixes: [
          {
            kind: 'text',
            title: 'Move to the Apple Silicon Homebrew',
            text: 'Install Homebrew for Apple Silicon (it lives in /opt/homebrew), reinstall your formulae with /opt/homebrew/bin/brew, add eval "$(/opt/homebrew/bin/brew shellenv)" to ~/.zprofile so /opt/homebrew/bin comes first, then uninstall the Intel Homebrew in /usr/local.',
          },
        ],
      },
    ];
  },
};
