// A burst of edits is analysed once the edits settle, not once per keystroke; a request that needs
// the findings (code actions, the report) is answered from the latest text right away; shutdown
// is answered at once even with changes waiting.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { reportChangedNotification, reportRequest, type FolderReport, type ReportResult } from '../../../src/server/protocol.js';
import { pathToUri } from '../../../src/server/uris.js';
import { makeWorkspace, startTestServer, testDependencies, type LspTestSession } from './harness.js';
import { visionosInMakefile } from './test-rules.js';

const INSERTS = 2000;

describe('server: edits are debounced per document', () => {
  const ws = makeWorkspace({ 'go.mod': 'module example.com/app\n\ngo 1.22\n', Makefile: 'build:\n\tgo build ./...\n' });
  const uri = pathToUri(join(ws.root, 'Makefile'));
  let lsp: LspTestSession;
  let analyses = 0;
  before(async () => {
    lsp = await startTestServer({ deps: testDependencies({ rules: [visionosInMakefile] }), rootUri: ws.uri });
    lsp.client.onNotification(reportChangedNotification.method, () => {
      analyses++;
    });
    // Until the first analysis has landed.
    while (!('state' in (await lsp.client.sendRequest<ReportResult>(reportRequest.method, {})))) await new Promise((resolve) => setTimeout(resolve, 20));
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it(`re-analyses ${INSERTS} line inserts a handful of times, and a code action sees the last one`, async () => {
    let text = 'build:\n\tgo build ./...\n';
    await lsp.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'makefile', version: 1, text } });
    analyses = 0;
    const sends: Promise<void>[] = [];
    for (let i = 0; i < INSERTS; i++) {
      const line = i === INSERTS - 1 ? '\tGOOS=visionos go build ./...\n' : `# line ${i}\n`;
      sends.push(lsp.client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 2 },
        contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: line }],
      }));
      text = text.replace('build:\n', `build:\n${line}`);
    }
    await Promise.all(sends);
    const diagnostic: Diagnostic = {
      range: { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } },
      message: '',
      code: 'test/visionos',
    };
    const actions = await lsp.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [] } });
    assert.ok(actions.some((a) => a.title === 'Use GOOS=ios'), `the code action saw the last insert: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(analyses >= 1 && analyses <= 10, `${analyses} analyses for ${INSERTS} edits`);
    const report = await lsp.client.sendRequest<FolderReport>(reportRequest.method, {});
    assert.ok(report.findings.some((f) => f.rule === 'test/visionos'));
  });

  it('publishes the settled text once the edits stop (no request needed)', async () => {
    await lsp.client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: INSERTS + 10 },
      contentChanges: [{ text: 'build:\n\tgo build ./...\n' }],
    });
    const diagnostics = await lsp.diagnosticsFor(uri, (ds) => ds.length === 0);
    assert.deepEqual(diagnostics, []);
  });
});

describe('server: shutdown with edits still settling', () => {
  const ws = makeWorkspace({ 'go.mod': 'module example.com/app\n\ngo 1.22\n', Makefile: 'build:\n\tgo build ./...\n' });
  const uri = pathToUri(join(ws.root, 'Makefile'));
  after(() => ws.cleanup());

  it('is answered at once and drops the waiting analysis', async () => {
    const lsp = await startTestServer({ deps: testDependencies({ rules: [visionosInMakefile] }), rootUri: ws.uri });
    while (!('state' in (await lsp.client.sendRequest<ReportResult>(reportRequest.method, {})))) await new Promise((resolve) => setTimeout(resolve, 20));
    let analyses = 0;
    lsp.client.onNotification(reportChangedNotification.method, () => {
      analyses++;
    });
    await lsp.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'makefile', version: 1, text: 'build:\n' } });
    const sends: Promise<void>[] = [];
    for (let i = 0; i < INSERTS; i++) {
      sends.push(lsp.client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 2 },
        contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `\tGOOS=visionos go build ./p${i}\n` }],
      }));
    }
    await Promise.all(sends);
    assert.equal(await lsp.client.sendRequest('shutdown'), null);
    const before = analyses;
    assert.ok(before <= 10, `${before} analyses before shutdown`);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(analyses, before, 'nothing analysed after shutdown');
    assert.equal(lsp.server.lifecycle, 'shutdown');
    lsp.client.dispose();
  });
});
