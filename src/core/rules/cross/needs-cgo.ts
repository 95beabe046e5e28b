import type { Fix, Severity, TextEdit } from '../../finding.js';
import type { Rule, RuleContext, RuleFinding } from '../../rule.js';
import type { BuildConfig } from '../../workspace/build-config.js';
import { envInsertionEdit, gorootExpression } from '../../workspace/env-edit.js';
import { namedPackageLeftEmpty } from '../cgo/disabled-with-c-imports.js';
import { cgoMeantOn, cgoMeantOnNote } from './cgo-intent.js';
import { builds, capitalize, cgoStateOf, configEvidence, dedupeFindings, hostOf, linksBinary, perConfig, releaseOf, setForConfig, targetOf } from './target.js';

/** Ports that must link externally (internal/platform.MustLinkExternal, facts §1.3). */
function needsExternalLinking(goos: string, goarch: string): boolean {
  return (goos === 'ios' && (goarch === 'arm64' || goarch === 'amd64')) || (goos === 'android' && (goarch === '386' || goarch === 'amd64' || goarch === 'arm'));
}

/** The exact error cmd/go prints (Go 1.22+), facts §1.3 / data/crossbuild.txt. */
function goError(goos: string, goarch: string): string {
  if (goos === 'ios' && goarch === 'amd64') return 'default PIE binary requires external (cgo) linking, but cgo is not enabled';
  return `${goos}/${goarch} requires external (cgo) linking, but cgo is not enabled`;
}

export const needsCgo: Rule = {
  id: 'cross/needs-cgo',
  reads: 'files+machine-if-probed',
  defaultSeverity: 'error',
  summary: 'An iOS or Android (386/amd64/arm) build with cgo off or unset: these ports must link with cgo.',
  docs: `**What:** a build that links a binary (a \`main\` package, a test, a goreleaser target) for \`ios/arm64\`,
\`ios/amd64\`, \`android/386\`, \`android/amd64\` or \`android/arm\` whose \`CGO_ENABLED\` is 0 or not
set. Building library packages does not link, and works without cgo.

**Why it matters:** these ports must link externally, through the C toolchain (internal/platform
MustLinkExternal; ios/amd64 because it defaults to PIE). A cross build **defaults cgo to off**
(GOOS/GOARCH differ from the go binary's own), so "iOS disables cgo by default" is true and useless:
the build fails. Go 1.22+ stops before building with, e.g.:

    ios/arm64 requires external (cgo) linking, but cgo is not enabled
    default PIE binary requires external (cgo) linking, but cgo is not enabled      (ios/amd64)
    android/arm requires external (cgo) linking, but cgo is not enabled

Go 1.21 fails later, at link time (\`loadinternal: cannot find runtime/cgo\`, then the C linker) —
except android/amd64, which it links with the host's C compiler without failing: on a Linux host
the result is a glibc executable (interpreter /lib64/ld-linux-x86-64.so.2) that will not run on
Android (a warning). android/arm64 links internally and is not affected.

**Certainty:** an error only when \`CGO_ENABLED=0\` is written for the command; unset (the
cross-build default, which whoever runs the command may override) is a warning, and info when the
command sets \`CC\` — it is evidently written for cgo, and a CC alone does not turn cgo on in a
cross build (verified with go1.21, go1.24 and go1.27), so its caller must export CGO_ENABLED=1. A
command whose named package (or files) cgo off leaves empty is left to cgo/disabled-with-c-imports:
Go stops at \`build constraints exclude all Go files\` / \`go: no Go source files\` first.

**Fix:** \`CGO_ENABLED=1\` plus a \`CC\` for the target. For iOS that is
\`CC=$(go env GOROOT)/misc/ios/clangwrap.sh\` (misc/ios/README; needs Xcode with the iOS SDKs, so a
Mac). **Since Go 1.23 that wrapper targets the iOS simulator** (SDK iphonesimulator) even for arm64:
for a device build, edit SDK/PLATFORM in a copy of it — which is why the fix is only marked
preferred for ios/amd64 and for Go ≤ 1.22. For Android, CC must be the NDK's clang for the target.

**Facts:** \`MustLinkExternal\` in [src/internal/platform/supported.go](https://github.com/golang/go/blob/go1.24.4/src/internal/platform/supported.go),
the cross-build cgo default ([knowledge/cgo.md](knowledge/cgo.md)), the exact errors per release and the iOS
[clangwrap.sh](https://github.com/golang/go/blob/go1.24.4/misc/ios/clangwrap.sh) change: [knowledge/ports.md](knowledge/ports.md#ports-that-must-link-externally-cgo).
test/toolchain/workspace/cross-claims.test.ts builds ios/arm64 and ios/amd64 without cgo with Go
1.24 and 1.27 and checks the quoted errors.`,
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const config of ctx.workspace.buildConfigs ?? []) findings.push(...perConfig(ctx, needsCgo, config, () => checkConfig(ctx, config)));
    return dedupeFindings(needsCgo, findings);
  },
};

function checkConfig(ctx: RuleContext, config: BuildConfig): RuleFinding[] {
  const findings: RuleFinding[] = [];
  if (!builds(config)) return [];
  const host = hostOf(ctx, config);
  const target = targetOf(config, host);
  if (!target.goos || !target.goarch || !needsExternalLinking(target.goos, target.goarch)) return [];
  // Only a link needs cgo: building library packages for iOS works without it.
  if (linksBinary(ctx, config) !== true) return [];
  // cgo off leaves the named package with no files: Go stops at that first (cgo/disabled-with-c-imports).
  if (namedPackageLeftEmpty(ctx, config)) return [];
  const cgo = cgoStateOf(config, target, host);
  const explicitOff = cgo.state === 'off' && cgo.explicit;
  const unset = !config.env.CGO_ENABLED;
  if (!explicitOff && !unset) return [];
  const release = releaseOf(ctx, config);
  const pair = `${target.goos}/${target.goarch}`;
  const old = release?.minor !== undefined && release.minor <= 21;
  let severity: Severity = explicitOff ? 'error' : 'warning';
  let failure: string;
  if (old && pair === 'android/amd64') {
    failure = `${release.label} does not fail: it prints \`loadinternal: cannot find runtime/cgo\` and links with the host's C compiler, which makes no Android binary (on a Linux host, a glibc executable with interpreter /lib64/ld-linux-x86-64.so.2 that will not run on Android); Go 1.22 and later refuse with \`${goError(target.goos, target.goarch)}\``;
    severity = 'warning';
  } else if (old) {
    failure = `${release.label} fails at link time (\`loadinternal: cannot find runtime/cgo\`, then the C linker fails); Go 1.22 and later stop before building with \`${goError(target.goos, target.goarch)}\``;
  } else {
    failure = `\`go build\` fails with \`${goError(target.goos, target.goarch)}\``;
  }
  const why = explicitOff ? 'CGO_ENABLED=0' : 'CGO_ENABLED is not set, and a cross build defaults cgo to off';
  const meantOn = cgoMeantOn(config);
  if (meantOn) severity = 'info';
  const unsetNote = meantOn ? ` (${cgoMeantOnNote(meantOn)}, this fails)` : unset ? ' (unless whatever runs it exports CGO_ENABLED=1)' : '';
  const ios = target.goos === 'ios';
  const message = `${pair} must link externally through cgo, but ${why}${unsetNote}: ${failure}. ${capitalize(config.label)} needs CGO_ENABLED=1${config.env.CC ? '' : ` and a CC for ${pair}`}.`;

  const fixes: Fix[] = [];
  const edits: TextEdit[] = [];
  const cgoSetting = config.env.CGO_ENABLED;
  const set = setForConfig(config, 'CGO_ENABLED', '1');
  if (set?.replace) edits.push(set.replace);
  const pairs: [string, string][] = [];
  if (set?.insertPair) pairs.push(set.insertPair);
  const goroot = gorootExpression(config.insertion);
  const needsCc = !config.env.CC;
  if (ios && needsCc && goroot) pairs.push(['CC', `${goroot}/misc/ios/clangwrap.sh`]);
  if (pairs.length > 0 && config.insertion) edits.push(envInsertionEdit(config.insertion, pairs));
  const cgoFixed = set !== undefined;
  const simulatorOnly = ios && (release?.minor === undefined || release.minor >= 23);
  const wrapperNote = ios ? (simulatorOnly ? ' (since Go 1.23 clangwrap.sh builds for the iOS simulator; edit SDK/PLATFORM in a copy for a device)' : '') : '';
  if (cgoFixed) {
    const withCc = ios && needsCc && goroot !== undefined;
    const complete = !needsCc || withCc;
    fixes.push({
      kind: 'edit',
      title: withCc ? `Set CGO_ENABLED=1 and CC=${goroot}/misc/ios/clangwrap.sh on this build${wrapperNote}` : 'Set CGO_ENABLED=1 on this build',
      edits,
      ...(complete && (!ios || target.goarch === 'amd64' || !simulatorOnly) ? { preferred: true } : {}),
    });
  }
  if (ios) {
    fixes.push({
      kind: 'text',
      title: 'Build for iOS with cgo and the iOS clang wrapper',
      text: `CGO_ENABLED=1 GOOS=ios GOARCH=${target.goarch} CC=$(go env GOROOT)/misc/ios/clangwrap.sh go build — needs macOS with Xcode and its iOS SDKs (the wrapper runs xcrun).${simulatorOnly ? ' Since Go 1.23 the wrapper targets the iOS simulator; for a device, copy it and set SDK=iphoneos and PLATFORM=ios.' : ''}${host?.goos && host.goos !== 'darwin' ? ` This build runs on ${host.goos} (${host.from}), where there is no Xcode.` : ''}`,
    });
  } else {
    fixes.push({ kind: 'text', title: 'Use the Android NDK compiler', text: `Set CGO_ENABLED=1 and CC to the Android NDK's clang for ${pair} and your minimum API level.` });
  }
  const anchor = explicitOff && cgoSetting ? cgoSetting : (target.goosSetting ?? target.goarchSetting);
  findings.push({
    severity,
    message,
    evidence: [configEvidence(config), { kind: 'note', text: 'internal/platform.MustLinkExternal: always for ios/arm64 and android except arm64; ios/amd64 defaults to PIE, which also links externally.' }],
    location: anchor ? { file: anchor.file, range: anchor.range } : { file: config.file, range: config.range },
    fixes,
  });
  return findings;
}
