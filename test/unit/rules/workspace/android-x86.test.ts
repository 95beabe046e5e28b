/**
 * cross/needs-cgo says what the Go that runs does for android/amd64 with cgo off: go1.21 does not
 * fail (it links a glibc binary that will not run on Android: a warning), go1.22+ refuse (an
 * error). Re-run with go1.21/1.24/1.27 by test/toolchain/workspace/cross-claims.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needsCgo } from '../../../../src/core/rules/cross/needs-cgo.js';
import { run, where } from './harness.js';

describe('cross/needs-cgo: android/amd64 with CGO_ENABLED=0', () => {
  it('go1.21: a warning that says the build does not fail but makes no Android binary', async () => {
    const found = await run(needsCgo, 'android-x86', { go: '1.21.13' });
    assert.deepEqual(found.map((f) => `${f.severity} ${where(f)}`), ['warning Makefile:2:14']);
    assert.match(found[0]!.message, /go1\.21\.13 does not fail: it prints `loadinternal: cannot find runtime\/cgo` and links with the host's C compiler/);
    assert.match(found[0]!.message, /glibc executable .* will not run on Android/);
    assert.doesNotMatch(found[0]!.message, /`go build` fails/);
  });
  it('go1.27: an error quoting the refusal', async () => {
    const found = await run(needsCgo, 'android-x86', { go: '1.27.3' });
    assert.deepEqual(found.map((f) => `${f.severity} ${where(f)}`), ['error Makefile:2:14']);
    assert.match(found[0]!.message, /`go build` fails with `android\/amd64 requires external \(cgo\) linking, but cgo is not enabled`/);
  });
});
