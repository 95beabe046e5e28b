import type { FileFact } from '../core/snapshot.js';
import type { ProbeFileSystem } from './filesystem.js';

/** Existence and kind of a path (symbolic links followed). */
export async function pathFact(path: string, fs: ProbeFileSystem): Promise<FileFact> {
  const info = await fs.stat(path);
  return info ? { exists: true, isDirectory: info.isDirectory } : { exists: false };
}

/**
 * Existence and (capped) content of a small text file. Only regular files are read (a FIFO or
 * device named by a variable could block or never end); `truncated` marks content cut at the cap.
 */
export async function textFileFact(path: string, fs: ProbeFileSystem, maxBytes = 4096): Promise<FileFact> {
  const info = await fs.stat(path);
  if (!info) return { exists: false };
  if (info.isDirectory) return { exists: true, isDirectory: true };
  if (!info.isFile) return { exists: true, isDirectory: false, error: 'not a regular file' };
  const content = await fs.readText(path, maxBytes);
  if (content === undefined) return { exists: true, isDirectory: false, error: 'unreadable' };
  return { exists: true, isDirectory: false, content, ...(info.size > maxBytes ? { truncated: true } : {}) };
}
