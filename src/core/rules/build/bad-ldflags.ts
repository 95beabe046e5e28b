import type { Fix } from '../../finding.js';
import type { Rule, RuleFinding } from '../../rule.js';
import { LINKER_FLAGS_BY_MINOR, linkerFlagsFor } from '../../workspace/linker-flags.js';
import { dedupeFindings, perConfig, releaseOf } from '../cross/target.js';

const VERIFIED = Object.keys(LINKER_FLAGS_BY_MINOR).map(Number);

export const badLdflags: Rule = {
  id: 'build/bad-ldflags',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'error',
  summary: '-ldflags passes a flag the Go linker does not have (-dwarfversion …), or -buildmode inside -ldflags.',
  docs: `**What:** each flag inside \`-ldflags\` (split as cmd/go and cmd/link split it) of every build
configuration, checked against the flags cmd/link defines (\`go tool link -help\` of go1.21.13,
go1.24.4 and go1.27.3; for other releases only flags no verified release has are reported).

**Why it matters:** an unknown flag stops the link: \`flag provided but not defined: -dwarfversion\`
(every cmd/link from 1.21 to 1.27). There is no \`-dwarfversion\`: Go 1.25 switched to DWARF 5 and
the opt-out is \`GOEXPERIMENT=nodwarf5\` at build time; \`-w\` drops DWARF entirely.
\`-buildmode=…\` inside \`-ldflags\` is accepted by the linker but only reaches the link step — the
go command already chose the build mode (\`go build -buildmode=…\`) — so it is at best redundant.

**Fix:** drop the flag (preferred: the link cannot work with it), or move \`-buildmode\` to the
go command.

**Facts:** cmd/link's flags are the ones \`go tool link -help\` prints ([cmd/link](https://pkg.go.dev/cmd/link)); the
switch to DWARF 5 and its \`GOEXPERIMENT=nodwarf5\` opt-out are in the [Go 1.25 release notes](https://go.dev/doc/go1.25)
(Compiler, "DWARF5 support"); \`-buildmode\` is a go command flag ([go help build](https://pkg.go.dev/cmd/go#hdr-Compile_packages_and_dependencies)).
test/toolchain/workspace/linker-flags.test.ts checks the embedded flag lists against \`go tool link -help\` of
go1.21.13, go1.24.4 and go1.27.3, and that \`-ldflags=-dwarfversion=4\` is rejected.`,
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const config of ctx.workspace.buildConfigs ?? []) {
      findings.push(...perConfig(ctx, badLdflags, config, () => {
        const out: RuleFinding[] = [];
        if (config.linkerFlags.length === 0) return out;
        const release = releaseOf(ctx, config);
        const { flags, exact } = linkerFlagsFor(release?.minor);
        for (const f of config.linkerFlags) {
          const name = f.flag.replace(/^--?/, '');
          if (!/^[A-Za-z][\w.-]*$/.test(name)) continue;
          const removal = f.removeRange ? { file: f.file, range: f.removeRange, newText: '' } : undefined;
          if (name === 'buildmode') {
            const fixes: Fix[] = [];
            if (removal) fixes.push({ kind: 'edit', title: `Remove -buildmode${f.value ? `=${f.value}` : ''} from -ldflags`, edits: [removal], ...(f.value === 'exe' || f.value === 'default' ? { preferred: true } : {}) });
            if (f.value && f.value !== 'exe' && f.value !== 'default') fixes.push({ kind: 'text', title: `Pass -buildmode=${f.value} to go build instead`, text: `go build -buildmode=${f.value} …: the go command then compiles and links for that mode.` });
            out.push({
              severity: 'warning',
              message: `-buildmode${f.value ? `=${f.value}` : ''} inside -ldflags (${config.label}) only reaches the linker: the go command has already chosen the build mode for compiling (and passes its own -buildmode to the linker), so this is at best redundant. Use \`go build -buildmode=…\`.`,
              evidence: [{ kind: 'file', file: f.file, excerpt: f.flag + (f.value !== undefined ? `=${f.value}` : ''), line: f.range.start.line }],
              location: { file: f.file, range: f.range },
              fixes,
            });
            continue;
          }
          if (Object.prototype.hasOwnProperty.call(flags, name)) continue;
          const laterMinor = VERIFIED.find((m) => Object.prototype.hasOwnProperty.call(LINKER_FLAGS_BY_MINOR[m]!, name));
          const fixes: Fix[] = [];
          if (removal) fixes.push({ kind: 'edit', title: `Remove ${f.flag}${f.value !== undefined ? `=${f.value}` : ''}`, edits: [removal], preferred: true });
          let message = `${f.flag} is not a flag of the Go linker${exact && release ? ` in ${release.label}` : ''}, so the link of ${config.label} fails with \`flag provided but not defined: -${name}\`.`;
          if (laterMinor !== undefined && exact) message += ` (cmd/link of Go 1.${laterMinor} has it.)`;
          if (name === 'dwarfversion') {
            message += ' There is no such flag: Go 1.25+ writes DWARF 5 and `GOEXPERIMENT=nodwarf5` (at build time) brings back DWARF 4; `-w` drops DWARF.';
            fixes.push({ kind: 'text', title: 'Get DWARF 4 the supported way', text: 'Go 1.25 and later: build with GOEXPERIMENT=nodwarf5. Go 1.24 and earlier already write DWARF 4.' });
          }
          out.push({
            message,
            evidence: [{ kind: 'file', file: f.file, excerpt: f.flag + (f.value !== undefined ? `=${f.value}` : ''), line: f.range.start.line }],
            location: { file: f.file, range: f.range },
            fixes,
          });
        }
        return out;
      }));
    }
    return dedupeFindings(badLdflags, findings);
  },
};
