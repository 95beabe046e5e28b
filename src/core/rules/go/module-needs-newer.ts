import { workspaceFilePath } from '../../facts/index.js';
import type { Evidence, Fix, Severity } from '../../finding.js';
import { compareGoVersions, goMinorOf, isValidGoVersion, toolchainForGoLine } from '../../knowledge/index.js';
import { NEWER_DIRECTIVES } from '../../parse/go-mod.js';
import type { Rule, RuleFinding } from '../../rule.js';
import type { GoDirective, GoModFacts } from '../../workspace/model.js';
import { goToolchainSelection, userGoToolchain, type GoToolchainSetting } from './gotoolchain-setting.js';

function directiveEvidence(root: string, mod: GoModFacts, d: GoDirective, keyword: 'go' | 'toolchain'): Evidence {
  return { kind: 'file', file: workspaceFilePath(root, mod.file), excerpt: `${keyword} ${d.value}`, line: d.range.start.line };
}

function settingEvidence(t: GoToolchainSetting): Evidence {
  if (t.source === 'environment') return { kind: 'env', name: 'GOTOOLCHAIN', value: t.raw };
  if (t.source === 'default') return { kind: 'note', text: 'GOTOOLCHAIN is not set: the standard $GOROOT/go.env default is auto' };
  if (t.source === 'unset') {
    return { kind: 'note', text: `GOTOOLCHAIN is set neither in the environment, nor with go env -w, nor in ${t.file ?? '$GOROOT/go.env'}: the go command uses local` };
  }
  if (t.file !== undefined) return { kind: 'file', file: t.file, excerpt: `GOTOOLCHAIN=${t.raw}` };
  return { kind: 'note', text: `GOTOOLCHAIN=${t.raw} (from ${t.source})` };
}

/** The directives of `mod` that Go 1.`minor` does not know. */
function unknownDirectives(mod: GoModFacts, minor: number | undefined): NonNullable<GoModFacts['newerDirectives']> {
  if (minor === undefined) return [];
  return (mod.newerDirectives ?? []).filter((d) => NEWER_DIRECTIVES[d.verb]! > minor);
}

/**
 * What the go command prints for directives it does not know (verified with go1.21.13 and
 * go1.24.4): `go: errors parsing go.mod:` then `go.mod:5: unknown directive: ignore` per line
 * (`unknown block type: godebug` for a block); for go.work, `go: reading go.work: …/go.work:5:
 * unknown directive: godebug`.
 */
function parseErrorQuote(mod: GoModFacts, unknown: NonNullable<GoModFacts['newerDirectives']>): string {
  const what = (d: (typeof unknown)[number]) => `${d.block ? 'unknown block type' : 'unknown directive'}: ${d.verb}`;
  if (mod.kind === 'go.work') return `go: reading go.work: …/go.work:${unknown[0]!.range.start.line + 1}: ${what(unknown[0]!)}`;
  return `go: errors parsing go.mod: ${unknown.map((d) => `go.mod:${d.range.start.line + 1}: ${what(d)}`).join(' ')}`;
}

export const goModuleNeedsNewer: Rule = {
  id: 'go/module-needs-newer',
  reads: 'machine+files',
  defaultSeverity: 'error',
  summary: 'go.mod/go.work asks for a newer Go than the local toolchain (error under GOTOOLCHAIN=local, info under auto).',
  docs: `**What:** a \`go\` line in go.mod or go.work is newer than the local \`go version\`, or a \`toolchain\`
line names a newer toolchain. The location is the directive itself. Versions are compared the way
the go command compares them (1.21 < 1.21rc1 < 1.21.0).

**Why it matters** depends on GOTOOLCHAIN (the user's value, taken like the go command does: the
environment variable, then the \`go env -w\` file, then \`$GOROOT/go.env\`, else \`local\`; the doctor
itself runs go with GOTOOLCHAIN=local and never downloads):
- \`local\` (error): every go command in the module stops with, e.g.,
  \`go: go.mod requires go >= 1.25.0 (running go 1.24.4; GOTOOLCHAIN=local)\`. A newer \`toolchain\`
  line alone is ignored under local.
- \`auto\`, the default (info): the go command switches toolchains and downloads one first:
  \`go: downloading go1.25.3 (darwin/arm64)\`; offline that fails with
  \`go: download go1.25.3 for darwin/arm64: toolchain not available\`.
- \`path\` (warning): it only switches to a binary of that name on PATH, else
  \`go: cannot find "go1.25.3" in PATH\`.

A go.mod or go.work that uses a directive the Go that reads it does not know — \`godebug\` (Go 1.23+),
\`tool\` (1.24+), \`ignore\` (1.25+) — makes every go command fail before anything else when no
toolchain switch happens: \`go: errors parsing go.mod:\` / \`go.mod:5: unknown directive: ignore\`.
Go 1.21 stops there even when the \`go\` line is also too new (it parses the file before comparing
versions); Go 1.24 and later report \`go.mod requires go >= …\` first.

**Fix:** install a Go at least as new as the directive, or allow switching (\`go env -w
GOTOOLCHAIN=auto\`, or in VS Code \`"go.toolsEnvVars": {"GOTOOLCHAIN": "go1.25.0+auto"}\`).

**Facts:** [Go Toolchains](https://go.dev/doc/toolchain) (forms of GOTOOLCHAIN; go.env sets auto, local
when it is missing) and the exact messages measured with go1.24.4 in [knowledge/gotoolchain.md](knowledge/gotoolchain.md); the
go.work and \`go 1.26\` variants were re-run with go1.24.4 for this rule. The precedence of the two files is
cmd/go's cfg.Getenv/readEnvFile ([src/cmd/go/internal/cfg/cfg.go](https://github.com/golang/go/blob/go1.24.4/src/cmd/go/internal/cfg/cfg.go); same in go1.21.13
and go1.27.3), checked by test/toolchain/probe/go-env-files.test.ts.`,
  check({ snapshot, machine, workspace }) {
    const local = machine.go.version;
    if (!local || local.devel || workspace.modules.length === 0) return [];
    const localVersion = local.raw.replace(/^go/, '');
    const t = userGoToolchain(snapshot, machine);
    // An invalid GOTOOLCHAIN stops every go command before go.mod is read (go/gotoolchain-setting says so).
    if (goToolchainSelection(t.raw, local.raw).kind === 'invalid') return [];
    const running = t.name !== 'local' && isValidGoVersion(t.name) ? t.name.replace(/^go/, '') : localVersion;
    const hostPlatform = `${machine.go.hostOs ?? snapshot.host.platform}/${machine.go.hostArch ?? snapshot.host.arch}`;
    const out: RuleFinding[] = [];
    for (const mod of workspace.modules) {
      const goLine = mod.go && isValidGoVersion(mod.go.value) && compareGoVersions(mod.go.value, running) > 0 ? mod.go : undefined;
      const tcValue = mod.toolchain?.value;
      const tcLine = mod.toolchain && tcValue && tcValue !== 'default' && isValidGoVersion(tcValue) && compareGoVersions(tcValue, running) > 0 ? mod.toolchain : undefined;
      const runningMinor = goMinorOf(running);
      const unknown = unknownDirectives(mod, runningMinor);
      // No toolchain switch happens: the go command parses the file itself and stops at the first
      // directive it does not know.
      if (unknown.length > 0 && (t.mode === 'local' ? !goLine || runningMinor! <= 21 : !goLine && !tcLine)) {
        const first = unknown[0]!;
        const needs = Math.max(...unknown.map((d) => NEWER_DIRECTIVES[d.verb]!));
        out.push({
          message: `${mod.kind} uses ${unknown.map((d) => `\`${d.verb}\``).join(', ')} (Go 1.${needs}+), which the local Go ${running} does not know${goLine ? ` — it stops at this before comparing the go line (${goLine.value})` : ''}, so every go command in this ${mod.kind === 'go.work' ? 'workspace' : 'module'} fails with "${parseErrorQuote(mod, unknown)}".`,
          evidence: [{ kind: 'file', file: workspaceFilePath(workspace.root, mod.file), excerpt: first.verb, line: first.range.start.line }, settingEvidence(t)],
          location: { file: workspaceFilePath(workspace.root, mod.file), range: first.range },
          fixes: [{ kind: 'text', title: `Install Go 1.${needs} or newer`, text: `Install Go 1.${needs} or newer from https://go.dev/dl/ (or remove the ${unknown.map((d) => d.verb).join(', ')} directive${unknown.length > 1 ? 's' : ''}).` }],
        });
        continue;
      }
      if (t.mode === 'local') {
        if (!goLine) continue;
        // An empty GOTOOLCHAIN (set nowhere, e.g. no go.env) also means local; go then adds no "; GOTOOLCHAIN=" (gover.TooNewError).
        // Go 1.24+ compare the go line first (verified); 1.22/1.23 with an unknown directive: not checked.
        const exact = t.name === 'local' && (unknown.length === 0 || runningMinor! >= 24) ? `go: ${mod.kind} requires go >= ${goLine.value} (running go ${running}${t.raw === '' ? '' : '; GOTOOLCHAIN=local'})` : undefined;
        const forbids = t.raw === '' ? `an empty GOTOOLCHAIN (${t.source === 'unset' ? `set nowhere, not even in ${t.file ?? '$GOROOT/go.env'}` : `set so in ${t.file ?? t.source}`}) forbids switching` : `GOTOOLCHAIN=${t.raw} forbids switching`;
        const fixes: Fix[] = [{ kind: 'text', title: `Install Go ${goLine.value} or newer`, text: `Install Go ${goLine.value} or newer from https://go.dev/dl/.` }];
        if (t.source === 'environment') fixes.push({ kind: 'text', title: 'Allow toolchain switching', text: 'GOTOOLCHAIN=local is set in your environment (shell profile or editor settings): remove it, or set GOTOOLCHAIN=auto, so the go command can fetch the toolchain the module asks for.' });
        else fixes.push({ kind: 'command', title: 'Allow toolchain switching (GOTOOLCHAIN=auto)', command: 'go env -w GOTOOLCHAIN=auto', outsideWorkspace: true });
        out.push({
          message: `${mod.kind} requires go >= ${goLine.value} but the local Go is ${running} and ${forbids}, so every go command in this ${mod.kind === 'go.work' ? 'workspace' : 'module'} fails${exact ? ` with "${exact}"` : ''}.`,
          evidence: [directiveEvidence(workspace.root, mod, goLine, 'go'), settingEvidence(t)],
          location: { file: workspaceFilePath(workspace.root, mod.file), range: goLine.range },
          fixes,
        });
        continue;
      }
      const driver = tcLine && (!goLine || compareGoVersions(tcLine.value, goLine.value) >= 0) ? { d: tcLine, keyword: 'toolchain' as const } : goLine ? { d: goLine, keyword: 'go' as const } : undefined;
      if (!driver) continue;
      const target = driver.keyword === 'toolchain' ? driver.d.value : toolchainForGoLine(driver.d.value);
      if (!target) continue;
      const severity: Severity = t.mode === 'auto' ? 'info' : 'warning';
      const message =
        t.mode === 'auto'
          ? `The ${driver.keyword} line in ${mod.kind} asks for ${driver.keyword === 'go' ? `go >= ${driver.d.value}` : target}, newer than the local Go ${running}; with GOTOOLCHAIN=${t.raw} the go command switches to ${target} and downloads it first ("go: downloading ${target} (${hostPlatform})"). Offline that fails with "go: download ${target} for ${hostPlatform}: toolchain not available".`
          : `The ${driver.keyword} line in ${mod.kind} asks for ${driver.keyword === 'go' ? `go >= ${driver.d.value}` : target}, newer than the local Go ${running}; with GOTOOLCHAIN=${t.raw} the go command only switches to a ${target} binary on PATH, and otherwise fails with "go: cannot find "${target}" in PATH".`;
      out.push({
        severity,
        message,
        evidence: [directiveEvidence(workspace.root, mod, driver.d, driver.keyword), settingEvidence(t)],
        location: { file: workspaceFilePath(workspace.root, mod.file), range: driver.d.range },
        fixes: [
          { kind: 'text', title: `Install ${target} locally`, text: `Install Go ${target.replace(/^go/, '')} or newer from https://go.dev/dl/ so no toolchain switch is needed.` },
          { kind: 'setting', title: `Pin ${target} for the Go extension's tools`, section: 'go.toolsEnvVars', key: 'GOTOOLCHAIN', value: `${target}+auto`, scope: 'workspace' },
        ],
      });
    }
    return out;
  },
};
