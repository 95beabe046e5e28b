/**
 * The workspace rules' claims, checked against the real toolchains: each test runs go1.21/1.24/1.27
 * and compares what Go really prints with what the rule says.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { needsCgo } from '../../../src/core/rules/cross/needs-cgo.js';
import { unknownGoos } from '../../../src/core/rules/cross/unknown-goos.js';
import { run } from '../../unit/rules/workspace/harness.js';
import { CGO_HELLO, go, HELLO, missingToolchains, module, TOOLCHAINS, VERSIONS, type Minor } from './toolchains.js';

const skip = missingToolchains();
const dirs: string[] = [];
const mod = (files: Record<string, string>) => {
  const d = module(files);
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('cross/unknown-goos: GOOS=visionos', { skip }, () => {
  for (const v of VERSIONS) {
    it(`go${v} build fails with "go: unsupported GOOS/GOARCH pair visionos/arm64" (exit 2), while go env accepts it`, async () => {
      const dir = mod(HELLO);
      const r = await go(v, dir, ['build', '-o', join(dir, 'out'), '.'], { GOOS: 'visionos', GOARCH: 'arm64' });
      assert.equal(r.exitCode, 2);
      assert.equal(r.stderr.trim(), 'go: unsupported GOOS/GOARCH pair visionos/arm64');
      const env = await go(v, dir, ['env', 'GOOS'], { GOOS: 'visionos' });
      assert.equal(env.stdout.trim(), 'visionos');
    });
  }
  it('the rule quotes exactly that message', async () => {
    const dir = mod(HELLO);
    const real = await go('1.27', dir, ['build', '.'], { GOOS: 'visionos', GOARCH: 'arm64' });
    const [finding] = (await run(unknownGoos, 'visionos-make')).filter((f) => /visionos/.test(f.message));
    assert.ok(finding?.message.includes(real.stderr.trim()), `${finding?.message} should quote ${real.stderr}`);
  });
});

describe('cross/needs-cgo: iOS without cgo', { skip }, () => {
  for (const v of ['1.24', '1.27'] as Minor[]) {
    it(`go${v}: ios/arm64 and ios/amd64 fail with the errors the rule quotes`, async () => {
      const dir = mod(HELLO);
      const arm = await go(v, dir, ['build', '.'], { GOOS: 'ios', GOARCH: 'arm64' });
      assert.notEqual(arm.exitCode, 0);
      assert.match(arm.stderr, /^ios\/arm64 requires external \(cgo\) linking, but cgo is not enabled$/m);
      const amd = await go(v, dir, ['build', '.'], { GOOS: 'ios', GOARCH: 'amd64', CGO_ENABLED: '0' });
      assert.notEqual(amd.exitCode, 0);
      assert.match(amd.stderr, /^default PIE binary requires external \(cgo\) linking, but cgo is not enabled$/m);
      const cgoEnv = await go(v, dir, ['env', 'CGO_ENABLED'], { GOOS: 'ios', GOARCH: 'arm64' });
      assert.equal(cgoEnv.stdout.trim(), '0', 'a cross build defaults cgo off');
      const findings = await run(needsCgo, 'ios-cgo', { go: `${v}.0` });
      const messages = findings.map((f) => f.message).join('\n');
      assert.ok(messages.includes(arm.stderr.split('\n').find((l) => l.includes('requires external'))!));
      assert.ok(messages.includes(amd.stderr.split('\n').find((l) => l.includes('requires external'))!));
    });
  }
  it('go1.21 fails at link time with loadinternal: cannot find runtime/cgo', async () => {
    const dir = mod(HELLO);
    const r = await go('1.21', dir, ['build', '-o', join(dir, 'out'), '.'], { GOOS: 'ios', GOARCH: 'arm64' });
    assert.notEqual(r.exitCode, 0);
    assert.match(r.stderr, /loadinternal: cannot find runtime\/cgo/);
  });
  it('building a library package (no link) for ios/arm64 works without cgo, so only linking builds are reported', async () => {
    const dir = mod({ 'lib/lib.go': 'package lib\n\nfunc F() int { return 1 }\n' });
    for (const v of VERSIONS) {
      const r = await go(v, dir, ['build', './lib'], { GOOS: 'ios', GOARCH: 'arm64' });
      assert.equal(r.exitCode, 0, `go${v}: ${r.stderr}`);
    }
  });
  it('android/arm64 links without cgo (not reported), android/arm does not', async () => {
    const dir = mod(HELLO);
    const ok = await go('1.27', dir, ['build', '-o', join(dir, 'out'), '.'], { GOOS: 'android', GOARCH: 'arm64', CGO_ENABLED: '0' });
    assert.equal(ok.exitCode, 0, ok.stderr);
    const bad = await go('1.27', dir, ['build', '-o', join(dir, 'out'), '.'], { GOOS: 'android', GOARCH: 'arm', CGO_ENABLED: '0' });
    assert.match(bad.stderr, /android\/arm requires external \(cgo\) linking, but cgo is not enabled/);
  });
});

describe('cross/unsupported-pair and cross/broken-port', { skip }, () => {
  it('darwin/386 is unsupported on every version; windows/arm builds on 1.24 (broken) and is unsupported on 1.27', async () => {
    const dir = mod(HELLO);
    for (const v of VERSIONS) {
      const r = await go(v, dir, ['build', '-o', join(dir, 'out'), '.'], { GOOS: 'darwin', GOARCH: '386' });
      assert.equal(r.stderr.trim(), 'go: unsupported GOOS/GOARCH pair darwin/386');
    }
    const on124 = await go('1.24', dir, ['build', '-o', join(dir, 'out.exe'), '.'], { GOOS: 'windows', GOARCH: 'arm' });
    assert.equal(on124.exitCode, 0, on124.stderr);
    const broken = await go('1.24', dir, ['tool', 'dist', 'list']);
    assert.ok(!broken.stdout.split('\n').includes('windows/arm'), 'not in the default (non-broken) list');
    const on127 = await go('1.27', dir, ['build', '-o', join(dir, 'out.exe'), '.'], { GOOS: 'windows', GOARCH: 'arm' });
    assert.equal(on127.stderr.trim(), 'go: unsupported GOOS/GOARCH pair windows/arm');
  });
});

describe('cross/cgo-without-cc', { skip }, () => {
  it('cgo on for a foreign target with no CC fails on linux/amd64 (linux/arm64, windows/amd64, darwin/arm64)', async () => {
    const dir = mod(CGO_HELLO);
    for (const [goos, goarch] of [['linux', 'arm64'], ['windows', 'amd64'], ['darwin', 'arm64']] as const) {
      const r = await go('1.27', dir, ['build', '-o', join(dir, 'out'), '.'], { GOOS: goos, GOARCH: goarch, CGO_ENABLED: '1' });
      assert.notEqual(r.exitCode, 0, `${goos}/${goarch} built without a cross C compiler`);
      assert.match(r.stderr, /runtime\/cgo|C compiler/);
    }
  });
});

describe('cross/cgo-without-cc: scope', { skip }, () => {
  it('a pure-Go program cross-builds with CGO_ENABLED=1 and no CC (so it is not reported)', async () => {
    const dir = mod(HELLO);
    const r = await go('1.27', dir, ['build', '-o', join(dir, 'out'), '.'], { GOOS: 'linux', GOARCH: 'arm64', CGO_ENABLED: '1' });
    assert.equal(r.exitCode, 0, r.stderr);
  });
});

describe('cross/external-link-without-cgo', { skip }, () => {
  for (const v of ['1.24', '1.27'] as Minor[]) {
    it(`go${v}: -linkmode=external, c-shared and plugin with CGO_ENABLED=0 fail with the quoted errors; c-archive only warns`, async () => {
      const dir = mod(HELLO);
      const out = join(dir, 'out');
      const ext = await go(v, dir, ['build', '-o', out, '-ldflags=-linkmode=external', '.'], { CGO_ENABLED: '0' });
      assert.match(ext.stderr, /^-linkmode=external requires external \(cgo\) linking, but cgo is not enabled$/m);
      for (const mode of ['c-shared', 'plugin']) {
        const r = await go(v, dir, ['build', '-o', out, `-buildmode=${mode}`, '.'], { CGO_ENABLED: '0' });
        assert.notEqual(r.exitCode, 0);
        assert.match(r.stderr, new RegExp(`^-buildmode=${mode} requires external \\(cgo\\) linking, but cgo is not enabled$`, 'm'));
      }
      const archive = await go(v, dir, ['build', '-o', out, '-buildmode=c-archive', '.'], { CGO_ENABLED: '0' });
      assert.equal(archive.exitCode, 0, archive.stderr);
      assert.match(archive.stderr, /loadinternal: cannot find runtime\/cgo/);
    });
  }
});

describe('cgo/disabled-with-c-imports', { skip }, () => {
  it('an all-cgo package named explicitly fails with "build constraints exclude all Go files"; under ./... it is skipped silently', async () => {
    const dir = mod({ 'c/c.go': 'package c\n\n// int two(void) { return 2; }\nimport "C"\n\nfunc Two() int { return int(C.two()) }\n', 'p/p.go': 'package p\n\nfunc P() {}\n' });
    for (const v of VERSIONS) {
      const explicit = await go(v, dir, ['build', './c'], { CGO_ENABLED: '0' });
      assert.notEqual(explicit.exitCode, 0);
      assert.match(explicit.stderr, /build constraints exclude all Go files in .*\/c$/m);
      const wildcard = await go(v, dir, ['build', './...'], { CGO_ENABLED: '0' });
      assert.equal(wildcard.exitCode, 0, wildcard.stderr);
    }
  });
});

describe('cross/wasm-exec-path', { skip }, () => {
  it('wasm_exec.js is in misc/wasm on 1.21 and in lib/wasm on 1.24 and 1.27 (misc/wasm keeps wasm_exec.html)', () => {
    const root = (v: string) => join(TOOLCHAINS, `go${v}`);
    assert.ok(existsSync(join(root('1.21'), 'misc/wasm/wasm_exec.js')));
    assert.ok(!existsSync(join(root('1.21'), 'lib/wasm/wasm_exec.js')));
    for (const v of ['1.24', '1.27']) {
      assert.ok(existsSync(join(root(v), 'lib/wasm/wasm_exec.js')), `go${v} lib/wasm`);
      assert.ok(existsSync(join(root(v), 'lib/wasm/wasm_exec_node.js')));
      assert.ok(!existsSync(join(root(v), 'misc/wasm/wasm_exec.js')), `go${v} misc/wasm/wasm_exec.js is gone`);
      assert.ok(existsSync(join(root(v), 'misc/wasm/wasm_exec.html')));
    }
  });
});

describe('build/ignored-filename-suffix and build/unknown-os-tag', { skip }, () => {
  for (const v of ['1.21', '1.27'] as Minor[]) {
    it(`go${v} list: _visionos.go and _unix.go are in GoFiles for linux and windows; //go:build visionos is ignored`, async () => {
      const dir = mod({
        'main.go': 'package main\n\nfunc main() {}\n',
        'foo_visionos.go': 'package main\n',
        'foo_unix.go': 'package main\n',
        'foo_macos.go': 'package main\n',
        'tag_visionos.go': '//go:build visionos\n\npackage main\n',
      });
      for (const goos of ['linux', 'windows']) {
        const r = await go(v, dir, ['list', '-f', '{{.GoFiles}} {{.IgnoredGoFiles}}', '.'], { GOOS: goos, GOARCH: 'amd64' });
        assert.equal(r.exitCode, 0, r.stderr);
        const [built, ignored] = r.stdout.split('] [');
        for (const f of ['foo_visionos.go', 'foo_unix.go', 'foo_macos.go']) assert.ok(built?.includes(f), `${f} built for ${goos}: ${r.stdout}`);
        assert.ok(ignored?.includes('tag_visionos.go'), r.stdout);
      }
      const vet = await go(v, dir, ['vet', '.'], { GOOS: 'linux', GOARCH: 'amd64' });
      assert.equal(vet.exitCode, 0, `go vet is silent about //go:build visionos: ${vet.stderr}`);
    });
  }
});

describe('cross/needs-cgo: android/amd64 without cgo, per Go release', { skip }, () => {
  it('go1.21 does not fail: it links a glibc executable (not an Android one), and the rule says so', async () => {
    const dir = mod(HELLO);
    const out = join(dir, 'out');
    const r = await go('1.21', dir, ['build', '-o', out, '.'], { GOOS: 'android', GOARCH: 'amd64', CGO_ENABLED: '0' });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stderr, /^loadinternal: cannot find runtime\/cgo$/m);
    assert.ok(readFileSync(out).includes('/lib64/ld-linux-x86-64.so.2'), 'the interpreter is glibc’s, not Android’s /system/bin/linker64');
    const [f] = await run(needsCgo, 'android-x86', { go: '1.21.13' });
    assert.equal(f?.severity, 'warning');
    assert.ok(f?.message.includes('`loadinternal: cannot find runtime/cgo`') && f.message.includes('/lib64/ld-linux-x86-64.so.2'), f?.message);
  });
  for (const v of ['1.24', '1.27'] as Minor[]) {
    it(`go${v} refuses with the message the rule quotes`, async () => {
      const dir = mod(HELLO);
      const r = await go(v, dir, ['build', '-o', join(dir, 'out'), '.'], { GOOS: 'android', GOARCH: 'amd64', CGO_ENABLED: '0' });
      assert.equal(r.exitCode, 1);
      const [f] = await run(needsCgo, 'android-x86', { go: `${v}.0` });
      assert.equal(f?.severity, 'error');
      assert.ok(f?.message.includes(`\`${r.stderr.trim()}\``), `${f?.message} should quote ${r.stderr}`);
    });
  }
});
