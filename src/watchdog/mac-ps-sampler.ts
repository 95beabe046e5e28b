import { performance } from 'node:perf_hooks';
import { runCommand } from '../probe/run-command.js';
import { goplsRole, looksLikeGopls } from './gopls-role.js';
import type { GoplsSelection } from './linux-proc-sampler.js';
import { findFileWatchers } from './file-watcher-process.js';
import type { GoplsProcess, GoplsSampler, ProcessSample, WatcherProcess } from './process-sample.js';
import { parsePsOutput, type PsRow } from './ps-output.js';

/**
 * gopls CPU/RSS on macOS from one `ps -axo …` per sample (argv array, 2 s timeout, output capped).
 * ps cannot report exited children (see ps-output.ts), so the tree CPU keeps the last-seen CPU of
 * descendants that vanished ("retired"); children that start and exit between two samples are missed.
 */
interface MacPsSamplerOptions extends GoplsSelection {
  timeoutMs?: number;
  clock?: () => number;
  /** Runs ps; replaceable in tests. Returns stdout. */
  runPs?: (argv: string[], timeoutMs: number) => Promise<string>;
}

export const PS_ARGV = ['-axo', 'pid=,ppid=,time=,rss=,etime=,lstart=,args='];
const MAX_OUTPUT = 8 * 1024 * 1024;

/** `ps` through the probe layer's runner: argv array, no shell, process group killed on timeout, output capped. */
async function runPs(argv: string[], timeoutMs: number): Promise<string> {
  const r = await runCommand(['ps', ...argv], {
    timeoutMs,
    maxOutputBytes: MAX_OUTPUT,
    env: { LC_ALL: 'C', LANG: 'C', PATH: '/bin:/usr/bin' },
    cwd: '/',
  });
  return r.exitCode === 0 ? r.stdout : '';
}

interface TreeState {
  /** Last-seen CPU of each live descendant (pid:start → ms). */
  live: Map<string, number>;
  retiredMs: number;
}

export class MacPsSampler implements GoplsSampler {
  private readonly clock: () => number;
  private readonly trees = new Map<string, TreeState>();

  constructor(private readonly options: MacPsSamplerOptions = {}) {
    this.clock = options.clock ?? (() => performance.now());
  }

  rediscover(): void {
    // every sample is a full listing: nothing cached
  }

  async sample(): Promise<ProcessSample> {
    const cpu0 = process.cpuUsage();
    const run = this.options.runPs ?? runPs;
    let rows: PsRow[];
    try {
      rows = parsePsOutput(await run(PS_ARGV, this.options.timeoutMs ?? 2000));
    } catch {
      rows = [];
    }
    const t = this.clock();
    const processes = this.select(rows);
    const watching = this.options.ownerPid !== undefined && (this.options.sampleFileWatcher ?? true);
    const used = process.cpuUsage(cpu0);
    return { t, processes, ...(watching ? { watchers: this.selectWatchers(rows) } : {}), costMs: (used.user + used.system) / 1000 };
  }

  /**
   * Pure part: VS Code's file watcher(s) of this window in one ps listing (empty = unknown). ps joins
   * argv with spaces, so the `--type=fileWatcher` token survives; CPU is the watcher's own (ps cannot
   * report exited children).
   */
  selectWatchers(rows: PsRow[]): WatcherProcess[] {
    const owner = this.options.ownerPid;
    if (owner === undefined) return [];
    return findFileWatchers(owner, new Map(rows.map((r) => [r.pid, r]))).map((r) => ({
      pid: r.pid,
      ppid: r.ppid,
      args: r.args,
      startKey: r.started,
      ageMs: r.elapsedMs,
      cpuMs: r.cpuMs,
      rssBytes: r.rssBytes,
    }));
  }

  /** Pure part: rows of one ps listing → the gopls processes of this window with tree CPU. */
  select(rows: PsRow[]): GoplsProcess[] {
    const byPid = new Map(rows.map((r) => [r.pid, r]));
    const children = new Map<number, PsRow[]>();
    for (const r of rows) {
      const list = children.get(r.ppid) ?? [];
      list.push(r);
      children.set(r.ppid, list);
    }
    const descendsFrom = (pid: number, ancestor: number): boolean => {
      let cur = byPid.get(pid);
      for (let i = 0; cur && i < 64; i++) {
        if (cur.ppid === ancestor) return true;
        cur = byPid.get(cur.ppid);
      }
      return false;
    };
    const gopls = rows.filter((r) => looksLikeGopls(r.args[0], undefined) && goplsRole(r.args) !== 'cli');
    const explicit = this.options.pids;
    const owner = this.options.ownerPid;
    let mine = explicit ? gopls.filter((g) => explicit.includes(g.pid)) : owner === undefined ? gopls : gopls.filter((g) => descendsFrom(g.pid, owner));
    if (!explicit && (this.options.includeDaemons ?? true) && mine.some((g) => goplsRole(g.args) === 'forwarder')) {
      mine = [...mine, ...gopls.filter((g) => goplsRole(g.args) === 'daemon' && !mine.includes(g))];
    }
    const roots = mine.filter((g) => !mine.some((o) => o !== g && descendsFrom(g.pid, o.pid)));
    const seenTrees = new Set<string>();
    const out: GoplsProcess[] = [];
    for (const g of roots) {
      const key = `${g.pid}:${g.started}`;
      seenTrees.add(key);
      const state = this.trees.get(key) ?? { live: new Map<string, number>(), retiredMs: 0 };
      this.trees.set(key, state);
      const nowLive = new Map<string, number>();
      let rss = g.rssBytes;
      let count = 0;
      const stack = [...(children.get(g.pid) ?? [])];
      while (stack.length > 0 && count < 10_000) {
        const c = stack.pop();
        if (!c) break;
        count++;
        nowLive.set(`${c.pid}:${c.started}`, c.cpuMs);
        rss += c.rssBytes;
        stack.push(...(children.get(c.pid) ?? []));
      }
      for (const [k, last] of state.live) if (!nowLive.has(k)) state.retiredMs += last;
      state.live = nowLive;
      const liveMs = [...nowLive.values()].reduce((a, b) => a + b, 0);
      out.push({
        pid: g.pid,
        ppid: g.ppid,
        role: goplsRole(g.args),
        args: g.args,
        startKey: g.started,
        ageMs: g.elapsedMs,
        selfCpuMs: g.cpuMs,
        treeCpuMs: g.cpuMs + state.retiredMs + liveMs,
        treeRssBytes: rss,
        descendants: count,
      });
    }
    for (const k of [...this.trees.keys()]) if (!seenTrees.has(k)) this.trees.delete(k);
    return out;
  }
}
