import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkspaceRecord } from '../../core/snapshot.js';

export interface ScanOptions {
  /** Glob patterns (files.exclude style) not to walk. */
  exclude?: string[];
}

/**
 * Records the workspace files the rules read. (Skeleton: go.mod and go.work only; the full
 * scanner lands with the workspace diagnostics.)
 */
export async function scanWorkspace(root: string, _options: ScanOptions = {}): Promise<WorkspaceRecord> {
  const record: WorkspaceRecord = { root, files: [], skipped: [] };
  for (const name of ['go.mod', 'go.work']) {
    try {
      record.files.push({ path: name, content: await readFile(join(root, name), 'utf8') });
    } catch {
      // absent: nothing to record
    }
  }
  return record;
}
