import type { Severity } from '../core/finding.js';
import { EventMeter, EventTally, type EventMeterOptions } from './event-meter.js';
import { isGoplsWatchedPath, isModuleFile, isReloadEvent, type FileChange } from './gopls-watched.js';
import type { CpuReading } from './process-sample.js';
import { MIN_LOOP_CHANGES, RepetitionTracker } from './repetition.js';
import { loopCause, type StormCause } from './storm-cause.js';
import { DEFAULT_THRESHOLDS, StormDetector, type DetectorStatus, type StormThresholds } from './storm-detector.js';

/**
 * Everything the watchdog decides, without timers or I/O: the event meter, the detector, storm
 * episodes (one notification per storm), the severity budget and the adaptive sampling interval.
 * The VS Code glue, the benchmark and the trace replay all drive this same object.
 */

/**
 * Seconds gopls may stay hot during a storm before the watchdog's status turns warning / error
 * (the shape of vscode-eslint's `eslint.timeBudget.*`: `{ warn, error }`, a negative value = never).
 * The notification is shown once per storm, when the status first reaches warning (or error).
 */
/** A directory created or deleted again within this window weighs as a reload (it is regenerated in a loop). */
const DIRECTORY_LOOP_WINDOW_MS = 30_000;

export interface SeverityBudget {
  warn: number;
  error: number;
}

export const DEFAULT_BUDGET: SeverityBudget = { warn: 0, error: 60 };

export interface SamplingIntervals {
  /** gopls running and nothing suspicious. */
  calmMs: number;
  /** Storm events seen, gopls busy, or an alarm. */
  fastMs: number;
  /** No gopls process known (each sample may scan for one). */
  searchMs: number;
}

export const LINUX_INTERVALS: SamplingIntervals = { calmMs: 5000, fastMs: 1000, searchMs: 15_000 };
/** macOS pays ~10 ms of `ps` per sample: sample less often. */
export const MAC_INTERVALS: SamplingIntervals = { calmMs: 15_000, fastMs: 2000, searchMs: 30_000 };

export interface StormMonitorOptions {
  thresholds?: StormThresholds;
  budget?: SeverityBudget;
  /** An alarm within this long after the previous one cleared is the same storm (default 60 s). */
  cooldownSeconds?: number;
  intervals?: SamplingIntervals;
  meter?: EventMeterOptions;
}

export interface StormEpisode {
  id: number;
  /** First alarm of this storm. */
  startedAt: number;
  /** When the alarm last cleared (undefined while it is on). */
  clearedAt: number | undefined;
  ended: boolean;
  /** Time gopls spent at or above the CPU threshold during the storm, ms. */
  hotMs: number;
  /** Mean gopls tree CPU over `hotMs`, % of one core. */
  cpuPercent: number;
  peakCpuPercent: number;
  /**
   * Mean CPU of VS Code's file watcher over the hot intervals in which it was identified, % of one
   * core; undefined when it never was (unknown). Reported only, not part of the alarm rule.
   */
  watcherCpuPercent?: number;
  watcherPeakCpuPercent?: number;
  /** File events attributed to the storm (all, and those gopls watches). */
  events: number;
  watchedEvents: number;
  /** Seconds with events; events / activeSeconds = the storm's rate. */
  activeSeconds: number;
  cause: StormCause;
  /**
   * What raised the alarm: `storm` = gopls hot (3-s mean) during or after a storm of (weighted) events;
   * `sustained` = a repeated reload kept gopls's longer average above its threshold.
   */
  reason: 'storm' | 'sustained';
  /** Reloads (module-file changes, package directories created / deleted) among the storm's events. */
  reloads: number;
  /** The repeated reload when one was seen: gopls CPU averaged since it began (% of one core), its period (ms) and bursts. */
  repeated?: { cpuPercent: number; periodMs: number; bursts: number; windowMs: number };
  severity: Severity;
  /** The one notification of this storm has been issued. */
  notified: boolean;
}

export type WatchdogPhase = 'off' | 'no-gopls' | 'calm' | 'suspicious' | 'storm' | 'settling';

interface WatchdogState {
  phase: WatchdogPhase;
  severity: Severity;
  cpuPercent: number | undefined;
  /** VS Code's file watcher at the last sample, % of one core; undefined = not identified. */
  watcherCpuPercent: number | undefined;
  /** Watched events in the last 10 s. */
  events10s: number;
  /** The current storm, or the last one (ended). */
  episode: StormEpisode | undefined;
}

export type MonitorNotice =
  /** Show the notification (once per storm). */
  | { kind: 'notify'; episode: StormEpisode }
  | { kind: 'escalated'; episode: StormEpisode }
  | { kind: 'ended'; episode: StormEpisode };

export function severityForHotSeconds(hotSeconds: number, budget: SeverityBudget): Severity {
  if (budget.error >= 0 && hotSeconds >= budget.error) return 'error';
  if (budget.warn >= 0 && hotSeconds >= budget.warn) return 'warning';
  return 'info';
}

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export class StormMonitor {
  readonly detector: StormDetector;
  readonly meter: EventMeter;
  private readonly budget: SeverityBudget;
  private readonly cooldownMs: number;
  private readonly intervals: SamplingIntervals;
  private episode: StormEpisode | undefined;
  private tally: EventTally | undefined;
  private cpuWeighted = 0;
  private watcherWeighted = 0;
  private watcherMs = 0;
  private nextId = 1;
  private status: DetectorStatus | undefined;
  private lastReading: CpuReading | undefined;
  /** Paths gopls watches that keep changing; reload paths (module files, package directories `dir/`) apart, so a storm of other files cannot push them out. */
  readonly repetition = new RepetitionTracker();
  readonly reloadRepetition = new RepetitionTracker(16);

  constructor(options: StormMonitorOptions = {}) {
    this.detector = new StormDetector(options.thresholds ?? DEFAULT_THRESHOLDS);
    this.meter = new EventMeter(options.meter);
    this.budget = options.budget ?? DEFAULT_BUDGET;
    this.cooldownMs = (options.cooldownSeconds ?? 60) * 1000;
    this.intervals = options.intervals ?? LINUX_INTERVALS;
  }

  get thresholds(): StormThresholds {
    return this.detector.thresholds;
  }

  /**
   * One workspace file event (workspace-relative path). Returns true when the sampler should run
   * sooner than planned (storm-like events while sampling slowly).
   */
  recordEvent(t: number, relativePath: string, watched: boolean = isGoplsWatchedPath(relativePath), change?: FileChange): boolean {
    const reload = isReloadEvent(relativePath, change);
    this.meter.record(t, relativePath, watched, reload);
    if (!watched && !reload) return false;
    if (!reload) this.repetition.record(t, relativePath);
    else this.reloadRepetition.record(t, isModuleFile(relativePath) ? relativePath : `${relativePath.replace(/[\\/]+$/, '')}/`);
    // A module file change always reloads the module graph; a created or deleted directory weighs
    // as a reload only once it repeats (a directory regenerated in a loop): a handful of new
    // directories while gopls happens to be busy is ordinary work, not a storm.
    const weighsAsReload = reload && (isModuleFile(relativePath) || this.reloadRepetition.loopOf(`${relativePath.replace(/[\\/]+$/, '')}/`, t, DIRECTORY_LOOP_WINDOW_MS, 2) !== undefined);
    this.detector.addEvents(t, weighsAsReload ? this.thresholds.reloadWeight : 1);
    if (weighsAsReload) this.detector.addReloads(t, 1);
    return this.wantsFastSampling(t);
  }

  /** Event counts without paths (a recorded trace); `reloads` of the events are reloads. */
  recordEventCounts(t: number, watched: number, other: number, reloads = 0): boolean {
    this.meter.recordCounts(t, watched, other, reloads);
    this.detector.addEvents(t, this.detector.weightOf(watched, reloads));
    this.detector.addReloads(t, reloads);
    return (watched > 0 || reloads > 0) && this.wantsFastSampling(t);
  }

  recordCpu(reading: CpuReading): void {
    this.lastReading = reading;
    this.detector.addCpu(reading.t, reading.intervalMs, reading.treePercent, reading.started);
    const ep = this.episode;
    if (ep && !ep.ended && ep.clearedAt === undefined && reading.treePercent !== null) ep.peakCpuPercent = Math.max(ep.peakCpuPercent, reading.treePercent);
    if (ep && !ep.ended && ep.clearedAt === undefined && reading.treePercent !== null && reading.treePercent >= this.thresholds.cpuThresholdPercent) {
      ep.hotMs += reading.intervalMs;
      this.cpuWeighted += reading.treePercent * reading.intervalMs;
      ep.cpuPercent = this.cpuWeighted / Math.max(1, ep.hotMs);
      ep.peakCpuPercent = Math.max(ep.peakCpuPercent, reading.treePercent);
      const w = reading.watcherPercent;
      if (typeof w === 'number') {
        this.watcherWeighted += w * reading.intervalMs;
        this.watcherMs += reading.intervalMs;
        ep.watcherCpuPercent = this.watcherWeighted / this.watcherMs;
        ep.watcherPeakCpuPercent = Math.max(ep.watcherPeakCpuPercent ?? 0, w);
      }
    }
  }

  tick(t: number): { state: WatchdogState; notices: MonitorNotice[] } {
    const { status, transition } = this.detector.evaluate(t);
    this.status = status;
    const notices: MonitorNotice[] = [];
    let ep = this.episode;
    if (transition === 'alarm-raised') {
      if (ep && !ep.ended && ep.clearedAt !== undefined && t - ep.clearedAt <= this.cooldownMs) {
        ep.clearedAt = undefined; // the same storm again (e.g. gopls restarted mid-storm)
        if (status.alarmCause === 'sustained') this.noteRepeated(ep, status);
      } else {
        this.startEpisode(t, status);
        ep = this.episode;
      }
    } else if (transition === 'alarm-cleared' && ep && !ep.ended) {
      ep.clearedAt = t;
    }
    if (ep && !ep.ended) {
      if (status.phase === 'alarm' && status.sustained) this.noteRepeated(ep, status);
      this.refreshEvents(ep, t);
      if (ep.clearedAt !== undefined && t - ep.clearedAt > this.cooldownMs) {
        ep.ended = true;
        this.meter.unpin();
        this.tally = undefined;
        notices.push({ kind: 'ended', episode: { ...ep } });
      } else {
        const sev = severityForHotSeconds(ep.hotMs / 1000, this.budget);
        if (rank[sev] > rank[ep.severity]) {
          ep.severity = sev;
          if (!ep.notified) {
            ep.notified = true;
            notices.push({ kind: 'notify', episode: { ...ep } });
          } else notices.push({ kind: 'escalated', episode: { ...ep } });
        }
      }
    }
    return { state: this.state, notices };
  }

  get state(): WatchdogState {
    const s = this.status;
    const ep = this.episode;
    let phase: WatchdogPhase;
    if (!s) phase = 'calm';
    else if (s.phase === 'alarm') phase = 'storm';
    else if (ep && !ep.ended) phase = 'settling';
    else if (s.phase === 'no-gopls') phase = 'no-gopls';
    else phase = s.phase;
    const open = ep && !ep.ended;
    return {
      phase,
      severity: open ? ep.severity : 'info',
      cpuPercent: s?.cpuPercent,
      watcherCpuPercent: typeof this.lastReading?.watcherPercent === 'number' ? this.lastReading.watcherPercent : undefined,
      events10s: s?.events10s ?? 0,
      episode: ep ? { ...ep } : undefined,
    };
  }

  /** Milliseconds until the next CPU sample should be taken. */
  nextSampleDelay(): number {
    const st = this.state;
    if (st.phase === 'no-gopls') return this.intervals.searchMs;
    if (st.phase === 'calm') return this.intervals.calmMs;
    return this.intervals.fastMs;
  }

  get lastCpuReading(): CpuReading | undefined {
    return this.lastReading;
  }

  private wantsFastSampling(t: number): boolean {
    if (this.nextSampleDelay() <= this.intervals.fastMs) return false;
    const { events } = this.detector.eventWindow(t);
    return events >= Math.max(1, this.thresholds.stormEventsPer10s / 5);
  }

  private noteRepeated(ep: StormEpisode, status: DetectorStatus): void {
    const r = status.repeated;
    if (!r || r.cpuPercent === undefined) return;
    ep.repeated = { cpuPercent: r.cpuPercent, periodMs: r.periodMs, bursts: r.bursts, windowMs: status.t - r.since };
  }

  private startEpisode(t: number, status: DetectorStatus): void {
    if (this.episode && !this.episode.ended) this.meter.unpin();
    this.tally = this.meter.pin(t, this.thresholds.stormMemorySeconds * 1000 + 10_000);
    const seedMs = this.thresholds.hotWindowSeconds * 1000;
    const cpu = status.cpuPercent ?? this.thresholds.cpuThresholdPercent;
    const peak = Math.max(cpu, this.detector.cpuPeak(t, status.repeated ? t - status.repeated.since : seedMs) ?? 0);
    this.cpuWeighted = cpu * seedMs;
    this.watcherWeighted = 0;
    this.watcherMs = 0;
    this.episode = {
      id: this.nextId++,
      startedAt: t,
      clearedAt: undefined,
      ended: false,
      hotMs: seedMs,
      cpuPercent: cpu,
      peakCpuPercent: peak,
      events: 0,
      watchedEvents: 0,
      activeSeconds: 0,
      cause: { kind: 'unknown' },
      reason: status.alarmCause ?? 'storm',
      reloads: 0,
      severity: 'info',
      notified: false,
    };
    if (status.alarmCause === 'sustained') this.noteRepeated(this.episode, status);
    this.refreshEvents(this.episode, t);
  }

  private refreshEvents(ep: StormEpisode, t: number): void {
    const tally = this.tally;
    if (!tally) return;
    ep.events = tally.events;
    ep.watchedEvents = tally.watched;
    ep.activeSeconds = tally.activeSeconds;
    ep.reloads = tally.reloads;
    const windowMs = Math.max(this.thresholds.sustainedWindowSeconds, this.thresholds.stormMemorySeconds) * 1000;
    // once the detector sees reloads recur, two changes of the same path already make its loop
    const reloadLoops = this.reloadRepetition.loops(t, windowMs, this.status?.repeated ? 2 : MIN_LOOP_CHANGES);
    ep.cause = loopCause(tally, [...reloadLoops, ...this.repetition.loops(t, windowMs)], (p) => p.endsWith('/') || isModuleFile(p));
  }
}
