/// <reference types="mocha" />
/**
 * The "Go Doctor" commands and the fix commands the server's code actions invoke: every
 * contributed command is registered, settings fixes land in the right scope keeping comments,
 * terminal fixes never run without a click, the Markdown report is redacted.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { planSetting } from '../../../src/extension/fix-setting.js';
import type { ApplySettingArgs, ShowCommandArgs } from '../../../src/server/protocol.js';
import { doctorApi, EXTENSION_ID, fixtureUri, waitFor } from '../support/host.js';

interface Manifest {
  contributes: { commands: { command: string; category?: string }[]; configuration: { properties: Record<string, { markdownDescription?: string }> } };
}

describe('Go Doctor commands', () => {
  it('registers every contributed command, each in the "Go Doctor" category', async () => {
    await doctorApi();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands;
    assert.ok(contributed.length >= 8);
    for (const c of contributed) {
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`);
      assert.equal(c.category, 'Go Doctor', c.command);
    }
    for (const [name, p] of Object.entries(manifest.contributes.configuration.properties)) assert.ok(p.markdownDescription, `${name} lacks a markdownDescription`);
  });

  it('goDoctor.applySetting writes an object key into workspace settings and removes it again, keeping comments', async () => {
    const file = fixtureUri('.vscode', 'settings.json');
    const comment = '/* editor settings below are unrelated */';
    assert.ok(fs.readFileSync(file.fsPath, 'utf8').includes(comment));
    const args: ApplySettingArgs = { title: 'Exclude gen/ from file watching', rule: 'test/watch', section: 'files.watcherExclude', key: '**/gen/**', value: true, remove: false, scope: 'workspace' };
    const applied = await vscode.commands.executeCommand<{ target: string } | undefined>('goDoctor.applySetting', args);
    assert.equal(applied?.target, 'workspace');
    const written = fs.readFileSync(file.fsPath, 'utf8');
    assert.match(written, /"files\.watcherExclude":\s*\{\s*"\*\*\/gen\/\*\*":\s*true/);
    assert.ok(written.includes(comment), 'comment lost');
    assert.equal(vscode.workspace.getConfiguration('files').inspect<Record<string, boolean>>('watcherExclude')?.workspaceValue?.['**/gen/**'], true);
    // the user's settings are untouched
    assert.equal(vscode.workspace.getConfiguration('files').inspect<Record<string, boolean>>('watcherExclude')?.globalValue?.['**/gen/**'], undefined);

    await vscode.commands.executeCommand('goDoctor.applySetting', { ...args, value: undefined, remove: true });
    const removed = fs.readFileSync(file.fsPath, 'utf8');
    assert.ok(!removed.includes('**/gen/**'), removed);
    assert.ok(removed.includes(comment), 'comment lost on removal');
  });

  it('goDoctor.applySetting edits settings.json directly for a setting no extension declares, keeping comments', async () => {
    const file = fixtureUri('.vscode', 'settings.json');
    const comment = '// Go Doctor fixture: the comments in this file must survive every quick fix.';
    assert.ok(!vscode.workspace.getConfiguration().inspect('gopls')?.defaultValue, 'precondition: no extension declares `gopls` here');
    const args: ApplySettingArgs = { title: 'Keep gopls out of gen/', rule: 'test/gopls', section: 'gopls', key: 'build.directoryFilters', value: ['-**/gen'], remove: false, scope: 'workspace' };
    const applied = await vscode.commands.executeCommand<{ target: string } | undefined>('goDoctor.applySetting', args);
    assert.equal(applied?.target, 'workspace');
    const written = fs.readFileSync(file.fsPath, 'utf8');
    assert.match(written, /"gopls":\s*\{\s*"build\.directoryFilters":\s*\[\s*"-\*\*\/gen"\s*\]/, written);
    assert.ok(written.includes(comment), 'comment lost');
    await vscode.commands.executeCommand('goDoctor.applySetting', { ...args, value: undefined, remove: true });
    const removed = fs.readFileSync(file.fsPath, 'utf8');
    assert.ok(!removed.includes('build.directoryFilters'), removed);
    assert.ok(removed.includes(comment), 'comment lost on removal');
  });

  it('goDoctor.applySetting puts a user-scope fix in user settings', async () => {
    const args: ApplySettingArgs = { title: 'Raise the probe timeout', rule: 'test/user', section: 'goDoctor.probeTimeoutMs', value: 7000, remove: false, scope: 'user' };
    try {
      const applied = await vscode.commands.executeCommand<{ target: string } | undefined>('goDoctor.applySetting', args);
      assert.equal(applied?.target, 'user');
      const inspected = vscode.workspace.getConfiguration('goDoctor').inspect<number>('probeTimeoutMs');
      assert.equal(inspected?.globalValue, 7000);
      assert.equal(inspected?.workspaceValue, undefined);
    } finally {
      await vscode.workspace.getConfiguration('goDoctor').update('probeTimeoutMs', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('asks workspace vs user only when the user scope would be overridden', () => {
    const W = vscode.ConfigurationTarget.Workspace;
    const G = vscode.ConfigurationTarget.Global;
    const fix = { section: 'files.watcherExclude', key: '**/gen/**' };
    assert.deepEqual(planSetting({ ...fix, scope: 'workspace' }, undefined, true), { target: W });
    assert.deepEqual(planSetting({ ...fix, scope: 'workspace' }, undefined, false), { target: G }, 'no folder open: user settings');
    assert.deepEqual(planSetting({ ...fix, scope: 'user' }, { workspaceValue: { '**/other/**': true } }, true), { target: G }, 'the workspace sets other keys only');
    const asked = planSetting({ ...fix, scope: 'user' }, { workspaceValue: { '**/gen/**': false } }, true);
    assert.equal(asked.target, G);
    assert.match(asked.question ?? '', /take precedence/);
    assert.ok(planSetting({ section: 'go.goroot', scope: 'user' }, { workspaceFolderValue: '/opt/go' }, true).question, 'a folder value overrides too');
  });

  it('goDoctor.showCommand shows the command and opens no terminal without a click', async () => {
    const before = vscode.window.terminals.length;
    const args: ShowCommandArgs = { title: 'Raise the inotify watch limit', rule: 'watch/inotify-low', command: 'sudo sysctl fs.inotify.max_user_watches=524288', outsideWorkspace: true, needsAdmin: true };
    const outcome = vscode.commands.executeCommand<string>('goDoctor.showCommand', args);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(vscode.window.terminals.length, before, 'a terminal was opened before any click');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal(await outcome, 'dismissed');
    assert.equal(vscode.window.terminals.length, before, 'dismissing ran the command');
  });

  it('goDoctor.copyReport copies a redacted Markdown report', async () => {
    const api = await doctorApi();
    const report = await api.whenReport();
    const home = os.homedir();
    assert.ok(JSON.stringify(report).includes(home), 'precondition: the report mentions the home directory (the toolchains live under it)');
    const markdown = await vscode.commands.executeCommand<string>('goDoctor.copyReport');
    assert.ok(markdown?.startsWith('## Go Toolchain Doctor report'), markdown?.slice(0, 200));
    assert.equal(await vscode.env.clipboard.readText(), markdown);
    assert.ok(!markdown.includes(`${home}/`), 'home directory not redacted');
    assert.ok(markdown.includes('~/'), 'redacted paths use ~');
    for (const f of report.findings.filter((x) => x.severity !== 'info')) assert.ok(markdown.includes(f.rule), `report lacks ${f.rule}`);
  });

  it('goDoctor.exportSnapshot writes the snapshot behind the report, redacted', async () => {
    const api = await doctorApi();
    const report = await api.whenReport();
    const target = path.join(os.tmpdir(), `go-doctor-exthost-snapshot-${process.pid}.json`);
    try {
      const written = await vscode.commands.executeCommand<vscode.Uri>('goDoctor.exportSnapshot', { uri: target });
      assert.equal(written?.fsPath, target);
      const text = fs.readFileSync(target, 'utf8');
      const snapshot = JSON.parse(text) as { schema: string; redacted: boolean; commands: Record<string, { stdout: string }> };
      assert.equal(snapshot.schema, 'go-doctor/snapshot');
      assert.equal(snapshot.redacted, true);
      // the home's text may appear inside another path (with a home of /root, a toolchain unpacked
      // under ~/.cache/…/toolchains/root/usr/ contains "/root/"): what must not remain is a path that
      // starts with it
      const home = os.homedir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const leaked = new RegExp(`(^|[^A-Za-z0-9_.~/-])${home}/`).exec(text);
      assert.equal(leaked, null, `home directory not redacted: …${leaked ? text.slice(Math.max(0, leaked.index - 40), leaked.index + 60) : ''}…`);
      assert.ok(snapshot.commands['go.version']?.stdout.includes(report.toolchain.goVersion ?? '?'), 'the snapshot is the one behind the report');
      await vscode.commands.executeCommand('goDoctor.exportSnapshot', { uri: target, redacted: false });
      assert.ok(fs.readFileSync(target, 'utf8').includes(`${os.homedir()}/`), 'unredacted on request');
    } finally {
      fs.rmSync(target, { force: true });
    }
  });

  it('goDoctor.runChecks re-probes and resolves with a fresh report', async () => {
    const api = await doctorApi();
    const first = await api.whenReport();
    const fresh = await vscode.commands.executeCommand<{ receivedAt: number; state: string }>('goDoctor.runChecks');
    assert.ok(fresh && fresh.receivedAt > first.receivedAt && fresh.state === 'ready');
    await waitFor('the status bar to settle', () => (api.status.level !== 'busy' ? true : undefined));
  });
});
