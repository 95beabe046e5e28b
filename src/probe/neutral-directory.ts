import { lstat, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProbeFileSystem } from './filesystem.js';

/** Files that would make `go` see a module or workspace from its working directory. */
const GO_CONTEXT_FILES = ['go.mod', 'go.work'];

async function seesGoContext(dir: string, fs: ProbeFileSystem): Promise<boolean> {
  for (let current = dir; ; current = dirname(current)) {
    for (const name of GO_CONTEXT_FILES) if (await fs.stat(join(current, name))) return true;
    if (dirname(current) === current) return false;
  }
}

/** A real directory (not a link) owned by us: nobody else can have put files in it. */
async function isOurDirectory(dir: string): Promise<boolean> {
  const info = await lstat(dir);
  const uid = process.getuid?.();
  return info.isDirectory() && (uid === undefined || info.uid === uid) && (info.mode & 0o022) === 0;
}

/**
 * A working directory for the probe's commands where no go.mod / go.work can be seen, so the
 * user's folder cannot change what `go env` / `go version` print: an empty per-user directory
 * under the OS temp dir, or `/` when that is not ours or some parent holds a go.mod / go.work.
 */
export async function neutralDirectory(fs: ProbeFileSystem): Promise<string> {
  const dir = join(tmpdir(), `go-doctor-neutral-${process.getuid?.() ?? 'user'}`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if ((await isOurDirectory(dir)) && !(await seesGoContext(dir, fs))) return dir;
  } catch {
    // unwritable temp dir: fall through
  }
  return '/';
}
