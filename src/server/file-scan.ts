/**
 * Re-reading one workspace file for the one-file re-analysis, from disk (the scanner's scanFile)
 * or from an editor's unsaved text (the scanner's scanText: the same judgement of the content).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { workspaceFileKind } from '../core/workspace/file-kinds.js';
import { scanFile, scanText } from '../probe/workspace/scan.js';
import type { FileScan } from './dependencies.js';

export async function scanFileFromDisk(root: string, relPath: string, exclude: string[] = []): Promise<FileScan> {
  const result = await scanFile(root, relPath, { exclude });
  if (result === undefined) {
    // Not recorded: not a file the rules read, or an extension-less file that is not a shell script.
    return workspaceFileKind(relPath) === 'maybe-shell' && (await exists(join(root, relPath))) === false ? { kind: 'absent' } : { kind: 'ignored' };
  }
  if ('file' in result) return { kind: 'record', record: result.file };
  if (!(await exists(join(root, relPath)))) return { kind: 'absent' };
  return { kind: 'skipped', reason: result.skipped.reason };
}

export function scanFileText(relPath: string, text: string): FileScan {
  const result = scanText(relPath, text);
  if (result === undefined) return { kind: 'ignored' };
  if ('file' in result) return { kind: 'record', record: result.file };
  return { kind: 'skipped', reason: result.skipped.reason };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
