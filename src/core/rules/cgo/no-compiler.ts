import { goEnvEvidence } from '../../facts/index.js';
import type { Evidence, Severity } from '../../finding.js';
import type { Rule } from '../../rule.js';
import { cgoNeed } from '../clt/cgo-need.js';
import { installCompilerFixes } from './compiler-fixes.js';
import { isCrossCompile, isMacShim, lookUpCompiler } from './c-compiler-lookup.js';

export const cgoNoCompiler: Rule = {
  id: 'cgo/no-compiler',
  reads: 'machine+files',
  defaultSeverity: 'error',
  summary: 'cgo is enabled but the C compiler it would run is not on PATH.',
  docs: `**What:** \`go env CGO_ENABLED\` is 1 for a native build, but the compiler cgo runs (\`go env CC\`, first
word) is not on PATH. Go 1.20+ only turns cgo off by itself when CGO_ENABLED *and* CC are unset
(cgo/disabled-silently), so this happens when \`CGO_ENABLED=1\` or \`CC\` is set explicitly, or with
Go before 1.20. A macOS \`/usr/bin\` shim counts as found — the clt/* rules report what is behind it.

**Why it matters:** every build that needs cgo stops with
\`cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH\` under
\`# runtime/cgo\`. That includes the workspace's own \`import "C"\` files (**error**) and, on Linux,
ordinary programs importing \`net\` or \`os/user\` (**warning**; verified with go1.27.3 and a PATH
without the compiler). On macOS pure-Go code does not use cgo since Go 1.20 (**info**).

**Fix:** install the compiler (macOS: \`xcode-select --install\`; Debian/Ubuntu: \`sudo apt-get install
gcc\`), point CC at one that exists, or set \`CGO_ENABLED=0\` when no cgo is needed.

**Facts:** how CGO_ENABLED defaults and which C compiler Go uses by default (\`clangos\` in
[src/cmd/dist/build.go](https://github.com/golang/go/blob/go1.24.4/src/cmd/dist/build.go)): [knowledge/cgo.md](knowledge/cgo.md); the
\`cgo: C compiler … not found\` text: [knowledge/ports.md](knowledge/ports.md#ports-that-must-link-externally-cgo);
re-run for this rule in test/toolchain/env-rules.test.ts.`,
  check({ snapshot, machine, workspace }) {
    const env = machine.go.env;
    if (!env || env.CGO_ENABLED !== '1' || isCrossCompile(machine)) return [];
    const cc = lookUpCompiler(snapshot, machine);
    if (!cc || cc.found !== false) return [];
    if (isMacShim(machine, cc.path)) return [];
    const withoutSeverity: Severity = machine.platform === 'darwin' ? 'info' : 'warning';
    const need = cgoNeed(
      workspace,
      'error',
      withoutSeverity,
      'it cannot be built.',
      machine.platform === 'darwin'
        ? 'Pure-Go code does not need it on macOS; cgo dependencies fail.'
        : 'Programs that import net or os/user (e.g. through net/http) also build their cgo parts and fail.',
    );
    const evidence: Evidence[] = [goEnvEvidence(snapshot, machine, ['CGO_ENABLED', 'CC', 'GOOS', 'GOARCH'])];
    evidence.push({ kind: 'note', text: `PATH lookup: ${cc.lookedUp ?? cc.name} → not found` });
    if (snapshot.env.CGO_ENABLED !== undefined) evidence.push({ kind: 'env', name: 'CGO_ENABLED', value: snapshot.env.CGO_ENABLED });
    if (snapshot.env.CC !== undefined) evidence.push({ kind: 'env', name: 'CC', value: snapshot.env.CC });
    const why = snapshot.env.CGO_ENABLED !== undefined ? 'CGO_ENABLED is set' : snapshot.env.CC !== undefined ? 'CC is set' : 'this Go does not turn cgo off by itself';
    return [
      {
        severity: need.severity,
        message: `cgo is enabled (${why}) but its C compiler "${cc.name}" is not on PATH, so builds that use cgo fail with: cgo: C compiler "${cc.name}" not found. ${need.consequence}`,
        evidence,
        ...(need.location ? { location: need.location } : {}),
        fixes: [
          ...installCompilerFixes(machine.platform, cc.name),
          ...(need.needsCgo ? [] : [{ kind: 'setting' as const, title: 'Turn cgo off for the Go extension\'s tools', section: 'go.toolsEnvVars', key: 'CGO_ENABLED', value: '0', scope: 'workspace' as const }]),
        ],
      },
    ];
  },
};
