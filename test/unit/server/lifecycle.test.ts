// The bundled language server (server.js), spawned as an editor spawns it: the LSP lifecycle
// (ServerNotInitialized before initialize, InvalidRequest after shutdown, exit codes) and that it
// never outlives its client (stdin closed, IPC channel gone, client process dead).
import assert from 'node:assert/strict';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createMessageConnection,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver/node';
import { pathToUri } from '../../../src/server/uris.js';
import { bundle } from '../hostile/bundle.js';

/** A hang detector, not a timing assertion: the server checks its client every 3 s. */
const EXIT_BOUND_MS = 20_000;

let home = '';
let project = '';
let server = '';
const children: ChildProcess[] = [];

function env(): NodeJS.ProcessEnv {
  // No Go on PATH: the probe finds nothing quickly and runs nothing of interest.
  return { PATH: '/usr/bin:/bin', HOME: home, XDG_CACHE_HOME: join(home, '.cache'), GOTOOLCHAIN: 'local', LANG: 'C.UTF-8' };
}

interface Spawned {
  child: ChildProcess;
  client: MessageConnection;
  exited: Promise<number | null>;
}

function spawnStdio(extraArgs: string[] = []): Spawned {
  const child = spawn(process.execPath, [server, '--stdio', ...extraArgs], { cwd: project, env: env(), stdio: ['pipe', 'pipe', 'ignore'] });
  children.push(child);
  const client = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  client.onNotification(() => undefined);
  client.onRequest(() => null);
  client.onError(() => undefined);
  client.listen();
  return { child, client, exited: exitOf(child) };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server ${child.pid} still running after ${EXIT_BOUND_MS} ms`)), EXIT_BOUND_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function initialize(client: MessageConnection, processId: number | null = process.pid): Promise<unknown> {
  const rootUri = pathToUri(project);
  return client.sendRequest('initialize', { processId, rootUri, capabilities: {}, workspaceFolders: [{ uri: rootUri, name: 'proj' }] });
}

async function errorCodeOf(request: Promise<unknown>): Promise<number | undefined> {
  try {
    await request;
    return undefined;
  } catch (err) {
    assert.ok(err instanceof ResponseError, String(err));
    return err.code;
  }
}

const codeActionParams = () => ({
  textDocument: { uri: pathToUri(join(project, 'Makefile')) },
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  context: { diagnostics: [] },
});

// Concurrent: the client-process checks wait for the server's 3-second poll.
describe('language server lifecycle (bundled server, spawned)', { concurrency: true }, () => {
  before(async () => {
    server = (await bundle()).server;
    home = mkdtempSync(join(tmpdir(), 'go-doctor-lsp-life-'));
    project = join(home, 'proj');
    mkdirSync(project);
    writeFileSync(join(project, 'go.mod'), 'module example.com/proj\n\ngo 1.22\n');
    writeFileSync(join(project, 'Makefile'), 'build:\n\tgo build ./...\n');
  });
  after(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  it('answers a request before initialize with ServerNotInitialized (-32002)', async () => {
    const s = spawnStdio();
    assert.equal(await errorCodeOf(s.client.sendRequest('textDocument/codeAction', codeActionParams())), ErrorCodes.ServerNotInitialized);
    assert.equal(await errorCodeOf(s.client.sendRequest('goDoctor/report', {})), ErrorCodes.ServerNotInitialized);
    assert.equal(await errorCodeOf(s.client.sendRequest('shutdown')), ErrorCodes.ServerNotInitialized);
    await initialize(s.client);
    assert.equal(await errorCodeOf(s.client.sendRequest('goDoctor/report', {})), undefined, 'answered once initialized');
    await s.client.sendRequest('shutdown');
    await s.client.sendNotification('exit');
    assert.equal(await s.exited, 0);
    s.client.dispose();
  });

  it('refuses requests after shutdown with InvalidRequest, and exit then ends it with 0', async () => {
    const s = spawnStdio();
    await initialize(s.client);
    await s.client.sendNotification('initialized', {});
    assert.equal(await s.client.sendRequest('shutdown'), null);
    assert.equal(await errorCodeOf(s.client.sendRequest('textDocument/codeAction', codeActionParams())), ErrorCodes.InvalidRequest);
    assert.equal(await errorCodeOf(s.client.sendRequest('goDoctor/report', {})), ErrorCodes.InvalidRequest);
    assert.equal(await errorCodeOf(s.client.sendRequest('shutdown')), ErrorCodes.InvalidRequest);
    assert.equal(await errorCodeOf(initialize(s.client)), ErrorCodes.InvalidRequest);
    await s.client.sendNotification('exit');
    assert.equal(await s.exited, 0);
    s.client.dispose();
  });

  it('ends with 1 on exit without shutdown', async () => {
    const s = spawnStdio();
    await initialize(s.client);
    await s.client.sendNotification('initialized', {});
    await s.client.sendNotification('exit');
    assert.equal(await s.exited, 1);
    s.client.dispose();
  });

  it('exits when its stdin is closed (the client went away)', async () => {
    const s = spawnStdio();
    await initialize(s.client);
    await s.client.sendNotification('initialized', {});
    s.client.dispose();
    s.child.stdin!.end();
    assert.equal(await s.exited, 1, 'no shutdown came: 1');
  });

  it('exits when the client process from initialize dies, even with its pipes still open', async () => {
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(parent);
    const parentGone = new Promise((resolve) => parent.once('exit', resolve));
    const s = spawnStdio();
    await initialize(s.client, parent.pid);
    await s.client.sendNotification('initialized', {});
    // The server answers while its client lives.
    assert.equal(await errorCodeOf(s.client.sendRequest('goDoctor/report', {})), undefined);
    parent.kill('SIGKILL');
    await parentGone;
    assert.equal(await s.exited, 1);
    s.client.dispose();
  });

  it('exits when the process named by --clientProcessId dies', async () => {
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(parent);
    const parentGone = new Promise((resolve) => parent.once('exit', resolve));
    const s = spawnStdio([`--clientProcessId=${parent.pid!}`]);
    await initialize(s.client, null);
    parent.kill('SIGKILL');
    await parentGone;
    assert.equal(await s.exited, 1);
    s.client.dispose();
  });

  it('exits when the IPC channel disconnects (--node-ipc)', async () => {
    const child = fork(server, ['--node-ipc'], { cwd: project, env: env(), stdio: ['ignore', 'ignore', 'ignore', 'ipc'], execArgv: [] });
    children.push(child);
    const exited = exitOf(child);
    const client = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    client.onNotification(() => undefined);
    client.onRequest(() => null);
    client.listen();
    await initialize(client);
    client.dispose();
    child.disconnect();
    assert.equal(await exited, 1);
  });
});
