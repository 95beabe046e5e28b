// The hostile-input corpus (issue 13): every category not pending on another branch's fix runs the
// bundled CLI (check, snapshot, replay) and the language server on its generated workspace under a
// wall-clock kill and a memory limit. No crash, no hang, memory under the limit, the canary outside
// the workspace never read or printed, no process left behind. The summary table is printed.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CATEGORIES, PENDING_CATEGORIES } from './categories.js';
import { runCorpus, summaryTable, type CategoryResult } from './corpus.js';

const pending = new Set(PENDING_CATEGORIES.map((p) => p.id));
const active = CATEGORIES.filter((c) => !pending.has(c.id));

describe('hostile-input corpus', () => {
  let results: CategoryResult[] = [];
  before(async () => {
    results = await runCorpus(active, 2);
    process.stdout.write(`\n${summaryTable(results)}\n`);
    if (pending.size) process.stdout.write(`pending (not run here): ${PENDING_CATEGORIES.map((p) => `${p.id} [${p.owner}: ${p.defect}]`).join(', ')}\n`);
  });

  it('lists every pending category in the corpus, once', () => {
    for (const p of PENDING_CATEGORIES) assert.ok(CATEGORIES.some((c) => c.id === p.id), `${p.id} is no category`);
    assert.equal(pending.size, PENDING_CATEGORIES.length);
    assert.equal(new Set(CATEGORIES.map((c) => c.id)).size, CATEGORIES.length);
  });

  for (const category of active) {
    it(`${category.id}: ${category.what}`, () => {
      const result = results.find((r) => r.category.id === category.id);
      assert.ok(result, 'ran');
      assert.equal(result.buildError, undefined, 'the generator could build the workspace');
      assert.ok(result.runs.length > 0, 'at least one run');
      const failed = result.runs.filter((r) => r.problems.length > 0).map((r) => `${r.label}: ${r.problems.join('; ')}`);
      assert.deepEqual(failed, []);
    });
  }
});
