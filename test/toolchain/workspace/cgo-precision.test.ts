/**
 * What Go really does when cgo is off and a workspace has optional or required cgo files
 * (test/testdata/workspaces/cgo-optional, the commands of its Makefile), with go1.21, go1.24 and
 * go1.27 — the facts behind the severities and quotes of cgo/disabled-with-c-imports and
 * cross/external-link-without-cgo (test/unit/rules/workspace/cgo-optional.test.ts).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { disabledWithCImports } from '../../../src/core/rules/cgo/disabled-with-c-imports.js';
import { run } from '../../unit/rules/workspace/harness.js';
import { go, missingToolchains, module, VERSIONS } from './toolchains.js';

const skip = missingToolchains();
const FIXTURE = resolve(__dirname, '../../testdata/workspaces/cgo-optional');
const dirs: string[] = [];
const copy = () => {
  const d = mkdtempSync(join(tmpdir(), 'go-doctor-cgo-opt-'));
  cpSync(FIXTURE, d, { recursive: true });
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const OFF = { CGO_ENABLED: '0' };

describe('cgo off: what `go build` does with optional and required cgo files', { skip }, () => {
  for (const v of VERSIONS) {
    it(`go${v}: \`...\` skips a cgo-only package and builds packages with other files (exit 0, the "wild" target)`, async () => {
      const dir = copy();
      const r = await go(v, dir, ['build', './fb/...', './initonly/...', './cgoonly/...'], OFF);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.match(r.stderr, /"\.\/cgoonly\/\.\.\." matched no packages/, 'only a warning about the skipped package');
      const all = await go(v, dir, ['vet', './fb', './initonly'], OFF);
      assert.equal(all.exitCode, 0, all.stderr);
    });
    it(`go${v}: a named cgo-only package fails with "build constraints exclude all Go files" (the "named" target)`, async () => {
      const dir = copy();
      const r = await go(v, dir, ['build', './cgoonly'], OFF);
      assert.equal(r.exitCode, 1);
      assert.equal(r.stderr, `package example.com/opt/cgoonly: build constraints exclude all Go files in ${dir}/cgoonly`);
    });
    it(`go${v}: an imported cgo-only package fails the importer's build (the "app" target)`, async () => {
      const dir = copy();
      const r = await go(v, dir, ['build', '-o', join(dir, 'bin', 'app'), './cmd/app'], OFF);
      assert.equal(r.exitCode, 1);
      assert.match(r.stderr, new RegExp(`imports example.com/opt/needed: build constraints exclude all Go files in ${dir}/needed$`, 'm'));
    });
    it(`go${v}: file arguments that all import "C" stop at "go: no Go source files", before -buildmode=c-shared is judged (the "files" target)`, async () => {
      const dir = copy();
      const r = await go(v, dir, ['build', '-buildmode=c-shared', '-o', join(dir, 'lib.so'), './shared/a.go'], OFF);
      assert.equal(r.exitCode, 1);
      assert.equal(r.stderr, 'go: no Go source files');
    });
    it(`go${v}: file arguments with an init-only cgo extra build without it (the "tool" target)`, async () => {
      const dir = copy();
      const r = await go(v, dir, ['build', '-o', join(dir, 'bin', 'tool'), './tool/main.go', './tool/version.go', './tool/extra_cgo.go'], OFF);
      assert.equal(r.exitCode, 0, r.stderr);
    });
    it(`go${v}: a non-cgo file that uses what only a cgo file defines fails with "undefined" (why the info says so)`, async () => {
      const dir = module({
        'p/p_cgo.go': 'package p\n\n// static int one(void) { return 1; }\nimport "C"\n\nfunc one() int { return int(C.one()) }\n',
        'p/p.go': 'package p\n\nfunc One() int { return one() }\n',
      });
      dirs.push(dir);
      const r = await go(v, dir, ['build', './p'], OFF);
      assert.equal(r.exitCode, 1);
      assert.match(r.stderr, /p\.go:3:25: undefined: one/);
    });
  }
  it('GOOS=ios with file arguments that all import "C": every release stops at "go: no Go source files", before the link mode (the "iosfiles" target)', async () => {
    const dir = copy();
    for (const v of VERSIONS) {
      const r = await go(v, dir, ['build', '-o', join(dir, 'bin', 'app'), './shared/a.go'], { GOOS: 'ios', GOARCH: 'arm64' });
      assert.equal(r.stderr, 'go: no Go source files', `go${v}`);
      const named = await go(v, dir, ['build', '-o', join(dir, 'bin', 'app'), './shared'], { GOOS: 'ios', GOARCH: 'arm64' });
      assert.equal(named.stderr, `package example.com/opt/shared: build constraints exclude all Go files in ${dir}/shared`, `go${v}`);
    }
  });
  it('a CC does not turn cgo on in a cross build (why a CC without CGO_ENABLED only shows intent, cgo-intent.ts)', async () => {
    const dir = copy();
    for (const v of VERSIONS) {
      const r = await go(v, dir, ['env', 'CGO_ENABLED'], { GOOS: 'android', GOARCH: 'arm', CC: '/nonexistent/armv7a-linux-androideabi21-clang' });
      assert.equal(r.stdout.trim(), '0', `go${v}`);
    }
  });
  it('the rule quotes go1.27 for every failing target', async () => {
    const dir = copy();
    const found = await run(disabledWithCImports, 'cgo-optional', { go: '1.27.3' });
    const named = await go('1.27', dir, ['build', './cgoonly'], OFF);
    const files = await go('1.27', dir, ['build', '-buildmode=c-shared', '-o', join(dir, 'lib.so'), './shared/a.go'], OFF);
    const msg = (t: string) => found.find((f) => f.message.includes(`target "${t}"`))!.message;
    assert.ok(msg('named').includes(named.stderr.slice(named.stderr.indexOf('build constraints')).replace(dir, '…')), msg('named'));
    assert.ok(msg('files').includes(files.stderr), msg('files'));
  });
});
