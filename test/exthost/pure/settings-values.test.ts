import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_PROBE_TIMEOUT_MS, effectOfChange, nextValue, readProbeTimeout, readRuleSettings, readToolNames } from '../../../src/extension/settings-values.js';

const changed = (...sections: string[]) => ({ affectsConfiguration: (s: string) => sections.some((c) => c === s || c.startsWith(`${s}.`)) });

describe('goDoctor.rules', () => {
  it('accepts "off", a severity, or an object', () => {
    assert.deepEqual(readRuleSettings({ 'path/unsafe-entry': 'off', 'clt/outdated': 'info', 'go/rosetta': { severity: 'error' }, 'go/x': { enabled: false }, 'go/y': true }), {
      'path/unsafe-entry': { enabled: false },
      'clt/outdated': { severity: 'info' },
      'go/rosetta': { severity: 'error' },
      'go/x': { enabled: false },
      'go/y': { enabled: true },
    });
  });

  it('ignores what it cannot read', () => {
    assert.deepEqual(readRuleSettings({ 'a/b': 'fatal', 'c/d': { severity: 'loud', enabled: 'no' }, 'e/f': 3 }), {});
    assert.deepEqual(readRuleSettings('off'), {});
    fc.assert(fc.property(fc.anything(), (raw) => void readRuleSettings(raw)));
  });
});

describe('probe timeout and tool names', () => {
  it('clamps the timeout and defaults on nonsense', () => {
    assert.equal(readProbeTimeout(10), 500);
    assert.equal(readProbeTimeout(1e9), 120_000);
    assert.equal(readProbeTimeout(7000.4), 7000);
    assert.equal(readProbeTimeout('7000'), DEFAULT_PROBE_TIMEOUT_MS);
    assert.equal(readProbeTimeout(Number.NaN), DEFAULT_PROBE_TIMEOUT_MS);
  });

  it('keeps bare tool names only (no paths, no globs), each once', () => {
    assert.deepEqual(readToolNames(['buf', 'buf', '../evil', '/usr/bin/x', 'a b', '{go,x}', '.', '..', 'protoc-gen-go', 3]), ['buf', 'protoc-gen-go']);
    assert.deepEqual(readToolNames('buf'), []);
  });
});

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
