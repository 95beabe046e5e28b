import type { Rule } from '../../rule.js';
import { checkUnknownName } from './unknown-platform-name.js';

export const unknownGoarch: Rule = {
  id: 'cross/unknown-goarch',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'error',
  summary: 'A build file sets GOARCH to a value that is no port of the Go that builds it (x86_64, aarch64 …).',
  docs: `**What:** every literal \`GOARCH=…\` in the workspace's build files (as for cross/unknown-goos),
checked against the ports of the Go release that runs it (\`go tool dist list\`), not against
\`go env\`, which accepts anything.

**Why it matters:** \`go build\` fails with \`go: unsupported GOOS/GOARCH pair linux/x86_64\`. Names
other tools use (x86_64, aarch64, armv7, i386) are not Go's: Go says amd64, arm64, arm (with
GOARM=7) and 386.

**Fix:** the quick fix replaces the value with Go's name for the same architecture (preferred when
the names are equivalent).

**Facts:** go-macos-facts.md §1.1 (dist lists) and §2.1 (KnownArch); the error format is the one
§1.2 quotes (\`go: unsupported GOOS/GOARCH pair …\`), re-checked by
test/toolchain/workspace/cross-claims.test.ts.`,
  check: (ctx) => checkUnknownName(ctx, 'GOARCH', unknownGoarch),
};
