/**
 * Starts the language server on a transport: `stdio` (`go-doctor lsp --stdio`, any editor) or
 * `ipc` (the VS Code extension starts dist/server.js with `--node-ipc`).
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
}

function connectionFor(transport: ServerTransport): Connection {
  if (transport === 'ipc') {
    if (!process.send) throw new Error('--node-ipc needs a parent process with an IPC channel (started by an editor, not a shell)');
    return createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process));
  }
  // stdout is the protocol channel: anything logged with console.log would corrupt it.
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  return createConnection(ProposedFeatures.all, process.stdin, process.stdout);
}

export function startLanguageServer(options: StartOptions): DoctorServer {
  const connection = connectionFor(options.transport);
  if (options.transport === 'ipc') process.on('disconnect', () => process.exit(0));
  return serveDoctor(connection, options.dependencies ?? probeDependencies());
}
