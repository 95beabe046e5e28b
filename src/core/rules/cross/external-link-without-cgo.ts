import type { Fix, Severity, TextEdit } from '../../finding.js';
import type { Range } from '../../finding.js';
import type { Rule, RuleFinding } from '../../rule.js';
import { envInsertionEdit } from '../../workspace/env-edit.js';
import { namedPackageLeftEmpty } from '../cgo/disabled-with-c-imports.js';
import { cgoMeantOn, cgoMeantOnNote } from './cgo-intent.js';
import { builds, capitalize, cgoStateOf, configEvidence, dedupeFindings, hostOf, linksBinary, perConfig, releaseOf, setForConfig, targetOf } from './target.js';

const NEEDS_EXTERNAL = new Set(['c-archive', 'c-shared', 'plugin']);

export const externalLinkWithoutCgo: Rule = {
  id: 'cross/external-link-without-cgo',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'error',
  summary: '-linkmode=external or -buildmode=c-archive|c-shared|plugin with cgo off.',
  docs: `**What:** a build that asks for external linking — \`-ldflags=-linkmode=external\`, or
\`-buildmode=c-shared\`, \`plugin\` or \`c-archive\` — while cgo is off: \`CGO_ENABLED=0\`, or unset in
a cross build (which defaults cgo off).

**Why it matters:** external linking goes through the C toolchain, which needs cgo. Go 1.22+
refuses before building:

    -linkmode=external requires external (cgo) linking, but cgo is not enabled
    -buildmode=c-shared requires external (cgo) linking, but cgo is not enabled
    -buildmode=plugin requires external (cgo) linking, but cgo is not enabled

\`-buildmode=c-archive\` still "succeeds" with \`loadinternal: cannot find runtime/cgo\` — but files
with \`import "C"\` (where \`//export\` functions live) are left out. Go 1.21 links all of them
with that warning.

**Certainty:** as cross/needs-cgo — info when the command sets \`CC\` but leaves CGO_ENABLED to its
caller, and silent when cgo off leaves the named package or files empty (Go stops earlier, at
\`go: no Go source files\` for \`go build -buildmode=c-shared a.go\`; cgo/disabled-with-c-imports
reports it).

**Fix:** set \`CGO_ENABLED=1\` for this build (needs a C compiler), or drop \`-linkmode=external\`.
Neither is marked preferred: \`CGO_ENABLED=0\` is often deliberate.

**Facts:** the \`requires external (cgo) linking\` check in cmd/go
([src/cmd/go/internal/load/pkg.go](https://github.com/golang/go/blob/go1.24.4/src/cmd/go/internal/load/pkg.go)) and its messages:
[knowledge/ports.md](knowledge/ports.md#ports-that-must-link-externally-cgo); reproduced with go1.21.13, go1.24.4 and go1.27.3 by
test/toolchain/workspace/cross-claims.test.ts.`,
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const config of ctx.workspace.buildConfigs ?? []) {
      findings.push(...perConfig(ctx, externalLinkWithoutCgo, config, () => {
        const out: RuleFinding[] = [];
        if (!builds(config)) return out;
        const linkmode = config.linkerFlags.find((f) => f.flag.replace(/^--?/, '-') === '-linkmode' && f.value === 'external');
        const buildmode = config.buildmode?.value !== undefined && NEEDS_EXTERNAL.has(config.buildmode.value) ? config.buildmode : undefined;
        if (!linkmode && !buildmode) return out;
        if (linksBinary(ctx, config) !== true) return out;
        const host = hostOf(ctx, config);
        const target = targetOf(config, host);
        const cgo = cgoStateOf(config, target, host);
        if (cgo.state !== 'off') return out;
        // The named package (or every named file) imports "C": Go stops earlier, at `build
        // constraints exclude all Go files` / `go: no Go source files` (go1.21/1.24/1.27), which
        // cgo/disabled-with-c-imports reports.
        if (namedPackageLeftEmpty(ctx, config)) return out;
        const release = releaseOf(ctx, config);
        const old = release?.minor !== undefined && release.minor <= 21;
        const what = linkmode ? '-linkmode=external' : `-buildmode=${buildmode!.value}`;
        const archive = !linkmode && buildmode?.value === 'c-archive';
        const why = cgo.explicit ? 'CGO_ENABLED=0' : `CGO_ENABLED is not set and this is a cross build (${target.goos}/${target.goarch}), which defaults cgo to off`;
        let severity: Severity = 'error';
        let consequence: string;
        if (archive || old) {
          severity = 'warning';
          consequence = `${old ? release.label : 'Go'} builds it anyway, printing \`loadinternal: cannot find runtime/cgo\`, and files with \`import "C"\` (and their //export functions) are left out${old ? `; Go 1.22+ refuse${archive ? '' : ` with \`${what} requires external (cgo) linking, but cgo is not enabled\``}` : ''}`;
        } else consequence = `\`go build\` fails with \`${what} requires external (cgo) linking, but cgo is not enabled\``;
        // Unset CGO_ENABLED: whoever runs the command may export it (at most a warning); with a CC
        // the command is evidently written for cgo (info). The build mode itself is this rule's
        // subject, so it is no sign of intent here.
        const intent = cgo.explicit ? undefined : cgoMeantOn(config);
        const meantOn = intent?.kind === 'cc' ? intent : undefined;
        if (!cgo.explicit && severity === 'error') severity = 'warning';
        if (meantOn) {
          severity = 'info';
          consequence += ` — ${cgoMeantOnNote(meantOn).replace(/; if it does not$/, '')}`;
        }
        const fixes: Fix[] = [];
        const set = setForConfig(config, 'CGO_ENABLED', '1');
        const edits: TextEdit[] = [];
        if (set?.replace) edits.push(set.replace);
        if (set?.insertPair && config.insertion) edits.push(envInsertionEdit(config.insertion, [set.insertPair]));
        if (edits.length > 0) fixes.push({ kind: 'edit', title: 'Set CGO_ENABLED=1 for this build (needs a C compiler)', edits });
        if (linkmode?.removeRange) fixes.push({ kind: 'edit', title: 'Drop -linkmode=external (link internally)', edits: [{ file: linkmode.file, range: linkmode.removeRange, newText: '' }] });
        const location: { file: string; range: Range } = linkmode ? { file: linkmode.file, range: linkmode.range } : { file: buildmode!.file, range: buildmode!.range };
        out.push({
          severity,
          message: `${capitalize(config.label)} asks for external linking (${what}) but ${why}: ${consequence}.`,
          evidence: [configEvidence(config), ...(cgo.explicit ? [{ kind: 'file' as const, file: cgo.setting.file, excerpt: `CGO_ENABLED=${cgo.setting.value}`, line: cgo.setting.range.start.line }] : [])],
          location,
          fixes,
        });
        return out;
      }));
    }
    return dedupeFindings(externalLinkWithoutCgo, findings);
  },
};
