// The server with the real scanner, model and rules (only the machine is a recorded snapshot:
// the official Go 1.24.3 .pkg on an Apple Silicon Mac, test/testdata/snapshots/official-pkg-arm64.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver/node';
import { applyRangeEdits } from '../../../src/core/edits/apply-text-edits.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { scanWorkspace } from '../../../src/probe/workspace/scan.js';
import type { ServerDependencies } from '../../../src/server/dependencies.js';
import { probeDependencies } from '../../../src/server/probe-dependencies.js';
import { pathToUri } from '../../../src/server/uris.js';
import { makeWorkspace, startTestServer, type LspTestSession } from './harness.js';

const recordedMac = JSON.parse(readFileSync(join(__dirname, '..', '..', 'testdata', 'snapshots', 'official-pkg-arm64.json'), 'utf8')) as Snapshot;

/** The real dependencies, except that the machine is the recorded Mac (nothing is run). */
function recordedMachineDependencies(): ServerDependencies & { probes: number } {
  const real = probeDependencies({});
  const deps = {
    ...real,
    probes: 0,
    collectSnapshot: async ({ root }: { root: string }) => {
      deps.probes++;
      return { ...structuredClone(recordedMac), workspace: await scanWorkspace(root) };
    },
  };
  return deps;
}

const SETTINGS = '{\r\n\t// gopls debugging\r\n\t"go.languageServerFlags": ["-rpc.trace", "serve"], /* temporary */\r\n\t"editor.formatOnSave": true,\r\n}\r\n';
const MAKEFILE = 'VERSION ?= dev\n\nbuild:\n\tGOOS=visionos GOARCH=arm64 go build -o bin/app ./cmd/app\n';

async function codeActions(lsp: LspTestSession, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return lsp.client.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
}

describe('server end to end: real scanner, model and rules', () => {
  const ws = makeWorkspace({
    'go.mod': 'module example.com/app\n\ngo 1.22\n',
    Makefile: MAKEFILE,
    'vision_macos.go': '//go:build macos\n\npackage app\n',
    'cmd/app/main.go': 'package main\n\nfunc main() {}\n',
    '.vscode/settings.json': SETTINGS,
  });
  const makefileUri = pathToUri(join(ws.root, 'Makefile'));
  let lsp: LspTestSession;
  let deps: ReturnType<typeof recordedMachineDependencies>;
  before(async () => {
    deps = recordedMachineDependencies();
    lsp = await startTestServer({ deps, rootUri: ws.uri });
  });
  after(async () => {
    await lsp.close();
    ws.cleanup();
  });

  it('publishes cross/unknown-goos on `visionos` in the Makefile, linked to its docs', async () => {
    const diagnostics = await lsp.diagnosticsFor(makefileUri, (ds) => ds.some((d) => d.code === 'cross/unknown-goos'));
    const d = diagnostics.find((x) => x.code === 'cross/unknown-goos')!;
    assert.deepEqual(d.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 14 } });
    assert.equal(MAKEFILE.split('\n')[3]!.slice(6, 14), 'visionos');
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'Go Toolchain Doctor');
    assert.match(typeof d.message === 'string' ? d.message : d.message.value, /visionOS/);
    assert.match(d.codeDescription!.href, /#crossunknown-goos$/);
  });

  it('offers the nearest real GOOS values as quick fixes, none preferred (they are not equivalent), and applying one clears the finding', async () => {
    const [d] = (await lsp.diagnosticsFor(makefileUri, (ds) => ds.some((x) => x.code === 'cross/unknown-goos'))).filter((x) => x.code === 'cross/unknown-goos');
    const actions = await codeActions(lsp, makefileUri, d!);
    assert.ok(actions.length >= 2, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(actions.every((a) => a.kind === 'quickfix' && a.isPreferred !== true));
    const ios = actions.find((a) => /GOOS=ios/.test(a.title));
    assert.ok(ios);
    const [change] = ios.edit!.documentChanges as TextDocumentEdit[];
    const fixed = applyRangeEdits(MAKEFILE, change!.edits as TextEdit[]);
    assert.equal(fixed, MAKEFILE.replace('GOOS=visionos', 'GOOS=ios'));
    await lsp.client.sendNotification('textDocument/didOpen', { textDocument: { uri: makefileUri, languageId: 'makefile', version: 1, text: MAKEFILE } });
    await lsp.client.sendNotification('textDocument/didChange', { textDocument: { uri: makefileUri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await lsp.diagnosticsFor(makefileUri, (ds) => !ds.some((x) => x.code === 'cross/unknown-goos'));
    // ios with cgo off is the next real problem on that line; the server shows it right away.
    assert.ok(after.every((x) => x.code !== 'cross/unknown-goos'));
    assert.equal(deps.probes, 1, 'the edit was re-analysed without probing');
    await lsp.client.sendNotification('textDocument/didClose', { textDocument: { uri: makefileUri } });
  });

  it('marks an unambiguous fix preferred (//go:build macos → darwin) and it clears build/unknown-os-tag', async () => {
    const uri = pathToUri(join(ws.root, 'vision_macos.go'));
    const diagnostics = await lsp.diagnosticsFor(uri, (ds) => ds.some((d) => d.code === 'build/unknown-os-tag'));
    const d = diagnostics.find((x) => x.code === 'build/unknown-os-tag')!;
    const actions = await codeActions(lsp, uri, d);
    const preferred = actions.filter((a) => a.isPreferred === true);
    assert.equal(preferred.length, 1);
    const [change] = preferred[0]!.edit!.documentChanges as TextDocumentEdit[];
    const text = '//go:build macos\n\npackage app\n';
    const fixed = applyRangeEdits(text, change!.edits as TextEdit[]);
    assert.equal(fixed, '//go:build darwin\n\npackage app\n');
    ws.write('vision_macos.go', fixed);
    await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await lsp.diagnosticsFor(uri, (ds) => !ds.some((x) => x.code === 'build/unknown-os-tag'));
  });

  it('fixes settings/rpc-trace in .vscode/settings.json keeping comments, CRLF and the trailing comma', async () => {
    const uri = pathToUri(join(ws.root, '.vscode/settings.json'));
    const diagnostics = await lsp.diagnosticsFor(uri, (ds) => ds.some((d) => d.code === 'settings/rpc-trace'));
    const d = diagnostics.find((x) => x.code === 'settings/rpc-trace')!;
    const [action] = (await codeActions(lsp, uri, d)).filter((a) => a.isPreferred === true);
    assert.ok(action, 'a preferred fix');
    const [change] = action.edit!.documentChanges as TextDocumentEdit[];
    const fixed = applyRangeEdits(SETTINGS, change!.edits as TextEdit[]);
    assert.equal(fixed, SETTINGS.replace('"-rpc.trace", ', ''));
    ws.write('.vscode/settings.json', fixed);
    await lsp.client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
    await lsp.diagnosticsFor(uri, (ds) => !ds.some((x) => x.code === 'settings/rpc-trace'));
  });

  it('anchors the machine finding (Go 1.24 is no longer supported) on the go line of go.mod', async () => {
    const goMod = pathToUri(join(ws.root, 'go.mod'));
    const diagnostics = await lsp.diagnosticsFor(goMod, (ds) => ds.some((d) => d.code === 'go/unsupported-release'));
    const d = diagnostics.find((x) => x.code === 'go/unsupported-release')!;
    assert.equal(d.range.start.line, 2);
    assert.equal(d.severity, 2);
  });
});
