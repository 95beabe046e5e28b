import { goInstallDirs, normalizeDir } from '../../facts/index.js';
import type { Fix } from '../../finding.js';
import { compareGoVersions, goVersionAtLeast, isValidGoVersion } from '../../knowledge/index.js';
import type { BuildInfo } from '../../machine.js';
import type { Rule, RuleFinding } from '../../rule.js';
import { shellQuote } from '../../shell-quote.js';
import { buildInfoOf, toolEvidence } from '../path/tool-identity.js';

/** The build already carries an LC_UUID: `-B gobuildid` or external linking (facts §3.5). */
function hasUuidFlags(info: BuildInfo): boolean {
  const ldflags = info.settings['-ldflags'] ?? '';
  return /-B[= ]gobuildid\b/.test(ldflags) || /-linkmode[= ]external\b/.test(ldflags);
}

function installTarget(info: BuildInfo): string | undefined {
  // A package path never starts with "-" (it would be read as a flag of go install).
  if (!info.path || info.path.startsWith('command-line-arguments') || info.path.startsWith('-')) return undefined;
  const v = info.mainVersion && /^v\d/.test(info.mainVersion) ? info.mainVersion : 'latest';
  return `${info.path}@${v}`;
}

export const toolsMissingLcUuid: Rule = {
  id: 'tools/missing-lc-uuid',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'On macOS 26+, tools in GOBIN/GOPATH/bin built with Go < 1.24 have no LC_UUID and may be aborted by dyld.',
  docs: `**What:** on macOS 26 Tahoe or later, a tool in GOBIN or a GOPATH \`bin\` directory whose
\`go version -m\` build info says it was built with Go older than 1.24 (for darwin, without
\`-ldflags=-B gobuildid\` or \`-linkmode=external\`).

**Why it matters:** the Go linker only writes the Mach-O \`LC_UUID\` load command since Go 1.24. On
macOS 26, dyld refuses to launch some binaries without it:
\`dyld[21679]: missing LC_UUID load command in /Users/<u>/go/bin/dlv\` then \`zsh: abort      dlv\`.
Which binaries are refused is not settled (one report saw only cgo-enabled ones abort, another
\`CGO_ENABLED=0\` ones too), so the finding says *may* be aborted, not *will*.

**Fix (any one):** rebuild with Go ≥ 1.24 (\`go install <module>@<version>\`); on Go 1.22.9+/1.23.3+
build with \`-ldflags=-B gobuildid\`; or link externally with \`-ldflags=-linkmode=external\` (needs
the Command Line Tools).

**Facts:** the [Go 1.24 release notes, Linker](https://go.dev/doc/go1.24#linker); \`LC_UUID\` measured per release
and with \`-B none\`/\`-B gobuildid\`, the dyld transcript
([go-delve/delve#4162](https://github.com/go-delve/delve/issues/4162)), the reports and the three fixes
([golang/go#68678](https://github.com/golang/go/issues/68678)): [knowledge/mach-o.md](knowledge/mach-o.md#what-the-linker-writes-measured).`,
  check({ snapshot, machine }) {
    const mac = machine.mac;
    if (machine.platform !== 'darwin' || !mac || mac.major === undefined || mac.major < 26) return [];
    const dirs = new Set(goInstallDirs(machine));
    const candidates = snapshot.tools.filter((t) => t.source.kind === 'gobin' || dirs.has(normalizeDir(t.dir)));
    const seen = new Set<string>();
    const local = machine.go.version;
    const canRebuild = !!local && !local.devel && goVersionAtLeast(local.raw, '1.24');
    const out: RuleFinding[] = [];
    for (const tool of candidates) {
      if (seen.has(tool.realPath)) continue;
      seen.add(tool.realPath);
      const info = buildInfoOf(machine, tool);
      if (!info || !isValidGoVersion(info.goVersion) || compareGoVersions(info.goVersion, '1.24') >= 0) continue;
      if (info.settings.GOOS && info.settings.GOOS !== 'darwin') continue;
      if (hasUuidFlags(info)) continue;
      const target = installTarget(info);
      const fixes: Fix[] = [];
      if (target && canRebuild) fixes.push({ kind: 'command', title: `Rebuild ${tool.name} with ${local.raw}`, command: `go install ${shellQuote(target)}`, outsideWorkspace: true });
      else fixes.push({ kind: 'text', title: 'Rebuild with Go 1.24 or newer', text: `Install Go 1.24 or newer, then reinstall ${tool.name}${target ? ` (go install ${target})` : ''}.` });
      fixes.push(
        target
          ? { kind: 'command', title: 'Or, with Go 1.22.9+/1.23.3+: add the UUID with -B gobuildid', command: `go install -ldflags='-B gobuildid' ${shellQuote(target)}`, outsideWorkspace: true }
          : { kind: 'text', title: 'Or, with Go 1.22.9+/1.23.3+: add the UUID with -B gobuildid', text: "Rebuild with -ldflags='-B gobuildid'." },
      );
      fixes.push(
        target
          ? { kind: 'command', title: 'Or link externally (needs the Command Line Tools)', command: `go install -ldflags=-linkmode=external ${shellQuote(target)}`, outsideWorkspace: true }
          : { kind: 'text', title: 'Or link externally (needs the Command Line Tools)', text: 'Rebuild with -ldflags=-linkmode=external.' },
      );
      out.push({
        message: `${tool.path} was built with ${info.goVersion}, before Go 1.24 started writing the Mach-O LC_UUID, so on macOS ${mac.productVersion ?? mac.major} dyld may abort it at launch ("dyld: missing LC_UUID load command").`,
        evidence: [toolEvidence(snapshot, machine, tool), snapshot.commands.sw_vers ? { kind: 'command', command: snapshot.commands.sw_vers.argv.join(' '), argv: snapshot.commands.sw_vers.argv, excerpt: `ProductVersion: ${mac.productVersion ?? mac.major}` } : { kind: 'note', text: `macOS ${mac.major}` }],
        fixes,
      });
    }
    return out;
  },
};
