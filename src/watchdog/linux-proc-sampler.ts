import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { goplsRole, looksLikeGopls } from './gopls-role.js';
import { parseChildren, parseCmdline, parseProcStat, type ProcStat } from './proc-stat.js';
import { findFileWatchers, type ProcessEntry } from './file-watcher-process.js';
import type { GoplsProcess, GoplsSampler, ProcessSample, WatcherProcess } from './process-sample.js';

/**
 * gopls CPU/RSS from Linux `/proc`, cheaply (watchdog lab: ~0.1 ms CPU per `/proc/<pid>/stat` read,
 * 5–35 ms for a whole-`/proc` scan):
 * - each sample reads `stat` of the known gopls processes and walks their live descendants through
 *   `/proc/<pid>/task/<tid>/children`; tree CPU = utime+stime + cutime+cstime (exited `go list`
 *   children) of gopls + the same for every live descendant;
 * - discovery walks the owner's (extension host's) descendants through the same children files; the
 *   whole-`/proc` scan is only needed without an owner, without children files, or to find the
 *   `-listen` daemon of a `-remote` forwarder. It runs at start, every `rediscoverMs` (60 s), when a
 *   known process vanished, or every `searchMs` while no gopls is known.
 */
export interface GoplsSelection {
  /** Keep gopls processes that descend from this pid (the extension host: `process.pid`). */
  ownerPid?: number;
  /** Or: exactly these root pids (a benchmark that started gopls itself). */
  pids?: readonly number[];
  /** Also keep `-listen` daemons of this user when one of ours is a `-remote` forwarder (default true). */
  includeDaemons?: boolean;
  /**
   * Also sample VS Code's file watcher (`--type=fileWatcher` child of the owner or of its parent, see
   * file-watcher-process.ts). Default true; needs `ownerPid`.
   */
  sampleFileWatcher?: boolean;
}

interface LinuxProcSamplerOptions extends GoplsSelection {
  procRoot?: string;
  /** USER_HZ; 100 on every mainstream Linux architecture (checked against `getconf CLK_TCK` in the toolchain tests). */
  clockTicks?: number;
  rediscoverMs?: number;
  searchMs?: number;
  clock?: () => number;
}

type Candidate = ProcStat & { args: string[] };

interface Known {
  pid: number;
  starttime: number;
  args: string[];
}

export class LinuxProcSampler implements GoplsSampler {
  private readonly root: string;
  private readonly hz: number;
  private readonly pageSize: number;
  private readonly clock: () => number;
  private readonly uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  private known: Known[] = [];
  private knownWatchers: Known[] = [];
  private forceWatcherDiscovery = true;
  private lastDiscovery = Number.NEGATIVE_INFINITY;
  private forceDiscovery = true;

  constructor(private readonly options: LinuxProcSamplerOptions = {}) {
    this.root = options.procRoot ?? '/proc';
    this.hz = options.clockTicks ?? 100;
    this.clock = options.clock ?? (() => performance.now());
    this.pageSize = detectPageSize(this.root);
  }

  rediscover(): void {
    this.forceDiscovery = true;
    this.forceWatcherDiscovery = true;
  }

  async sample(): Promise<ProcessSample> {
    // cost includes discovery (async: in a busy host it also counts whatever ran meanwhile)
    const cpu0 = process.cpuUsage();
    const now = this.clock();
    const wait = this.known.length === 0 ? (this.options.searchMs ?? 2000) : (this.options.rediscoverMs ?? 60_000);
    if (this.forceDiscovery || now - this.lastDiscovery >= wait) {
      this.forceDiscovery = false;
      this.lastDiscovery = now;
      this.known = await this.discover();
      this.forceWatcherDiscovery = true;
    }
    const owner = this.options.ownerPid;
    const watching = owner !== undefined && (this.options.sampleFileWatcher ?? true);
    if (watching && this.forceWatcherDiscovery) {
      this.forceWatcherDiscovery = false;
      this.knownWatchers = await this.discoverWatchers(owner);
    }
    const t = this.clock();
    const uptimeS = this.readUptime();
    const processes: GoplsProcess[] = [];
    let vanished = false;
    for (const k of this.known) {
      const s = this.readStat(k.pid);
      if (!s || s.starttime !== k.starttime) {
        vanished = true;
        continue;
      }
      const tree = this.treeOf(s, 0);
      processes.push({
        pid: s.pid,
        ppid: s.ppid,
        role: goplsRole(k.args),
        args: k.args,
        startKey: String(s.starttime),
        ageMs: uptimeS === undefined ? Number.POSITIVE_INFINITY : Math.max(0, (uptimeS - s.starttime / this.hz) * 1000),
        selfCpuMs: ((s.utime + s.stime) * 1000) / this.hz,
        treeCpuMs: (tree.ticks * 1000) / this.hz,
        treeRssBytes: tree.rssPages * this.pageSize,
        descendants: tree.count,
      });
    }
    if (vanished) this.forceDiscovery = true;
    const watchers: WatcherProcess[] = [];
    for (const k of watching ? this.knownWatchers : []) {
      const s = this.readStat(k.pid);
      if (!s || s.starttime !== k.starttime) {
        // gone (a window reload restarts it): this sample has no watcher, the next one looks again
        this.forceWatcherDiscovery = true;
        continue;
      }
      watchers.push({
        pid: s.pid,
        ppid: s.ppid,
        args: k.args,
        startKey: String(s.starttime),
        ageMs: uptimeS === undefined ? Number.POSITIVE_INFINITY : Math.max(0, (uptimeS - s.starttime / this.hz) * 1000),
        cpuMs: ((s.utime + s.stime + s.cutime + s.cstime) * 1000) / this.hz,
        rssBytes: s.rssPages * this.pageSize,
      });
    }
    const used = process.cpuUsage(cpu0);
    return { t, processes, ...(watching ? { watchers } : {}), costMs: (used.user + used.system) / 1000 };
  }

  private treeOf(s: ProcStat, depth: number): { ticks: number; rssPages: number; count: number } {
    let ticks = s.utime + s.stime + s.cutime + s.cstime;
    let rssPages = s.rssPages;
    let count = 0;
    if (depth > 16) return { ticks, rssPages, count };
    for (const child of this.childrenOf(s.pid)) {
      const c = this.readStat(child);
      if (!c) continue;
      const sub = this.treeOf(c, depth + 1);
      ticks += sub.ticks;
      rssPages += sub.rssPages;
      count += 1 + sub.count;
    }
    return { ticks, rssPages, count };
  }

  private childrenOf(pid: number): number[] {
    const out: number[] = [];
    let tids: string[];
    try {
      tids = readdirSync(`${this.root}/${pid}/task`);
    } catch {
      return out;
    }
    for (const tid of tids) {
      try {
        out.push(...parseChildren(readFileSync(`${this.root}/${pid}/task/${tid}/children`, 'latin1')));
      } catch {
        // kernel without CONFIG_PROC_CHILDREN, or the thread exited
      }
    }
    return out;
  }

  private readStat(pid: number): ProcStat | undefined {
    try {
      return parseProcStat(readFileSync(`${this.root}/${pid}/stat`, 'latin1'));
    } catch {
      return undefined;
    }
  }

  private readUptime(): number | undefined {
    try {
      const v = Number(readFileSync(`${this.root}/uptime`, 'latin1').split(' ')[0]);
      return Number.isFinite(v) ? v : undefined;
    } catch {
      return undefined;
    }
  }

  private async discover(): Promise<Known[]> {
    const explicit = this.options.pids;
    if (explicit) {
      const out: Known[] = [];
      for (const pid of explicit) {
        const s = this.readStat(pid);
        if (s) out.push({ pid, starttime: s.starttime, args: await this.cmdline(pid) });
      }
      return out;
    }
    const owner = this.options.ownerPid;
    let found: Candidate[] | undefined;
    // cheap path: walk the owner's descendants through /proc/<pid>/task/<tid>/children (a few dozen
    // reads); a gopls's own subtree is not searched further (it is counted in its tree)
    if (owner !== undefined && procChildrenSupported(this.root)) found = await this.goplsUnder(owner);
    if (found === undefined || ((this.options.includeDaemons ?? true) && found.some((g) => goplsRole(g.args) === 'forwarder'))) {
      // whole-/proc scan: no owner, no children files, or a forwarder whose daemon lives elsewhere
      const all = await this.scan();
      const descendsFrom = (pid: number, ancestor: number): boolean => {
        let cur = all.get(pid);
        for (let i = 0; cur && i < 64; i++) {
          if (cur.ppid === ancestor) return true;
          cur = all.get(cur.ppid);
        }
        return false;
      };
      const gopls: Candidate[] = [];
      for (const st of all.values()) {
        // comm is the executable's name (15 bytes) unless the program renames its main thread (Node
        // does: "MainThread"); under our own extension host, argv[0] decides
        if (!/^gopls/i.test(st.comm) && (owner === undefined || !descendsFrom(st.pid, owner))) continue;
        const g = await this.candidate(st);
        if (g) gopls.push(g);
      }
      let mine = owner === undefined ? await this.sameUser(gopls) : gopls.filter((g) => descendsFrom(g.pid, owner));
      if ((this.options.includeDaemons ?? true) && mine.some((g) => goplsRole(g.args) === 'forwarder')) {
        const daemons = (await this.sameUser(gopls)).filter((g) => goplsRole(g.args) === 'daemon' && !mine.some((m) => m.pid === g.pid));
        mine = [...mine, ...daemons];
      }
      // a daemon still parented by its forwarder is already inside the forwarder's tree: keep roots only
      found = mine.filter((g) => !mine.some((o) => o !== g && descendsFrom(g.pid, o.pid)));
    }
    return found.map((g) => ({ pid: g.pid, starttime: g.starttime, args: g.args }));
  }

  /** VS Code's file watcher(s) among the children of the owner and of the owner's parent. */
  private async discoverWatchers(owner: number): Promise<Known[]> {
    const ownerStat = this.readStat(owner);
    if (!ownerStat) return [];
    const parents = ownerStat.ppid > 1 ? [owner, ownerStat.ppid] : [owner];
    let stats: ProcStat[];
    if (procChildrenSupported(this.root)) {
      stats = [];
      for (const parent of parents) for (const pid of this.childrenOf(parent)) {
        const s = this.readStat(pid);
        if (s) stats.push(s);
      }
    } else {
      stats = [...(await this.scan()).values()].filter((s) => parents.includes(s.ppid));
    }
    const table = new Map<number, ProcessEntry & { starttime: number }>([[owner, { pid: owner, ppid: ownerStat.ppid, args: [], starttime: ownerStat.starttime }]]);
    // a process that exits between the listing and this read has no cmdline: it does not match
    for (const s of stats) table.set(s.pid, { pid: s.pid, ppid: s.ppid, args: await this.cmdline(s.pid), starttime: s.starttime });
    return findFileWatchers(owner, table).map((w) => ({ pid: w.pid, starttime: w.starttime, args: [...w.args] }));
  }

  /** A gopls server/forwarder/daemon process, or undefined (not gopls, or a CLI invocation). */
  private async candidate(st: ProcStat): Promise<Candidate | undefined> {
    const args = await this.cmdline(st.pid);
    if (!looksLikeGopls(args[0], undefined) && !(/^gopls/i.test(st.comm) && args.length === 0)) return undefined;
    if (goplsRole(args) === 'cli') return undefined;
    return { ...st, args };
  }

  private async goplsUnder(owner: number): Promise<Candidate[]> {
    const out: Candidate[] = [];
    const queue = this.childrenOf(owner).map((pid) => ({ pid, depth: 1 }));
    for (let visited = 0; queue.length > 0 && visited < 2000; visited++) {
      const next = queue.shift();
      if (!next) break;
      const st = this.readStat(next.pid);
      if (!st) continue;
      const g = await this.candidate(st);
      if (g) out.push(g);
      else if (next.depth < 8) for (const c of this.childrenOf(next.pid)) queue.push({ pid: c, depth: next.depth + 1 });
    }
    return out;
  }

  private async sameUser<T extends { pid: number }>(list: T[]): Promise<T[]> {
    const out: T[] = [];
    for (const g of list) {
      try {
        if (this.uid < 0 || (await stat(`${this.root}/${g.pid}`)).uid === this.uid) out.push(g);
      } catch {
        // gone
      }
    }
    return out;
  }

  private async scan(): Promise<Map<number, ProcStat>> {
    const out = new Map<number, ProcStat>();
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return out;
    }
    for (const name of names) {
      const c = name.charCodeAt(0);
      if (c < 48 || c > 57) continue;
      try {
        const s = parseProcStat(await readFile(`${this.root}/${name}/stat`, 'latin1'));
        if (s) out.set(s.pid, s);
      } catch {
        // exited while scanning
      }
    }
    return out;
  }

  private async cmdline(pid: number): Promise<string[]> {
    try {
      return parseCmdline(await readFile(`${this.root}/${pid}/cmdline`, 'latin1'));
    } catch {
      return [];
    }
  }
}

/** Page size without spawning `getconf`: this process's RSS in bytes over its RSS in pages. */
function detectPageSize(root: string): number {
  try {
    const pages = Number(readFileSync(`${root}/self/statm`, 'latin1').split(' ')[1]);
    const bytes = process.memoryUsage().rss;
    if (pages > 0) {
      const ratio = bytes / pages;
      for (const size of [4096, 16384, 65536]) if (Math.abs(ratio - size) / size < 0.25) return size;
    }
  } catch {
    // not Linux
  }
  return 4096;
}

/** True when `/proc/<pid>/task/<tid>/children` exists (CONFIG_PROC_CHILDREN). */
export function procChildrenSupported(root = '/proc'): boolean {
  try {
    statSync(`${root}/self/task/${process.pid}/children`);
    return true;
  } catch {
    return false;
  }
}
