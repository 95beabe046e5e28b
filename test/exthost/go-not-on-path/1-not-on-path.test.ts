/// <reference types="mocha" />
/**
 * "Go works in my terminal and not in the editor", in a REAL VS Code server: test/exthost/run.mjs
 * gives the server a home whose Go sits in ~/sdk/go1.24.4 with its PATH line in ~/.bashrc only, and
 * lets the server resolve its environment from the login shell (`bash -i -l`) as a Remote-SSH host
 * does. The status bar and the report must name the Go that was found and the startup file.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { doctorApi, requiredEnv } from '../support/host.js';

describe('Go installed in ~/sdk but not on the login shell’s PATH', () => {
  const home = requiredEnv('GO_DOCTOR_TEST_HOME');
  const sdkBin = path.join(home, 'sdk', 'go1.24.4', 'bin');
  const version = fs.readFileSync(path.join(home, 'sdk', 'go1.24.4', 'VERSION'), 'utf8').split('\n')[0]!;

  it('runs with the environment the login shell gave the server: no go on PATH', () => {
    const dirs = (process.env.PATH ?? '').split(':');
    assert.ok(!dirs.includes(sdkBin), `the login bash does not read ~/.bashrc, yet PATH has ${sdkBin}`);
    assert.ok(!dirs.some((d) => d && fs.existsSync(path.join(d, 'go'))), `a go is on PATH: ${process.env.PATH}`);
  });

  it('the status bar says which Go is installed and that it is not on PATH, not "Go not found"', async () => {
    const api = await doctorApi();
    const report = await api.whenReport((r) => r.state === 'ready' && r.toolchain.goNotOnPath !== undefined, 90_000);
    assert.equal(report.toolchain.goVersion, undefined);
    assert.equal(report.toolchain.goNotOnPath?.version, version);
    assert.equal(report.toolchain.goNotOnPath?.goroot, '~/sdk/go1.24.4');
    assert.equal(report.toolchain.goNotOnPath?.file, '~/.bashrc:1');
    assert.ok(api.status.text.includes(`Go ${version.replace(/^go/, '')} not on PATH`), api.status.text);
    assert.ok(!api.status.text.includes('Go not found'), api.status.text);
    assert.ok(api.status.tooltip.includes('~/sdk/go1.24.4') && api.status.tooltip.includes('~/.bashrc:1'), api.status.tooltip);
  });

  it('the report names the Go, the file with the PATH line and the file the login shell reads, with the fixes', async () => {
    const api = await doctorApi();
    const report = await api.whenReport((r) => r.state === 'ready' && r.findings.some((f) => f.rule === 'go/installed-not-on-path'), 90_000);
    const finding = report.findings.find((f) => f.rule === 'go/installed-not-on-path')!;
    assert.equal(finding.severity, 'error');
    assert.ok(finding.message.includes(`${version} in ~/sdk/go1.24.4`), finding.message);
    assert.ok(finding.message.includes('~/.bashrc (line 1)') && finding.message.includes('~/.bash_profile'), finding.message);
    assert.ok(finding.message.includes('reload the VS Code window') || finding.message.includes('VS Code server'), finding.message);
    assert.ok(finding.fixes.some((f) => f.kind === 'text' && f.text.includes('. ~/.bashrc')), JSON.stringify(finding.fixes));
    assert.equal(report.findings.filter((f) => f.rule === 'go/not-found').length, 0);
  });
});
