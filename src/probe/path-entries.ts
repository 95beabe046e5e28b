import { isAbsolute, resolve } from 'node:path';
import type { PathEntry } from '../core/snapshot.js';
import type { ProbeFileSystem } from './filesystem.js';

const WORLD_WRITABLE = 0o002;
const STICKY = 0o1000;

/** Splits PATH (':'-separated on macOS and Linux) keeping empty entries, which mean ".". */
export function splitPath(pathValue: string | undefined): string[] {
  return pathValue === undefined || pathValue === '' ? [] : pathValue.split(':');
}

/**
 * Only absolute entries are searched for tools and run: a relative or empty entry depends on
 * the current directory (the workspace), and Go's own exec.LookPath refuses it too.
 */
export function isSearchableEntry(raw: string): boolean {
  return raw !== '' && isAbsolute(raw);
}

/** Facts about every PATH entry; relative entries are resolved against `cwd`. */
export async function probePathEntries(pathValue: string | undefined, fs: ProbeFileSystem, cwd: string): Promise<PathEntry[]> {
  return Promise.all(
    splitPath(pathValue).map(async (raw, index): Promise<PathEntry> => {
      const where = resolve(cwd, raw === '' ? '.' : raw);
      const info = await fs.stat(where);
      const entry: PathEntry = {
        index,
        raw,
        exists: info !== undefined,
        isDirectory: info?.isDirectory ?? false,
        worldWritable: info !== undefined && (info.mode & WORLD_WRITABLE) !== 0 && (info.mode & STICKY) === 0,
      };
      if (info) {
        const real = await fs.realpath(where);
        if (real !== undefined) entry.realPath = real;
      }
      return entry;
    }),
  );
}
