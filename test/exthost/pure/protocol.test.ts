import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { pickFolder, readFolderReport, readReportResult } from '../../../src/extension/protocol.js';
import { finding, folderReport, rawFolder } from './builders.js';

describe('reading goDoctor/report', () => {
  it('reads the toolchain facts, trust, state, findings and what was skipped', () => {
    const r = readFolderReport(
      rawFolder({ goVersion: 'go1.24.4', goBinary: '/opt/go/bin/go', cgoEnabled: false, targets: ['linux/amd64', 'js/wasm'], trusted: false, state: 'probing', findings: [finding('cross/unknown-goos', 'error')], skipped: [{ what: 'Probing', reason: 'untrusted' }] }),
    );
    assert.equal(r.toolchain.goVersion, 'go1.24.4');
    assert.equal(r.toolchain.goBinary, '/opt/go/bin/go');
    assert.equal(r.toolchain.cgoEnabled, false);
    assert.deepEqual(r.toolchain.targets, ['js/wasm'], 'the host is not a target');
    assert.equal(r.trusted, false);
    assert.equal(r.state, 'probing');
    assert.equal(r.root, '/home/ada/project');
    assert.equal(r.findings[0]?.rule, 'cross/unknown-goos');
    assert.equal(r.findings[0]?.docsUrl, 'https://example.invalid/rules#cross/unknown-goos');
    assert.deepEqual(r.skipped, [{ what: 'Probing', reason: 'untrusted' }]);
  });

  it('falls back to the snapshot summary when the server sends no toolchain facts', () => {
    const raw = rawFolder({ goVersion: 'go1.21.13' });
    delete raw.toolchain;
    const r = readFolderReport(raw);
    assert.equal(r.toolchain.goVersion, 'go1.21.13');
    assert.equal(r.toolchain.platform, 'linux');
  });

  it('drops malformed findings and unknown severities read as info', () => {
    const raw = rawFolder();
    raw.findings = [{ rule: 'a/b', message: 'm', severity: 'fatal' }, { message: 'no rule' }, 42, null, { rule: 'c/d', message: 'x', severity: 'error', location: { file: 1 } }];
    const r = readFolderReport(raw);
    assert.deepEqual(r.findings.map((f) => [f.rule, f.severity, f.location === undefined]), [['a/b', 'info', true], ['c/d', 'error', true]]);
  });

  it('reads every folder of a multi-root answer', () => {
    const both = readReportResult({ ...rawFolder({ root: '/w/a' }), folders: [rawFolder({ root: '/w/a' }), rawFolder({ root: '/w/b' })] });
    assert.deepEqual(both.map((r) => r.root), ['/w/a', '/w/b']);
    assert.deepEqual(readReportResult({ folders: [] }), []);
    assert.deepEqual(readReportResult(undefined), []);
  });

  it('never throws on anything the server could send', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (raw) => {
        const r = readFolderReport(raw);
        assert.ok(Array.isArray(r.findings) && Array.isArray(r.skipped) && Array.isArray(r.toolchain.targets));
        readReportResult({ folders: [raw, raw] });
      }),
      { numRuns: 500 },
    );
  });
});

describe('picking the folder to show', () => {
  const a = folderReport({ root: '/w/app' });
  const ab = folderReport({ root: '/w/app/backend' });
  const b = folderReport({ root: '/w/application' });

  it('shows the innermost folder containing the active file', () => {
    assert.equal(pickFolder([a, ab, b], 'file:///w/app/backend/main.go'), ab);
    assert.equal(pickFolder([a, ab, b], 'file:///w/app/main.go'), a);
    assert.equal(pickFolder([a, ab, b], 'file:///w/application/x.go'), b, '/w/app is not a prefix folder of /w/application');
  });

  it('falls back to the first folder', () => {
    assert.equal(pickFolder([b, a], 'file:///elsewhere/x.go'), b);
    assert.equal(pickFolder([b, a]), b);
    assert.equal(pickFolder([]), undefined);
  });
});
