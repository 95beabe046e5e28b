/**
 * Starts the language server on a transport: `stdio` (`go-doctor lsp --stdio`, any editor) or
 * `ipc` (the VS Code extension starts dist/server.js with `--node-ipc`).
 *
 * The server never outlives its client: it exits when its input ends or closes (stdio), when the
 * IPC channel disconnects, and when the client's process (`processId` from initialize, or
 * `--clientProcessId`) is gone — checked every few seconds, as vscode-languageserver's own watchdog
 * does, because a client killed hard can leave the pipe open (a grandchild holding it). Exit code:
 * 0 after `shutdown`, 1 without (the LSP spec's rule for `exit`).
 */
import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import type { ServerDependencies } from './dependencies.js';
import { probeDependencies } from './probe-dependencies.js';
import { serveDoctor, type DoctorServer } from './serve.js';

export type ServerTransport = 'stdio' | 'ipc';

export interface StartOptions {
  transport: ServerTransport;
  /** Replaces the real probe and file reads (tests). */
  dependencies?: ServerDependencies;
  /** How often the client's process is checked (ms); default 3000. */
  clientPollMs?: number;
}

/** How often the client's process id is checked, by default (vscode-languageserver uses the same). */
export const CLIENT_POLL_MS = 3000;

function connectionFor(transport: ServerTransport): Connection {
  if (transport === 'ipc') {
    if (!process.send) throw new Error('--node-ipc needs a parent process with an IPC channel (started by an editor, not a shell)');
    return createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
  }
  // stdout is the protocol channel: anything logged with console.log would corrupt it.
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  return createConnection(ProposedFeatures.all, process.stdin, process.stdout);
}

/** Whether a process exists. EPERM: it exists, owned by someone else. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `--clientProcessId N` / `--clientProcessId=N` (what vscode-languageclient passes), when present. */
export function clientProcessIdFromArgv(argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = arg === '--clientProcessId' ? argv[i + 1] : arg.startsWith('--clientProcessId=') ? arg.slice('--clientProcessId='.length) : undefined;
    if (value === undefined) continue;
    const pid = Number(value);
    if (Number.isSafeInteger(pid) && pid > 0) return pid;
  }
  return undefined;
}

export function startLanguageServer(options: StartOptions): DoctorServer {
  const connection = connectionFor(options.transport);
  const started: { server?: DoctorServer } = {};
  const exit = (): never => process.exit(started.server?.lifecycle === 'shutdown' ? 0 : 1);
  const pollMs = options.clientPollMs ?? CLIENT_POLL_MS;
  const watched = new Set<number>();
  const watchClient = (pid: number): void => {
    if (watched.has(pid) || pid === process.pid) return;
    watched.add(pid);
    // Unref'd: the check alone never keeps the server up.
    setInterval(() => {
      if (!processAlive(pid)) exit();
    }, pollMs).unref();
  };
  if (options.transport === 'ipc') process.once('disconnect', exit);
  else {
    process.stdin.once('end', exit);
    process.stdin.once('close', exit);
    // The client closed its end of our stdout: nobody is listening any more.
    process.stdout.on('error', exit);
  }
  const fromArgv = clientProcessIdFromArgv(process.argv);
  if (fromArgv !== undefined) watchClient(fromArgv);
  started.server = serveDoctor(connection, options.dependencies ?? probeDependencies(), { onClientProcessId: watchClient });
  return started.server;
}
