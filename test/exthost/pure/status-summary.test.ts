import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { describeStatus, goPlatform, shortCltVersion, TOOLTIP_COMMANDS } from '../../../src/extension/status-summary.js';
import { finding, folderReport, t } from './builders.js';

describe('status bar summary', () => {
  it('shows Go version, host platform in Go terms and cgo, with a pass icon when nothing is wrong', () => {
    const s = describeStatus({ phase: 'ready', trusted: true, report: folderReport({ goVersion: 'go1.24.4', cgoEnabled: true }) }, t);
    assert.equal(s.text, '$(pass) Go 1.24.4 · linux/amd64 · cgo on');
    assert.equal(s.level, 'ok');
    assert.match(s.accessibilityLabel, /Go 1\.24\.4, linux\/amd64, cgo on\. No problems found/);
  });

  it('takes icon and level from the worst finding and counts them', () => {
    const report = folderReport({ goVersion: 'go1.27.3', cgoEnabled: false, findings: [finding('path/a', 'info'), finding('go/b', 'error'), finding('go/c', 'warning')] });
    const s = describeStatus({ phase: 'ready', trusted: true, report }, t);
    assert.equal(s.level, 'error');
    assert.ok(s.text.startsWith('$(error) Go 1.27.3'), s.text);
    assert.ok(s.text.endsWith('cgo off'));
    assert.deepEqual(s.counts, { errors: 1, warnings: 1, infos: 1 });
    assert.match(s.tooltip, /1 error, 1 warning, 1 note/);
    const warnOnly = describeStatus({ phase: 'ready', trusted: true, report: folderReport({ findings: [finding('go/c', 'warning')] }) }, t);
    assert.equal(warnOnly.level, 'warning');
  });

  it('says when no go is on PATH', () => {
    const s = describeStatus({ phase: 'ready', trusted: true, report: folderReport({ findings: [finding('go/not-found', 'error')] }) }, t);
    assert.ok(s.text.includes('Go not found'), s.text);
    assert.match(s.tooltip, /not found on PATH/);
  });

  it('shows the CLT version on macOS only, and says when there is none', () => {
    const mac = describeStatus({ phase: 'ready', trusted: true, report: folderReport({ platform: 'darwin', arch: 'arm64', goVersion: 'go1.27.3', cltVersion: '16.0.0.0.1.1724870825' }) }, t);
    assert.equal(mac.text, '$(pass) Go 1.27.3 · darwin/arm64 · CLT 16.0');
    const noClt = describeStatus({ phase: 'ready', trusted: true, report: folderReport({ platform: 'darwin', arch: 'arm64', goVersion: 'go1.27.3' }) }, t);
    assert.ok(noClt.text.endsWith('no CLT'));
    const linux = describeStatus({ phase: 'ready', trusted: true, report: folderReport({ goVersion: 'go1.27.3', cltVersion: '16.0' }) }, t);
    assert.ok(!linux.text.includes('CLT'));
  });

  it('shows the workspace target when it differs from the host, with a count of the others', () => {
    const one = describeStatus({ phase: 'ready', trusted: true, report: folderReport({ goVersion: 'go1.24.4', targets: ['linux/amd64', 'js/wasm'] }) }, t);
    assert.ok(one.text.includes('linux/amd64 → js/wasm'), one.text);
    assert.ok(!one.text.includes('+'), 'the host itself is not a target');
    assert.match(one.tooltip, /\| Workspace targets \| js\/wasm \|/, 'nor in the tooltip');
    const many = describeStatus({ phase: 'ready', trusted: true, report: folderReport({ goVersion: 'go1.24.4', targets: ['js/wasm', 'windows/arm64', 'ios/arm64'] }) }, t);
    assert.ok(many.text.includes('linux/amd64 → js/wasm +2'), many.text);
  });

  it('shows Restricted Mode with what was skipped, unless a finding is worse', () => {
    const skipped = [{ what: 'Probing the machine', reason: 'this workspace is not trusted' }];
    const s = describeStatus({ phase: 'ready', trusted: false, report: folderReport({ trusted: false, skipped }) }, t);
    assert.equal(s.level, 'restricted');
    assert.ok(s.text.startsWith('$(shield)'));
    assert.match(s.tooltip, /Restricted Mode: no program was run/);
    assert.match(s.tooltip, /- Probing the machine — this workspace is not trusted/);
    assert.match(s.accessibilityLabel, /Restricted Mode\./);
    const withError = describeStatus({ phase: 'ready', trusted: false, report: folderReport({ trusted: false, skipped, findings: [finding('cross/unknown-goos', 'error')] }) }, t);
    assert.equal(withError.level, 'error');
  });

  it('is busy while starting or probing and says why when the server failed', () => {
    assert.equal(describeStatus({ phase: 'starting', trusted: true, report: undefined }, t).level, 'busy');
    assert.equal(describeStatus({ phase: 'ready', trusted: true, report: folderReport({ state: 'probing' }) }, t).level, 'busy');
    const failed = describeStatus({ phase: 'failed', trusted: true, report: undefined, failure: 'spawn ENOENT' }, t);
    assert.equal(failed.level, 'failed');
    assert.match(failed.tooltip, /spawn ENOENT/);
  });

  it('appends the watchdog state and lets a storm raise the level', () => {
    const s = describeStatus(
      { phase: 'ready', trusted: true, report: folderReport({ goVersion: 'go1.24.4' }), watchdog: { text: '$(flame) gopls 180%', tooltip: '**gopls at 180 % CPU**', severity: 'warning' } },
      t,
    );
    assert.ok(s.text.endsWith('· $(flame) gopls 180%'), s.text);
    assert.equal(s.level, 'warning');
    assert.match(s.tooltip, /gopls at 180 % CPU/);
  });

  it('links only to the commands the tooltip trusts', () => {
    const s = describeStatus({ phase: 'ready', trusted: false, report: folderReport({ trusted: false, findings: [finding('a/b', 'error')] }) }, t);
    const linked = [...s.tooltip.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.ok(linked.length >= 3);
    for (const c of linked) assert.ok((TOOLTIP_COMMANDS as readonly string[]).includes(c ?? ''), `${c} is not trusted`);
  });

  it('always starts with an icon and has a tooltip and a label, for any report', () => {
    const severity = fc.constantFrom('error' as const, 'warning' as const, 'info' as const);
    const options = fc.record(
      {
        platform: fc.constantFrom('linux', 'darwin', 'win32', 'freebsd'),
        arch: fc.constantFrom('x64', 'arm64', 'ia32'),
        goVersion: fc.string(),
        cgoEnabled: fc.boolean(),
        cltVersion: fc.string(),
        targets: fc.array(fc.string()),
        trusted: fc.boolean(),
        state: fc.constantFrom('probing' as const, 'ready' as const),
        findings: fc.array(fc.tuple(fc.string(), severity).map(([rule, sev]) => finding(rule, sev))),
        skipped: fc.array(fc.record({ what: fc.string(), reason: fc.string() })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(options, fc.boolean(), fc.constantFrom('starting', 'checking', 'ready', 'failed' as const), (o, trusted, phase) => {
        const s = describeStatus({ phase, trusted, report: folderReport(o) }, t);
        assert.match(s.text, /^\$\([a-z~-]+\) /);
        assert.ok(s.tooltip.length > 0 && s.accessibilityLabel.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('platform names', () => {
  it('spells Node platforms the Go way', () => {
    assert.equal(goPlatform('linux', 'x64'), 'linux/amd64');
    assert.equal(goPlatform('darwin', 'arm64'), 'darwin/arm64');
    assert.equal(goPlatform('win32', 'ia32'), 'windows/386');
    assert.equal(goPlatform('linux', 'ppc64'), 'linux/ppc64le');
    assert.equal(goPlatform('freebsd'), 'freebsd');
  });

  it('shortens CLT package versions', () => {
    assert.equal(shortCltVersion('16.0.0.0.1.1724870825'), '16.0');
    assert.equal(shortCltVersion('garbage'), 'garbage');
  });
});
