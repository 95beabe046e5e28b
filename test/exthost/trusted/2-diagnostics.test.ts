/// <reference types="mocha" />
/**
 * Problems panel and quick fixes, through VS Code's own APIs (vscode.languages.getDiagnostics,
 * vscode.executeCodeActionProvider): the GOOS=visionos Makefile, the settings.json fix that must
 * keep comments, re-checks on edits and on settings changes.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticCode, doctorApi, doctorDiagnostics, fixtureUri, requiredEnv, waitFor, workspaceFolder } from '../support/host.js';

const UNKNOWN_GOOS = 'cross/unknown-goos';

function lineOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `fixture lacks ${needle}`);
  return { line, character: (lines[line] ?? '').indexOf(needle) };
}

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri); // the command needs a text model
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
  return actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a || 'diagnostics' in a);
}

function describeActions(actions: vscode.CodeAction[]): string {
  return JSON.stringify(
    actions.map((a) => ({ title: a.title, kind: a.kind?.value, edit: a.edit?.size, command: a.command?.command, diagnostics: a.diagnostics?.map(diagnosticCode) })),
  );
}

async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" not applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
}

async function fileText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function setText(uri: vscode.Uri, text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await doc.save(), `could not save ${uri.fsPath}`);
}

describe('Problems panel and quick fixes', () => {
  const makefile = fixtureUri('Makefile');
  let original = '';

  before(async () => {
    await doctorApi();
    original = fs.readFileSync(makefile.fsPath, 'utf8');
  });

  it('puts cross/unknown-goos on the GOOS=visionos assignment, quoting the real go error', async () => {
    const at = lineOf(original, 'GOOS=visionos');
    const [diag] = await waitFor('the visionos diagnostic', () => {
      const d = doctorDiagnostics(makefile, UNKNOWN_GOOS);
      return d.length ? d : undefined;
    }, 90_000);
    assert.ok(diag);
    assert.equal(diag.range.start.line, at.line);
    const doc = await vscode.workspace.openTextDocument(makefile);
    const covered = doc.getText(diag.range);
    assert.ok(covered === 'visionos' || covered === 'GOOS=visionos', `range covers ${JSON.stringify(covered)}`);
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(typeof diag.code === 'object' && diag.code.target.toString().includes('unknown-goos'), 'code links to the rule docs');

    // what the real toolchain says about this build (the message must quote it)
    const goDir = requiredEnv('GO_DOCTOR_TEST_PATH_DIR');
    let stderr = '';
    try {
      execFileSync(path.join(goDir, 'go'), ['build', '-o', '/dev/null', './cmd/app'], {
        cwd: workspaceFolder().uri.fsPath,
        env: { ...process.env, GOOS: 'visionos', GOARCH: 'arm64', GOTOOLCHAIN: 'local' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      assert.fail('go build for visionos succeeded');
    } catch (err) {
      stderr = String((err as { stderr?: string }).stderr ?? '');
    }
    const realError = stderr.split('\n').find((l) => l.includes('unsupported GOOS/GOARCH pair'));
    assert.ok(realError, `real go output: ${stderr}`);
    assert.ok(diag.message.includes(realError.replace(/^go: /, '').trim()), `message does not quote "${realError}": ${diag.message}`);
  });

  it('offers a quick fix through vscode.executeCodeActionProvider, and applying it clears the diagnostic', async () => {
    const [diag] = doctorDiagnostics(makefile, UNKNOWN_GOOS);
    assert.ok(diag, 'diagnostic missing');
    const actions = await quickFixes(makefile, diag.range);
    // actions asked for at the diagnostic's range; when an action names its diagnostics, they must be this one
    const fix = actions.find((a) => (a.diagnostics?.some((d) => diagnosticCode(d) === UNKNOWN_GOOS) ?? true) && a.edit && /GOOS=/.test(a.title));
    assert.ok(fix, `no edit quick fix for ${UNKNOWN_GOOS}: ${describeActions(actions)}`);
    await applyAction(fix);
    const doc = await vscode.workspace.openTextDocument(makefile);
    assert.ok(!doc.getText().includes('GOOS=visionos'), 'the fix did not replace visionos');
    await waitFor('the diagnostic to clear', () => (doctorDiagnostics(makefile, UNKNOWN_GOOS).length === 0 ? true : undefined));
    // VS Code may already have saved the edited file (a clean document's save() is false): what
    // matters is that the fixed text is what is on disk
    if (doc.isDirty) assert.ok(await doc.save(), 'could not save the fixed Makefile');
    assert.equal(await fileText(makefile), doc.getText(), 'the fixed Makefile is not on disk');
  });

  it('re-checks an edited file: restoring visionos brings the diagnostic back', async () => {
    await setText(makefile, original);
    await waitFor('the diagnostic to return', () => (doctorDiagnostics(makefile, UNKNOWN_GOOS).length === 1 ? true : undefined));
  });

  it('re-checks unsaved editor text: a new bad GOOS line is flagged before saving', async () => {
    const doc = await vscode.workspace.openTextDocument(makefile);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(makefile, new vscode.Position(doc.lineCount, 0), '\nmac:\n\tGOOS=macos GOARCH=arm64 go build ./cmd/app\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const found = await waitFor('a diagnostic on the GOOS=macos line', () => {
      const d = doctorDiagnostics(makefile, UNKNOWN_GOOS).find((x) => doc.lineAt(x.range.start.line).text.includes('GOOS=macos'));
      return d;
    });
    assert.ok(found);
    await setText(makefile, original);
    await waitFor('only the visionos diagnostic', () => (doctorDiagnostics(makefile, UNKNOWN_GOOS).length === 1 ? true : undefined));
  });

  it('re-checks on settings changes: goDoctor.rules turns a check off and changes its severity', async () => {
    const api = await doctorApi();
    const config = vscode.workspace.getConfiguration('goDoctor');
    try {
      await config.update('rules', { [UNKNOWN_GOOS]: 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('the check to go quiet', () => (doctorDiagnostics(makefile, UNKNOWN_GOOS).length === 0 ? true : undefined));
      await waitFor('the report tree to show it disabled', () =>
        api.tree.some((g) => g.kind === 'group' && g.children.some((c) => c.kind === 'check' && c.rule.id === UNKNOWN_GOOS && c.status === 'disabled')) ? true : undefined,
      );
      await config.update('rules', { [UNKNOWN_GOOS]: { severity: 'info' } }, vscode.ConfigurationTarget.Workspace);
      await waitFor('the check back as information', () => {
        const d = doctorDiagnostics(makefile, UNKNOWN_GOOS);
        return d.length === 1 && d[0]?.severity === vscode.DiagnosticSeverity.Information ? true : undefined;
      });
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('the check back as an error', () => (doctorDiagnostics(makefile, UNKNOWN_GOOS)[0]?.severity === vscode.DiagnosticSeverity.Error ? true : undefined));
  });

  it('the settings.json quick fix keeps every comment', async () => {
    const settings = fixtureUri('.vscode', 'settings.json');
    const before = fs.readFileSync(settings.fsPath, 'utf8');
    const comments = before.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];
    assert.ok(comments.length >= 3, 'fixture has comments');
    const [diag] = await waitFor('settings/rpc-trace on settings.json', () => {
      const d = doctorDiagnostics(settings, 'settings/rpc-trace');
      return d.length ? d : undefined;
    }, 30_000);
    assert.ok(diag);
    const actions = await quickFixes(settings, diag.range);
    const fix = actions.find((a) => (a.diagnostics?.some((d) => diagnosticCode(d) === 'settings/rpc-trace') ?? true) && /rpc\.trace/.test(a.title));
    assert.ok(fix, `no quick fix for settings/rpc-trace: ${describeActions(actions)}`);
    console.log(`settings fix: ${describeActions([fix])}`);
    await applyAction(fix);
    const doc = await vscode.workspace.openTextDocument(settings);
    if (doc.isDirty) assert.ok(await doc.save());
    const after = fs.readFileSync(settings.fsPath, 'utf8');
    assert.ok(!after.includes('-rpc.trace'), `flag still there:\n${after}`);
    for (const c of comments.filter((c) => !c.includes('traces every gopls message'))) assert.ok(after.includes(c), `comment lost: ${c}\n${after}`);
    assert.ok(after.includes('"editor.tabSize": 4'));
    await waitFor('the settings diagnostic to clear', () => (doctorDiagnostics(settings, 'settings/rpc-trace').length === 0 ? true : undefined));
  });
});
