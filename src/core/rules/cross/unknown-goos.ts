import type { Rule } from '../../rule.js';
import { checkUnknownName } from './unknown-platform-name.js';

export const unknownGoos: Rule = {
  id: 'cross/unknown-goos',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'error',
  summary: 'A build file sets GOOS to a value that is no port of the Go that builds it (visionos, macos, win32 …).',
  docs: `**What:** every literal \`GOOS=…\` in Makefiles, shell scripts, Dockerfiles, goreleaser configs,
GitHub workflows (including matrix values) and VS Code settings, checked against the ports of the Go
release that runs it: the active go's \`go tool dist list\` (the embedded table when it could not
run), or the release a workflow's \`actions/setup-go\` / a Dockerfile's \`golang:\` image pins.

**Why it matters:** \`go build\` refuses the value: \`go: unsupported GOOS/GOARCH pair visionos/arm64\`
(exit status 2 on Go 1.21–1.27). \`go env\` and \`go list\` accept any GOOS, so nothing warns
earlier. **There is no visionOS port in any Go release** (not in \`go tool dist list\`, not in go/build's
KnownOS, not anywhere in the go1.27.3 source tree); the nearest real targets, GOOS=ios
(iPhone/iPad) and GOOS=darwin (macOS), are offered as alternatives but are not equivalent.
goreleaser stops on an unknown goos with \`invalid goos: …\` (goreleaser internal/builders/golang,
checked at commit cd616d2c).

**Fix:** use the real name (macOS is \`darwin\`, Windows \`windows\`, iPhone \`ios\`). The quick fix
replaces the value in place, and is marked preferred only when the name is an exact equivalent.

**Facts:** measured with \`go tool dist list\`, \`go env\`, \`go list\` and \`go build\`, and a search of the
go1.27.3 source tree: [knowledge/ports.md](knowledge/ports.md#a-pair-that-is-not-a-port-unsupported-goosgoarch-pair);
goreleaser's check is in [internal/builders/golang/targets.go](https://github.com/goreleaser/goreleaser/blob/main/internal/builders/golang/targets.go).
test/toolchain/workspace/cross-claims.test.ts runs \`GOOS=visionos go build\` with Go 1.21, 1.24
and 1.27 and checks the exact message.`,
  check: (ctx) => checkUnknownName(ctx, 'GOOS', unknownGoos),
};
