import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHuman } from '../../../src/core/report/human.js';
import { emptySnapshot } from '../../support/snapshots.js';
import { note, reportWith, ROOT, shadowed, testRules, visionos, workspaceSnapshot } from './report-builders.js';

const ESC = '\u001b';
const plain = { colour: false, verbose: false };

describe('renderHuman', () => {
  it('prints a passed ✓ line for every group whose rules found nothing', () => {
    const text = renderHuman(reportWith([]), testRules, plain);
    assert.match(text, /^\[✓\] Go toolchain$/m);
    assert.match(text, /^\[✓\] PATH$/m);
    assert.match(text, /^\[✓\] cgo$/m);
    assert.match(text, new RegExp(`^\\[✓\\] Workspace build settings \\(${ROOT}\\)$`, 'm'));
    assert.match(text, /✓ No issues found\.\n$/);
    assert.doesNotMatch(text, /-v to see/);
  });

  it('shows the Xcode Command Line Tools group only on macOS', () => {
    assert.doesNotMatch(renderHuman(reportWith([]), testRules, plain), /Xcode/);
    const mac = workspaceSnapshot({ host: { platform: 'darwin', arch: 'arm64', release: '25.0.0' } });
    assert.match(renderHuman(reportWith([], mac), testRules, plain), /^\[✓\] Xcode Command Line Tools$/m);
  });

  it('omits the workspace group when the snapshot has no workspace', () => {
    assert.doesNotMatch(renderHuman(reportWith([], emptySnapshot()), testRules, plain), /Workspace build settings/);
  });

  it('marks each group by its worst finding and lists the findings under it, errors first', () => {
    const text = renderHuman(reportWith([shadowed, visionos, note]), testRules, plain);
    assert.match(text, /^\[!\] PATH\n {4}! gopls in \/usr\/local\/bin .* \[path\/shadowed-tool\]$/m);
    assert.match(text, /^\[✗\] Workspace build settings .*\n {4}✗ Makefile:12:5: GOOS=visionos is not a Go port/m);
    assert.match(text, /^\[•\] Go toolchain\n {4}• go\.mod asks for go 1\.28/m);
    assert.match(text, /^\[✓\] cgo$/m);
    assert.match(text, /✗ Doctor found 1 error, 1 warning, 1 note in 3 categories\./);
    assert.match(text, /Run with -v to see the evidence/);
  });

  it('keeps a finding of an unknown family in a group of its own', () => {
    const odd = { ...note, rule: 'future/thing', severity: 'warning' as const };
    const text = renderHuman(reportWith([odd]), testRules, plain);
    assert.match(text, /^\[!\] future\n {4}! .*\[future\/thing\]$/m);
  });

  it('uses no escape codes without colour, and colours marks with it', () => {
    const report = reportWith([shadowed, visionos]);
    assert.ok(!renderHuman(report, testRules, plain).includes(`${ESC}[`));
    const coloured = renderHuman(report, testRules, { colour: true, verbose: false });
    assert.ok(coloured.includes(`${ESC}[31m✗${ESC}[39m`));
    assert.ok(coloured.includes(`${ESC}[33m!${ESC}[39m`));
    assert.ok(coloured.includes(`${ESC}[32m✓${ESC}[39m`));
  });

  it('with -v shows evidence, fixes and the docs link', () => {
    const text = renderHuman(reportWith([shadowed, visionos, note]), testRules, { colour: false, verbose: true });
    assert.match(text, /evidence \$ go version -m \/usr\/local\/bin\/gopls \(exit 0\)\n +│ \/usr\/local\/bin\/gopls: go1\.22\.5/);
    assert.match(text, /evidence PATH=\/usr\/local\/bin:\/home\/ada\/go\/bin/);
    assert.match(text, /fix +Remove the older gopls\n +\$ rm \/usr\/local\/bin\/gopls +\(needs administrator rights\)/);
    assert.match(text, /evidence Makefile:12\n +│ GOOS=visionos GOARCH=arm64 go build/);
    assert.match(text, /fix +Use GOOS=ios\n +Makefile:12:10: write "ios"/);
    assert.match(text, /fix +Pin the toolchain\n +workspace setting go\.toolsEnvVars › GOTOOLCHAIN = "local"/);
    assert.match(text, /docs +https:\/\/github\.com\/.*\/docs\/rules\.md#crossunknown-goos/);
    assert.doesNotMatch(text, /Run with -v/);
  });

  it('says when the report comes from a saved, redacted snapshot', () => {
    const snapshot = workspaceSnapshot({ redacted: true });
    const report = { ...reportWith([], snapshot), snapshot: { ...reportWith([], snapshot).snapshot, source: 'file' as const } };
    assert.match(renderHuman(report, testRules, plain), /^Go Toolchain Doctor 1\.2\.3 · linux\/x64 · snapshot of 2026-11-25T00:00:00\.000Z \(redacted\)$/m);
  });
});
