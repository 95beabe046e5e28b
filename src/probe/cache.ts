import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CommandId, CommandRecord, FileFact, ToolBinary } from '../core/snapshot.js';
import { fileIdentities, PROBE_CACHE_FORMAT } from './cache-key.js';
import type { ProbeFileSystem } from './filesystem.js';
import { userCacheDirectory } from './user-dirs.js';
import { isRecord } from '../core/is-record.js';

/** What one probe run learned by running commands, stored under its key. */
export interface CachedProbe {
  key: string;
  storedAt: number;
  /**
   * Paths learned from the command outputs (GOROOT/go.env, the dist tool, the developer dir…)
   * with their identity when stored: the entry is only used while all still match.
   */
  validate: Record<string, string>;
  commands: Partial<Record<CommandId, CommandRecord>>;
  /** File facts that depended on command outputs (the macOS developer dir). */
  files: Record<string, FileFact>;
  /** Tools found in GOROOT/bin (known only from `go env`). */
  tools: ToolBinary[];
}

type CacheLayer = 'memory' | 'disk';

const FILE_SCHEMA = 'go-doctor/probe-cache';

export interface ProbeCacheOptions {
  /** The persistent JSON file; omit for an in-process cache only. */
  file?: string;
  /** Entries kept in the file (different env / PATH combinations). */
  maxEntries?: number;
  /** Older entries are ignored even when nothing seems to have changed. */
  maxAgeMs?: number;
  now?: () => number;
}

function isCachedProbe(value: unknown): value is CachedProbe {
  return (
    isRecord(value) &&
    typeof value.key === 'string' &&
    typeof value.storedAt === 'number' &&
    isRecord(value.validate) &&
    Object.values(value.validate).every((v) => typeof v === 'string') &&
    isRecord(value.commands) &&
    Object.values(value.commands).every((c) => isRecord(c) && Array.isArray(c.argv) && typeof c.stdout === 'string' && typeof c.stderr === 'string') &&
    isRecord(value.files) &&
    Array.isArray(value.tools)
  );
}

/** The default persistent file: <user cache dir>/go-doctor/probe-cache-v2.json (v = PROBE_CACHE_FORMAT). */
export function defaultProbeCacheFile(platform: string, env: Readonly<Record<string, string | undefined>>): string {
  return join(userCacheDirectory(platform, env), 'go-doctor', `probe-cache-v${PROBE_CACHE_FORMAT}.json`);
}

/**
 * Two layers: an in-process memo (a long-lived process re-checks without reading anything but
 * a few stats) and a JSON file shared by processes, written atomically (temp + rename). A
 * corrupt or unreadable file is ignored; a write failure loses only the cache.
 */
export class ProbeCache {
  private readonly memory = new Map<string, CachedProbe>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(readonly options: ProbeCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 8;
    this.maxAgeMs = options.maxAgeMs ?? 7 * 24 * 3600 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** A valid entry for `key`, from memory first, then from the file. */
  async lookup(key: string, fs: ProbeFileSystem): Promise<{ entry: CachedProbe; layer: CacheLayer } | undefined> {
    const remembered = this.memory.get(key);
    if (remembered) {
      if (await this.isValid(remembered, fs)) return { entry: remembered, layer: 'memory' };
      this.memory.delete(key);
    }
    if (this.options.file === undefined) return undefined;
    const stored = (await this.readEntries()).find((entry) => entry.key === key);
    if (!stored || !(await this.isValid(stored, fs))) return undefined;
    this.memory.set(key, stored);
    return { entry: stored, layer: 'disk' };
  }

  /** Keeps `probe` (stamped now) in memory and in the file. */
  async store(probe: Omit<CachedProbe, 'storedAt'>): Promise<void> {
    const entry: CachedProbe = { ...probe, storedAt: this.now() };
    this.memory.set(entry.key, entry);
    const file = this.options.file;
    if (file === undefined) return;
    const others = (await this.readEntries()).filter((e) => e.key !== entry.key && this.isFresh(e));
    const content = JSON.stringify({ schema: FILE_SCHEMA, format: PROBE_CACHE_FORMAT, entries: [entry, ...others].slice(0, this.maxEntries) });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(temp, content, { mode: 0o600 });
      await rename(temp, file);
    } catch {
      await unlink(temp).catch(() => undefined);
    }
  }

  /** Forget the in-process layer (the file stays). */
  clearMemory(): void {
    this.memory.clear();
  }

  private isFresh(entry: CachedProbe): boolean {
    const age = this.now() - entry.storedAt;
    return age >= 0 && age <= this.maxAgeMs;
  }

  private async isValid(entry: CachedProbe, fs: ProbeFileSystem): Promise<boolean> {
    if (!this.isFresh(entry)) return false;
    const current = await fileIdentities(Object.keys(entry.validate), fs);
    return Object.entries(entry.validate).every(([path, identity]) => current[path] === identity);
  }

  private async readEntries(): Promise<CachedProbe[]> {
    if (this.options.file === undefined) return [];
    try {
      const parsed: unknown = JSON.parse(await readFile(this.options.file, 'utf8'));
      if (!isRecord(parsed) || parsed.schema !== FILE_SCHEMA || parsed.format !== PROBE_CACHE_FORMAT || !Array.isArray(parsed.entries)) return [];
      return parsed.entries.filter(isCachedProbe);
    } catch {
      return [];
    }
  }
}

const sharedCaches = new Map<string, ProbeCache>();

/** One cache per file for the whole process, so the in-process layer survives between probes. */
export function sharedProbeCache(file: string): ProbeCache {
  let cache = sharedCaches.get(file);
  if (!cache) {
    cache = new ProbeCache({ file });
    sharedCaches.set(file, cache);
  }
  return cache;
}
