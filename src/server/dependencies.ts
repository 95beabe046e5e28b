/**
 * What the server needs from the outside world, as one injectable object: the real one probes
 * and reads files (src/server/probe-dependencies.ts); tests pass recorded snapshots instead.
 */
import type { Rule } from '../core/rule.js';
import type { Snapshot, WorkspaceFileRecord, WorkspaceRecord } from '../core/snapshot.js';
import type { WorkspaceModel } from '../core/workspace/model.js';
import type { DoctorSettings } from './protocol.js';

export interface ProbeRequest {
  /** Absolute path of the workspace folder. */
  root: string;
  settings: DoctorSettings;
}

/** One file as the rules see it, after (re-)reading it. */
export type FileScan =
  | { kind: 'record'; record: WorkspaceFileRecord }
  /** A file the rules would read but cannot (unreadable, huge, binary…). */
  | { kind: 'skipped'; reason: string }
  /** A path the rules read, but no such file (deleted, or not saved yet). */
  | { kind: 'absent' }
  /** Not a file the rules read (by name, directory or exclude glob). */
  | { kind: 'ignored' };

/** The workspace model, rebuilt file by file: only a changed file is parsed again. */
export interface IncrementalWorkspaceModel {
  /** Replaces the whole set of files (unchanged contents keep their parse). */
  reset(record: WorkspaceRecord): void;
  update(file: WorkspaceFileRecord): void;
  remove(path: string): void;
  model(): WorkspaceModel;
}

export interface ServerDependencies {
  /** Machine + workspace facts. Runs processes: only ever called for trusted workspaces. */
  collectSnapshot(request: ProbeRequest): Promise<Snapshot>;
  /** The machine part of a snapshot made without running anything (untrusted workspaces). */
  staticSnapshot(workspace: WorkspaceRecord): Snapshot;
  /** Reads the workspace's build-config files; runs no process. */
  scanWorkspace(root: string, settings: DoctorSettings): Promise<WorkspaceRecord>;
  /** Re-reads one file from disk (`relPath` is `/`-separated, relative to root), as the full scan would. */
  scanFile(root: string, relPath: string, settings: DoctorSettings): Promise<FileScan>;
  /**
   * The record for an open editor's text (unsaved content wins over the disk). Only called for
   * paths the scan records (scanFile did not answer `ignored`): it judges the content, not the path.
   */
  scanText(relPath: string, text: string): FileScan;
  /** A text file's content, or undefined when it does not exist (for settings.json edits). */
  readTextFile(path: string): Promise<string | undefined>;
  createWorkspaceModel(root: string): IncrementalWorkspaceModel;
  /** Every rule. */
  rules: readonly Rule[];
  /** The rules that need no probed machine facts: what still runs in an untrusted workspace. */
  staticRules: readonly Rule[];
}
