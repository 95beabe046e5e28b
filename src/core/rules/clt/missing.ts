import { commandEvidence } from '../../facts/index.js';
import type { Evidence } from '../../finding.js';
import type { Rule } from '../../rule.js';
import { cgoNeed } from './cgo-need.js';

export const cltMissing: Rule = {
  id: 'clt/missing',
  reads: 'machine+files',
  defaultSeverity: 'error',
  summary: 'The Xcode Command Line Tools are not installed (error when the workspace has cgo code).',
  docs: `**What:** \`/usr/bin/xcode-select -p\` reports no active developer directory (exit 2, "unable to get
active developer directory", any of its three wordings): neither the Command Line Tools nor Xcode
is installed.

**Why it matters:** \`/usr/bin/clang\`, \`cc\` and \`git\` are only shims that open Apple's installer
dialog. Because the shims exist, Go's "no C compiler → CGO_ENABLED=0" heuristic does not apply on a
Mac: cgo stays on and a cgo build fails through the shim. Pure-Go code needs no C compiler on
macOS since Go 1.20, so the severity is **error** when the workspace has \`import "C"\` files and
**info** otherwise (cgo dependencies, \`-linkmode=external\` and git over VCS still need the tools).

**Fix:** \`xcode-select --install\` (opens Apple's installer; no sudo needed).

**Facts:** \`xcode-select -p\` outputs and exit status, the safe probe order and the shim dialog:
[knowledge/macos.md](knowledge/macos.md#command-line-tools) (Apple: [Configuring command-line tools settings](https://developer.apple.com/documentation/xcode/configuring-command-line-tools-settings));
the Go 1.20 heuristic, why the macOS shims defeat it, and pure Go needing no C compiler on macOS since
Go 1.20 ([Go 1.20 release notes, Cgo](https://go.dev/doc/go1.20#cgo)): [knowledge/cgo.md](knowledge/cgo.md).`,
  check({ snapshot, machine, workspace }) {
    const clt = machine.mac?.clt;
    if (machine.platform !== 'darwin' || clt?.state !== 'missing') return [];
    const need = cgoNeed(
      workspace,
      'error',
      'info',
      'building it fails, because /usr/bin/clang is only a shim that asks to install the tools, and Go does not turn cgo off while that shim exists.',
      'Pure-Go code builds without them (since Go 1.20), but cgo dependencies, -linkmode=external and git (a /usr/bin shim) need them, and their first use opens Apple\'s installer dialog.',
    );
    const evidence: Evidence[] = [commandEvidence(snapshot, 'xcodeSelect', clt.stateDetail)];
    if (clt.receipt === false) evidence.push(commandEvidence(snapshot, 'pkgutil.clt'));
    return [
      {
        severity: need.severity,
        message: `The Xcode Command Line Tools are not installed (xcode-select: no active developer directory). ${need.consequence}`,
        evidence,
        ...(need.location ? { location: need.location } : {}),
        fixes: [{ kind: 'command', title: 'Install the Command Line Tools', command: 'xcode-select --install', outsideWorkspace: true }],
      },
    ];
  },
};
