import type { ProbeFileSystem } from './filesystem.js';

/**
 * The first line of a Go installation's `VERSION` file ("go1.24.4"), when it is one: how the
 * probe tells an installation's release without running its go. Reads at most 256 bytes of a
 * regular file.
 */
export async function readGoVersionFile(goroot: string, fs: ProbeFileSystem): Promise<string | undefined> {
  const file = `${goroot}/VERSION`;
  const info = await fs.stat(file);
  if (!info?.isFile) return undefined;
  const first = (await fs.readText(file, 256))?.split(/\r?\n/)[0]?.trim();
  return first && /^go\d+\.\d+[\w.+-]*$|^devel\b/.test(first) ? first : undefined;
}
