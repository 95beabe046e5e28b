/**
 * A `_posix.go` helper without a constraint that the windows and the non-windows files both use
 * (test/testdata/workspaces/suffix-intent/shared): always built is right — it builds for windows,
 * linux and js/wasm — and the `//go:build unix` "fix" breaks the windows and js/wasm builds. Why
 * build/ignored-filename-suffix says info and prefers no fix (test/unit/rules/workspace/suffix-intent.test.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { go, missingToolchains, module, VERSIONS } from './toolchains.js';

const skip = missingToolchains();
const SHARED = resolve(__dirname, '../../testdata/workspaces/suffix-intent/shared');
const files = Object.fromEntries(['path_posix.go', 'root_windows.go', 'root_other.go'].map((n) => [`shared/${n}`, readFileSync(join(SHARED, n), 'utf8')]));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const TARGETS = [
  { GOOS: 'windows', GOARCH: 'amd64' },
  { GOOS: 'linux', GOARCH: 'amd64' },
  { GOOS: 'js', GOARCH: 'wasm' },
];

describe('an intentional _posix.go helper', { skip }, () => {
  for (const v of VERSIONS) {
    it(`go${v}: builds for windows, linux and js/wasm as it is; with //go:build unix the windows and js/wasm builds fail`, async () => {
      const dir = module(files);
      dirs.push(dir);
      for (const t of TARGETS) {
        const r = await go(v, dir, ['build', './shared'], { ...t, CGO_ENABLED: '0' });
        assert.equal(r.exitCode, 0, `${t.GOOS}/${t.GOARCH}: ${r.stderr}`);
      }
      writeFileSync(join(dir, 'shared', 'path_posix.go'), `//go:build unix\n\n${files['shared/path_posix.go']}`);
      for (const t of TARGETS) {
        const r = await go(v, dir, ['build', './shared'], { ...t, CGO_ENABLED: '0' });
        if (t.GOOS === 'linux') assert.equal(r.exitCode, 0, r.stderr);
        else assert.match(r.stderr, /undefined: Clean/, `${t.GOOS}/${t.GOARCH}`);
      }
    });
  }
});
