import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectOfChange, nextValue } from '../../../src/extension/settings-values.js';

const changed = (...sections: string[]) => ({ affectsConfiguration: (s: string) => sections.some((c) => c === s || c.startsWith(`${s}.`)) });

describe('what a settings change needs', () => {
  it('re-probes for probe settings, reconfigures for rules, nothing for the watchdog', () => {
    assert.equal(effectOfChange(changed('goDoctor.extraTools')), 'reprobe');
    assert.equal(effectOfChange(changed('goDoctor.probeTimeoutMs', 'goDoctor.rules')), 'reprobe', 'the most disruptive wins');
    assert.equal(effectOfChange(changed('goDoctor.rules')), 'reconfigure');
    assert.equal(effectOfChange(changed('files.exclude')), 'reconfigure');
    assert.equal(effectOfChange(changed('goDoctor.watchdog.enabled')), 'none');
    assert.equal(effectOfChange(changed('editor.fontSize')), 'none');
  });
});

describe('settings fix values', () => {
  it('sets or removes one key of an object setting and keeps the others', () => {
    const current = { '**/.git/**': true, '**/gen/**': false };
    assert.deepEqual(nextValue(current, { key: '**/gen/**', value: true }), { '**/.git/**': true, '**/gen/**': true });
    assert.deepEqual(nextValue(current, { key: '**/gen/**', remove: true }), { '**/.git/**': true });
    assert.deepEqual(current, { '**/.git/**': true, '**/gen/**': false }, 'input untouched');
    assert.equal(nextValue({ only: 1 }, { key: 'only', remove: true }), undefined, 'an empty object removes the setting');
    assert.deepEqual(nextValue(['not', 'an', 'object'], { key: 'k', value: 1 }), { k: 1 });
  });

  it('replaces or removes a whole setting', () => {
    assert.deepEqual(nextValue(['-rpc.trace'], { value: [] }), []);
    assert.equal(nextValue('x', { remove: true }), undefined);
    assert.equal(nextValue('x', { value: undefined }), undefined);
  });
});
