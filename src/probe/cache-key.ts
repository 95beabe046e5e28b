import { createHash } from 'node:crypto';
import type { ToolBinary } from '../core/snapshot.js';
import { outputAffectingEnv } from './environment.js';
import type { ProbeFileSystem } from './filesystem.js';

/** Bump when what is cached (or how it is keyed) changes meaning. */
export const PROBE_CACHE_FORMAT = 2;

/**
 * A path's identity: kind, size, mtime and inode (and, for a symbolic link, its target and the
 * target's identity). Any change means "look again".
 */
async function fileIdentity(path: string, fs: ProbeFileSystem): Promise<string> {
  const link = await fs.lstat(path);
  if (!link) return 'missing';
  const kind = link.isSymbolicLink ? 'l' : link.isDirectory ? 'd' : 'f';
  let identity = `${kind}:${link.size}:${link.mtimeMs}:${link.ino}`;
  if (link.isSymbolicLink) {
    const target = await fs.readlink(path);
    const resolved = await fs.stat(path);
    identity += `->${target ?? '?'}|${resolved ? `${resolved.size}:${resolved.mtimeMs}:${resolved.ino}` : 'missing'}`;
  }
  return identity;
}

/** Identities of several paths, keyed by path. */
export async function fileIdentities(paths: readonly string[], fs: ProbeFileSystem): Promise<Record<string, string>> {
  const unique = [...new Set(paths)];
  const identities = await Promise.all(unique.map((path) => fileIdentity(path, fs)));
  return Object.fromEntries(unique.map((path, i) => [path, identities[i] ?? 'missing']));
}

interface CacheKeyInputs {
  producerVersion: string;
  platform: string;
  arch: string;
  release: string;
  env: Readonly<Record<string, string | undefined>>;
  toolNames: readonly string[];
  /** Every tool found before running anything (PATH and GOBIN), the go binary included. */
  tools: readonly ToolBinary[];
  /** Identities of the files that change command outputs (go env file, macOS state files). */
  stateFiles: Record<string, string>;
}

/**
 * The cache key: a SHA-256 over everything known before running a command that can change what
 * the commands print. Env values are hashed, never stored.
 */
export function probeCacheKey(inputs: CacheKeyInputs): string {
  const material = JSON.stringify([
    PROBE_CACHE_FORMAT,
    inputs.producerVersion,
    inputs.platform,
    inputs.arch,
    inputs.release,
    outputAffectingEnv(inputs.env),
    inputs.toolNames,
    inputs.tools.map((tool) => [tool.path, tool.realPath, tool.size, tool.mtimeMs, tool.source.kind]),
    Object.entries(inputs.stateFiles).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
  return createHash('sha256').update(material).digest('hex');
}
