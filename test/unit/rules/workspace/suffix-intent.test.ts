/**
 * build/ignored-filename-suffix on `_posix`/`_unix` files that are meant for every target
 * (test/testdata/workspaces/suffix-intent): info with no preferred fix, unless the file shows it
 * is Unix-only (it imports golang.org/x/sys/unix). test/toolchain/workspace/suffix-intent.test.ts
 * builds the shared package for windows, linux and js/wasm, and shows `//go:build unix` breaks it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoredFilenameSuffix } from '../../../../src/core/rules/build/ignored-filename-suffix.js';
import { run, where } from './harness.js';

describe('build/ignored-filename-suffix: intentional _posix/_unix files', () => {
  it('exact findings: info for the shared helper, warning for the x/sys/unix user and the misspelt OS', async () => {
    const found = await run(ignoredFilenameSuffix, 'suffix-intent');
    assert.deepEqual(found.map((f) => `${f.severity} ${where(f)}`).sort(), ['info shared/path_posix.go:1:1', 'warning app/open_macos.go:1:1', 'warning sysu/kill_unix.go:1:1'].sort());
  });
  it('never prefers //go:build unix for a helper meant for every target, and says why always-built can be right', async () => {
    const found = await run(ignoredFilenameSuffix, 'suffix-intent');
    const posix = found.find((f) => where(f).startsWith('shared/'))!;
    assert.ok(posix.fixes.every((f) => f.kind !== 'edit' || !f.preferred));
    assert.match(posix.message, /right if its code is meant for every target/);
  });
  it('warns when the always-built file imports golang.org/x/sys/unix (the windows build fails), still without a preferred fix', async () => {
    const found = await run(ignoredFilenameSuffix, 'suffix-intent');
    const kill = found.find((f) => where(f).startsWith('sysu/'))!;
    assert.match(kill.message, /imports golang\.org\/x\/sys\/unix, which builds only on Unix-like systems/);
    assert.ok(kill.fixes.every((f) => f.kind !== 'edit' || !f.preferred));
  });
});
