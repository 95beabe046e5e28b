import { commandEvidence, goEnvEvidence } from '../../facts/index.js';
import type { Evidence } from '../../finding.js';
import type { Rule } from '../../rule.js';

export const goRosetta: Rule = {
  id: 'go/rosetta',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'An Intel (amd64) Go runs under Rosetta on this Apple Silicon Mac and builds Intel binaries by default.',
  docs: `**What:** \`sysctl -n hw.optional.arm64\` is \`1\` (Apple Silicon hardware, true even from a translated
shell) while the go command itself is a darwin/amd64 build: \`go version\` ends in \`darwin/amd64\` and
\`go env GOHOSTARCH\` is \`amd64\` (GOHOSTARCH is the go binary's own runtime.GOARCH).

**Why it matters:** the go command runs under Rosetta translation, and with GOARCH unset it builds
darwin/amd64 programs; cgo then compiles for x86_64. Usually the cause is an Intel Homebrew under
\`/usr/local\` or an amd64 \`.pkg\`.

**Fix:** install the arm64 Go — the darwin-arm64 \`.pkg\` from https://go.dev/dl/ or Homebrew under
\`/opt/homebrew\` — and put it first on PATH; remove the Intel one.

**Facts:** Apple: [About the Rosetta translation environment](https://developer.apple.com/documentation/apple-silicon/about-the-rosetta-translation-environment)
(\`sysctl.proc_translated\`); \`GOHOSTARCH\` is the go binary's runtime.GOARCH
([src/cmd/go/internal/envcmd/env.go](https://github.com/golang/go/blob/go1.24.4/src/cmd/go/internal/envcmd/env.go)); Homebrew's prefixes:
[docs.brew.sh/Installation](https://docs.brew.sh/Installation). Summary in [knowledge/macos.md](knowledge/macos.md#rosetta).`,
  check({ snapshot, machine }) {
    const mac = machine.mac;
    if (machine.platform !== 'darwin' || mac?.appleSilicon !== true || machine.go.hostArch !== 'amd64') return [];
    const evidence: Evidence[] = [commandEvidence(snapshot, 'go.version')];
    if (machine.go.env) evidence.push(goEnvEvidence(snapshot, machine, ['GOHOSTARCH', 'GOARCH', 'GOROOT']));
    evidence.push(snapshot.commands['sysctl.arm64'] ? commandEvidence(snapshot, 'sysctl.arm64') : { kind: 'note', text: `the doctor runs as ${snapshot.host.arch}` });
    if (mac.translated) evidence.push(commandEvidence(snapshot, 'sysctl.translated'));
    const goroot = machine.go.env?.GOROOT ?? machine.go.binaryRoot ?? '';
    const intelBrew = goroot.startsWith('/usr/local/Cellar/');
    return [
      {
        message: `The go command${machine.go.binary ? ` (${machine.go.binary})` : ''} is an Intel darwin/amd64 build running under Rosetta on this Apple Silicon Mac: it builds darwin/amd64 programs unless GOARCH is set, and cgo code compiles for x86_64.${intelBrew ? ' It comes from an Intel Homebrew under /usr/local.' : ''}`,
        evidence,
        fixes: [
          {
            kind: 'text',
            title: 'Install the arm64 Go',
            text: 'Install the darwin-arm64 Go: the Apple Silicon .pkg from https://go.dev/dl/ (installs to /usr/local/go) or Homebrew under /opt/homebrew (/opt/homebrew/bin/brew install go). Make sure its bin directory comes first on PATH, then remove the Intel Go.',
          },
        ],
      },
    ];
  },
};
