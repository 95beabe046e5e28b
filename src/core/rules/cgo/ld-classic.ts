import type { Fix, Severity } from '../../finding.js';
import type { Rule, RuleFinding } from '../../rule.js';

export const ldClassic: Rule = {
  id: 'cgo/ld-classic',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'warning',
  summary: '-ld_classic / -ld64 in linker flags: deprecated in Xcode 16, reportedly removed in Xcode 27.',
  docs: `**What:** \`-ld_classic\` or \`-ld64\` (also as \`-Wl,-ld_classic\`) anywhere a build passes C linker
flags: \`-extldflags\`, \`CGO_LDFLAGS\`, or a \`#cgo LDFLAGS\` directive.

**Why it matters:** these select Apple's old linker (ld64) instead of the new one (ld-prime). They
were workarounds: for the \`malformed LC_DYSYMTAB\` warning of Go 1.21 with Xcode 15 (fixed in Go
1.22, golang/go#61229) and for \`B/BL out of range\` on very large binaries (golang/go#67854). Xcode
16's release notes deprecate it ("-ld_classic linker option is deprecated and will be removed in a
future release"), and the Xcode 27 release notes reportedly remove ld64 ("The ld64 linker has been
removed and the -ld_classic option is no longer supported" — third-party quote, dotnet/macios#25676).

**Fix:** remove the flag and use a current Go (1.22+ fixed the LC_DYSYMTAB warning). The removal is
not marked preferred: the flag may still hide a link failure on an older Xcode.

**Facts:** [golang/go#61229](https://github.com/golang/go/issues/61229) and [golang/go#67854](https://github.com/golang/go/issues/67854);
Apple's [Xcode 16 release notes](https://developer.apple.com/documentation/xcode-release-notes/xcode-16-release-notes) and
[Xcode 27 release notes](https://developer.apple.com/documentation/xcode-release-notes/xcode-27-release-notes), as quoted in
[dotnet/macios#20711](https://github.com/dotnet/macios/issues/20711) and [dotnet/macios#25676](https://github.com/dotnet/macios/issues/25676);
summary in [knowledge/mach-o.md](knowledge/mach-o.md#apples-old-linker--ld_classic--ld64).`,
  check({ workspace, machine }) {
    const findings: RuleFinding[] = [];
    const xcode = machine.mac?.clt.major;
    for (const ref of workspace.flagRefs ?? []) {
      if (!/ld_classic|ld64/.test(ref.text)) continue;
      let severity: Severity = 'warning';
      let state = 'deprecated since Xcode 16 and reportedly removed in Xcode 27';
      if (xcode !== undefined && xcode >= 27) {
        severity = 'error';
        state = `not supported by this Mac's Xcode/Command Line Tools ${xcode} (the Xcode 27 release notes reportedly say ld64 was removed)`;
      } else if (xcode !== undefined && xcode >= 16) state = `deprecated in this Mac's Xcode/Command Line Tools ${xcode} ("will be removed in a future release"), and reportedly removed in Xcode 27`;
      const where = ref.where === 'cgo-directive' ? 'this #cgo directive' : ref.where === 'cgo-ldflags-env' ? 'CGO_LDFLAGS' : '-extldflags';
      const fixes: Fix[] = [];
      if (ref.removable && ref.removeRange) fixes.push({ kind: 'edit', title: `Remove ${ref.text}`, edits: [{ file: ref.file, range: ref.removeRange, newText: '' }] });
      fixes.push({ kind: 'text', title: 'Drop the old-linker workaround', text: 'Go 1.22+ links correctly with the new Apple linker (the LC_DYSYMTAB warning was fixed in Go 1.22); remove the flag and rebuild.' });
      findings.push({
        severity,
        message: `${ref.text} in ${where} selects Apple's old linker (ld64), which is ${state}: the external link of a cgo build will fail once it is gone.`,
        evidence: [{ kind: 'file', file: ref.file, excerpt: ref.text, line: ref.range.start.line }],
        location: { file: ref.file, range: ref.range },
        fixes,
      });
    }
    return findings;
  },
};
