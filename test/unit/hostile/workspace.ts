/**
 * A temporary hostile workspace: the workspace folder, a HOME, and a secret folder OUTSIDE the
 * workspace holding canary files (a random token the doctor must never read or print).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type EntryKind = 'file' | 'symlink' | 'fifo' | 'dir';

export interface Entry {
  rel: string;
  kind: EntryKind;
}

/** An old access time: a read of a canary moves its atime to now (relatime updates atime < mtime). */
const OLD_ATIME = new Date('2001-01-01T00:00:00Z');

export class HostileWorkspace {
  readonly base: string;
  readonly root: string;
  readonly home: string;
  readonly secret: string;
  readonly out: string;
  /** Programs for PATH (outside the workspace). */
  readonly bin: string;
  /** Appears only in the canaries: seen anywhere in an output, a canary was read. */
  readonly token = `GODOCTOR-CANARY-${randomBytes(12).toString('hex')}`;
  readonly entries: Entry[] = [];
  private readonly canaries: string[] = [];

  constructor(id: string) {
    this.base = mkdtempSync(join(tmpdir(), `go-doctor-hostile-${id.replace(/[^a-z0-9-]/gi, '')}-`));
    this.root = join(this.base, 'ws');
    this.home = join(this.base, 'home');
    this.secret = join(this.base, 'secret');
    this.out = join(this.base, 'out');
    this.bin = join(this.base, 'bin');
    for (const dir of [this.root, this.home, this.secret, this.out, this.bin]) mkdirSync(dir);
    // The default canaries: a build file and a settings file, outside the workspace.
    this.canary('Makefile', `# ${this.token}\nbuild:\n\tGOOS=visionos GOARCH=arm64 go build ./... # ${this.token}\n`);
    this.canary('settings.json', `{"go.toolsEnvVars": {"GOOS": "${this.token}"}}\n`);
    this.canary('id_rsa', `-----BEGIN ${this.token}-----\n`);
  }

  /** A canary file in the secret folder (outside the workspace); returns its path. */
  canary(name: string, content = `${this.token}\n`): string {
    const path = join(this.secret, name);
    writeFileSync(path, content);
    this.canaries.push(path);
    return path;
  }

  /** Sets every canary's access time in the past (after writing them; called by the runner before each run). */
  armCanaries(): void {
    for (const path of this.canaries) utimesSync(path, OLD_ATIME, statSync(path).mtime);
  }

  /** Canaries whose access time moved since armCanaries: their bytes were read. */
  canariesRead(): { path: string; bytes: number }[] {
    return this.canaries
      .map((path) => ({ path, st: statSync(path) }))
      .filter(({ st }) => st.atimeMs > OLD_ATIME.getTime() + 1000)
      .map(({ path, st }) => ({ path, bytes: st.size }));
  }

  /** Total bytes of the canaries. */
  get canaryBytes(): number {
    return this.canaries.reduce((n, p) => n + statSync(p).size, 0);
  }

  write(rel: string, data: string | Buffer): string {
    const path = join(this.root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
    this.entries.push({ rel, kind: 'file' });
    return path;
  }

  symlink(target: string, rel: string): void {
    const path = join(this.root, rel);
    mkdirSync(dirname(path), { recursive: true });
    symlinkSync(target, path);
    this.entries.push({ rel, kind: 'symlink' });
  }

  /** A named pipe nobody writes to: opening it for reading blocks forever. */
  fifo(rel: string): void {
    const path = join(this.root, rel);
    mkdirSync(dirname(path), { recursive: true });
    const made = spawnSync('mkfifo', [path], { timeout: 5000 });
    if (made.status !== 0) throw new Error(`mkfifo ${path}: ${made.stderr?.toString() ?? made.error?.message}`);
    this.entries.push({ rel, kind: 'fifo' });
  }

  /** An executable in the bin folder (put it on PATH with the category's env). */
  tool(name: string, script: string): void {
    writeFileSync(join(this.bin, name), script, { mode: 0o755 });
  }

  chmod(rel: string, mode: number): void {
    chmodSync(join(this.root, rel), mode);
  }

  /** The text an editor would hold for a regular file (undefined for anything else or a huge file). */
  editorText(rel: string, maxBytes = 16 * 1024 * 1024): string | undefined {
    const path = join(this.root, rel);
    try {
      const st = lstatSync(path);
      if (!st.isFile() || st.size > maxBytes) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  cleanup(): void {
    // Unreadable folders first get their bits back, so rm can descend.
    spawnSync('chmod', ['-R', 'u+rwx', this.root], { timeout: 10_000 });
    rmSync(this.base, { recursive: true, force: true });
  }
}

/** Whether this file system records reads in atime (relatime/strictatime); noatime mounts cannot tell. */
export function atimeRecordsReads(dir: string): boolean {
  const probe = join(dir, '.atime-probe');
  writeFileSync(probe, 'x');
  utimesSync(probe, OLD_ATIME, new Date());
  readFileSync(probe);
  const moved = statSync(probe).atimeMs > OLD_ATIME.getTime() + 1000;
  rmSync(probe);
  return moved;
}
