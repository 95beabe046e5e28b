/// <reference types="mocha" />
/**
 * The status bar, language status and report agree with the REAL toolchain on a constructed PATH
 * (test/exthost/run.mjs puts a directory first on PATH with `go` → go1.24 and `gopls`). The
 * expected values come from running those binaries here, never from constants.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { doctorApi, EXTENSION_ID, requiredEnv, run } from '../support/host.js';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('status bar and report with real toolchains', () => {
  const pathDir = requiredEnv('GO_DOCTOR_TEST_PATH_DIR');
  const go = path.join(pathDir, 'go');

  it('runs on the workspace side of a real VS Code (where it can run go), trusted', async () => {
    const api = await doctorApi();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind, vscode.ExtensionKind.Workspace);
    assert.equal(vscode.workspace.isTrusted, true);
    assert.equal(api.trusted, true);
    assert.ok(process.env.PATH?.split(':')[0] === pathDir || process.env.PATH?.split(':').includes(pathDir), `constructed dir not on PATH: ${process.env.PATH}`);
  });

  it('shows the Go version PATH resolves, the host platform and cgo as `go env` reports them', async () => {
    const api = await doctorApi();
    const report = await api.whenReport((r) => r.state === 'ready' && r.toolchain.goVersion !== undefined, 90_000);
    const [, , version = '', hostPair = ''] = run(go, ['version']).split(' ');
    const cgoOn = run(go, ['env', 'CGO_ENABLED']) === '1';

    assert.equal(report.toolchain.goVersion, version);
    assert.equal(report.toolchain.goBinary, go);
    assert.equal(report.toolchain.cgoEnabled, cgoOn);
    const text = api.status.text;
    assert.match(text, new RegExp(`Go ${escapeRegExp(version.replace(/^go/, ''))}\\b`), text);
    assert.ok(text.includes(hostPair), `status "${text}" lacks the host ${hostPair}`);
    assert.ok(text.includes(cgoOn ? 'cgo on' : 'cgo off'), text);
    assert.ok(!text.includes('CLT'), 'CLT is macOS only');
    assert.ok(api.status.accessibilityLabel.includes(version.replace(/^go/, '')), api.status.accessibilityLabel);
    assert.match(api.status.tooltip, /\(command:goDoctor\.showReport\)/);
    assert.ok(api.status.tooltip.includes(go), 'tooltip names the go binary');
  });

  it('shows the Go version and the problem counts in the language status of Go files', async () => {
    const api = await doctorApi();
    const report = await api.whenReport((r) => r.state === 'ready' && r.toolchain.goVersion !== undefined && r.findings.some((f) => f.rule === 'cross/unknown-goos'), 90_000);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'), 'cmd', 'app', 'main.go'));
    await vscode.window.showTextDocument(doc);
    const ls = api.languageStatus;
    assert.ok(ls.text.includes(`Go ${report.toolchain.goVersion?.replace(/^go/, '') ?? '?'}`), ls.text);
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    assert.equal(ls.detail, `Go Doctor: ${errors} errors, ${warnings} warnings`);
    assert.equal(ls.severity, 'error', "the fixture's GOOS=visionos Makefile line is an error");
  });

  it('shows the fixture\'s error (the Makefile builds for GOOS=visionos) as an error status, icon and count', async () => {
    const api = await doctorApi();
    const report = await api.whenReport((r) => r.state === 'ready' && r.findings.some((f) => f.rule === 'cross/unknown-goos'), 60_000);
    const visionos = report.findings.find((f) => f.rule === 'cross/unknown-goos');
    assert.equal(visionos?.severity, 'error');
    assert.equal(api.status.level, 'error');
    assert.ok(api.status.text.startsWith('$(error) Go '), api.status.text);
    assert.ok(api.status.counts.errors >= 1, JSON.stringify(api.status.counts));
    assert.match(api.status.tooltip, /^\d+ errors?(, |$)/m, 'the tooltip counts the errors');
    assert.match(api.status.accessibilityLabel, /\. \d+ errors?/, api.status.accessibilityLabel);
  });

  it('lists every shipped check in the report tree, with the workspace findings under theirs', async () => {
    const api = await doctorApi();
    const report = await api.whenReport((r) => r.state === 'ready' && r.findings.some((f) => f.rule.startsWith('cross/')), 60_000);
    const checks = api.tree.flatMap((n) => (n.kind === 'group' ? n.children : [])).filter((n) => n.kind === 'check');
    const ids = new Set(checks.map((c) => (c.kind === 'check' ? c.rule.id : '')));
    for (const f of report.findings) assert.ok(ids.has(f.rule), `finding ${f.rule} has no check node`);
    assert.ok(ids.has('go/not-found'), 'passed checks are listed too');
    const notFound = checks.find((c) => c.kind === 'check' && c.rule.id === 'go/not-found');
    assert.equal(notFound?.kind === 'check' ? notFound.status : undefined, 'passed');
    const toolchain = api.tree[0];
    assert.equal(toolchain?.kind, 'toolchain');
    assert.ok(toolchain?.kind === 'toolchain' && toolchain.label.includes(report.toolchain.goVersion?.replace(/^go/, '') ?? '?'));
  });

  it('records activation and status timings', async () => {
    const api = await doctorApi();
    await api.whenReport();
    assert.ok(typeof api.timings.activateMs === 'number' && api.timings.activateMs >= 0);
    assert.ok(typeof api.timings.statusPopulatedMs === 'number' && api.timings.statusPopulatedMs >= api.timings.activateMs);
    console.log(`timings: ${JSON.stringify(api.timings)}`);
  });
});
