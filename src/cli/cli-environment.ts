/**
 * Everything the CLI touches outside its arguments, behind one interface: production passes the
 * real process (node-environment.ts); unit tests pass string buffers, recorded snapshots and
 * their own rules, so every exit path is testable without a machine to probe.
 */
import type { DoctorReport } from '../core/report/model.js';
import type { Rule } from '../core/rule.js';
import type { Snapshot, WorkspaceRecord } from '../core/snapshot.js';
import type { CollectSnapshotOptions } from '../probe/index.js';
import type { WorkspaceFingerprint } from '../probe/workspace/fingerprint.js';
import type { StoredResults } from '../probe/workspace/result-cache.js';
import type { OutputStream } from './terminal.js';

export type SnapshotRequest = Pick<CollectSnapshotOptions, 'workspace' | 'timeoutMs' | 'cache' | 'env' | 'onProgress'>;

/** A walked workspace: its fingerprint (a stat of each file), and the scan of exactly the files that walk listed. */
interface PreparedWorkspace {
  fingerprint(): WorkspaceFingerprint;
  /** Reads the files, fingerprinting them as they are read (no separate pass). */
  scan(): Promise<{ record: WorkspaceRecord; fingerprint: WorkspaceFingerprint }>;
}

/** Reports of earlier checks, reused while nothing they were computed from has changed. */
export interface WorkspaceResults {
  /** Identity of the running doctor build: results of another build are never reused. */
  readonly buildId: string;
  /** Walks `root` once (what a scan would read). */
  prepare(root: string): Promise<PreparedWorkspace>;
  /** Stored results for `key`; `fingerprint` is called only when there are some to compare with. */
  lookup(root: string, key: string, fingerprint: () => WorkspaceFingerprint): Promise<StoredResults<DoctorReport> | undefined>;
  store(root: string, key: string, fingerprint: WorkspaceFingerprint, report: DoctorReport): Promise<boolean>;
}

export interface CliEnvironment {
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The rules to run (production: allRules). */
  rules: readonly Rule[];
  collectSnapshot(request: SnapshotRequest): Promise<Snapshot>;
  /**
   * Reuse of `check` results for an unchanged workspace (absent: every check scans). Production
   * has it in a bundled build only: from source, the rules may change without a new build id.
   */
  workspaceResults?: WorkspaceResults;
  /** Home folder → `~`, user name removed. */
  redactSnapshot(snapshot: Snapshot): Snapshot;
  /** Starts the language server; resolves once it is listening (the process then stays up). */
  startLanguageServer(transport: 'stdio' | 'ipc'): Promise<void>;
  /** Reads a text file; `-` is standard input. */
  readText(file: string): Promise<string>;
  writeText(file: string, text: string): Promise<void>;
  isDirectory(dir: string): Promise<boolean>;
}
