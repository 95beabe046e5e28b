/**
 * Finds Go installations by their layouts (core/knowledge/go-install-layouts.ts): lists the
 * directories a layout names, keeps the entries whose `bin/go` is an executable file, and reads
 * their VERSION file. Runs nothing, follows no shell glob, reads at most a few hundred bytes per
 * installation, and caps what it lists.
 */
import { goInstallLayouts, type GoInstallLayout } from '../core/knowledge/go-install-layouts.js';
import type { GoInstallationRecord } from '../core/snapshot.js';
import { isExecutableFile, type ProbeFileSystem } from './filesystem.js';
import { readGoVersionFile } from './go-version-file.js';

const MAX_ENTRIES_PER_DIRECTORY = 256;
const MAX_INSTALLATIONS = 64;

async function expand(pattern: string, entry: RegExp | undefined, fs: ProbeFileSystem): Promise<string[]> {
  const parts = pattern.split('/').filter((p) => p !== '');
  let paths = [''];
  for (const part of parts) {
    if (part !== '*') {
      paths = paths.map((p) => `${p}/${part}`);
      continue;
    }
    const next: string[] = [];
    for (const dir of paths) {
      const names = (await fs.readdir?.(dir)) ?? [];
      for (const name of names.sort().slice(0, MAX_ENTRIES_PER_DIRECTORY)) if (!entry || entry.test(name)) next.push(`${dir}/${name}`);
    }
    paths = next;
    if (paths.length === 0) break;
  }
  return paths;
}

async function installationAt(goroot: string, layout: GoInstallLayout, fs: ProbeFileSystem): Promise<{ record: GoInstallationRecord; real: string } | undefined> {
  const go = `${goroot}/bin/go`;
  if (!isExecutableFile(await fs.stat(go))) return undefined;
  const real = (await fs.realpath(go)) ?? go;
  const version = await readGoVersionFile(goroot, fs);
  return { record: { goroot, source: layout.source, ...(version ? { version } : {}) }, real };
}

export async function findGoInstallations(platform: string, env: Readonly<Record<string, string | undefined>>, fs: ProbeFileSystem): Promise<GoInstallationRecord[]> {
  // every layout at once (each is a few stats); the order of the layouts is kept
  const perLayout = await Promise.all(
    goInstallLayouts(platform, env).map(async (layout) => {
      const roots = await expand(layout.pattern, layout.entry, fs);
      return Promise.all(roots.slice(0, MAX_INSTALLATIONS).map((goroot) => installationAt(goroot, layout, fs)));
    }),
  );
  const found: GoInstallationRecord[] = [];
  const seen = new Set<string>();
  for (const hit of perLayout.flat()) {
    if (!hit || seen.has(hit.real)) continue;
    if (found.length >= MAX_INSTALLATIONS) break;
    seen.add(hit.real);
    found.push(hit.record);
  }
  return found;
}
