import { lstat, open, readdir, readlink, realpath, stat } from 'node:fs/promises';

/** What the probe needs to know about one path. */
export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  mode: number;
  size: number;
  mtimeMs: number;
  ino: number;
}

/**
 * The probe's read-only view of the file system, injected so unit tests can replay a Mac's
 * files on Linux (test/support/fake-filesystem.ts). Every method resolves `undefined` instead
 * of throwing when the path cannot be read.
 */
export interface ProbeFileSystem {
  /** Follows symbolic links. */
  stat(path: string): Promise<FileStat | undefined>;
  /** Does not follow a final symbolic link. */
  lstat(path: string): Promise<FileStat | undefined>;
  realpath(path: string): Promise<string | undefined>;
  readlink(path: string): Promise<string | undefined>;
  /** At most `maxBytes` bytes of the file, as UTF-8. */
  readText(path: string, maxBytes: number): Promise<string | undefined>;
  /** Names of a directory's entries (unsorted); absent in fakes that replay no directories. */
  readdir?(path: string): Promise<string[] | undefined>;
}

function toFileStat(s: import('node:fs').Stats): FileStat {
  return {
    isFile: s.isFile(),
    isDirectory: s.isDirectory(),
    isSymbolicLink: s.isSymbolicLink(),
    mode: s.mode,
    size: s.size,
    mtimeMs: s.mtimeMs,
    ino: s.ino,
  };
}

async function orUndefined<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch {
    return undefined;
  }
}

async function readText(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes);
    let length = 0;
    while (length < maxBytes) {
      const { bytesRead } = await handle.read(buffer, length, maxBytes - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The real file system. */
export const nodeFileSystem: ProbeFileSystem = {
  stat: async (path) => orUndefined(stat(path).then(toFileStat)),
  lstat: async (path) => orUndefined(lstat(path).then(toFileStat)),
  realpath: async (path) => orUndefined(realpath(path)),
  readlink: async (path) => orUndefined(readlink(path)),
  readText: async (path, maxBytes) => orUndefined(readText(path, maxBytes)),
  readdir: async (path) => orUndefined(readdir(path)),
};

/** Has at least one execute bit (what a PATH lookup needs). */
export function isExecutableFile(s: FileStat | undefined): s is FileStat {
  return s !== undefined && s.isFile && (s.mode & 0o111) !== 0;
}
