/** Which PATH directories and tool names the toolchain watcher watches. Pure apart from stat(). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The absolute, existing directories of a PATH value, each once, in PATH order. */
export function watchablePathDirs(pathValue: string | undefined, exists: (dir: string) => boolean = isDirectory): string[] {
  const out: string[] = [];
  for (const raw of (pathValue ?? '').split(path.delimiter)) {
    if (!raw || !path.isAbsolute(raw)) continue;
    const dir = path.normalize(raw).replace(/(.)\/+$/, '$1');
    if (!out.includes(dir) && exists(dir)) out.push(dir);
  }
  return out;
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** `{go,gopls}` — a glob of exactly these file names (names with glob characters are dropped); '' for none. */
export function toolNameGlob(names: readonly string[]): string {
  const safe = names.filter((n) => /^[A-Za-z0-9._+-]+$/.test(n));
  if (safe.length === 0) return '';
  return safe.length === 1 ? (safe[0] ?? '') : `{${safe.join(',')}}`;
}
