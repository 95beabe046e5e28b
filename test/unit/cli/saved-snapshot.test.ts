import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseSavedSnapshot, snapshotProblems } from '../../../src/cli/saved-snapshot.js';
import { InputError } from '../../../src/cli/usage-error.js';
import { emptySnapshot } from '../../support/snapshots.js';
import { diagnose } from '../../../src/core/diagnose.js';
import { RULE_CRASHED } from '../../../src/core/engine.js';
import { isRecord } from '../../../src/core/is-record.js';

describe('parseSavedSnapshot', () => {
  it('accepts a snapshot, with or without a workspace', () => {
    const s = emptySnapshot();
    assert.deepEqual(parseSavedSnapshot(JSON.stringify(s), 'f'), s);
    const w = emptySnapshot({ workspace: { root: '/x', files: [], skipped: [] } });
    assert.deepEqual(parseSavedSnapshot(JSON.stringify(w), 'f'), w);
  });

  it('names every missing or badly typed field, inner ones too', () => {
    const broken = { ...emptySnapshot(), host: { platform: 'linux' }, which: [], workspace: { root: 1 } };
    assert.deepEqual(snapshotProblems(broken), [
      'snapshot field host.arch: expected a string, found nothing',
      'snapshot field host.release: expected a string, found nothing',
      'snapshot field which: expected an object, found an array',
      'snapshot field workspace.root: expected a string, found number 1',
      'snapshot field workspace.files: expected an array, found nothing',
    ]);
    assert.deepEqual(snapshotProblems([]), ['it is not a JSON object']);
    assert.deepEqual(snapshotProblems({ schema: 'go-doctor/snapshot' }), ['its "version" is missing']);
    const inner = emptySnapshot({
      path: [{ index: 0, raw: '/usr/bin', exists: 'yes' as unknown as boolean, isDirectory: true, worldWritable: false }],
      commands: { 'go.version': { argv: ['go', 7 as unknown as string], stdout: '', stderr: '', exitCode: 0, durationMs: 1 } },
    });
    assert.deepEqual(snapshotProblems(inner), [
      'snapshot field path[0].exists: expected a boolean, found the string "yes"',
      'snapshot field commands["go.version"].argv[1]: expected a string, found number 7',
    ]);
  });

  it('accepts a snapshot saved with a UTF-8 byte order mark', () => {
    const s = emptySnapshot();
    assert.deepEqual(parseSavedSnapshot(`\uFEFF${JSON.stringify(s, null, 2)}\n`, 'f'), s);
  });

  it('property: a valid snapshot with any one field replaced by any JSON value is rejected with its field named, or checks without a crash', () => {
    const base = JSON.parse(readFileSync(join(__dirname, '../../testdata/snapshots/homebrew-arm64.json'), 'utf8')) as unknown;
    const leaves: (string | number)[][] = [];
    const walk = (v: unknown, at: (string | number)[]) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
      else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
      if (at.length > 0 && at[0] !== 'schema' && at[0] !== 'version') leaves.push(at);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...leaves), fc.jsonValue({ maxDepth: 2 }), (at, replacement) => {
        const copy = structuredClone(base) as Record<string, unknown>;
        let parent: unknown = copy;
        for (const k of at.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[k];
        (parent as Record<string | number, unknown>)[at[at.length - 1]!] = replacement;
        let snapshot;
        try {
          snapshot = parseSavedSnapshot(JSON.stringify(copy), 's.json');
        } catch (err) {
          assert.ok(err instanceof InputError, String(err));
          assert.match(err.message, /^s\.json is not a usable go-doctor snapshot: snapshot field \S.*: expected /);
          return;
        }
        const findings = diagnose(snapshot).findings;
        assert.deepEqual(findings.filter((f) => f.rule === RULE_CRASHED).map((f) => f.message), [], JSON.stringify({ at, replacement }));
      }),
      { numRuns: 300 },
    );
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
