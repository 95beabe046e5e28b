import { StormMonitor, type SamplingIntervals, type StormEpisode, type StormMonitorOptions } from './storm-monitor.js';
import { isGoplsWatchedPath, isReloadEvent } from './gopls-watched.js';
import { classifyTrace, HARMFUL_PERCENT, periodicLoadPeriod, type Trace, type TraceClass, type TraceSecond } from './trace.js';

/**
 * Replays a per-second trace through the real StormMonitor on a simulated clock.
 * - `per-second`: a CPU reading at every second boundary (the lab's 1 Hz watchdog);
 * - `adaptive`: readings when the monitor asks for them (calm/fast/search intervals, woken early by
 *   storm-like events), each reading the mean of the trace's seconds it covers — what the shipped
 *   watchdog would have seen.
 * Events of second `s` are delivered at s + 0.5 s; a second's recorded `paths` go through the
 * monitor one by one, spread evenly over the second (a path ending in `/` is a directory created),
 * the rest as counts.
 */
export interface ReplayOptions extends StormMonitorOptions {
  mode?: 'per-second' | 'adaptive';
}

interface ReplayAlarm {
  /** Seconds since the scenario start when the alarm was raised / cleared. */
  raisedAt: number;
  clearedAt: number | undefined;
}

export interface ReplayResult {
  label: string;
  class: TraceClass;
  alarms: ReplayAlarm[];
  /** Notifications the user would have seen (one per storm). */
  notifications: number;
  /** Seconds since the scenario start of the first notification. */
  firstNotificationAt: number | undefined;
  /** The storm as the first notification showed it. */
  firstNotified?: StormEpisode;
  firstAlarmAt: number | undefined;
  /** First second (≥ 0) where gopls's 3-s mean tree CPU reaches 50 %: "gopls turned hot". */
  hotOnset: number | undefined;
  /** firstAlarmAt − hotOnset, s (not for periodic loads). */
  latencyS: number | undefined;
  /** A periodic load (watch loop): its period, s, and the alarm's delay after the loop started (sec 0) in periods. */
  periodS: number | undefined;
  latencyPeriods: number | undefined;
  samples: number;
}

const SECOND = 1000;

/** First second s ≥ 0 such that the mean CPU over [s, s+2] is ≥ 50 % (sustained, not a 1-s blip). */
export function hotOnset(timeline: TraceSecond[]): number | undefined {
  for (let i = 0; i < timeline.length; i++) {
    const s = timeline[i];
    if (!s || s.sec < 0) continue;
    const w = timeline.slice(i, i + 3).map((x) => x.goplsTreePct ?? 0);
    if (w.length > 0 && w.reduce((a, b) => a + b, 0) / 3 >= HARMFUL_PERCENT) return s.sec;
  }
  return undefined;
}

export function replayTrace(trace: Trace, options: ReplayOptions = {}): ReplayResult {
  const mode = options.mode ?? 'per-second';
  const monitor = new StormMonitor(options);
  const intervals: SamplingIntervals | undefined = options.intervals;
  const tl = trace.timeline;
  const alarms: ReplayAlarm[] = [];
  let notifications = 0;
  let firstNotificationAt: number | undefined;
  let firstNotified: StormEpisode | undefined;
  let samples = 0;
  const periodS = periodicLoadPeriod(trace.summary);
  if (tl.length === 0) return { label: trace.summary.label, class: classifyTrace(trace), alarms, notifications, firstNotificationAt, firstAlarmAt: undefined, hotOnset: undefined, latencyS: undefined, periodS, latencyPeriods: undefined, samples };

  const first = tl[0]?.sec ?? 0;
  const bySec = new Map(tl.map((s) => [s.sec, s]));
  let lastSampleAt = first * SECOND;
  let nextSampleAt = first * SECOND + (mode === 'adaptive' ? (intervals?.calmMs ?? monitor.nextSampleDelay()) : SECOND);
  let prevAlarm = false;

  const take = (t: number): void => {
    const fromSec = Math.floor(lastSampleAt / SECOND);
    const toSec = Math.ceil(t / SECOND);
    let sum = 0;
    let n = 0;
    let started = false;
    let lastValue: number | null = null;
    for (let s = fromSec; s < toSec; s++) {
      const row = bySec.get(s);
      if (!row) continue;
      if (row.goplsStarted) started = true;
      lastValue = row.goplsTreePct;
      if (row.goplsTreePct !== null) {
        sum += row.goplsTreePct;
        n++;
      }
    }
    const percent = lastValue === null || n === 0 ? null : sum / n;
    monitor.recordCpu({ t, intervalMs: t - lastSampleAt, treePercent: percent, selfPercent: null, rssBytes: null, processes: percent === null ? 0 : 1, vanished: false, started });
    lastSampleAt = t;
    samples++;
    const { state, notices } = monitor.tick(t);
    const notifies = notices.filter((x) => x.kind === 'notify');
    const notified = notifies.length;
    if (notified > 0) firstNotificationAt ??= t / SECOND;
    firstNotified ??= notifies[0]?.episode;
    notifications += notified;
    const alarm = state.phase === 'storm';
    if (alarm && !prevAlarm) alarms.push({ raisedAt: t / SECOND, clearedAt: undefined });
    if (!alarm && prevAlarm) {
      const last = alarms[alarms.length - 1];
      if (last) last.clearedAt = t / SECOND;
    }
    prevAlarm = alarm;
    nextSampleAt = t + (mode === 'adaptive' ? monitor.nextSampleDelay() : SECOND);
  };

  for (const row of tl) {
    const start = row.sec * SECOND;
    while (nextSampleAt <= start) take(nextSampleAt);
    const at = start + SECOND / 2;
    let wake = false;
    let watched = row.events;
    let other = row.otherEvents ?? 0;
    let reloads = row.reloads ?? 0;
    for (const [path, n] of Object.entries(row.paths ?? {})) {
      const dir = path.endsWith('/');
      const p = dir ? path.replace(/\/+$/, '') : path;
      const isWatched = !dir && isGoplsWatchedPath(p);
      const change = dir ? 'created' : 'changed';
      // a path's changes spread evenly over the second (a loop's period survives the per-second trace)
      for (let k = 0; k < n; k++) wake = monitor.recordEvent(start + ((k + 0.5) * SECOND) / n, p, isWatched, change) || wake;
      if (isWatched) watched -= n;
      else other -= n;
      if (isReloadEvent(p, change)) reloads -= n;
    }
    wake = monitor.recordEventCounts(at, Math.max(0, watched), Math.max(0, other), Math.max(0, reloads)) || wake;
    if (wake && mode === 'adaptive') nextSampleAt = Math.min(nextSampleAt, start + SECOND);
  }
  const end = ((tl[tl.length - 1]?.sec ?? 0) + 1) * SECOND;
  while (nextSampleAt <= end) take(nextSampleAt);

  const firstAlarmAt = alarms[0]?.raisedAt;
  const onset = periodS === undefined ? hotOnset(tl) : undefined;
  return {
    label: trace.summary.label,
    class: classifyTrace(trace),
    alarms,
    notifications,
    firstNotificationAt,
    ...(firstNotified ? { firstNotified } : {}),
    firstAlarmAt,
    hotOnset: onset,
    latencyS: firstAlarmAt !== undefined && onset !== undefined ? +(firstAlarmAt - onset).toFixed(1) : undefined,
    periodS,
    latencyPeriods: firstAlarmAt !== undefined && periodS !== undefined ? +(Math.max(0, firstAlarmAt) / periodS).toFixed(2) : undefined,
    samples,
  };
}
