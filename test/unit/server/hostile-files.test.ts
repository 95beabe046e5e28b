// A FIFO named like a build file, reached through the editor's notifications (a watched-file
// change, didOpen, didClose), is never read: the server keeps answering and reports the file as
// not checked. A writer keeps opening each FIFO (test/support/hostile-files.ts), so a server that
// did read it blocking would read it as empty and fail these tests instead of hanging them.
import assert from 'node:assert/strict';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { reportRequest, type FolderReport } from '../../../src/server/protocol.js';
import { pathToUri } from '../../../src/server/uris.js';
import { fifoReleaser, makeFifo } from '../../support/hostile-files.js';
import { makeWorkspace, startTestServer, testDependencies, type LspTestSession } from './harness.js';
import { visionosInMakefile } from './test-rules.js';

const GO_MOD = 'module example.com/demo\n\ngo 1.24.0\n';
const BAD = 'build:\n\tGOOS=visionos go build ./...\n';
const GOOD = 'build:\n\tGOOS=ios go build ./...\n';
const FIFO = 'not a regular file (a FIFO), not read';

describe('server: FIFOs and links out of the workspace', () => {
  const ws = makeWorkspace({ 'go.mod': GO_MOD, Makefile: BAD });
  const outside = makeWorkspace({ 'evil.mk': BAD });
  const makefileUri = pathToUri(join(ws.root, 'Makefile'));
  const scriptUri = pathToUri(join(ws.root, 'build.sh'));
  const linkUri = pathToUri(join(ws.root, 'linked.mk'));
  let lsp: LspTestSession;
  let releaser: { stop(): void } | undefined;

  before(async () => {
    lsp = await startTestServer({ deps: testDependencies({ rules: [visionosInMakefile] }), rootUri: ws.uri });
    await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1);
  });
  after(async () => {
    releaser?.stop();
    await lsp.close();
    ws.cleanup();
    outside.cleanup();
  });

  async function skippedFiles(): Promise<Record<string, string>> {
    const report = await lsp.client.sendRequest<FolderReport>(reportRequest.method, {});
    return Object.fromEntries(report.skippedFiles.map((s) => [s.path, s.reason]));
  }

  /**
   * Sends `notify`, then waits (analysis by analysis, however the server batches them) until the
   * report lists `path` as skipped for `reason`; fails when an analysis does not come.
   */
  async function reportsSkipped(notify: () => Promise<void>, path: string, reason: string): Promise<void> {
    let analysed = lsp.nextAnalysis();
    await notify();
    for (let k = 0; k < 10; k++) {
      await analysed;
      analysed = lsp.nextAnalysis();
      if ((await skippedFiles())[path] === reason) {
        // No further analysis needs to come.
        analysed.catch(() => undefined);
        return;
      }
    }
    assert.equal((await skippedFiles())[path], reason);
  }

  it('a watched-file change to a FIFO named Makefile or build.sh does not block, and names it not checked', async () => {
    rmSync(join(ws.root, 'Makefile'));
    makeFifo(join(ws.root, 'Makefile'));
    makeFifo(join(ws.root, 'build.sh'));
    releaser = fifoReleaser([join(ws.root, 'Makefile'), join(ws.root, 'build.sh')]);
    const change = () =>
      lsp.client.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [
          { uri: makefileUri, type: 2 },
          { uri: scriptUri, type: 1 },
        ],
      });
    await reportsSkipped(change, 'build.sh', FIFO);
    const skipped = await skippedFiles();
    assert.equal(skipped.Makefile, FIFO);
    assert.equal(skipped['build.sh'], FIFO);
    assert.deepEqual(await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 0), []);
  });

  it('didOpen and didClose of the FIFO do not block either', async () => {
    await lsp.client.sendNotification('textDocument/didOpen', { textDocument: { uri: makefileUri, languageId: 'makefile', version: 1, text: BAD } });
    assert.equal((await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 1)).length, 1);
    await reportsSkipped(() => lsp.client.sendNotification('textDocument/didClose', { textDocument: { uri: makefileUri } }), 'Makefile', FIFO);
    assert.deepEqual(await lsp.diagnosticsFor(makefileUri, (ds) => ds.length === 0), []);
    // Once more, with the editor's text clean: the server keeps answering.
    await lsp.client.sendNotification('textDocument/didOpen', { textDocument: { uri: makefileUri, languageId: 'makefile', version: 2, text: GOOD } });
    await reportsSkipped(() => lsp.client.sendNotification('textDocument/didClose', { textDocument: { uri: makefileUri } }), 'Makefile', FIFO);
  });

  it('a created link to a file outside the workspace is not read through', async () => {
    symlinkSync(join(outside.root, 'evil.mk'), join(ws.root, 'linked.mk'));
    await reportsSkipped(
      () => lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: linkUri, type: 1 }] }),
      'linked.mk',
      'symbolic link to outside the workspace (not followed)',
    );
    assert.deepEqual(lsp.diagnostics.get(linkUri) ?? [], []);
  });
});
