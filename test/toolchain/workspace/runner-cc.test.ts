/**
 * cross/cgo-without-cc models a CI runner's C compiler instead of reading this machine's: a Go
 * whose default C compiler is plain `gcc` (go.dev builds; go1.21 and go1.24 here) runs `gcc -m32`
 * for CGO_ENABLED=1 GOARCH=386 on linux/amd64 — which builds once gcc-multilib is installed and
 * fails without it — while a distribution build (go1.27 here) names a per-target compiler.
 */
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CGO_HELLO, go, HELLO, missingToolchains, module, type Minor } from './toolchains.js';

const skip = missingToolchains() ?? (process.arch !== 'x64' || process.platform !== 'linux' ? 'needs linux/amd64' : undefined);
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the C compiler a CI runner uses for 386', { skip }, () => {
  for (const v of ['1.21', '1.24'] as Minor[]) {
    it(`go${v}: go env CC is gcc for every GOARCH, and a 386 cgo build runs gcc -m32`, async () => {
      const dir = module(CGO_HELLO);
      dirs.push(dir);
      for (const arch of ['amd64', '386', 'arm64']) {
        const cc = await go(v, dir, ['env', 'CC'], { GOOS: 'linux', GOARCH: arch });
        assert.equal(cc.stdout.trim(), 'gcc', `GOARCH=${arch}`);
      }
      const n = await go(v, dir, ['build', '-n', '.'], { CGO_ENABLED: '1', GOOS: 'linux', GOARCH: '386' });
      assert.match(n.stderr, /^gcc .*-m32 /m);
      const build = await go(v, dir, ['build', '-o', join(dir, 'out'), '.'], { CGO_ENABLED: '1', GOOS: 'linux', GOARCH: '386' });
      // Without 32-bit C headers (gcc-multilib) the build fails; with them it works.
      const multilib = existsSync('/usr/include/i386-linux-gnu') || existsSync('/usr/lib/gcc/x86_64-linux-gnu/13/32');
      if (multilib) assert.equal(build.exitCode, 0, build.stderr);
      else assert.match(build.stderr, /bits\/[a-z-]+\.h: No such file or directory|cannot find -lgcc|skipping incompatible/);
    });
  }
  it('go1.27 here is a distribution build: it names a per-target compiler, which the runner model never uses', async () => {
    const dir = module(CGO_HELLO);
    dirs.push(dir);
    const cc = await go('1.27', dir, ['env', 'CC'], { GOOS: 'linux', GOARCH: '386' });
    assert.notEqual(cc.stdout.trim(), 'gcc');
  });
});

describe('GOTOOLCHAIN=auto on a runner: a go.mod asking for a newer Go switches to it', { skip: missingToolchains() }, () => {
  it('go1.21 with `go 1.24.0` in go.mod runs (downloads) go1.24.0 instead of building itself', async () => {
    const dir = module(HELLO);
    dirs.push(dir);
    writeFileSync(join(dir, 'go.mod'), 'module example.com/hello\n\ngo 1.24.0\n');
    const r = await go('1.21', dir, ['build', '.'], { GOTOOLCHAIN: 'auto' });
    assert.notEqual(r.exitCode, 0, 'GOPROXY=off: the download fails here');
    assert.match(r.stderr, /go: downloading go1\.24\.0 \(/);
  });
});
