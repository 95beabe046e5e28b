import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { reportRequest, toolchainChangedNotification, type FolderReport } from '../../../src/server/protocol.js';
import { pathToUri } from '../../../src/server/uris.js';
import { makeWorkspace, startTestServer, testDependencies, type CountingDependencies, type LspTestSession } from './harness.js';
import { goEnvironment, visionosInMakefile } from './test-rules.js';

const FILES = {
  'go.mod': 'module example.com/demo\n\ngo 1.24.0\n',
  Makefile: 'build:\n\tGOOS=visionos go build ./...\n',
  '.vscode/settings.json': '{ "go.alternateTools": { "go": "./evil/go" } }\n',
};

describe('server: untrusted workspace', () => {
  const ws = makeWorkspace(FILES);
  let deps: CountingDependencies;
  let lsp: LspTestSession;
  before(async () => {
    deps = testDependencies({ rules: [visionosInMakefile, goEnvironment], staticRules: [visionosInMakefile] });
    lsp = await startTestServer({ deps, rootUri: ws.uri, initializationOptions: { trusted: false } });
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it('runs no probe, still publishes the static file checks, and skips machine rules', async () => {
    assert.equal((await lsp.diagnosticsFor(pathToUri(join(ws.root, 'Makefile')), (ds) => ds.length === 1)).length, 1);
    assert.equal(deps.probes.length, 0);
    assert.equal(lsp.diagnostics.get(pathToUri(join(ws.root, 'go.mod'))), undefined, 'the machine rule did not run');
  });

  it('says in the report what was skipped and why', async () => {
    const report = await lsp.client.sendRequest<FolderReport>(reportRequest.method, {});
    assert.equal(report.trusted, false);
    assert.deepEqual(report.findings.map((f) => f.rule), ['test/visionos']);
    assert.ok(report.skipped.length >= 2);
    assert.match(report.skipped[0]!.what, /go version/);
    assert.match(report.skipped[0]!.reason, /not trusted/);
    assert.match(report.skipped[1]!.what, /go\/test-environment/);
  });

  it('does not probe on a toolchain change either', async () => {
    const analysed = lsp.nextAnalysis();
    await lsp.client.sendNotification(toolchainChangedNotification.method, {});
    await analysed;
    assert.equal(deps.probes.length, 0);
  });
});

describe('server: a probe that fails', () => {
  it('reports the failure as skipped, runs only the static rules and does not crash', async () => {
    const ws = makeWorkspace(FILES);
    const deps = testDependencies({ rules: [visionosInMakefile, goEnvironment], staticRules: [visionosInMakefile] });
    deps.collectSnapshot = () => Promise.reject(new Error('spawn go ENOENT'));
    const lsp = await startTestServer({ deps, rootUri: ws.uri });
    try {
      await lsp.diagnosticsFor(pathToUri(join(ws.root, 'Makefile')), (ds) => ds.length === 1);
      const report = await lsp.client.sendRequest<FolderReport>(reportRequest.method, {});
      assert.equal(report.trusted, true);
      assert.deepEqual(report.findings.map((f) => f.rule), ['test/visionos']);
      assert.match(report.skipped[0]!.reason, /spawn go ENOENT/);
    } finally {
      await lsp.close();
      ws.cleanup();
    }
  });
});
