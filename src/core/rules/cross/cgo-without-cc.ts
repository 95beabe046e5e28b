import type { Fix } from '../../finding.js';
import { officialDefaultCc } from '../../knowledge/index.js';
import type { Rule, RuleFinding } from '../../rule.js';
import type { BuildConfig } from '../../workspace/build-config.js';
import { memoOnIndex, packageIndex, resolvePatterns, targetPackagesFor } from '../../workspace/go-packages.js';
import { builds, capitalize, configEvidence, dedupeFindings, hostOf, perConfig, targetOf, type Host } from './target.js';

/**
 * Is building for goos/goarch with the host's default C compiler a foreign target? An arch change
 * on a Mac is not (Apple clang is multi-arch: cmd/go passes -arch, facts §1.4); ios and android
 * are cross/needs-cgo's business.
 */
function foreign(goos: string, goarch: string, host: Host): boolean | undefined {
  if (goos === 'ios' || goos === 'android') return undefined;
  if (!host.goos) return undefined;
  if (goos !== host.goos) return true;
  if (goos === 'darwin') return false;
  if (!host.goarch) return undefined;
  if (goarch === host.goarch) return false;
  // A CI runner or container runs an official Go, whose C compiler is plain gcc: for 386 on
  // amd64 cmd/go passes -m32, which builds once gcc-multilib is installed (knowledge/runners).
  if (host.runner && goos === 'linux' && host.goarch === 'amd64' && goarch === '386' && host.tools?.includes('gcc-multilib')) return false;
  return true;
}

/** Why the default compiler fails, in the words of the machine that runs the build. */
function defaultCompilerWords(goos: string, goarch: string, host: Host): string {
  if (host.runner) {
    const cc = officialDefaultCc(host.goos) ?? 'its default C compiler';
    if (goos === 'linux' && host.goos === 'linux' && host.goarch === 'amd64' && goarch === '386') {
      return `so cmd/go (an official Go build on ${host.from}) compiles it with \`${cc} -m32\`, which needs gcc-multilib, and no earlier step installs it: the build fails unless the runner has it`;
    }
    return `so cmd/go (an official Go build on ${host.from}) compiles it with \`${cc}\`, which targets ${host.goos}${host.goarch ? `/${host.goarch}` : ''}: the build fails unless a C cross toolchain for ${goos}/${goarch} is configured`;
  }
  return `so cmd/go compiles it with its default C compiler, which targets ${host.goos}${host.goarch ? `/${host.goarch}` : ''} (${host.from}): the build fails unless a C cross toolchain for ${goos}/${goarch} is configured`;
}

export const cgoWithoutCc: Rule = {
  id: 'cross/cgo-without-cc',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'warning',
  summary: 'cgo is on for a foreign target, but no CC names a C compiler for that target.',
  docs: `**What:** a build with \`CGO_ENABLED=1\` for a GOOS/GOARCH other than that of the machine running it
(this machine for Makefiles, scripts and VS Code; the runner for a CI job; the container for a
Dockerfile), no \`CC\`, and C code in what it builds (files with \`import "C"\` in the packages and
the workspace packages they import). Without C code, cmd/go does not need a C compiler even with
cgo on (a pure-Go program cross-builds fine with CGO_ENABLED=1), so such builds are not reported
(programs that use cgo only through the standard library — net, os/user — can fail the same way;
the doctor does not see those imports). For goreleaser, whose machine is not known, a build with
cgo on, no CC, C code and targets on more than one OS is reported once: at most one of them can be
native.

**Why it matters:** with CGO_ENABLED=1 cmd/go compiles the C code (and runtime/cgo) with the default
C compiler, which builds for the host, not the target. The build fails, e.g. on linux/amd64 for linux/arm64:
go1.27 \`cgo: C compiler "aarch64-linux-gnu-gcc" not found\` (a distribution build with a
configured cross CC), go1.21 assembler errors in \`gcc_arm64.S\`; for windows/amd64 \`windows.h: No
such file or directory\`; for darwin \`cgo: C compiler "clang" not found\`. An architecture change on
a Mac is fine: Apple clang builds both arm64 and x86_64.

**CI runners** are judged as they are, never by this machine's \`go env\` or compilers: a runner or
container runs an official Go build, whose C compiler is plain \`gcc\` (Linux, Windows) or
\`clang\` (macOS) for every target. \`GOARCH=386\` on a linux/amd64 runner builds once an earlier
step installs \`gcc-multilib\` (cmd/go passes \`-m32\`), so such a job is not reported.

**Fix:** set \`CC\` (and \`CXX\`) to a C cross compiler for the target, or build on a machine of that
platform.

**Facts:** the \`cgo: C compiler "clang" not found\` text: [knowledge/ports.md](knowledge/ports.md#ports-that-must-link-externally-cgo);
multi-arch Apple clang (\`gccArchArgs\` in [src/cmd/go/internal/work/exec.go](https://github.com/golang/go/blob/go1.24.4/src/cmd/go/internal/work/exec.go)) and the
default C compiler: [knowledge/cgo.md](knowledge/cgo.md#the-default-c-compiler). test/toolchain/workspace/cross-claims.test.ts builds a
cgo program for linux/arm64, windows/amd64 and darwin/arm64 from linux/amd64 with CGO_ENABLED=1 and no
CC, and checks that each fails.`,
  check(ctx) {
    const findings: RuleFinding[] = [];
    const goreleaserBuilds = new Map<string, BuildConfig[]>();
    // Without import "C" in what it builds, a cross build with cgo on usually needs no C compiler
    // (runtime/cgo is only linked in when something uses it), so only such builds are reported.
    if (ctx.workspace.cgoFiles.length === 0) return findings;
    const index = packageIndex(ctx.workspace);
    const cgoFilesBuilt = (config: BuildConfig, goos: string | undefined, goarch: string | undefined): string[] => {
      const tags = (config.tags?.value ?? '').split(/[\s,]+/).filter(Boolean);
      const view = targetPackagesFor(index, { ...(goos ? { goos } : {}), ...(goarch ? { goarch } : {}), tags, cgo: true });
      return memoOnIndex(index, `cgoCode\u0000${goos}|${goarch}|${[...new Set(tags)].sort().join(',')}\u0000${config.dir}\u0000${config.packages.join('\u0000')}`, () => {
        const out: string[] = [];
        for (const d of view.closure(resolvePatterns(index, config.dir, config.packages))) for (const f of view.view(d).built) if (f.importC) out.push(f.path);
        return out;
      });
    };
    for (const config of ctx.workspace.buildConfigs ?? []) {
      if (!builds(config)) continue;
      const cgo = config.env.CGO_ENABLED;
      if (cgo?.value !== '1' || config.env.CC) continue;
      if (config.tool === 'goreleaser') {
        const k = `${config.file}|${config.range.start.line}:${config.range.start.character}`;
        goreleaserBuilds.set(k, [...(goreleaserBuilds.get(k) ?? []), config]);
        continue;
      }
      findings.push(
        ...perConfig(ctx, cgoWithoutCc, config, () => {
          const host = hostOf(ctx, config);
          const target = targetOf(config, host);
          if (!host || !target.goos || !target.goarch) return [];
          if (foreign(target.goos, target.goarch, host) !== true) return [];
          const cgoCode = cgoFilesBuilt(config, target.goos, target.goarch);
          if (cgoCode.length === 0) return [];
          const fixes: Fix[] = [{ kind: 'text', title: 'Name a C cross compiler', text: `Set CC (and CXX) to a C compiler that targets ${target.goos}/${target.goarch}, or run this build on a ${target.goos}/${target.goarch} machine.` }];
          return [
            {
              message: `${capitalize(config.label)} has cgo on for ${target.goos}/${target.goarch} and builds C code (${cgoCode.slice(0, 2).join(', ')}${cgoCode.length > 2 ? ', …' : ''}) but sets no CC, ${defaultCompilerWords(target.goos, target.goarch, host)}.`,
              evidence: [configEvidence(config), ...cgoCode.slice(0, 3).map((p) => ({ kind: 'note' as const, text: `import "C" in ${p}` }))],
              location: { file: cgo.file, range: cgo.range },
              fixes,
            },
          ];
        }),
      );
    }
    for (const configs of goreleaserBuilds.values()) {
      const withC = configs.filter((c) => cgoFilesBuilt(c, c.env.GOOS?.value, c.env.GOARCH?.value).length > 0);
      const oses = [...new Set(withC.map((c) => c.env.GOOS?.value).filter((v): v is string => v !== undefined))];
      if (oses.length < 2) continue;
      const first = configs[0]!;
      const cgo = first.env.CGO_ENABLED!;
      findings.push({
        message: `goreleaser ${first.label.replace(/^goreleaser /, '').replace(/ \(target.*$/, '')} builds with CGO_ENABLED=1 for ${oses.join(', ')} and sets no CC: whatever machine runs goreleaser, at most one of these is its own platform, and the others fail without a C cross compiler (set CC per target with \`overrides\`, or build each OS on its own runner).`,
        evidence: configs.slice(0, 8).map(configEvidence),
        location: { file: cgo.file, range: cgo.range },
        fixes: [{ kind: 'text', title: 'Give each target a C compiler', text: 'Use goreleaser `overrides` (goos/goarch + env: [CC=…]) to set a cross compiler per target, or split the build by OS across runners (goreleaser --split).' }],
      });
    }
    return dedupeFindings(cgoWithoutCc, findings);
  },
};
