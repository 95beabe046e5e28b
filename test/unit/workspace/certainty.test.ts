import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/core/finding.js';
import { applyCertainty, conditionClause } from '../../../src/core/workspace/certainty.js';

const finding = (severity: Finding['severity']): Finding => ({ rule: 'cross/needs-cgo', severity, message: 'It fails.', evidence: [], fixes: [] });

describe('certainty decides severity', () => {
  it('leaves a certain configuration alone', () => {
    const f = [finding('error')];
    assert.deepEqual(applyCertainty(f, {}), f);
    assert.deepEqual(applyCertainty(f, { conditions: [] }), f);
    assert.equal(conditionClause({ conditions: [''] }), undefined);
  });
  it('caps an uncertain error at warning and names the conditions', () => {
    const [f] = applyCertainty([finding('error')], { conditions: ["`if: runner.os == 'Linux'` holds", 'the caller sets no CC'] });
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.message, "It fails. (Uncertain: `if: runner.os == 'Linux'` holds; the caller sets no CC.)");
  });
  it('never raises a warning or info', () => {
    const out = applyCertainty([finding('warning'), finding('info')], { conditions: ['x'] });
    assert.deepEqual(out.map((f) => f.severity), ['warning', 'info']);
  });
});
