import { dirname, isAbsolute, join, posix } from 'node:path';
import type { FileStat, ProbeFileSystem } from '../../src/probe/filesystem.js';

/** One path of a fake file system. Parent directories exist implicitly. */
export type FakeEntry =
  | { kind: 'file'; mode?: number; size?: number; mtimeMs?: number; content?: string }
  | { kind: 'dir'; mode?: number; mtimeMs?: number }
  | { kind: 'symlink'; target: string };

export const executable = (size = 1000, mtimeMs = 1_700_000_000_000): FakeEntry => ({ kind: 'file', mode: 0o755, size, mtimeMs });
export const textFile = (content: string, mtimeMs = 1_700_000_000_000): FakeEntry => ({ kind: 'file', mode: 0o644, content, size: content.length, mtimeMs });
export const directory = (mode = 0o755): FakeEntry => ({ kind: 'dir', mode });
export const symlink = (target: string): FakeEntry => ({ kind: 'symlink', target });

const MAX_LINKS = 40;

/**
 * An in-memory ProbeFileSystem (absolute POSIX paths), so a Mac's /Library and /usr/bin can be
 * replayed on Linux. Counts stat calls for tests that measure the warm path.
 */
export class FakeFileSystem implements ProbeFileSystem {
  private readonly entries = new Map<string, FakeEntry>();
  private readonly inodes = new Map<string, number>();
  statCalls = 0;

  constructor(entries: Record<string, FakeEntry> = {}) {
    for (const [path, entry] of Object.entries(entries)) this.set(path, entry);
  }

  set(path: string, entry: FakeEntry): this {
    const p = posix.normalize(path);
    this.entries.set(p, entry);
    this.inodes.set(p, this.inodes.size + 100);
    return this;
  }

  remove(path: string): this {
    this.entries.delete(posix.normalize(path));
    return this;
  }

  stat(path: string): Promise<FileStat | undefined> {
    this.statCalls++;
    const real = this.resolve(path, 0);
    return Promise.resolve(real === undefined ? undefined : this.describe(real));
  }

  lstat(path: string): Promise<FileStat | undefined> {
    this.statCalls++;
    const p = posix.normalize(path);
    const parent = this.resolve(dirname(p), 0);
    if (parent === undefined) return Promise.resolve(undefined);
    const inParent = posix.join(parent, posix.basename(p));
    const entry = this.entries.get(inParent);
    if (entry?.kind === 'symlink') return Promise.resolve({ ...this.base(inParent), isSymbolicLink: true, size: entry.target.length });
    return Promise.resolve(this.describe(inParent));
  }

  realpath(path: string): Promise<string | undefined> {
    return Promise.resolve(this.resolve(path, 0));
  }

  readlink(path: string): Promise<string | undefined> {
    const entry = this.entries.get(posix.normalize(path));
    return Promise.resolve(entry?.kind === 'symlink' ? entry.target : undefined);
  }

  readText(path: string, maxBytes: number): Promise<string | undefined> {
    const real = this.resolve(path, 0);
    const entry = real === undefined ? undefined : this.entries.get(real);
    return Promise.resolve(entry?.kind === 'file' ? (entry.content ?? '').slice(0, maxBytes) : undefined);
  }

  private isImplicitDir(path: string): boolean {
    if (path === '/') return true;
    const prefix = `${path}/`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  /** Resolves every symbolic link in `path`; undefined when a component is missing. */
  private resolve(path: string, depth: number): string | undefined {
    if (depth > MAX_LINKS || !isAbsolute(path)) return undefined;
    const parts = posix.normalize(path).split('/').filter(Boolean);
    let current = '/';
    for (const part of parts) {
      const next = posix.join(current, part);
      const entry = this.entries.get(next);
      if (entry?.kind === 'symlink') {
        const target = isAbsolute(entry.target) ? entry.target : join(current, entry.target);
        const resolved = this.resolve(target, depth + 1);
        if (resolved === undefined) return undefined;
        current = resolved;
      } else if (entry || this.isImplicitDir(next)) {
        current = next;
      } else {
        return undefined;
      }
    }
    return current;
  }

  private base(path: string): FileStat {
    return { isFile: false, isDirectory: false, isSymbolicLink: false, mode: 0, size: 0, mtimeMs: 1_700_000_000_000, ino: this.inodes.get(path) ?? 1 };
  }

  private describe(path: string): FileStat | undefined {
    const entry = this.entries.get(path);
    if (!entry) return this.isImplicitDir(path) ? { ...this.base(path), isDirectory: true, mode: 0o40755, size: 4096 } : undefined;
    if (entry.kind === 'symlink') return undefined;
    if (entry.kind === 'dir') return { ...this.base(path), isDirectory: true, mode: 0o40000 | (entry.mode ?? 0o755), size: 4096, mtimeMs: entry.mtimeMs ?? 1_700_000_000_000 };
    return {
      ...this.base(path),
      isFile: true,
      mode: 0o100000 | (entry.mode ?? 0o644),
      size: entry.size ?? (entry.content ?? '').length,
      mtimeMs: entry.mtimeMs ?? 1_700_000_000_000,
    };
  }
}
