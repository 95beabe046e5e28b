import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { reportRequest, toolchainChangedNotification, type FolderReport } from '../../../src/server/protocol.js';
import { pathToUri } from '../../../src/server/uris.js';
import { makeWorkspace, startTestServer, testDependencies, type CountingDependencies, type LspTestSession } from './harness.js';
import { goEnvironment, visionosInMakefile } from './test-rules.js';

const GO_MOD = 'module example.com/demo\n\ngo 1.24.0\n';
const BAD = 'build:\n\tGOOS=visionos go build ./...\n';
const GOOD = 'build:\n\tGOOS=ios go build ./...\n';

describe('server: incremental re-analysis', () => {
  const ws = makeWorkspace({ 'go.mod': GO_MOD, Makefile: BAD, 'tools/Makefile': GOOD });
  const makefileUri = pathToUri(join(ws.root, 'Makefile'));
  const toolsUri = pathToUri(join(ws.root, 'tools/Makefile'));
  let deps: CountingDependencies;
  let lsp: LspTestSession;
  before(async () => {
    deps = testDependencies({ rules: [visionosInMakefile, goEnvironment] });
    lsp = await startTestServer({ deps, rootUri: ws.uri });
    await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1);
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it('registers file watchers for the build-config files it reads', () => {
    const registration = lsp.registrations[0] as { method: string; registerOptions: { watchers: { globPattern: string }[] } };
    assert.equal(registration.method, 'workspace/didChangeWatchedFiles');
    const globs = registration.registerOptions.watchers.map((w) => w.globPattern);
    for (const glob of ['**/go.mod', '**/{Makefile,makefile,GNUmakefile,*.mk}', '**/.vscode/{settings,launch,tasks}.json', '**/.github/workflows/*.{yml,yaml}']) assert.ok(globs.includes(glob), glob);
  });

  it('re-reads only the changed file and re-runs the rules without probing again', async () => {
    assert.equal(deps.probes.length, 1);
    deps.diskReads.length = 0;
    ws.write('tools/Makefile', BAD);
    await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: toolsUri, type: 2 }] });
    assert.equal((await lsp.diagnosticsFor(toolsUri, (ds) => ds.length === 1)).length, 1);
    assert.deepEqual(deps.diskReads, ['tools/Makefile']);
    assert.equal(deps.probes.length, 1, 'no re-probe for a file change');
    assert.equal(lsp.diagnostics.get(makefileUri)?.length, 1, 'the other file keeps its diagnostic');
  });

  it('removes the findings of a deleted file and picks up a created one', async () => {
    rmSync(join(ws.root, 'tools/Makefile'));
    await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: toolsUri, type: 3 }] });
    assert.deepEqual(await lsp.diagnosticsFor(toolsUri, (ds) => ds.length === 0), []);
    const newUri = pathToUri(join(ws.root, 'cmd/Makefile'));
    ws.write('cmd/Makefile', BAD);
    await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: newUri, type: 1 }] });
    assert.equal((await lsp.diagnosticsFor(newUri, (ds) => ds.length === 1)).length, 1);
    assert.equal(deps.probes.length, 1);
  });

  it('lets unsaved editor content win over the disk, and ignores disk events for open files', async () => {
    await lsp.client.sendNotification('textDocument/didOpen', { textDocument: { uri: makefileUri, languageId: 'makefile', version: 1, text: GOOD } });
    assert.deepEqual(await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 0), []);
    deps.diskReads.length = 0;
    await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: makefileUri, type: 2 }] });
    await lsp.client.sendNotification('textDocument/didSave', { textDocument: { uri: makefileUri } });
    const report = await lsp.client.sendRequest<FolderReport>(reportRequest.method, {});
    assert.equal(report.findings.filter((f) => f.published?.uri === makefileUri).length, 0, 'the disk still says visionos, the editor does not');
    assert.deepEqual(deps.diskReads, []);
    await lsp.client.sendNotification('textDocument/didClose', { textDocument: { uri: makefileUri } });
    assert.equal((await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1)).length, 1);
  });

  it('re-probes and re-checks everything on a toolchain change', async () => {
    const before = deps.probes.length;
    const analysed = lsp.nextAnalysis();
    await lsp.client.sendNotification(toolchainChangedNotification.method, {});
    const session = await analysed;
    assert.equal(session.analysis?.reason, 'probe');
    assert.equal(deps.probes.length, before + 1);
  });

  it('keeps the editor text over the disk through a re-probe', async () => {
    await lsp.client.sendNotification('textDocument/didOpen', { textDocument: { uri: makefileUri, languageId: 'makefile', version: 1, text: GOOD } });
    await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 0);
    const analysed = lsp.nextAnalysis();
    await lsp.client.sendNotification(toolchainChangedNotification.method, {});
    const session = await analysed;
    assert.equal(session.analysis?.reason, 'probe');
    assert.equal(session.analysis?.findings.filter((f) => f.location?.file === join(ws.root, 'Makefile')).length, 0, 'the fresh scan read visionos from disk, the editor says ios');
    assert.equal(session.currentSnapshot?.workspace?.files.find((f) => f.path === 'Makefile')?.content, GOOD);
    await lsp.client.sendNotification('textDocument/didClose', { textDocument: { uri: makefileUri } });
    await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1);
  });

  it('re-probes on a configuration change, with the new settings', async () => {
    const before = deps.probes.length;
    const analysed = lsp.nextAnalysis();
    await lsp.client.sendNotification('workspace/didChangeConfiguration', { settings: { goDoctor: { probeTimeoutMs: 1234, rules: { 'test/visionos': { enabled: false } } } } });
    await analysed;
    assert.equal(deps.probes.length, before + 1);
    assert.equal(deps.probes.at(-1)?.settings.probeTimeoutMs, 1234);
    assert.deepEqual(await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 0), [], 'the disabled rule no longer reports');
  });

  it('does not re-probe when a configuration notification changes nothing', async () => {
    const before = deps.probes.length;
    await lsp.client.sendNotification('workspace/didChangeConfiguration', { settings: { goDoctor: { probeTimeoutMs: 1234, rules: { 'test/visionos': { enabled: false } } } } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const report = await lsp.client.sendRequest<FolderReport>(reportRequest.method, {});
    assert.equal(report.state, 'ready');
    assert.equal(deps.probes.length, before);
  });

  it('reports a rule again once its override is removed from the settings', async () => {
    await lsp.client.sendNotification('workspace/didChangeConfiguration', { settings: { goDoctor: { probeTimeoutMs: 1234, rules: {} } } });
    assert.equal((await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1)).length, 1);
  });
});

describe('server: one-file re-analysis in a session', () => {
  it('replaces only the changed record and keeps the machine facts', async () => {
    const ws = makeWorkspace({ 'go.mod': GO_MOD, Makefile: BAD });
    const deps = testDependencies({ rules: [visionosInMakefile] });
    const lsp = await startTestServer({ deps, rootUri: ws.uri });
    try {
      await lsp.diagnosticsFor(pathToUri(join(ws.root, 'Makefile')), (ds) => ds.length === 1);
      const [session] = lsp.server.workspaceSessions;
      const machine = session!.currentMachine;
      const goMod = session!.currentSnapshot!.workspace!.files.find((f) => f.path === 'go.mod');
      const analysis = session!.reanalyseText('Makefile', GOOD);
      assert.equal(analysis?.findings.length, 0);
      assert.equal(analysis?.reason, 'files');
      assert.equal(session!.currentMachine, machine, 'machine facts are reused, not derived again');
      assert.equal(session!.currentSnapshot!.workspace!.files.find((f) => f.path === 'go.mod'), goMod, 'other records are untouched');
      assert.equal(session!.currentSnapshot!.workspace!.files.find((f) => f.path === 'Makefile')?.content, GOOD);
      assert.equal(deps.probes.length, 1);
    } finally {
      await lsp.close();
      ws.cleanup();
    }
  });
});
