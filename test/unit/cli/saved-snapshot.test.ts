import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseSavedSnapshot, snapshotProblems } from '../../../src/cli/saved-snapshot.js';
import { InputError } from '../../../src/cli/usage-error.js';
import { emptySnapshot } from '../../support/snapshots.js';

describe('parseSavedSnapshot', () => {
  it('accepts a snapshot, with or without a workspace', () => {
    const s = emptySnapshot();
    assert.deepEqual(parseSavedSnapshot(JSON.stringify(s), 'f'), s);
    const w = emptySnapshot({ workspace: { root: '/x', files: [], skipped: [] } });
    assert.deepEqual(parseSavedSnapshot(JSON.stringify(w), 'f'), w);
  });

  it('names every missing part', () => {
    const broken = { ...emptySnapshot(), host: { platform: 'linux' }, which: [], workspace: { root: 1 } };
    assert.deepEqual(snapshotProblems(broken), [
      '"host" is not an object with platform, arch and release',
      '"which" is not an object',
      '"workspace" is not an object with root, files and skipped',
    ]);
    assert.deepEqual(snapshotProblems([]), ['it is not a JSON object']);
    assert.deepEqual(snapshotProblems({ schema: 'go-doctor/snapshot' }), ['its "version" is missing']);
  });

  it('throws only InputErrors, whatever the text (property)', () => {
    const text = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.jsonValue().map((v) => JSON.stringify({ ...emptySnapshot(), commands: v })));
    fc.assert(
      fc.property(text, (t) => {
        try {
          parseSavedSnapshot(t, 'x.json');
        } catch (err) {
          assert.ok(err instanceof InputError, String(err));
          assert.match(err.message, /^x\.json is not a (usable )?go-doctor snapshot: /);
        }
      }),
      { numRuns: 300 },
    );
  });
});
