import type { FileFact } from '../core/snapshot.js';
import { textFileFact } from './file-facts.js';
import type { ProbeFileSystem } from './filesystem.js';

const INOTIFY_FILES: readonly string[] = [
  '/proc/sys/fs/inotify/max_user_watches',
  '/proc/sys/fs/inotify/max_user_instances',
  '/proc/sys/fs/inotify/max_queued_events',
];

/** The inotify limits (raw file contents). Nothing is run. */
export async function probeLinuxFiles(fs: ProbeFileSystem): Promise<Record<string, FileFact>> {
  const facts = await Promise.all(INOTIFY_FILES.map((path) => textFileFact(path, fs, 64)));
  return Object.fromEntries(INOTIFY_FILES.map((path, i) => [path, facts[i] ?? { exists: false }]));
}
