/**
 * Hostile file-system objects for scanner tests: FIFOs, a writer that keeps opening a FIFO (so a
 * scanner that opens it blocking is released and reads it, and a test fails instead of hanging),
 * and a character device when the tests run as root.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** Makes a FIFO at `path` (mkfifo). */
export function makeFifo(path: string): void {
  const r = spawnSync('mkfifo', [path], { timeout: 10_000 });
  if (r.status !== 0) throw new Error(`mkfifo ${path} failed: ${r.stderr.toString()}`);
}

/**
 * A process that opens each FIFO for writing and closes it again, over and over: a reader that
 * opens one blocking (the defect) is let through with an empty read instead of blocking the test
 * forever; a reader that never opens it, or opens it non-blocking, is unaffected. Stop it with
 * `stop()` (kills that one process, by its id).
 */
export function fifoReleaser(paths: string[]): { stop(): void } {
  // One writer per FIFO: a writer waits in open() until a reader comes, whichever FIFO is read first.
  const children: ChildProcess[] = paths.map((p) => spawn('sh', ['-c', 'while :; do : > "$1"; done', 'sh', p], { stdio: 'ignore' }));
  return {
    stop() {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Makes a character device like /dev/zero at `path` when allowed (root); false when not. */
export function makeZeroDevice(path: string): boolean {
  if (process.getuid?.() !== 0 || process.platform !== 'linux') return false;
  return spawnSync('mknod', [path, 'c', '1', '5'], { timeout: 10_000 }).status === 0;
}
