/**
 * Results of an earlier check of a workspace, kept in the user's cache directory and reused while
 * nothing they were computed from has changed — the way `go vet` and `go test` reuse results from
 * the go command's cache. An entry is found by the workspace root and is used only when both
 *   - its key (what the caller computed the results from besides the files: the machine facts,
 *     the rules and their settings, the doctor's own build) and
 *   - the workspace fingerprint (workspace/fingerprint.ts)
 * are equal to the current ones. Fingerprints that cannot vouch for the contents (a file modified
 * moments ago, a truncated walk) are never stored. One small JSON file per workspace, written
 * atomically; unreadable or corrupt files are ignored, and a failed write loses only the cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkspaceFingerprint } from './fingerprint.js';
import { isRecord } from '../../core/is-record.js';

const FILE_SCHEMA = 'go-doctor/workspace-results';
/** Bumped when the entry layout changes (old files are then ignored). */
export const WORKSPACE_RESULTS_FORMAT = 1;
/** Entries kept (one per workspace root); the least recently stored go first. */
const MAX_ENTRIES = 32;
/** Results larger than this are not kept (they would cost more to read than to compute). */
const MAX_ENTRY_BYTES = 16 * 1024 * 1024;

export interface StoredResults<T> {
  /** When the fingerprint of the stored results was taken (ms since the epoch). */
  scannedAt: number;
  results: T;
}

/** A stable digest of any JSON-serialisable description (the caller's key parts). */
export function resultKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export class WorkspaceResultCache<T> {
  /**
   * `directory`: where the entries live (e.g. <user cache dir>/go-doctor/workspace-results).
   * `isResults`: validates what is read back (a file edited by hand must not crash the caller).
   */
  constructor(
    readonly directory: string,
    private readonly isResults: (value: unknown) => value is T,
  ) {}

  /** The entry file of a workspace root. */
  fileFor(root: string): string {
    return join(this.directory, `${createHash('sha256').update(root).digest('hex').slice(0, 32)}.json`);
  }

  /**
   * The stored results for `root` when key and fingerprint are the current ones. A function for
   * `fingerprint` is called only when an entry with this key exists (a first check of a folder
   * then never pays for a fingerprint pass it cannot use).
   */
  async lookup(root: string, key: string, fingerprint: WorkspaceFingerprint | (() => WorkspaceFingerprint)): Promise<StoredResults<T> | undefined> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.fileFor(root), 'utf8'));
    } catch {
      return undefined;
    }
    if (!isRecord(parsed) || parsed.schema !== FILE_SCHEMA || parsed.format !== WORKSPACE_RESULTS_FORMAT) return undefined;
    if (parsed.root !== root || parsed.key !== key || typeof parsed.digest !== 'string') return undefined;
    const current = typeof fingerprint === 'function' ? fingerprint() : fingerprint;
    if (current.racy || parsed.digest !== current.digest) return undefined;
    if (typeof parsed.scannedAt !== 'number' || !this.isResults(parsed.results)) return undefined;
    return { scannedAt: parsed.scannedAt, results: parsed.results };
  }

  /** Keeps `results` for `root` under key and fingerprint; false when they are not kept (and why does not matter). */
  async store(root: string, key: string, fingerprint: WorkspaceFingerprint, results: T): Promise<boolean> {
    if (fingerprint.racy) return false;
    const content = JSON.stringify({ schema: FILE_SCHEMA, format: WORKSPACE_RESULTS_FORMAT, root, key, digest: fingerprint.digest, scannedAt: fingerprint.takenAt, results });
    if (content.length > MAX_ENTRY_BYTES) return false;
    const file = this.fileFor(root);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(this.directory, { recursive: true, mode: 0o700 });
      await writeFile(temp, content, { mode: 0o600 });
      await rename(temp, file);
    } catch {
      await unlink(temp).catch(() => undefined);
      return false;
    }
    await this.prune();
    return true;
  }

  /** Keeps the MAX_ENTRIES most recently stored entries. */
  private async prune(): Promise<void> {
    try {
      const names = (await readdir(this.directory)).filter((n) => n.endsWith('.json'));
      if (names.length <= MAX_ENTRIES) return;
      const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(this.directory, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
      dated.sort((a, b) => b.t - a.t);
      await Promise.all(dated.slice(MAX_ENTRIES).map(({ n }) => unlink(join(this.directory, n)).catch(() => undefined)));
    } catch {
      // Pruning is housekeeping: a failure leaves a few extra files.
    }
  }
}
