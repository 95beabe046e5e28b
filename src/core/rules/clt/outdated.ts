import { commandEvidence } from '../../facts/index.js';
import type { Evidence } from '../../finding.js';
import { cltMajorAtMacOSRelease, macOSLabel, oldestAcceptedCltMajor } from '../../knowledge/index.js';
import type { Rule } from '../../rule.js';
import { cgoNeed } from './cgo-need.js';

export const cltOutdated: Rule = {
  id: 'clt/outdated',
  reads: 'machine+files',
  defaultSeverity: 'warning',
  summary: 'The Command Line Tools are at least two macOS generations older than this macOS (conservative).',
  docs: `**What:** the CLT receipt (\`pkgutil --pkg-info=com.apple.pkg.CLTools_Executables\`, major = first field
of \`version:\`) is older than the Command Line Tools that came with the *previous* macOS major: e.g.
CLT 15.x on macOS 26 (the CLT that came with macOS 15 is 16.x). Only a working CLT install is
checked (clt/missing and clt/broken cover the rest), and not Xcode.app.

**Conservative on purpose:** the project has no verified record of which CLT release belongs to
which macOS. The table used here (CLT/Xcode 14 ↔ macOS 13, 15 ↔ 14, 16 ↔ 15, 26 ↔ 26) is Apple's public
release pattern, unverified by this project, so the rule waits for a two-generation gap and does not
claim any specific breakage — only that cgo builds use an old clang and macOS SDK.

**Why it matters:** cgo code compiles and links with that clang and SDK; Software Update offers
the current tools. Severity **warning** when the workspace has cgo code, **info** otherwise.

**Fix:** install the update from System Settings → Software Update. (\`xcode-select --install\`
refuses when tools are installed: "command line tools are already installed, use "Software Update"
in System Settings to install updates".)

**Facts:** the pkgutil receipt format and the \`xcode-select --install\` refusal text, quoted from public
transcripts: [knowledge/macos.md](knowledge/macos.md#command-line-tools).`,
  check({ snapshot, machine, workspace }) {
    const mac = machine.mac;
    const clt = mac?.clt;
    if (machine.platform !== 'darwin' || !mac || !clt || clt.state !== 'ok' || clt.isXcode || clt.major === undefined || mac.major === undefined) return [];
    const oldest = oldestAcceptedCltMajor(mac.major);
    if (oldest === undefined || clt.major >= oldest.cltMajor) return [];
    const current = cltMajorAtMacOSRelease(mac.major);
    const need = cgoNeed(workspace, 'warning', 'info', 'its C code is compiled and linked with this old clang and macOS SDK.', 'Pure-Go code does not use them; cgo code would be built with this old clang and SDK.');
    const installed = clt.installTime ? `, installed ${clt.installTime.toISOString().slice(0, 10)}` : '';
    const evidence: Evidence[] = [commandEvidence(snapshot, 'pkgutil.clt'), snapshot.commands.sw_vers ? commandEvidence(snapshot, 'sw_vers') : { kind: 'note', text: `macOS ${mac.major}` }];
    return [
      {
        severity: need.severity,
        message: `The Command Line Tools are version ${clt.version ?? clt.major}${installed}, older than the ones that came with macOS ${oldest.previousMacOS} (${oldest.cltMajor}.x), while this Mac runs ${macOSLabel({ major: mac.major, minor: mac.minor ?? 0 })}${current ? ` (which came with ${current}.x)` : ''}. ${need.consequence}`,
        evidence,
        ...(need.location ? { location: need.location } : {}),
        fixes: [{ kind: 'text', title: 'Update the Command Line Tools', text: 'Open System Settings → General → Software Update and install the Command Line Tools update.' }],
      },
    ];
  },
};
