import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { brokenPort } from '../../../../src/core/rules/cross/broken-port.js';
import { cgoWithoutCc } from '../../../../src/core/rules/cross/cgo-without-cc.js';
import { externalLinkWithoutCgo } from '../../../../src/core/rules/cross/external-link-without-cgo.js';
import { needsCgo } from '../../../../src/core/rules/cross/needs-cgo.js';
import { unknownGoarch } from '../../../../src/core/rules/cross/unknown-goarch.js';
import { unknownGoos } from '../../../../src/core/rules/cross/unknown-goos.js';
import { unsupportedPair } from '../../../../src/core/rules/cross/unsupported-pair.js';
import { wasmExecPath } from '../../../../src/core/rules/cross/wasm-exec-path.js';
import { applyEdits, editFix, FIXTURES, run, textAt, where } from './harness.js';

const read = (fixture: string, file: string) => readFileSync(join(FIXTURES, fixture, file), 'utf8');

describe('cross/unknown-goos', () => {
  it('flags GOOS=visionos at its Makefile definition, says no Go release has the port and quotes the go build error', async () => {
    const found = await run(unknownGoos, 'visionos-make');
    const vision = found.find((f) => f.message.includes('visionos'));
    assert.ok(vision, JSON.stringify(found.map((f) => f.message)));
    assert.equal(where(vision), 'Makefile:3:9');
    assert.equal(textAt(read('visionos-make', 'Makefile'), vision.location!.range), 'visionos');
    assert.equal(vision.severity, 'error');
    assert.match(vision.message, /no Go release has a visionOS port/);
    assert.match(vision.message, /go: unsupported GOOS\/GOARCH pair visionos\/arm64/);
    // Suggestions are offered, never as equivalent or preferred.
    assert.ok(vision.fixes.length >= 2);
    assert.ok(vision.fixes.every((f) => !(f.kind === 'edit' && f.preferred)));
    assert.ok(vision.fixes.some((f) => /not equivalent/.test(f.title) && /ios/.test(f.title)));
  });

  it('offers darwin for macos as the preferred, exact replacement', async () => {
    const found = await run(unknownGoos, 'visionos-make');
    const mac = found.find((f) => f.message.includes('GOOS=macos'))!;
    assert.equal(where(mac), 'Makefile:12:7');
    const fix = editFix(mac, /darwin/);
    assert.equal(fix.preferred, true);
    const fixed = applyEdits(read('visionos-make', 'Makefile'), fix.edits);
    assert.match(fixed, /\tGOOS=darwin go build -o bin\/app-mac \./);
  });

  it('follows for-loop values in a shell script to the word in the loop', async () => {
    const found = await run(unknownGoos, 'cross-script');
    const vision = found.find((f) => f.message.includes('visionos'))!;
    assert.equal(where(vision), 'build.sh:6:24');
    assert.equal(textAt(read('cross-script', 'build.sh'), vision.location!.range), 'visionos');
  });

  it('reads extension-less scripts only with a shell shebang (env NAME=value prefixes included)', async () => {
    const found = await run(unknownGoos, 'cross-script');
    assert.ok(found.some((f) => where(f) === 'release:3:10' && /win32/.test(f.message)));
    assert.ok(!found.some((f) => where(f).startsWith('NOTES')), 'a text file without a shebang is not a script');
  });

  it('does not check a GOOS only known at run time, and checks against the matrix value of a workflow', async () => {
    const script = await run(unknownGoos, 'cross-script');
    assert.ok(!script.some((f) => /uname/.test(f.message)));
    const wf = await run(unknownGoos, 'workflow-matrix');
    assert.equal(wf.length, 1);
    assert.equal(where(wf[0]!), '.github/workflows/build.yml:12:32');
    assert.match(wf[0]!.message, /Go 1\.23 \(actions\/setup-go\)/);
  });

  it('reports a goreleaser explicit target and a Dockerfile ENV', async () => {
    const gr = await run(unknownGoos, 'goreleaser-anchors');
    assert.deepEqual(gr.map(where), ['.goreleaser.yaml:32:9']);
    const docker = await run(unknownGoos, 'dockerfile');
    assert.deepEqual(docker.map(where), ['Dockerfile:11:10']);
  });

  it('is silent on a clean workspace and without a Go it still knows visionos is no port of any release', async () => {
    assert.deepEqual(await run(unknownGoos, 'clean'), []);
    const noGo = await run(unknownGoos, 'visionos-make', {});
    assert.ok(noGo.some((f) => /any Go release from 1\.21 to 1\.27/.test(f.message)));
  });
});

describe('cross/unknown-goarch', () => {
  it('flags x86_64 with amd64 as the preferred fix', async () => {
    const found = await run(unknownGoarch, 'visionos-make');
    assert.equal(found.length, 1);
    assert.equal(where(found[0]!), 'Makefile:15:20');
    assert.match(found[0]!.message, /linux\/x86_64/);
    assert.equal(editFix(found[0]!, /amd64/).preferred, true);
  });
  it('is silent when every GOARCH is real', async () => {
    assert.deepEqual(await run(unknownGoarch, 'cross-script'), []);
    assert.deepEqual(await run(unknownGoarch, 'clean'), []);
  });
});

describe('cross/unsupported-pair', () => {
  it('flags darwin/386 and windows/arm (removed in Go 1.26) for go1.27', async () => {
    const found = await run(unsupportedPair, 'cross-script');
    assert.deepEqual(found.map(where).sort(), ['build.sh:13:20', 'build.sh:16:24']);
    const winarm = found.find((f) => /windows\/arm /.test(f.message))!;
    assert.match(winarm.message, /removed in Go 1\.26/);
    assert.equal(textAt(read('cross-script', 'build.sh'), winarm.location!.range), 'arm');
  });
  it('does not flag windows/arm for go1.24 (a broken port there, not an unsupported one)', async () => {
    const found = await run(unsupportedPair, 'cross-script', { go: '1.24.4' });
    assert.deepEqual(found.map(where), ['build.sh:13:20']);
  });
  it('treats goreleaser product pairs as "not built" info, explicit targets as errors', async () => {
    const found = await run(unsupportedPair, 'goreleaser-anchors');
    const infos = found.filter((f) => f.severity === 'info');
    assert.ok(infos.length >= 1 && infos.every((f) => /will not be built/.test(f.message)));
    assert.ok(!found.some((f) => /darwin\/386/.test(f.message)), 'darwin/386 of the default-style product is skipped silently by goreleaser');
    const errors = found.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map(where), ['.goreleaser.yaml:31:17']);
  });
  it('follows matrix include entries (darwin/386 of a workflow matrix)', async () => {
    const found = await run(unsupportedPair, 'workflow-matrix');
    assert.deepEqual(found.map(where), ['.github/workflows/build.yml:19:22']);
  });
  it('is silent on a clean workspace', async () => {
    assert.deepEqual(await run(unsupportedPair, 'clean'), []);
  });
});

describe('cross/broken-port', () => {
  it('flags windows/arm as broken on go1.24, not on go1.27 (where it is unsupported instead)', async () => {
    const on124 = await run(brokenPort, 'cross-script', { go: '1.24.4' });
    assert.deepEqual(on124.map(where), ['build.sh:16:24']);
    assert.match(on124[0]!.message, /broken port of go1\.24\.4/);
    assert.deepEqual(await run(brokenPort, 'cross-script', { go: '1.27.3' }), []);
  });
});

describe('cross/needs-cgo', () => {
  it('flags iOS/Android builds with cgo unset (warning) or 0 (error), quoting the real errors', async () => {
    const found = await run(needsCgo, 'ios-cgo');
    const byWhere = new Map(found.map((f) => [where(f), f]));
    assert.deepEqual([...byWhere.keys()].sort(), ['Makefile:10:7', 'Makefile:4:7', 'Makefile:7:14']);
    const device = byWhere.get('Makefile:4:7')!;
    assert.equal(device.severity, 'warning');
    assert.match(device.message, /ios\/arm64 requires external \(cgo\) linking, but cgo is not enabled/);
    assert.match(device.message, /cross build defaults cgo to off/);
    const sim = byWhere.get('Makefile:7:14')!;
    assert.equal(sim.severity, 'error');
    assert.match(sim.message, /default PIE binary requires external \(cgo\) linking/);
    assert.match(byWhere.get('Makefile:10:7')!.message, /android\/arm requires external/);
  });

  it('fixes a Makefile command with CGO_ENABLED=1 and CC=$$(go env GOROOT)/misc/ios/clangwrap.sh', async () => {
    const found = await run(needsCgo, 'ios-cgo');
    const makefile = read('ios-cgo', 'Makefile');
    const sim = found.find((f) => where(f) === 'Makefile:7:14')!;
    const fix = editFix(sim, /clangwrap/);
    assert.equal(fix.preferred, true, 'ios/amd64 is a simulator target, so the wrapper is right');
    assert.match(applyEdits(makefile, fix.edits), /\tCC=\$\$\(go env GOROOT\)\/misc\/ios\/clangwrap\.sh CGO_ENABLED=1 GOOS=ios GOARCH=amd64 go build/);
    const device = found.find((f) => where(f) === 'Makefile:4:7')!;
    const dfix = editFix(device, /clangwrap/);
    assert.notEqual(dfix.preferred, true, 'since Go 1.23 the wrapper targets the simulator: not unambiguous for a device');
    assert.match(dfix.title, /simulator/);
    assert.match(applyEdits(makefile, dfix.edits), /\tCGO_ENABLED=1 CC=\$\$\(go env GOROOT\)\/misc\/ios\/clangwrap\.sh GOOS=ios GOARCH=arm64 \$\(GO\) build/);
  });

  it('is silent for android/arm64, for a complete iOS command, for a library package, and on a clean workspace', async () => {
    const found = await run(needsCgo, 'ios-cgo');
    assert.ok(!found.some((f) => /android\/arm64/.test(f.message)));
    assert.ok(!found.some((f) => /ios-lib/.test(f.message)), 'building a library does not link');
    assert.ok(!found.some((f) => where(f).startsWith('Makefile:16')));
    assert.deepEqual(await run(needsCgo, 'clean'), []);
  });

  it('quotes the Go 1.21 link-time failure instead when the active Go is 1.21', async () => {
    const found = await run(needsCgo, 'ios-cgo', { go: '1.21.13' });
    assert.match(found.find((f) => where(f) === 'Makefile:4:7')!.message, /loadinternal: cannot find runtime\/cgo/);
  });

  it('in a workflow, points at the workflow-level CGO_ENABLED: "0" and inserts the fix on the run line', async () => {
    const found = await run(needsCgo, 'workflow-matrix');
    assert.equal(found.length, 1);
    assert.equal(where(found[0]!), '.github/workflows/build.yml:5:17');
    const fixed = applyEdits(read('workflow-matrix', '.github/workflows/build.yml'), editFix(found[0]!, /CGO_ENABLED=1/).edits);
    assert.match(fixed, /- run: CGO_ENABLED=1 CC=\$\(go env GOROOT\)\/misc\/ios\/clangwrap\.sh GOOS=ios GOARCH=arm64 go build/);
  });

  it('does not report goreleaser product pairs goreleaser skips (ios/amd64 is not a goreleaser target)', async () => {
    assert.deepEqual(await run(needsCgo, 'goreleaser-anchors'), []);
  });
});

describe('cross/cgo-without-cc', () => {
  it('flags cgo on with C code for linux/arm64 and windows from a linux/amd64 machine without CC', async () => {
    const found = await run(cgoWithoutCc, 'cgo-cross');
    assert.deepEqual(found.map(where).sort(), ['Makefile:2:14', 'Makefile:8:14']);
    assert.match(found[0]!.message, /builds C code \(main\.go\)/);
  });
  it('is silent with CC, for a pure-Go package, for a native build, and on another linux/arm64 machine', async () => {
    const found = await run(cgoWithoutCc, 'cgo-cross');
    assert.ok(!found.some((f) => /line (5|12|15)/.test(f.message)));
    assert.deepEqual((await run(cgoWithoutCc, 'cgo-cross', { go: '1.27.3', hostOs: 'linux', hostArch: 'arm64' })).map(where), ['Makefile:8:14']);
    assert.deepEqual(await run(cgoWithoutCc, 'ios-cgo'), [], 'no C code in that workspace');
  });
  it('reports a goreleaser build with cgo on, C code, several OSes and no CC once', async () => {
    const found = await run(cgoWithoutCc, 'goreleaser-anchors');
    assert.equal(found.length, 1);
    assert.equal(where(found[0]!), '.goreleaser.yaml:5:19', 'the CGO_ENABLED=1 of the YAML anchor the build merges in');
    assert.match(found[0]!.message, /linux, darwin, windows/);
  });
});

describe('cross/external-link-without-cgo', () => {
  it('flags -buildmode=plugin with CGO_ENABLED=0 and -linkmode=external in a cross build', async () => {
    const found = await run(externalLinkWithoutCgo, 'ios-cgo');
    assert.deepEqual(found.map(where).sort(), ['Makefile:19:36', 'Makefile:22:45']);
    const plugin = found.find((f) => /plugin/.test(f.message))!;
    assert.match(plugin.message, /-buildmode=plugin requires external \(cgo\) linking, but cgo is not enabled/);
    const ext = found.find((f) => /linkmode/.test(f.message))!;
    assert.match(ext.message, /cross build \(darwin\/arm64\)/);
    assert.ok(ext.fixes.every((f) => f.kind !== 'edit' || !f.preferred), 'CGO_ENABLED=0 is often deliberate: nothing preferred');
    const drop = applyEdits(read('ios-cgo', 'Makefile'), editFix(ext, /Drop/).edits);
    assert.match(drop, /go build -ldflags= -o bin\/app \./);
  });
  it('is silent for builds that do not link (library packages)', async () => {
    const found = await run(externalLinkWithoutCgo, 'ios-cgo');
    assert.ok(!found.some((f) => /lib-external/.test(f.message)), found.map((f) => f.message).join('\n'));
  });
  it('is silent for a native build with cgo unset (the default is on)', async () => {
    const found = await run(externalLinkWithoutCgo, 'ios-cgo', { go: '1.27.3', hostOs: 'darwin', hostArch: 'arm64' });
    assert.deepEqual(found.map(where), ['Makefile:19:36']);
  });
});

describe('cross/wasm-exec-path', () => {
  it('flags misc/wasm on Go ≥ 1.24 with a preferred fix to lib/wasm', async () => {
    const found = await run(wasmExecPath, 'wasm-paths');
    assert.deepEqual(found.map(where), ['Makefile:3:24', 'Makefile:6:26']);
    const fixed = applyEdits(read('wasm-paths', 'Makefile'), editFix(found[0]!, /lib\/wasm/).edits);
    assert.match(fixed, /cp "\$\$\(go env GOROOT\)\/lib\/wasm\/wasm_exec\.js" web\//);
  });
  it('accepts misc/wasm on Go 1.23 and leaves a lib/misc fallback alone', async () => {
    assert.deepEqual(await run(wasmExecPath, 'wasm-paths', { go: '1.23.5' }), []);
  });
  it('uses the Go a workflow job pins (lib/wasm with setup-go 1.23 is wrong)', async () => {
    const found = await run(wasmExecPath, 'workflow-matrix');
    assert.deepEqual(found.map(where), ['.github/workflows/build.yml:32:35']);
    assert.match(found[0]!.message, /Go 1\.23/);
  });
  it('uses the golang image of a Dockerfile stage', async () => {
    const found = await run(wasmExecPath, 'dockerfile', { go: '1.21.13' });
    assert.deepEqual(found.map(where), ['Dockerfile:15:26']);
    assert.match(found[0]!.message, /Go 1\.24 \(the golang image\)/);
  });
  it('is silent on a clean workspace', async () => {
    assert.deepEqual(await run(wasmExecPath, 'clean'), []);
  });
});
