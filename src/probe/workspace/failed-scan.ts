import type { WorkspaceRecord } from '../../core/snapshot.js';

/** The record of a scan that failed: nothing read, and why (the snapshot is still produced). */
export function failedScanRecord(root: string, error: unknown): WorkspaceRecord {
  return { root, files: [], skipped: [{ path: '.', reason: `workspace scan failed: ${String(error)}` }], truncated: true };
}
