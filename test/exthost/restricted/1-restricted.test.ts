/// <reference types="mocha" />
/**
 * Restricted Mode (Workspace Trust on, folder untrusted): the doctor runs no program at all — the
 * `go` and `gopls` first on PATH are wrappers that log every execution — while the static checks of
 * the workspace files still run, and the report says what was skipped and why.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { doctorApi, doctorDiagnostics, fixtureUri, requiredEnv, waitFor } from '../support/host.js';

describe('Restricted Mode', () => {
  const execLog = requiredEnv('GO_DOCTOR_EXEC_LOG');
  const pathDir = requiredEnv('GO_DOCTOR_TEST_PATH_DIR');

  it('runs in an untrusted workspace', async () => {
    const api = await doctorApi();
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(api.trusted, false);
  });

  it('still runs the static workspace checks (the visionos Makefile is flagged)', async () => {
    const makefile = fixtureUri('Makefile');
    const diags = await waitFor('a workspace diagnostic on the Makefile', () => {
      const d = doctorDiagnostics(makefile);
      return d.length ? d : undefined;
    }, 60_000);
    assert.ok(diags.some((d) => d.message.includes('visionos')), JSON.stringify(diags.map((d) => d.message)));
  });

  it('reports what it skipped and why, in the report, the tree and the status bar', async () => {
    const api = await doctorApi();
    const report = await api.whenReport((r) => r.state === 'ready', 60_000);
    assert.equal(report.trusted, false);
    assert.ok(report.skipped.length > 0, 'nothing reported as skipped');
    assert.ok(report.skipped.every((s) => s.reason.length > 0), 'a skipped item without a reason');
    assert.ok(report.skipped.some((s) => /trust/i.test(s.reason)), JSON.stringify(report.skipped));
    assert.equal(report.toolchain.goVersion, undefined, 'no go was run, so no version can be known');
    assert.ok(api.status.tooltip.includes('Restricted Mode'), api.status.tooltip);
    assert.ok(api.status.accessibilityLabel.includes('Restricted Mode'), api.status.accessibilityLabel);
    assert.ok(api.tree.some((n) => n.kind === 'skipped' && n.children.length === report.skipped.length));
    const machineCheck = api.tree.flatMap((n) => (n.kind === 'group' ? n.children : [])).find((c) => c.kind === 'check' && c.rule.id === 'go/not-found');
    assert.equal(machineCheck?.kind === 'check' ? machineCheck.status : undefined, 'notChecked');
  });

  it('ran no program: the go/gopls wrappers first on PATH were never executed', async () => {
    const api = await doctorApi();
    await api.whenReport((r) => r.state === 'ready', 60_000);
    await vscode.commands.executeCommand('goDoctor.runChecks');
    // give any stray probe time to happen
    await new Promise((r) => setTimeout(r, 3000));
    assert.equal(fs.existsSync(execLog) ? fs.readFileSync(execLog, 'utf8') : '', '', 'a program was run in Restricted Mode');
    // control: the wrapper does log when something runs it
    execFileSync(path.join(pathDir, 'go'), ['version'], { env: { ...process.env, GOTOOLCHAIN: 'local' } });
    assert.match(fs.readFileSync(execLog, 'utf8'), /go version/);
    fs.rmSync(execLog);
  });
});
