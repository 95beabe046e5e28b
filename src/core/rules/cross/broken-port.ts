import type { Rule, RuleContext, RuleFinding } from '../../rule.js';
import type { BuildConfig } from '../../workspace/build-config.js';
import { pairVerdictOf, releaseName } from './pair-check.js';
import { configEvidence, dedupeFindings, perConfig } from './target.js';

const HISTORY: Record<string, string> = {
  'windows/arm': 'windows/arm was marked broken in Go 1.24 (go.dev/issue/70705) and removed in Go 1.26 (go.dev/issue/71671).',
  'freebsd/riscv64': 'freebsd/riscv64 is broken since Go 1.26 (go.dev/issue/76475).',
};

export const brokenPort: Rule = {
  id: 'cross/broken-port',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'warning',
  summary: 'The build targets a port that Go marks broken (only `go tool dist list -broken` lists it).',
  docs: `**What:** a build configuration whose GOOS/GOARCH is a *broken* port of the Go release that builds
it: \`go tool dist list\` leaves it out and only \`go tool dist list -broken\` (or \`-json -broken\`,
\`"Broken": true\`) lists it — e.g. linux/sparc64 in every release 1.21–1.27, windows/arm in Go
1.24–1.25, freebsd/riscv64 since Go 1.26.

**Why it matters:** a broken port is not maintained: builds may still work today (windows/arm builds
with Go 1.24) and stop with the next release (Go 1.26 removed windows/arm: \`go: unsupported
GOOS/GOARCH pair windows/arm\`).

**Fix:** move to a maintained port (windows/arm64 instead of windows/arm), or pin the Go release
knowingly.

**Facts:** broken ports per release, measured with \`go tool dist list [-broken]\`:
[knowledge/ports.md](knowledge/ports.md#go-tool-dist-list-per-release); [Go 1.24 release notes, Windows](https://go.dev/doc/go1.24#windows);
[Go 1.26 release notes](https://go.dev/doc/go1.26) (Ports).
test/toolchain/workspace/cross-claims.test.ts builds windows/arm with Go 1.24 (works) and Go 1.27
(unsupported pair).`,
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const config of ctx.workspace.buildConfigs ?? []) findings.push(...perConfig(ctx, brokenPort, config, () => checkConfig(ctx, config)));
    return dedupeFindings(brokenPort, findings);
  },
};

function checkConfig(ctx: RuleContext, config: BuildConfig): RuleFinding[] {
  const v = pairVerdictOf(ctx, config);
  if (!v?.port?.broken || !v.releaseKnown) return [];
  const pair = `${v.target.goos}/${v.target.goarch}`;
  // goreleaser builds product pairs it lists as broken with a warning; it skips the rest silently.
  if (v.config.tool === 'goreleaser' && v.config.goreleaser?.origin === 'product') return [];
  return [{
    message: `${pair} is a broken port of ${releaseName(v)}: \`go tool dist list\` leaves it out (only \`-broken\` lists it), so ${v.config.label} builds an unmaintained target that a later Go may drop. ${HISTORY[pair] ?? ''}`.trim(),
    evidence: [configEvidence(v.config)],
    location: v.anchor ? { file: v.anchor.file, range: v.anchor.range } : { file: v.config.file, range: v.config.range },
    fixes: pair === 'windows/arm' ? [{ kind: 'text', title: 'Build windows/arm64 instead', text: 'Windows on ARM runs arm64 binaries; GOARCH=arm64 is a maintained port.' }] : [],
  }];
}
