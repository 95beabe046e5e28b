/**
 * The one reader of the `goDoctor` settings (core/doctor-settings.ts) that the VS Code extension,
 * the language server and the CLI share.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCommandLine } from '../../../src/cli/command-line.js';
import {
  DEFAULT_DOCTOR_SETTINGS,
  DEFAULT_PROBE_TIMEOUT_MS,
  readDoctorSettings,
  readProbeTimeout,
  readRuleSetting,
  readRuleSettings,
  readToolNames,
  RULE_LEVELS,
} from '../../../src/core/doctor-settings.js';

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
    assert.deepEqual(readRuleSettings({ 'a/b': 'fatal', 'c/d': { severity: 'loud', enabled: 'no' }, 'e/f': 3, 'g/h': ['off'] }), {});
    assert.deepEqual(readRuleSettings('off'), {});
    assert.deepEqual(readRuleSettings(['off']), {});
  });

  it('never throws, and reads only booleans and known severities', () => {
    fc.assert(
      fc.property(fc.anything(), fc.dictionary(fc.string(), fc.oneof(fc.anything(), fc.constantFrom(...RULE_LEVELS, 'on', true, false))), (raw, rules) => {
        for (const settings of [readRuleSettings(raw), readRuleSettings(rules)]) {
          for (const s of Object.values(settings)) {
            assert.ok(s.enabled === undefined || typeof s.enabled === 'boolean');
            assert.ok(s.severity === undefined || ['error', 'warning', 'info'].includes(s.severity));
            assert.ok(s.enabled !== undefined || s.severity !== undefined, 'an empty setting is left out');
          }
        }
      }),
    );
  });
});

describe('one reading for every front', () => {
  const ruleIds = ['go/not-found', 'path/unsafe-entry'];
  it('`--rule ID=LEVEL` means what `goDoctor.rules: { ID: LEVEL }` means, in the extension and in the server', () => {
    for (const level of RULE_LEVELS) {
      const cli = parseCommandLine(['check', '--rule', `go/not-found=${level}`], ruleIds);
      assert.equal(cli.command, 'check');
      const fromCli = cli.command === 'check' ? cli.ruleSettings : undefined;
      // The extension sends its configuration normalized; a plain LSP client sends what the user wrote.
      const fromServer = readDoctorSettings({ rules: { 'go/not-found': level } }, undefined, DEFAULT_DOCTOR_SETTINGS).rules;
      const fromExtension = readDoctorSettings({ rules: readRuleSettings({ 'go/not-found': level }) }, undefined, DEFAULT_DOCTOR_SETTINGS).rules;
      assert.deepEqual(fromCli, { 'go/not-found': readRuleSetting(level) });
      assert.deepEqual(fromServer, fromCli, `server, ${level}`);
      assert.deepEqual(fromExtension, fromCli, `extension, ${level}`);
    }
  });

  it('a rule override the user removed is gone, not kept from the settings read before', () => {
    const before = readDoctorSettings({ rules: { 'go/not-found': 'off' } }, undefined, DEFAULT_DOCTOR_SETTINGS);
    assert.deepEqual(before.rules, { 'go/not-found': { enabled: false } });
    assert.deepEqual(readDoctorSettings({ rules: {} }, undefined, before).rules, {});
    assert.deepEqual(readDoctorSettings({ probeTimeoutMs: 7000 }, undefined, before).rules, before.rules, 'a section without rules keeps them');
  });

  it('reads goDoctor.extraTools under that one name', () => {
    assert.deepEqual(readDoctorSettings({ extraTools: ['buf', '../evil'] }, undefined, DEFAULT_DOCTOR_SETTINGS).extraTools, ['buf']);
    assert.deepEqual(readDoctorSettings({ extraToolNames: ['buf'] }, undefined, DEFAULT_DOCTOR_SETTINGS).extraTools, []);
  });

  it('keeps the base for what is absent or unreadable, adds files.exclude globs that are on', () => {
    const base = { ...DEFAULT_DOCTOR_SETTINGS, probeTimeoutMs: 9000, extraTools: ['buf'] };
    const read = readDoctorSettings({ probeTimeoutMs: '7000', extraTools: 'x' }, { '**/gen': true, '**/off': false, '**/x': 'yes' }, base);
    assert.deepEqual(read, { rules: {}, probeTimeoutMs: 9000, extraTools: ['buf'], exclude: ['**/gen'] });
    assert.deepEqual(base.exclude, [], 'the base is not changed');
    fc.assert(fc.property(fc.anything(), fc.anything(), (section, filesExclude) => void readDoctorSettings(section, filesExclude, DEFAULT_DOCTOR_SETTINGS)));
  });
});

describe('probe timeout and tool names', () => {
  it('clamps the timeout and says when there is none', () => {
    assert.equal(readProbeTimeout(10), 500);
    assert.equal(readProbeTimeout(1e9), 120_000);
    assert.equal(readProbeTimeout(7000.4), 7000);
    assert.equal(readProbeTimeout('7000'), undefined);
    assert.equal(readProbeTimeout(Number.NaN), undefined);
    assert.equal(readDoctorSettings({ probeTimeoutMs: Number.NaN }, undefined, DEFAULT_DOCTOR_SETTINGS).probeTimeoutMs, DEFAULT_PROBE_TIMEOUT_MS);
  });

  it('keeps bare tool names only (no paths, no globs), each once', () => {
    assert.deepEqual(readToolNames(['buf', 'buf', '../evil', '/usr/bin/x', 'a b', '{go,x}', '.', '..', 'protoc-gen-go', 3]), ['buf', 'protoc-gen-go']);
    assert.deepEqual(readToolNames('buf'), []);
  });
});
