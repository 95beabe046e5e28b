import type { Snapshot, WorkspaceRecord } from '../core/snapshot.js';
import { probeMachine, type ProbeMachineOptions } from './machine.js';
import { failedScanRecord } from './workspace/failed-scan.js';
import { scanWorkspace, type ScanOptions } from './workspace/scan.js';

export type { CachedProbe, ProbeCacheOptions } from './cache.js';
export { defaultProbeCacheFile, ProbeCache } from './cache.js';
export type { ProbeProgress } from './command-recorder.js';
export type { CommandRunner, RunOptions } from './command-runner.js';
export type { ProbeFileSystem } from './filesystem.js';
export { probeMachine, type ProbeMachineOptions } from './machine.js';
export { runCommand } from './run-command.js';

export interface CollectSnapshotOptions extends ProbeMachineOptions {
  /** The workspace folder to scan (go.mod, go.work, build files); none = machine only. */
  workspace?: string;
  /** Passed to the workspace scanner. */
  scan?: ScanOptions;
}

/** The scan, or a record saying why it failed. */
async function scanOrExplain(root: string, options: ScanOptions | undefined): Promise<WorkspaceRecord> {
  try {
    return await scanWorkspace(root, options);
  } catch (error) {
    return failedScanRecord(root, error);
  }
}

/** The machine probe and, when a workspace is given, the workspace scan, in parallel. */
export async function collectSnapshot(options: CollectSnapshotOptions = {}): Promise<Snapshot> {
  const { workspace, scan, ...machineOptions } = options;
  const [snapshot, workspaceRecord] = await Promise.all([
    probeMachine(machineOptions),
    workspace === undefined ? Promise.resolve(undefined) : scanOrExplain(workspace, scan),
  ]);
  if (workspaceRecord) snapshot.workspace = workspaceRecord;
  return snapshot;
}
