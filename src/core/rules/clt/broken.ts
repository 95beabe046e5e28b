import { commandEvidence, developerDirFiles } from '../../facts/index.js';
import type { Evidence, Fix } from '../../finding.js';
import type { Rule } from '../../rule.js';
import { cgoNeed } from './cgo-need.js';

const CLT_DIR = '/Library/Developer/CommandLineTools';

export const cltBroken: Rule = {
  id: 'clt/broken',
  reads: 'machine+files',
  defaultSeverity: 'error',
  summary: 'The active developer directory is broken ("invalid active developer path"), typically after a macOS upgrade.',
  docs: `**What:** \`xcode-select -p\` names a developer directory that is gone or lacks \`usr/bin/xcrun\` (the
probe checks the files before running any shim), or a developer tool printed
\`xcrun: error: invalid active developer path (…), missing xcrun at: …/usr/bin/xcrun\`. This is the
usual state right after a macOS upgrade.

**Why it matters:** every \`/usr/bin\` developer tool (clang, cc, git, make) fails with that xcrun
error, so cgo builds fail with it under \`# runtime/cgo\` (severity **error** when the workspace has
\`import "C"\` files, **warning** otherwise, since git and cgo dependencies still break).

**Fix:** reinstall the tools with \`xcode-select --install\`; or \`sudo xcode-select --reset\`; or, with
Xcode installed, \`sudo xcode-select --switch /Applications/Xcode.app/Contents/Developer\`.

**Facts:** the xcrun error, the fixes and a go1.21.5 darwin/arm64 cgo build failing this way, quoted from
public transcripts: [knowledge/macos.md](knowledge/macos.md#command-line-tools) and
[knowledge/cgo.md](knowledge/cgo.md#macos-pure-go-needs-no-c-compiler-but-usrbinclang-always-exists); Apple:
[Installing the command-line tools](https://developer.apple.com/documentation/xcode/installing-the-command-line-tools).`,
  check({ snapshot, machine, workspace }) {
    const clt = machine.mac?.clt;
    if (machine.platform !== 'darwin' || clt?.state !== 'broken') return [];
    const dir = clt.developerDir ?? CLT_DIR;
    const xcrun = developerDirFiles(dir).xcrun;
    const shimError = `xcrun: error: invalid active developer path (${dir}), missing xcrun at: ${xcrun}`;
    const need = cgoNeed(
      workspace,
      'error',
      'warning',
      `cgo builds fail under "# runtime/cgo" with that error.`,
      'Pure-Go code still builds, but cgo dependencies, -linkmode=external and git fail the same way.',
    );
    const evidence: Evidence[] = [commandEvidence(snapshot, 'xcodeSelect')];
    const dirFact = snapshot.files[dir];
    const xcrunFact = snapshot.files[xcrun];
    if (dirFact?.exists === false) evidence.push({ kind: 'file', file: dir, excerpt: 'does not exist' });
    else if (xcrunFact?.exists === false) evidence.push({ kind: 'file', file: xcrun, excerpt: 'does not exist' });
    const clangRecord = snapshot.commands['clang.version'];
    if (clangRecord && !clangRecord.skipped && /invalid active developer path/i.test(clangRecord.stderr)) evidence.push(commandEvidence(snapshot, 'clang.version', clt.stateDetail));
    const fixes: Fix[] = [
      { kind: 'command', title: 'Reinstall the Command Line Tools', command: 'xcode-select --install', outsideWorkspace: true },
      { kind: 'command', title: 'Reset the developer directory', command: 'sudo xcode-select --reset', outsideWorkspace: true, needsAdmin: true },
    ];
    if (!clt.isXcode) fixes.push({ kind: 'command', title: 'Use Xcode instead (if installed)', command: 'sudo xcode-select --switch /Applications/Xcode.app/Contents/Developer', outsideWorkspace: true, needsAdmin: true });
    return [
      {
        severity: need.severity,
        message: `The active developer directory ${dir} is broken (${clt.stateDetail ?? 'xcrun is missing'}), as typically happens after a macOS upgrade: clang, cc and git in /usr/bin fail with "${shimError}". ${need.consequence}`,
        evidence,
        ...(need.location ? { location: need.location } : {}),
        fixes,
      },
    ];
  },
};
