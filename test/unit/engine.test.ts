import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRules } from '../../src/core/engine.js';
import type { Finding } from '../../src/core/finding.js';
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
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'always fires',
  docs: '',
  check: () => [{ message: 'x', evidence: [], fixes: [] }],
};
const crashes: Rule = {
  id: 'test/crashes',
  reads: 'machine',
  defaultSeverity: 'error',
  summary: 'always throws',
  docs: '',
  check: () => {
    throw new Error('boom');
  },
};
/** States its default once; lowers one finding on purpose. */
const lowers: Rule = {
  id: 'test/lowers',
  reads: 'files',
  defaultSeverity: 'error',
  summary: 'fires twice',
  docs: '',
  check: () => [
    { message: 'usual', evidence: [], fixes: [] },
    { severity: 'info', message: 'lowered', evidence: [], fixes: [] },
  ],
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
    assert.deepEqual(runRules([lowers], ctx, { 'test/lowers': { severity: 'warning' } }).map((f) => f.severity), ['warning', 'warning'], 'the user’s severity wins over a stated one');
  });
  it('stamps the rule id and the default severity; a severity a finding states is kept', () => {
    const out = runRules([lowers], ctx);
    assert.deepEqual(out, [
      { rule: 'test/lowers', severity: 'error', message: 'usual', evidence: [], fixes: [] },
      { rule: 'test/lowers', severity: 'info', message: 'lowered', evidence: [], fixes: [] },
    ]);
    assert.deepEqual(Object.keys(out[1]!), ['rule', 'severity', 'message', 'evidence', 'fixes'], 'JSON key order is rule, severity, then the rest');
  });
  it('never lets a finding carry another rule’s id', () => {
    const stray: Finding = { rule: 'test/other', severity: 'info', message: 'x', evidence: [], fixes: [] };
    const liar: Rule = { ...fires, id: 'test/liar', check: () => [stray] };
    assert.equal(runRules([liar], ctx)[0]!.rule, 'test/liar');
  });
});
