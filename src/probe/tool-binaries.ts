import { join } from 'node:path';
import { GO_TOOL_NAMES } from '../core/knowledge/go-tools.js';
import type { PathEntry, ToolBinary } from '../core/snapshot.js';
import { isExecutableFile, type ProbeFileSystem } from './filesystem.js';
import { isSearchableEntry } from './path-entries.js';


/** The distinct tool names to look for, the built-in ones first. */
export function toolNames(extraTools: readonly string[] = []): string[] {
  const names = [...GO_TOOL_NAMES];
  for (const name of extraTools) {
    if (name !== '' && !name.includes('/') && !names.includes(name)) names.push(name);
  }
  return names;
}

async function findInDir(dir: string, names: readonly string[], source: ToolBinary['source'], fs: ProbeFileSystem): Promise<ToolBinary[]> {
  const found = await Promise.all(
    names.map(async (name): Promise<ToolBinary | undefined> => {
      const path = join(dir, name);
      const info = await fs.stat(path);
      if (!isExecutableFile(info)) return undefined;
      const realPath = (await fs.realpath(path)) ?? path;
      return { name, dir, path, realPath, size: info.size, mtimeMs: info.mtimeMs, source };
    }),
  );
  return found.filter((tool): tool is ToolBinary => tool !== undefined);
}

/** Tools in every absolute PATH directory, in PATH order then name order. */
export async function findToolsOnPath(entries: readonly PathEntry[], names: readonly string[], fs: ProbeFileSystem): Promise<ToolBinary[]> {
  const perEntry = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory && isSearchableEntry(entry.raw)
        ? findInDir(entry.raw, names, { kind: 'path', index: entry.index }, fs)
        : Promise.resolve<ToolBinary[]>([]),
    ),
  );
  return perEntry.flat();
}

/**
 * Tools in a Go directory (GOBIN or GOROOT/bin) that is NOT on PATH (when it is, its tools are
 * already listed with their PATH index).
 */
export async function findToolsInGoDir(
  dir: string | undefined,
  kind: 'gobin' | 'goroot',
  entries: readonly PathEntry[],
  names: readonly string[],
  fs: ProbeFileSystem,
): Promise<ToolBinary[]> {
  if (dir === undefined || !isSearchableEntry(dir)) return [];
  const real = (await fs.realpath(dir)) ?? dir;
  const onPath = entries.some((entry) => entry.raw === dir || (entry.realPath !== undefined && entry.realPath === real));
  return onPath ? [] : findInDir(dir, names, { kind }, fs);
}

/** The `go` that PATH resolution picks: the first one in an absolute PATH directory. */
export function firstGoOnPath(tools: readonly ToolBinary[]): ToolBinary | undefined {
  return tools.find((tool) => tool.name === 'go' && tool.source.kind === 'path');
}
