import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../../src/core/finding.js';
import type { RuleFinding } from '../../../src/core/rule.js';
import { applyCertainty, conditionClause } from '../../../src/core/workspace/certainty.js';

const finding = (severity: Finding['severity']): RuleFinding => ({ severity, message: 'It fails.', evidence: [], fixes: [] });
/** A finding that states no severity: it has its rule's default. */
const plain: RuleFinding = { message: 'It fails.', evidence: [], fixes: [] };

describe('certainty decides severity', () => {
  it('leaves a certain configuration alone', () => {
    const f = [finding('error')];
    assert.deepEqual(applyCertainty(f, {}, 'error'), f);
    assert.deepEqual(applyCertainty(f, { conditions: [] }, 'error'), f);
    assert.equal(conditionClause({ conditions: [''] }), undefined);
  });
  it('caps an uncertain error at warning and names the conditions', () => {
    const [f] = applyCertainty([finding('error')], { conditions: ["`if: runner.os == 'Linux'` holds", 'the caller sets no CC'] }, 'warning');
    assert.equal(f!.severity, 'warning');
    assert.equal(f!.message, "It fails. (Uncertain: `if: runner.os == 'Linux'` holds; the caller sets no CC.)");
  });
  it('caps a finding that has its rule’s default severity error', () => {
    const [f] = applyCertainty([plain], { conditions: ['x'] }, 'error');
    assert.equal(f!.severity, 'warning');
    const [g] = applyCertainty([plain], { conditions: ['x'] }, 'info');
    assert.equal(g!.severity, undefined, 'a default below error stays the default');
  });
  it('never raises a warning or info', () => {
    const out = applyCertainty([finding('warning'), finding('info')], { conditions: ['x'] }, 'error');
    assert.deepEqual(out.map((f) => f.severity), ['warning', 'info']);
  });
});
