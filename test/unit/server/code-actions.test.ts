import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, RenameFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { applyRangeEdits } from '../../../src/core/edits/apply-text-edits.js';
import { jsoncComments } from '../../../src/core/edits/jsonc-value-edit.js';
import { APPLY_SETTING_COMMAND, SHOW_COMMAND_COMMAND, type ApplySettingArgs, type ShowCommandArgs } from '../../../src/server/protocol.js';
import { pathToUri, uriToPath } from '../../../src/server/uris.js';
import { FULL_EDIT_SUPPORT, makeWorkspace, startTestServer, testDependencies, type LspTestSession } from './harness.js';
import { addWatcherExclude, goEnvironment, plainEnvironment, toolsEnvGoos, unixSuffix, visionosInMakefile } from './test-rules.js';

const GO_MOD = 'module example.com/demo\n\ngo 1.24.0\n';
const MAKEFILE = 'build:\n\tGOOS=visionos GOARCH=arm64 go build ./...\n';
// Real-world shape: comments of both kinds, trailing commas, tabs, CRLF line ends.
const SETTINGS =
  '// Workspace settings\r\n{\r\n\t"editor.formatOnSave": true, /* keep */\r\n\t// tools see linux\r\n\t"go.toolsEnvVars": {\r\n\t\t"GOOS": "linux", // for gopls\r\n\t\t"CGO_ENABLED": "0",\r\n\t},\r\n}\r\n';

async function codeActions(lsp: LspTestSession, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return lsp.client.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
}

/** The argument a client command of a code action carries. */
function firstArgument<T>(action: CodeAction): T {
  const args: unknown[] = action.command?.arguments ?? [];
  return args[0] as T;
}

/** Applies a WorkspaceEdit to the files on disk, as an editor would. */
function applyWorkspaceEdit(edit: WorkspaceEdit): void {
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind === 'rename') renameSync(uriToPath(change.oldUri)!, uriToPath(change.newUri)!);
      else if (change.kind === 'create') {
        if (!existsSync(uriToPath(change.uri)!)) writeFileSync(uriToPath(change.uri)!, '');
      } else throw new Error(`unexpected ${change.kind}`);
      continue;
    }
    const path = uriToPath(change.textDocument.uri)!;
    writeFileSync(path, applyRangeEdits(readFileSync(path, 'utf8'), change.edits as TextEdit[]));
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const path = uriToPath(uri)!;
    writeFileSync(path, applyRangeEdits(readFileSync(path, 'utf8'), edits));
  }
}

describe('server: code actions', () => {
  const ws = makeWorkspace({ 'go.mod': GO_MOD, Makefile: MAKEFILE, '.vscode/settings.json': SETTINGS, 'sys_unix.go': 'package demo\n' });
  const makefileUri = pathToUri(join(ws.root, 'Makefile'));
  const settingsUri = pathToUri(join(ws.root, '.vscode/settings.json'));
  const goModUri = pathToUri(join(ws.root, 'go.mod'));
  let lsp: LspTestSession;
  before(async () => {
    lsp = await startTestServer({
      deps: testDependencies({ rules: [visionosInMakefile, goEnvironment, plainEnvironment, toolsEnvGoos, unixSuffix] }),
      rootUri: ws.uri,
    });
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it('offers an edit fix as a quickfix (not preferred unless the fix says so) and skips advice-only fixes', async () => {
    const [d] = await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1);
    const actions = await codeActions(lsp, makefileUri, d!);
    assert.equal(actions.length, 1, 'the text fix has no action');
    const [action] = actions;
    assert.equal(action!.title, 'Use GOOS=ios');
    assert.equal(action!.kind, 'quickfix');
    assert.equal(action!.isPreferred, undefined);
    assert.deepEqual(action!.diagnostics, [d]);
    const [change] = action!.edit!.documentChanges as TextDocumentEdit[];
    assert.equal(change!.textDocument.uri, makefileUri);
    assert.deepEqual(change!.edits, [{ range: d!.range, newText: 'ios' }]);
  });

  it('applying the edit to the open document clears the diagnostic on re-analysis', async () => {
    const [d] = await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1);
    await lsp.client.sendNotification('textDocument/didOpen', { textDocument: { uri: makefileUri, languageId: 'makefile', version: 1, text: MAKEFILE } });
    const [action] = await codeActions(lsp, makefileUri, d!);
    const [change] = action!.edit!.documentChanges as TextDocumentEdit[];
    assert.equal(change!.textDocument.version, 1, 'edits to an open document carry its version');
    const fixed = applyRangeEdits(MAKEFILE, change!.edits as TextEdit[]);
    assert.equal(fixed, 'build:\n\tGOOS=ios GOARCH=arm64 go build ./...\n');
    await lsp.client.sendNotification('textDocument/didChange', {
      textDocument: { uri: makefileUri, version: 2 },
      contentChanges: [{ range: d!.range, text: 'ios' }],
    });
    assert.deepEqual(await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 0), []);
    await lsp.client.sendNotification('textDocument/didClose', { textDocument: { uri: makefileUri } });
    // Closed without saving: the disk still says visionos.
    assert.equal((await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1)).length, 1);
  });

  it('edits .vscode/settings.json for a workspace setting fix, keeping comments and formatting byte-for-byte elsewhere', async () => {
    const [d] = await lsp.diagnosticsFor(settingsUri, (ds) => ds.length === 1);
    const [action] = await codeActions(lsp, settingsUri, d!);
    assert.equal(action!.title, 'Remove GOOS from go.toolsEnvVars');
    assert.equal(action!.isPreferred, true);
    assert.equal(action!.command, undefined);
    const [change] = action!.edit!.documentChanges as TextDocumentEdit[];
    assert.equal(change!.textDocument.uri, settingsUri);
    const edited = applyRangeEdits(SETTINGS, change!.edits as TextEdit[]);
    assert.equal(
      edited,
      '// Workspace settings\r\n{\r\n\t"editor.formatOnSave": true, /* keep */\r\n\t// tools see linux\r\n\t"go.toolsEnvVars": {\r\n\t\t// for gopls\r\n\t\t"CGO_ENABLED": "0",\r\n\t},\r\n}\r\n',
    );
    assert.deepEqual(jsoncComments(edited).map((c) => c.text), jsoncComments(SETTINGS).map((c) => c.text));
    // Applying it on disk makes the finding go away on the next one-file re-analysis.
    applyWorkspaceEdit(action!.edit!);
    await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: settingsUri, type: 2 }] });
    assert.deepEqual(await lsp.diagnosticsFor(settingsUri, (ds) => ds.length === 0), []);
    writeFileSync(join(ws.root, '.vscode/settings.json'), SETTINGS);
    await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: settingsUri, type: 2 }] });
    await lsp.diagnosticsFor(settingsUri, (ds) => ds.length === 1);
  });

  it('turns user-scope setting fixes and terminal commands into client commands, never run by the server', async () => {
    const diagnostics = await lsp.diagnosticsFor(goModUri, (ds) => ds.length === 2);
    const plain = diagnostics.find((d) => d.code === 'path/test-plain')!;
    const [setting] = await codeActions(lsp, goModUri, plain);
    assert.equal(setting!.edit, undefined);
    assert.equal(setting!.isPreferred, true);
    assert.equal(setting!.command?.command, APPLY_SETTING_COMMAND);
    const args = firstArgument<ApplySettingArgs>(setting!);
    assert.deepEqual(args, { title: 'Set go.goroot for the user', rule: 'path/test-plain', section: 'go.goroot', value: '/usr/local/go', remove: false, scope: 'user', folderUri: ws.uri });

    const go = diagnostics.find((d) => d.code === 'go/test-environment')!;
    const actions = await lsp.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: goModUri }, range: go.range, context: { diagnostics: [go] } });
    const show = actions.find((a) => a.command?.command === SHOW_COMMAND_COMMAND);
    assert.ok(show);
    assert.equal(show.isPreferred, undefined);
    assert.deepEqual(firstArgument<ShowCommandArgs>(show), { title: 'Show how to update Go', rule: 'go/test-environment', command: 'brew upgrade go', outsideWorkspace: true, needsAdmin: false });
  });

  it('returns nothing when only other kinds are asked for, or outside every diagnostic', async () => {
    const [d] = await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1);
    const refactor = await lsp.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: makefileUri }, range: d!.range, context: { diagnostics: [d], only: ['refactor'] } });
    assert.deepEqual(refactor, []);
    const elsewhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    assert.deepEqual(await lsp.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: makefileUri }, range: elsewhere, context: { diagnostics: [] } }), []);
  });

  it('shapes a rename fix as the edit of the old file followed by a RenameFile, and applying it clears the finding', async () => {
    const oldUri = pathToUri(join(ws.root, 'sys_unix.go'));
    const newUri = pathToUri(join(ws.root, 'sys_unixlike.go'));
    const [d] = await lsp.diagnosticsFor(oldUri, (ds) => ds.length === 1);
    const [action] = await codeActions(lsp, oldUri, d!);
    assert.equal(action!.isPreferred, true);
    const changes = action!.edit!.documentChanges!;
    assert.equal(changes.length, 2);
    const [edit, rename] = changes as [TextDocumentEdit, RenameFile];
    assert.equal(edit.textDocument.uri, oldUri);
    assert.deepEqual(edit.edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '//go:build unix\n\n' }]);
    assert.equal(rename.kind, 'rename');
    assert.equal(rename.oldUri, oldUri);
    assert.equal(rename.newUri, newUri);
    applyWorkspaceEdit(action!.edit!);
    await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: oldUri, type: 3 }, { uri: newUri, type: 1 }] });
    assert.deepEqual(await lsp.diagnosticsFor(oldUri, (ds) => ds.length === 0), []);
    assert.equal(lsp.diagnostics.get(newUri), undefined);
  });
});

describe('server: code actions for limited clients', () => {
  const ws = makeWorkspace({ 'go.mod': GO_MOD, Makefile: MAKEFILE, 'net_unix.go': 'package demo\n' });
  let lsp: LspTestSession;
  before(async () => {
    lsp = await startTestServer({
      deps: testDependencies({ rules: [visionosInMakefile, unixSuffix, addWatcherExclude] }),
      rootUri: ws.uri,
      capabilities: { workspace: { workspaceEdit: { documentChanges: false } } },
    });
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it('uses `changes` when the client has no documentChanges', async () => {
    const uri = pathToUri(join(ws.root, 'Makefile'));
    const [d] = await lsp.diagnosticsFor(uri, (ds) => ds.length === 1);
    const [action] = await codeActions(lsp, uri, d!);
    assert.deepEqual(action!.edit, { changes: { [uri]: [{ range: d!.range, newText: 'ios' }] } });
  });

  it('does not offer a rename fix it could only half-apply', async () => {
    const uri = pathToUri(join(ws.root, 'net_unix.go'));
    const [d] = await lsp.diagnosticsFor(uri, (ds) => ds.length === 1);
    assert.deepEqual(await codeActions(lsp, uri, d!), []);
  });

  it('falls back to the applySetting command when settings.json would have to be created', async () => {
    const uri = pathToUri(join(ws.root, 'go.mod'));
    const [d] = await lsp.diagnosticsFor(uri, (ds) => ds.length === 1);
    const [action] = await codeActions(lsp, uri, d!);
    assert.equal(action!.command?.command, APPLY_SETTING_COMMAND);
    const args = firstArgument<ApplySettingArgs>(action!);
    assert.equal(args.scope, 'workspace');
  });
});

describe('server: creating .vscode/settings.json', () => {
  const ws = makeWorkspace({ 'go.mod': GO_MOD });
  let lsp: LspTestSession;
  before(async () => {
    lsp = await startTestServer({ deps: testDependencies({ rules: [addWatcherExclude] }), rootUri: ws.uri, capabilities: FULL_EDIT_SUPPORT });
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it('creates the file with the setting when it does not exist', async () => {
    const uri = pathToUri(join(ws.root, 'go.mod'));
    const [d] = await lsp.diagnosticsFor(uri, (ds) => ds.length === 1);
    const [action] = await codeActions(lsp, uri, d!);
    const settingsUri = pathToUri(join(ws.root, '.vscode/settings.json'));
    const [create, insert] = action!.edit!.documentChanges! as [{ kind: string; uri: string }, TextDocumentEdit];
    assert.deepEqual(create, { kind: 'create', uri: settingsUri, options: { overwrite: false, ignoreIfExists: true } });
    assert.equal(insert.textDocument.uri, settingsUri);
    const text = applyRangeEdits('', insert.edits as TextEdit[]);
    assert.equal(text, '{\n\t"files.watcherExclude": {\n\t\t"**/build/gen/**": true\n\t}\n}\n');
  });
});
