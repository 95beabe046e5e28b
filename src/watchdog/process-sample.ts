import type { GoplsRole } from './gopls-role.js';

/** One gopls process as a sampler saw it. CPU values are cumulative since the process started. */
export interface GoplsProcess {
  pid: number;
  ppid: number;
  role: GoplsRole;
  args: string[];
  /** Identifies the process together with the pid (pid reuse): Linux starttime ticks, macOS start. */
  startKey: string;
  /** Age of the process when sampled, ms. */
  ageMs: number;
  /** CPU of gopls itself (user + system), ms. */
  selfCpuMs: number;
  /**
   * CPU of the whole tree: gopls + its exited, reaped children (`go list` …; Linux cutime/cstime,
   * macOS `ps -S`) + its live descendants, ms. Continuous when a child exits.
   */
  treeCpuMs: number;
  /** Resident memory of gopls and its live descendants, bytes. */
  treeRssBytes: number;
  /** Live descendants (e.g. running `go list`). */
  descendants: number;
}

/** VS Code's file-watcher process (see file-watcher-process.ts). CPU values are cumulative. */
export interface WatcherProcess {
  pid: number;
  ppid: number;
  args: string[];
  startKey: string;
  ageMs: number;
  /** CPU of the watcher and its exited, reaped children (Linux cutime/cstime), ms. */
  cpuMs: number;
  rssBytes: number;
}

export interface ProcessSample {
  /** Monotonic time of the sample, ms. */
  t: number;
  processes: GoplsProcess[];
  /** VS Code's file watcher(s) of this window; absent or empty = not identified (unknown). */
  watchers?: WatcherProcess[];
  /** What the sample cost the sampler (CPU ms), when known. */
  costMs?: number;
}

export interface CpuReading {
  /** End of the interval, ms. */
  t: number;
  intervalMs: number;
  /** gopls tree CPU over the interval, % of one core; `null` when no gopls process was seen. */
  treePercent: number | null;
  selfPercent: number | null;
  rssBytes: number | null;
  processes: number;
  /** A gopls process present in the previous sample is gone. */
  vanished: boolean;
  /** A gopls process that was not in the previous sample appeared (a (re)start). */
  started: boolean;
  /**
   * CPU of VS Code's file watcher over the interval, % of one core; `null` when it is unknown (not
   * identified, first sample, or a watcher appeared/vanished so the interval cannot be measured).
   * Reported only: the detector does not use it.
   */
  watcherPercent?: number | null;
}

const keyOf = (p: GoplsProcess): string => `${p.pid}:${p.startKey}`;

/**
 * CPU % between two samples, robust to processes coming and going: a process seen in both counts its
 * delta; a process that started during the interval counts all its CPU; a process first seen but older
 * than the interval (the very first sample, a late discovery) only sets a baseline.
 */
export function cpuBetween(previous: ProcessSample | undefined, current: ProcessSample): CpuReading {
  const intervalMs = previous ? current.t - previous.t : 0;
  const before = new Map((previous?.processes ?? []).map((p) => [keyOf(p), p]));
  let tree = 0;
  let self = 0;
  let started = false;
  for (const p of current.processes) {
    const old = before.get(keyOf(p));
    if (old) {
      tree += Math.max(0, p.treeCpuMs - old.treeCpuMs);
      self += Math.max(0, p.selfCpuMs - old.selfCpuMs);
    } else if (previous) {
      started = true;
      if (p.ageMs <= intervalMs + 50) {
        tree += p.treeCpuMs;
        self += p.selfCpuMs;
      }
    }
  }
  const now = new Set(current.processes.map(keyOf));
  const vanished = [...before.keys()].some((k) => !now.has(k));
  const none = current.processes.length === 0;
  const valid = previous !== undefined && intervalMs > 0 && !none;
  return {
    t: current.t,
    intervalMs,
    watcherPercent: watcherPercentBetween(previous, current, intervalMs),
    treePercent: valid ? (tree / intervalMs) * 100 : null,
    selfPercent: valid ? (self / intervalMs) * 100 : null,
    rssBytes: none ? null : current.processes.reduce((a, p) => a + p.treeRssBytes, 0),
    processes: current.processes.length,
    vanished,
    started,
  };
}

/**
 * Watcher CPU % between two samples, or `null` when it cannot be measured exactly: no watcher in
 * either sample, or the set of watchers changed (one vanished mid-interval: its last CPU is lost; one
 * appeared: only a baseline). Unknown, never a guess.
 */
function watcherPercentBetween(previous: ProcessSample | undefined, current: ProcessSample, intervalMs: number): number | null {
  const now = current.watchers ?? [];
  const before = previous?.watchers ?? [];
  if (intervalMs <= 0 || now.length === 0 || now.length !== before.length) return null;
  const old = new Map(before.map((w) => [`${w.pid}:${w.startKey}`, w]));
  let ms = 0;
  for (const w of now) {
    const o = old.get(`${w.pid}:${w.startKey}`);
    if (!o) return null;
    ms += Math.max(0, w.cpuMs - o.cpuMs);
  }
  return (ms / intervalMs) * 100;
}

/** The sampler contract shared by the Linux `/proc` and macOS `ps` implementations. */
export interface GoplsSampler {
  sample(): Promise<ProcessSample>;
  /** Forget cached discovery (e.g. after a gopls restart command). */
  rediscover(): void;
}
