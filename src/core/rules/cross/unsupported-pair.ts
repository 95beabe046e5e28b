import { portsFor } from '../../knowledge/index.js';
import type { Rule, RuleContext, RuleFinding } from '../../rule.js';
import type { BuildConfig, SettingValue } from '../../workspace/build-config.js';
import { GORELEASER_VALID_TARGETS } from '../../workspace/goreleaser-targets.js';
import { pairVerdictOf, releaseName } from './pair-check.js';
import { configEvidence, dedupeFindings, perConfig, quoteList } from './target.js';

/** The Go minors (of the known table) that have goos/goarch as a working port. */
function minorsWithPort(goos: string, goarch: string): number[] {
  const out: number[] = [];
  for (let m = 21; m <= 27; m++) if (portsFor(`1.${m}`)?.some((p) => p.goos === goos && p.goarch === goarch && !p.broken)) out.push(m);
  return out;
}

/** goreleaser goos (or goarch) values of one build for which no target survives its validity filter. */
function goreleaserEmptyValues(configs: BuildConfig[]): { setting: SettingValue; which: 'goos' | 'goarch'; skipped: string[] }[] {
  const out: { setting: SettingValue; which: 'goos' | 'goarch'; skipped: string[] }[] = [];
  const byBuild = new Map<string, BuildConfig[]>();
  for (const c of configs) {
    if (c.tool !== 'goreleaser' || c.goreleaser?.origin !== 'product') continue;
    const k = `${c.file}|${c.range.start.line}:${c.range.start.character}`;
    byBuild.set(k, [...(byBuild.get(k) ?? []), c]);
  }
  for (const build of byBuild.values()) {
    for (const which of ['goos', 'goarch'] as const) {
      const name = which === 'goos' ? 'GOOS' : 'GOARCH';
      const groups = new Map<string, { setting: SettingValue; pairs: string[] }>();
      for (const c of build) {
        const s = c.env[name];
        if (!s || s.value === undefined) continue;
        const pair = `${c.env.GOOS?.value}/${c.env.GOARCH?.value}`;
        const k = `${s.range.start.line}:${s.range.start.character}|${s.value}`;
        const g = groups.get(k) ?? { setting: s, pairs: [] };
        g.pairs.push(pair);
        groups.set(k, g);
      }
      for (const g of groups.values()) {
        // A value goreleaser does not know at all is cross/unknown-goos|goarch (an error).
        const known = [...GORELEASER_VALID_TARGETS].some((t) => t.split('/')[which === 'goos' ? 0 : 1] === g.setting.value);
        if (known && g.pairs.every((p) => !GORELEASER_VALID_TARGETS.has(p))) out.push({ setting: g.setting, which, skipped: g.pairs });
      }
    }
  }
  return out;
}

export const unsupportedPair: Rule = {
  id: 'cross/unsupported-pair',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'error',
  summary: 'GOOS and GOARCH are each real, but the pair is not a port of that Go (darwin/386, windows/arm on Go ≥ 1.26 …).',
  docs: `**What:** the GOOS/GOARCH pair of each build configuration (a command line, a CI matrix
combination, a goreleaser target; an unset GOOS or GOARCH is the machine's own) looked up in the
ports of the Go release that builds it (\`go tool dist list\` of the active go, or the release a
workflow's setup-go or a Dockerfile's golang image pins).

**Why it matters:** \`go build\` fails with \`go: unsupported GOOS/GOARCH pair darwin/386\`. Ports
come and go: windows/arm was marked broken in Go 1.24 and removed in Go 1.26 (go1.26 notes,
go.dev/issue/71671), so \`GOOS=windows GOARCH=arm\` builds with Go 1.24 and fails with Go 1.27.

**goreleaser** builds the product goos × goarch and silently skips pairs that are not valid targets
(its own list; "skipped invalid build" is only a debug log), so a product pair is never an error.
It is reported, as info, only when a goos or goarch you listed yields no target at all ("this target
will not be built"). Explicit \`targets:\` entries are built as given and fail like a command line.

**Fix:** pick a pair from \`go tool dist list\`, or drop the target.

**Facts:** \`go tool dist list\` per release (windows/arm and freebsd/riscv64 history) and the
\`darwin/riscv64\` error: [knowledge/ports.md](knowledge/ports.md#go-tool-dist-list-per-release); goreleaser's target list:
[internal/builders/golang/targets.go](https://github.com/goreleaser/goreleaser/blob/main/internal/builders/golang/targets.go)
(read at commit cd616d2c). test/toolchain/workspace/cross-claims.test.ts checks darwin/386 and windows/arm on 1.24 vs 1.27.`,
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const config of ctx.workspace.buildConfigs ?? []) findings.push(...perConfig(ctx, unsupportedPair, config, () => checkConfig(ctx, config)));
    for (const e of goreleaserEmptyValues(ctx.workspace.buildConfigs ?? [])) {
      findings.push({
        severity: 'info',
        message: `goreleaser will not build anything for ${e.which} ${e.setting.value}: it silently skips ${quoteList(e.skipped)} because ${e.skipped.length === 1 ? 'that is not a target' : 'none of them is a target'} in goreleaser's list of valid Go targets. This target will not be built.`,
        evidence: [{ kind: 'note', text: `goreleaser skips product pairs outside its validTargets list (internal/builders/golang/targets.go) with a debug log only.` }],
        location: { file: e.setting.file, range: e.setting.range },
        fixes: [{ kind: 'text', title: 'List only buildable pairs', text: 'Use `targets:` with explicit goos_goarch entries, or change goos/goarch so that each value has at least one valid pair.' }],
      });
    }
    return dedupeFindings(unsupportedPair, findings);
  },
};

function checkConfig(ctx: RuleContext, config: BuildConfig): RuleFinding[] {
  const v = pairVerdictOf(ctx, config);
  if (!v || v.port) return [];
  const { target } = v;
  if (config.tool === 'goreleaser' && config.goreleaser?.origin === 'product') return [];
  // Without a known release, only pairs that no release has are certain.
  if (!v.releaseKnown && minorsWithPort(target.goos, target.goarch).length > 0) return [];
  const pair = `${target.goos}/${target.goarch}`;
  const had = minorsWithPort(target.goos, target.goarch);
  let history = '';
  if (pair === 'windows/arm') history = ' windows/arm was marked broken in Go 1.24 and removed in Go 1.26 (go.dev/issue/71671).';
  else if (had.length > 0) history = ` It is a port of Go ${had.map((m) => `1.${m}`).join(', ')}.`;
  const implicit = target.goarchImplicit ? ` (GOARCH is not set, so it is ${target.goarch}, the GOARCH of ${config.host?.from ?? 'this machine'})` : target.goosImplicit ? ` (GOOS is not set, so it is ${target.goos})` : '';
  const arches = v.ports.filter((p) => p.goos === target.goos && !p.broken).map((p) => p.goarch);
  return [{
    severity: target.goarchImplicit || target.goosImplicit ? 'warning' : 'error',
    message: `${pair}${implicit} is not a port of ${releaseName(v)}, so ${config.label} fails with \`go: unsupported GOOS/GOARCH pair ${pair}\`.${history} ${target.goos} builds for: ${quoteList(arches)}.`,
    evidence: [configEvidence(config), { kind: 'note', text: `Ports of ${target.goos} in ${releaseName(v)}: ${quoteList(arches)}` }],
    ...(v.anchor ? { location: { file: v.anchor.file, range: v.anchor.range } } : { location: { file: config.file, range: config.range } }),
    fixes: [{ kind: 'text', title: 'Use a supported GOOS/GOARCH pair', text: `Run \`go tool dist list\` for the pairs this Go can build; for ${target.goos}: ${quoteList(arches)}.` }],
  }];
}
