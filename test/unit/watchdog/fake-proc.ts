import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fake /proc tree (the files LinuxProcSampler reads), built in a temp dir. */
export class FakeProc {
  readonly root = mkdtempSync(join(tmpdir(), 'fake-proc-'));
  constructor() {
    writeFileSync(join(this.root, 'uptime'), '1000.00 1900.00\n');
    mkdirSync(join(this.root, 'self'));
    writeFileSync(join(this.root, 'self', 'statm'), '1000 1000 0 0 0 0 0\n');
    this.childrenFiles(true);
  }
  /** Whether the kernel has /proc/<pid>/task/<tid>/children (CONFIG_PROC_CHILDREN). */
  childrenFiles(on: boolean): void {
    const marker = join(this.root, 'self', 'task', String(process.pid));
    if (on) {
      mkdirSync(marker, { recursive: true });
      writeFileSync(join(marker, 'children'), '');
    } else rmSync(join(this.root, 'self', 'task'), { recursive: true, force: true });
  }
  add(pid: number, ppid: number, comm: string, argv: string[], ticks: { u: number; s: number; cu?: number; cs?: number }, children: number[] = [], start = 50_000): void {
    const d = join(this.root, String(pid));
    mkdirSync(join(d, 'task', String(pid)), { recursive: true });
    const fields = ['S', ppid, pid, pid, 0, -1, 0, 0, 0, 0, 0, ticks.u, ticks.s, ticks.cu ?? 0, ticks.cs ?? 0, 20, 0, 8, 0, start, 1e9, 1000];
    writeFileSync(join(d, 'stat'), `${pid} (${comm}) ${fields.join(' ')} 0 0 0\n`);
    writeFileSync(join(d, 'cmdline'), argv.join('\0') + '\0');
    writeFileSync(join(d, 'task', String(pid), 'children'), children.join(' ') + (children.length ? ' ' : ''));
  }
  setChildren(pid: number, children: number[]): void {
    writeFileSync(join(this.root, String(pid), 'task', String(pid), 'children'), children.join(' '));
  }
  remove(pid: number): void {
    rmSync(join(this.root, String(pid)), { recursive: true, force: true });
  }
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
