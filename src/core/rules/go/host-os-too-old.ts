import { commandEvidence } from '../../facts/index.js';
import type { Evidence } from '../../finding.js';
import { compareMacOS, macOSLabel, minMacOSFor, newestGoMinorFor } from '../../knowledge/index.js';
import type { Rule } from '../../rule.js';

export const goHostOsTooOld: Rule = {
  id: 'go/host-os-too-old',
  reads: 'machine',
  defaultSeverity: 'error',
  summary: 'The local Go release requires a newer macOS than this Mac runs.',
  docs: `**What:** the macOS version (\`sw_vers\`, or the Darwin kernel version when sw_vers is missing) is
older than the minimum the local Go release supports: Go 1.21–1.22 need macOS 10.15 Catalina,
1.23–1.24 macOS 11 Big Sur, 1.25–1.26 macOS 12 Monterey, 1.27 macOS 13 Ventura.

**Why it matters:** the Go release notes drop the older macOS; the linker also stamps the minimum
macOS into every binary it builds (Go 1.27: \`minos 13.0.0\`), so the go command and the programs
it builds are not meant to run there.

**Fix:** upgrade macOS, or install the newest Go release that still supports this macOS (the
finding names it, e.g. Go 1.26 for macOS 12).

**Facts:** the release notes' Darwin sections and the \`minos\` each release stamps into darwin binaries
(measured with go1.21.13, go1.24.4 and go1.27.3): [knowledge/mach-o.md](knowledge/mach-o.md#minimum-macos-per-go-release);
[Go wiki: MinimumRequirements](https://go.dev/wiki/MinimumRequirements).`,
  check({ snapshot, machine }) {
    const mac = machine.mac;
    const v = machine.go.version;
    if (machine.platform !== 'darwin' || !mac || mac.major === undefined || !v) return [];
    const min = minMacOSFor(v);
    if (!min) return [];
    const host = { major: mac.major, minor: mac.minor ?? 0 };
    if (compareMacOS(host, min) >= 0) return [];
    const fallback = newestGoMinorFor(host);
    const evidence: Evidence[] = [commandEvidence(snapshot, 'go.version')];
    evidence.push(snapshot.commands.sw_vers ? commandEvidence(snapshot, 'sw_vers') : { kind: 'note', text: `Darwin kernel ${snapshot.host.release} (os.release())` });
    return [
      {
        message: `Go ${v.raw.replace(/^go/, '')} requires ${macOSLabel(min)} or later, but this Mac runs ${macOSLabel(host)}: the go command and the programs it builds (marked as needing macOS ${min.major}.${min.minor} or later) are not supported here and may fail to run.`,
        evidence,
        fixes: [
          {
            kind: 'text',
            title: fallback ? `Use Go 1.${fallback}, or upgrade macOS` : 'Upgrade macOS',
            text: fallback
              ? `Go 1.${fallback} is the newest release that supports ${macOSLabel(host)}: install it from https://go.dev/dl/, or upgrade macOS to ${macOSLabel(min)} or later.`
              : `Upgrade macOS to ${macOSLabel(min)} or later.`,
          },
        ],
      },
    ];
  },
};
