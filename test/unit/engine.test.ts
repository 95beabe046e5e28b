import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRules } from '../../src/core/engine.js';
import type { Rule, RuleContext } from '../../src/core/rule.js';
import { emptyWorkspace } from '../../src/core/workspace/model.js';
import { emptySnapshot } from '../support/snapshots.js';

const ctx: RuleContext = {
  snapshot: emptySnapshot(),
  machine: { platform: 'linux', arch: 'x64', env: {}, go: {}, buildInfo: {}, problems: [] },
  workspace: emptyWorkspace(),
};

const fires: Rule = {
  id: 'test/fires',
  defaultSeverity: 'warning',
  summary: 'always fires',
  docs: '',
  check: () => [{ rule: 'test/fires', severity: 'warning', message: 'x', evidence: [], fixes: [] }],
};
const crashes: Rule = {
  id: 'test/crashes',
  defaultSeverity: 'error',
  summary: 'always throws',
  docs: '',
  check: () => {
    throw new Error('boom');
  },
};

describe('runRules', () => {
  it('turns a crashing rule into a doctor/rule-crashed finding and keeps the others', () => {
    const out = runRules([crashes, fires], ctx);
    assert.deepEqual(out.map((f) => f.rule), ['doctor/rule-crashed', 'test/fires']);
    assert.match(out[0]!.message, /test\/crashes.*boom/);
  });
  it('honours per-rule enable and severity settings', () => {
    assert.deepEqual(runRules([fires], ctx, { 'test/fires': { enabled: false } }), []);
    assert.equal(runRules([fires], ctx, { 'test/fires': { severity: 'error' } })[0]!.severity, 'error');
  });
});
