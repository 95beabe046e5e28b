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

**Facts:** the ports per release and Go's architecture names (\`KnownArch\` in
[src/internal/syslist/syslist.go](https://github.com/golang/go/blob/go1.24.4/src/internal/syslist/syslist.go)), and the \`go: unsupported GOOS/GOARCH pair …\`
error: [knowledge/ports.md](knowledge/ports.md#a-pair-that-is-not-a-port-unsupported-goosgoarch-pair), re-checked by
test/toolchain/workspace/cross-claims.test.ts.`,
  check: (ctx) => checkUnknownName(ctx, 'GOARCH', unknownGoarch),
};
