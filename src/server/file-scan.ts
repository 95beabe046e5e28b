/**
 * Re-reading one workspace file for the one-file re-analysis, from disk (the scanner's own
 * scanFile) or from an editor's unsaved text (judged like the scanner judges file content).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { goHeaderEnd } from '../core/parse/go-file-header.js';
import { hasShellShebang, workspaceFileKind } from '../core/workspace/file-kinds.js';
import { MAX_FILE_BYTES, scanFile } from '../probe/workspace/scan.js';
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
  const kind = workspaceFileKind(relPath);
  if (kind === undefined) return { kind: 'ignored' };
  if (kind === 'maybe-shell' && !hasShellShebang(firstLineOf(text))) return { kind: 'ignored' };
  if (text.includes('\u0000')) return { kind: 'skipped', reason: 'binary (contains NUL bytes)' };
  if (kind === 'go') {
    // Like the scanner: only the header (build constraints, package clause, imports).
    const end = goHeaderEnd(text);
    if (end !== undefined && end < text.length) return { kind: 'record', record: { path: relPath, content: text.slice(0, end), partial: true } };
  }
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) return { kind: 'skipped', reason: 'larger than 1 MiB' };
  return { kind: 'record', record: { path: relPath, content: text } };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function firstLineOf(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}
