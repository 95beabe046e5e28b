import { commandEvidence } from '../../facts/index.js';
import type { Fix } from '../../finding.js';
import { supportedMinors } from '../../knowledge/index.js';
import type { Rule } from '../../rule.js';

export const goUnsupportedRelease: Rule = {
  id: 'go/unsupported-release',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'The local Go is older than the two newest Go releases and no longer gets security fixes.',
  docs: `**What:** the \`go\` on PATH (\`go version\`) belongs to a release older than the two newest Go
releases. The newest release is the newer of what the doctor knows (Go 1.27, released 2026-08-19;
Go 1.26 on 2026-02-10) and the local toolchain itself, so a doctor older than your Go never calls
it unsupported. Devel builds are not releases and are skipped.

**Why it matters:** each Go release is supported until two newer major releases exist
(https://go.dev/doc/devel/release#policy); older ones get no security or bug fixes.

**Fix:** install a current release from https://go.dev/dl/ (the macOS \`.pkg\` replaces
\`/usr/local/go\`: its preinstall script removes the old tree), or \`brew upgrade go\` for a Homebrew Go.

**Facts:** the [release policy](https://go.dev/doc/devel/release#policy) and release dates on
[go.dev/doc/devel/release](https://go.dev/doc/devel/release); the installer's behaviour: [go.dev/doc/install](https://go.dev/doc/install).
Checked with real go1.21.13 and go1.24.4 (fires) and go1.27.3 (silent) in test/toolchain.`,
  check({ snapshot, machine }) {
    const v = machine.go.version;
    if (!v || v.devel || v.major !== 1) return [];
    const [newest, older] = supportedMinors(v);
    if (v.minor >= older) return [];
    const shown = v.raw.replace(/^go/, '');
    const fixes: Fix[] = [{ kind: 'text', title: `Install Go 1.${newest}`, text: `Download Go 1.${newest} from https://go.dev/dl/ and install it over this one.` }];
    const goroot = machine.go.env?.GOROOT ?? machine.go.binaryRoot ?? '';
    if (goroot.includes('/Cellar/go/')) fixes.unshift({ kind: 'command', title: 'Upgrade the Homebrew Go', command: 'brew upgrade go', outsideWorkspace: true });
    else if (machine.mac?.goPackage) fixes[0] = { kind: 'text', title: `Install Go 1.${newest}`, text: `Download the Go 1.${newest} .pkg from https://go.dev/dl/; it replaces /usr/local/go (its preinstall script removes the old tree).` };
    return [
      {
        message: `Go ${shown} is older than the two supported releases (Go 1.${newest} and Go 1.${older}), so it no longer receives security or bug fixes.`,
        evidence: [commandEvidence(snapshot, 'go.version')],
        fixes,
      },
    ];
  },
};
