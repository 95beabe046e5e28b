/**
 * Everything the CLI touches outside its arguments, behind one interface: production passes the
 * real process (node-environment.ts); unit tests pass string buffers, recorded snapshots and
 * their own rules, so every exit path is testable without a machine to probe.
 */
import type { Rule } from '../core/rule.js';
import type { Snapshot } from '../core/snapshot.js';
import type { CollectSnapshotOptions } from '../probe/index.js';
import type { OutputStream } from './terminal.js';

export type SnapshotRequest = Pick<CollectSnapshotOptions, 'workspace' | 'timeoutMs' | 'cache' | 'env' | 'onProgress'>;

export interface CliEnvironment {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The rules to run (production: allRules). */
  rules: readonly Rule[];
  collectSnapshot(request: SnapshotRequest): Promise<Snapshot>;
  /** Home folder → `~`, user name removed. */
  redactSnapshot(snapshot: Snapshot): Snapshot;
  /** Starts the language server; resolves once it is listening (the process then stays up). */
  startLanguageServer(transport: 'stdio' | 'ipc'): Promise<void>;
  /** Reads a text file; `-` is standard input. */
  readText(file: string): Promise<string>;
  writeText(file: string, text: string): Promise<void>;
  isDirectory(dir: string): Promise<boolean>;
}
