import { commandEvidence, describeCgoFiles, firstCgoLocation, goEnvEvidence } from '../../facts/index.js';
import type { Evidence } from '../../finding.js';
import { CGO_COMPILER_HEURISTIC_SINCE, goVersionAtLeast } from '../../knowledge/index.js';
import type { Rule } from '../../rule.js';
import { installCompilerFixes } from './compiler-fixes.js';
import { isCrossCompile, lookUpCompiler } from './c-compiler-lookup.js';

export const cgoDisabledSilently: Rule = {
  id: 'cgo/disabled-silently',
  reads: 'machine+files',
  defaultSeverity: 'error',
  summary: 'Go ≥1.20 turned cgo off because no C compiler was found, while the workspace has import "C".',
  docs: `**What:** all of: the workspace has files with \`import "C"\`; Go is 1.20 or newer; \`CGO_ENABLED\` and
\`CC\` are unset; the build is native (GOOS/GOARCH = GOHOSTOS/GOHOSTARCH); the default C compiler
(\`go env CC\`, e.g. gcc, or Debian's x86_64-linux-gnu-gcc) is not on PATH; and \`go env CGO_ENABLED\` is 0.

**Why it matters:** Go 1.20+ then quietly sets CGO_ENABLED=0. Files with \`import "C"\` are left out
of every build: a package made only of them fails with
\`package …: build constraints exclude all Go files in …\`, others fail on missing symbols, and
nothing mentions the compiler. On macOS this does not happen: \`/usr/bin/clang\` is a shim, so Go
finds a "compiler" and keeps cgo on (see clt/missing instead).

**Fix:** install the C compiler (Debian/Ubuntu \`sudo apt-get install gcc\`; macOS
\`xcode-select --install\`), or set CC to an installed one; setting \`CGO_ENABLED=1\` turns the silent
exclusion into a clear "C compiler not found" error.

**Facts:** the [Go 1.20 release notes, Cgo](https://go.dev/doc/go1.20#cgo) (the new default); measured with
go1.21.13, go1.24.4 and go1.27.3 (PATH without gcc → \`go env CGO_ENABLED\` prints 0) in [knowledge/cgo.md](knowledge/cgo.md).
test/toolchain/env-rules.test.ts re-runs it with the real toolchains and checks the
"build constraints exclude all Go files" error.`,
  check({ snapshot, machine, workspace }) {
    const env = machine.go.env;
    const v = machine.go.version;
    if (workspace.cgoFiles.length === 0 || !env || !v || v.devel) return [];
    if (!goVersionAtLeast(v.raw, CGO_COMPILER_HEURISTIC_SINCE)) return [];
    if (snapshot.env.CGO_ENABLED !== undefined || snapshot.env.CC !== undefined) return [];
    if (env.CGO_ENABLED !== '0' || isCrossCompile(machine)) return [];
    const cc = lookUpCompiler(snapshot, machine);
    if (!cc || cc.found !== false) return [];
    const evidence: Evidence[] = [
      goEnvEvidence(snapshot, machine, ['CGO_ENABLED', 'CC', 'GOOS', 'GOARCH', 'GOHOSTOS', 'GOHOSTARCH']),
      commandEvidence(snapshot, 'go.version'),
      { kind: 'note', text: `PATH lookup: ${cc.lookedUp ?? cc.name} → not found; CGO_ENABLED and CC are not set in the environment` },
    ];
    const location = firstCgoLocation(workspace);
    return [
      {
        message: `cgo is off although this workspace has cgo code (import "C" in ${describeCgoFiles(workspace)}): CGO_ENABLED and CC are unset and the default C compiler "${cc.name}" is not on PATH, so Go ${v.raw.replace(/^go/, '')} set CGO_ENABLED=0 by itself. Files with import "C" are left out of every build (a package of only such files fails with "build constraints exclude all Go files").`,
        evidence,
        ...(location ? { location } : {}),
        fixes: installCompilerFixes(machine.platform, cc.name),
      },
    ];
  },
};
