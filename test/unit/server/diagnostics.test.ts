import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { ruleDocsUrl } from '../../../src/core/rule.js';
import { engineRuleDescriptors } from '../../../src/core/report/engine-rules.js';
import { DIAGNOSTIC_SOURCE, reportRequest, rulesRequest, type FolderReport, type RuleInfo } from '../../../src/server/protocol.js';
import { pathToUri } from '../../../src/server/uris.js';
import { makeWorkspace, startTestServer, testDependencies, type LspTestSession } from './harness.js';
import { addWatcherExclude, goEnvironment, plainEnvironment, toolsEnvGoos, visionosInMakefile } from './test-rules.js';

const GO_MOD = 'module example.com/demo\n\ngo 1.24.0\n\ntoolchain go1.24.4\n';
const MAKEFILE = 'build:\n\tGOOS=visionos GOARCH=arm64 go build ./...\n';
const SETTINGS = '{\n\t// tools see linux\n\t"go.toolsEnvVars": {\n\t\t"GOOS": "linux", // for gopls\n\t},\n}\n';

describe('server: diagnostics', () => {
  const ws = makeWorkspace({ 'go.mod': GO_MOD, Makefile: MAKEFILE, '.vscode/settings.json': SETTINGS });
  let lsp: LspTestSession;
  before(async () => {
    lsp = await startTestServer({ deps: testDependencies({ rules: [visionosInMakefile, goEnvironment, plainEnvironment, toolsEnvGoos] }), rootUri: ws.uri });
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it('publishes a finding with a location at its range, with code, docs link, source and severity', async () => {
    const [d, ...rest] = await lsp.diagnosticsFor(pathToUri(join(ws.root, 'Makefile')));
    assert.equal(rest.length, 0);
    assert.ok(d);
    assert.equal(d.code, 'test/visionos');
    assert.deepEqual(d.codeDescription, { href: ruleDocsUrl('test/visionos') });
    assert.equal(d.source, DIAGNOSTIC_SOURCE);
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.deepEqual(d.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } });
    assert.equal(MAKEFILE.split('\n')[1]!.slice(6, 14), 'visionos');
  });

  it('anchors a go/* environment finding on the go line of go.mod', async () => {
    const diagnostics = await lsp.diagnosticsFor(pathToUri(join(ws.root, 'go.mod')), (ds) => ds.length === 2);
    const go = diagnostics.find((d) => d.code === 'go/test-environment');
    assert.ok(go);
    assert.equal(go.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(go.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 'go 1.24.0'.length } });
  });

  it('anchors other environment findings on the first line of go.mod', async () => {
    const diagnostics = await lsp.diagnosticsFor(pathToUri(join(ws.root, 'go.mod')), (ds) => ds.length === 2);
    const plain = diagnostics.find((d) => d.code === 'path/test-plain');
    assert.ok(plain);
    assert.equal(plain.severity, DiagnosticSeverity.Information);
    assert.deepEqual(plain.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 'module example.com/demo'.length } });
  });

  it('anchors a settings-related finding on the setting key in .vscode/settings.json', async () => {
    const [d] = await lsp.diagnosticsFor(pathToUri(join(ws.root, '.vscode/settings.json')));
    assert.ok(d);
    assert.equal(d.code, 'settings/test-tools-env');
    // The "GOOS" key inside go.toolsEnvVars, line 3 (0-based), after two tabs.
    assert.deepEqual(d.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 8 } });
    assert.equal(SETTINGS.split('\n')[3]!.slice(2, 8), '"GOOS"');
  });

  it('answers goDoctor/rules with every rule it runs and the engine’s own, with their docs', async () => {
    const rules = await lsp.client.sendRequest<RuleInfo[]>(rulesRequest.method, {});
    const ids = ['test/visionos', 'go/test-environment', 'path/test-plain', 'settings/test-tools-env', ...engineRuleDescriptors.map((r) => r.id)];
    assert.deepEqual(rules.map((r) => r.id), ids);
    const visionos = rules[0];
    assert.deepEqual(visionos && { ...visionos }, { id: 'test/visionos', summary: 'test/visionos', defaultSeverity: 'error', docsUrl: ruleDocsUrl('test/visionos'), docs: '', runsUntrusted: true });
    assert.equal(rules.find((r) => r.id === 'go/test-environment')?.runsUntrusted, false, 'a rule that reads the machine does not run untrusted');
  });

  it('answers goDoctor/report with every finding, where it was published, and the snapshot summary', async () => {
    const report = await lsp.client.sendRequest<FolderReport & { folders: FolderReport[] }>(reportRequest.method, {});
    assert.equal(report.folders.length, 1);
    assert.equal(report.trusted, true);
    assert.equal(report.state, 'ready');
    assert.deepEqual(report.findings.map((f) => f.rule).sort(), ['go/test-environment', 'path/test-plain', 'settings/test-tools-env', 'test/visionos']);
    const visionos = report.findings.find((f) => f.rule === 'test/visionos');
    assert.equal(visionos?.published?.uri, pathToUri(join(ws.root, 'Makefile')));
    assert.equal(visionos?.docsUrl, ruleDocsUrl('test/visionos'));
    assert.equal(report.snapshot.platform, 'linux');
    assert.equal(report.toolchain.platform, 'linux');
    assert.deepEqual(report.skipped, []);
  });
});

describe('server: a workspace without go.mod', () => {
  const ws = makeWorkspace({ Makefile: MAKEFILE });
  let lsp: LspTestSession;
  before(async () => {
    lsp = await startTestServer({ deps: testDependencies({ rules: [visionosInMakefile, goEnvironment] }), rootUri: ws.uri });
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it('publishes located findings but keeps environment findings for the report only', async () => {
    await lsp.diagnosticsFor(pathToUri(join(ws.root, 'Makefile')), (ds) => ds.length === 1);
    assert.deepEqual([...lsp.diagnostics.keys()], [pathToUri(join(ws.root, 'Makefile'))]);
    const report = await lsp.client.sendRequest<FolderReport>(reportRequest.method, { uri: ws.uri });
    const env = report.findings.find((f) => f.rule === 'go/test-environment');
    assert.ok(env, 'the environment finding is in the report');
    assert.equal(env.published, undefined);
  });
});

describe('server: anchoring needs the exact setting', () => {
  // files.watcherExclude exists, but not the key the fix adds: the finding is not about what is there.
  const ws = makeWorkspace({ 'go.mod': GO_MOD, '.vscode/settings.json': '{\n\t"files.watcherExclude": { "**/.git/**": true }\n}\n' });
  let lsp: LspTestSession;
  before(async () => {
    lsp = await startTestServer({ deps: testDependencies({ rules: [addWatcherExclude] }), rootUri: ws.uri });
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it('falls back to the first line of go.mod when settings.json lacks the key the fix sets', async () => {
    const [d] = await lsp.diagnosticsFor(pathToUri(join(ws.root, 'go.mod')), (ds) => ds.length === 1);
    assert.equal(d!.code, 'watch/test-exclude');
    assert.equal(d!.range.start.line, 0);
    assert.equal(lsp.diagnostics.get(pathToUri(join(ws.root, '.vscode/settings.json'))), undefined);
  });
});

describe('server: several workspace folders', () => {
  const a = makeWorkspace({ 'go.mod': GO_MOD, Makefile: MAKEFILE });
  const b = makeWorkspace({ 'go.mod': GO_MOD, Makefile: 'build:\n\tgo build ./...\n' });
  let lsp: LspTestSession;
  before(async () => {
    lsp = await startTestServer({
      deps: testDependencies({ rules: [visionosInMakefile] }),
      rootUri: a.uri,
      workspaceFolders: [{ uri: a.uri, name: 'a' }, { uri: b.uri, name: 'b' }],
    });
  });
  after(async () => {
    await lsp.close();
    a.cleanup();
    b.cleanup();
  });

  it('analyses each folder on its own and reports the folder asked for first', async () => {
    await lsp.diagnosticsFor(pathToUri(join(a.root, 'Makefile')), (ds) => ds.length === 1);
    const report = await lsp.client.sendRequest<FolderReport & { folders: FolderReport[] }>(reportRequest.method, { uri: pathToUri(join(b.root, 'Makefile')) });
    assert.equal(report.folderUri, b.uri);
    assert.deepEqual(report.findings, []);
    assert.deepEqual(report.folders.map((f) => f.folderUri).sort(), [a.uri, b.uri].sort());
  });

  it('drops a removed folder and clears its diagnostics', async () => {
    const makefile = pathToUri(join(a.root, 'Makefile'));
    await lsp.diagnosticsFor(makefile, (ds) => ds.length === 1);
    await lsp.client.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: a.uri, name: 'a' }] } });
    assert.deepEqual(await lsp.diagnosticsFor(makefile, (ds) => ds.length === 0), []);
    const report = await lsp.client.sendRequest<{ folders: FolderReport[] }>(reportRequest.method, {});
    assert.deepEqual(report.folders.map((f) => f.folderUri), [b.uri]);
  });
});
