// The built language server (dist/server.js --stdio), spawned like an editor spawns it, against a
// fixture workspace with a real Go 1.27 from $GO_DOCTOR_TOOLCHAINS first on a constructed PATH.
import assert from 'node:assert/strict';
import { fork, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, reportRequest, type FolderReport } from '../../../src/server/protocol.js';
import { pathToUri } from '../../../src/server/uris.js';

const repo = resolve(__dirname, '..', '..', '..');
const server = join(repo, 'dist', 'server.js');
const cli = join(repo, 'dist', 'cli.js');
const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const goBin = join(toolchains, 'go1.27', 'bin');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const missing = existsSync(join(goBin, 'go')) ? undefined : `no Go 1.27 at ${goBin} (install: bash tools/go-toolchains.sh ${toolchains})`;
if (missing && ci) throw new Error(`CI: ${missing}`);

interface RunningServer {
  child: ChildProcessWithoutNullStreams;
  client: MessageConnection;
  diagnostics: Map<string, Diagnostic[]>;
  stderr: string[];
  waitFor(uri: string, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
}

function startServer(home: string, project: string, initializationOptions?: unknown, argv: string[] = [server, '--stdio']): Promise<RunningServer> {
  const child = spawn(process.execPath, argv, {
    cwd: project,
    env: { PATH: `${goBin}:/usr/bin:/bin`, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), GOTOOLCHAIN: 'local', LANG: 'C.UTF-8' },
  });
  const stderr: string[] = [];
  child.stderr.on('data', (b: Buffer) => stderr.push(b.toString()));
  const client = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnostics = new Map<string, Diagnostic[]>();
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.set(p.uri, p.diagnostics);
    for (const w of [...waiters]) {
      if (w.uri !== p.uri || !w.accept(p.diagnostics)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(p.diagnostics);
    }
  });
  client.onNotification('window/logMessage', () => undefined);
  client.listen();
  const running: RunningServer = {
    child,
    client,
    diagnostics,
    stderr,
    waitFor(uri, accept) {
      const now = diagnostics.get(uri);
      if (now && accept(now)) return Promise.resolve(now);
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} in 30 s; stderr: ${stderr.join('')}`)), 30_000);
        waiters.push({ uri, accept, resolve: (d) => (clearTimeout(timer), resolvePromise(d)) });
      });
    },
  };
  const rootUri = pathToUri(project);
  return client
    .sendRequest('initialize', { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: 'proj' }], initializationOptions })
    .then(() => client.sendNotification('initialized', {}))
    .then(() => running);
}

async function stopServer(s: RunningServer): Promise<number | null> {
  const exited = new Promise<number | null>((resolvePromise) => s.child.once('exit', (code) => resolvePromise(code)));
  await s.client.sendRequest('shutdown');
  await s.client.sendNotification('exit');
  const code = await exited;
  s.client.dispose();
  return code;
}

describe('dist/server.js --stdio with a real Go 1.27', { skip: missing }, () => {
  let home = '';
  let project = '';
  before(() => {
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--if-stale'], { cwd: repo, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    home = mkdtempSync(join(tmpdir(), 'go-doctor-lsp-home-'));
    project = join(home, 'proj');
    mkdirSync(project, { recursive: true });
    // Go 1.27 cannot build a module that needs Go 1.99 (GOTOOLCHAIN=local): an error on the go line.
    writeFileSync(join(project, 'go.mod'), 'module example.com/proj\n\ngo 1.99.0\n');
    writeFileSync(join(project, 'main.go'), 'package main\n\nfunc main() {}\n');
    writeFileSync(join(project, 'Makefile'), 'build:\n\tGOOS=visionos GOARCH=arm64 go build ./...\n');
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  it('probes the real toolchain and publishes its findings as diagnostics', async () => {
    const s = await startServer(home, project);
    try {
      const goMod = pathToUri(join(project, 'go.mod'));
      const diagnostics = await s.waitFor(goMod, (ds) => ds.some((d) => d.code === 'go/module-needs-newer'));
      const d = diagnostics.find((x) => x.code === 'go/module-needs-newer')!;
      assert.equal(d.source, DIAGNOSTIC_SOURCE);
      assert.equal(d.range.start.line, 2, 'on the go line');
      assert.equal(d.severity, 1, 'an error under GOTOOLCHAIN=local');
      assert.match(d.codeDescription?.href ?? '', /docs\/rules\.md#gomodule-needs-newer$/);
      const report = await s.client.sendRequest<FolderReport>(reportRequest.method, {});
      assert.equal(report.trusted, true);
      assert.equal(report.toolchain.goVersion, 'go1.27.3');
      assert.equal(report.toolchain.goBinary, join(goBin, 'go'));
    } finally {
      assert.equal(await stopServer(s), 0, s.stderr.join(''));
    }
  });

  it('is what `go-doctor lsp --stdio` (dist/cli.js) starts', async () => {
    const s = await startServer(home, project, undefined, [cli, 'lsp', '--stdio']);
    try {
      const diagnostics = await s.waitFor(pathToUri(join(project, 'go.mod')), (ds) => ds.some((d) => d.code === 'go/module-needs-newer'));
      assert.equal(diagnostics.find((d) => d.code === 'go/module-needs-newer')?.source, DIAGNOSTIC_SOURCE);
    } finally {
      assert.equal(await stopServer(s), 0, s.stderr.join(''));
    }
  });

  it('speaks over Node IPC with --node-ipc, as the VS Code extension starts it', async () => {
    const child = fork(server, ['--node-ipc'], {
      cwd: project,
      env: { PATH: `${goBin}:/usr/bin:/bin`, HOME: home, XDG_CACHE_HOME: join(home, '.cache'), GOTOOLCHAIN: 'local', LANG: 'C.UTF-8' },
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      // Not the test runner's own flags (--test, --import tsx).
      execArgv: [],
    });
    const client = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const goMod = pathToUri(join(project, 'go.mod'));
    const published = new Promise<Diagnostic[]>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error('no diagnostics over IPC in 30 s')), 30_000);
      client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        if (p.uri === goMod && p.diagnostics.length > 0) {
          clearTimeout(timer);
          resolvePromise(p.diagnostics);
        }
      });
    });
    client.onNotification('window/logMessage', () => undefined);
    client.listen();
    const exited = new Promise<number | null>((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
    try {
      const rootUri = pathToUri(project);
      await client.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: 'proj' }], initializationOptions: { trusted: true } });
      await client.sendNotification('initialized', {});
      assert.ok((await published).some((d) => d.code === 'go/module-needs-newer'));
    } finally {
      await client.sendRequest('shutdown');
      await client.sendNotification('exit');
      assert.equal(await exited, 0);
      client.dispose();
    }
  });

  it('runs no probe in an untrusted workspace and says so', async () => {
    const s = await startServer(home, project, { trusted: false });
    try {
      const report = await new Promise<FolderReport>((resolvePromise, reject) => {
        const deadline = Date.now() + 30_000;
        const poll = () =>
          void s.client.sendRequest<FolderReport | { folders: [] }>(reportRequest.method, {}).then((r) => {
            if ('trusted' in r) resolvePromise(r);
            else if (Date.now() > deadline) reject(new Error('no report'));
            else setTimeout(poll, 50);
          }, reject);
        poll();
      });
      assert.equal(report.trusted, false);
      assert.equal(report.toolchain.goVersion, undefined, 'go was not run');
      assert.match(report.skipped.map((x) => x.reason).join('\n'), /not trusted/);
      assert.equal(report.findings.some((f) => f.rule.startsWith('go/')), false);
    } finally {
      assert.equal(await stopServer(s), 0, s.stderr.join(''));
    }
  });
});
