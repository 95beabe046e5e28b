/**
 * The storm detector: a pure state machine over two signals, both fed with explicit times (ms):
 * - file events that gopls watches (`addEvents`), bucketed per second;
 * - gopls process-tree CPU readings (`addCpu`), each covering an interval (any length: the sampler
 *   is adaptive).
 *
 *   storm(t) = ≥ stormEventsPer10s watched events in the last 10 s, spread over ≥ stormMinActiveSeconds
 *              distinct seconds (a one-off burst such as a branch checkout is not a storm);
 *   hot(t)   = gopls tree CPU averaged over the last hotWindowSeconds ≥ cpuThresholdPercent;
 *   alarm    = hot(t) while the storm goes on (storm(t) and events in the last 2 s), or — once its
 *              events have stopped — gopls's mean over the longer afterStormHotWindowSeconds ≥
 *              cpuThresholdPercent while the storm was seen in the last stormMemorySeconds (gopls works
 *              after the events: a go.mod storm keeps it busy 35–50 s after the last event; a one-off
 *              command such as `gofmt -w` of a module or `make generate` is followed by a few busy
 *              seconds that are not a storm's doing) — a storm that had events in ≥ 6 seconds is no
 *              one-off command and keeps the 3-s test after its events;
 *   clear    = CPU (same average) below settlePercent for settleSeconds, or gopls gone.
 * CPU alone is not a storm signal: saving a Go file every second keeps gopls near 90 %.
 *
 * Events are weighted by what they cost gopls: a reload (a go.mod / go.sum / go.work change, a package
 * directory created or deleted: gopls re-runs `go list`) counts as reloadWeight events, so a script
 * rewriting go.mod twice a second is a storm within 3 s although it is only 2 events a second.
 *
 * A second, slower test catches loops whose bursts never keep gopls hot for 3 s (a watch loop that
 * regenerates code and touches go.mod every 4 s: gopls at 80 %, 40 %, 0 %, 0 %, …):
 *   repeated(t) = reload bursts (reload seconds, consecutive seconds merged) in ≥ 2 separate places
 *                 within the last sustainedWindowSeconds, the last one no older than the loop's
 *                 period allows;
 *   sustained(t)= repeated(t) and gopls tree CPU averaged from the first of those bursts (at most
 *                 sustainedWindowSeconds back) ≥ sustainedPercent;
 *   alarm       also when sustained(t); it clears only when neither test holds.
 */

export interface StormThresholds {
  /** Watched file events in the last 10 s that make a storm. */
  stormEventsPer10s: number;
  /** Distinct seconds (of the last 10) that must have events. */
  stormMinActiveSeconds: number;
  /** gopls tree CPU, % of one core (100 = one core busy). */
  cpuThresholdPercent: number;
  /** Seconds the CPU is averaged over. */
  hotWindowSeconds: number;
  /** Seconds after the last storm second during which a hot gopls is still blamed on the storm. */
  stormMemorySeconds: number;
  /** Once the storm's events have stopped, the CPU is averaged over this many seconds (a longer hot test). */
  afterStormHotWindowSeconds: number;
  /** The alarm clears when the CPU average stays below this… */
  settlePercent: number;
  /** …for this many seconds. */
  settleSeconds: number;
  /** Events one reload (module-file change, package directory created / deleted) counts as. */
  reloadWeight: number;
  /** Seconds the sustained-load test looks back (reload bursts and the CPU average). */
  sustainedWindowSeconds: number;
  /** gopls tree CPU, % of one core, averaged since a repeated reload began, that makes a sustained load. */
  sustainedPercent: number;
}

/**
 * Defaults chosen by bench/watchdog/tune.ts on the tuning traces (lab r1, gopls v0.24 r1, gopls v0.24
 * reload traces r1; see docs/watchdog.md "How the defaults were chosen"): 20 watched events in 10 s is
 * twice what autosave every second produces; 3 distinct seconds keeps one-off bursts (checkout,
 * formatter, "save all") out; 50 % over 3 s while the storm goes on, over 6 s once its events
 * stopped; a reload counts 5 events; a repeated reload with gopls averaging ≥ 25 % (at most 30 s back)
 * is a sustained load.
 */
export const DEFAULT_THRESHOLDS: StormThresholds = {
  stormEventsPer10s: 20,
  stormMinActiveSeconds: 3,
  cpuThresholdPercent: 50,
  hotWindowSeconds: 3,
  stormMemorySeconds: 30,
  afterStormHotWindowSeconds: 6,
  settlePercent: 25,
  settleSeconds: 5,
  reloadWeight: 5,
  sustainedWindowSeconds: 30,
  sustainedPercent: 25,
};

/** Clamps user-provided thresholds into sane ranges (settings may hold anything). */
export function normalizeThresholds(input: Partial<Record<keyof StormThresholds, unknown>> = {}): StormThresholds {
  const pick = (key: keyof StormThresholds, min: number, max: number): number => {
    const v = input[key];
    const n = typeof v === 'number' && Number.isFinite(v) ? v : DEFAULT_THRESHOLDS[key];
    return Math.min(max, Math.max(min, n));
  };
  const t: StormThresholds = {
    stormEventsPer10s: pick('stormEventsPer10s', 1, 1_000_000),
    stormMinActiveSeconds: Math.round(pick('stormMinActiveSeconds', 1, 10)),
    cpuThresholdPercent: pick('cpuThresholdPercent', 5, 6400),
    hotWindowSeconds: pick('hotWindowSeconds', 1, 60),
    stormMemorySeconds: pick('stormMemorySeconds', 0, 600),
    afterStormHotWindowSeconds: pick('afterStormHotWindowSeconds', 1, 120),
    settlePercent: pick('settlePercent', 0, 6400),
    settleSeconds: pick('settleSeconds', 0, 600),
    reloadWeight: pick('reloadWeight', 1, 1000),
    sustainedWindowSeconds: pick('sustainedWindowSeconds', 5, 600),
    sustainedPercent: pick('sustainedPercent', 5, 6400),
  };
  t.settlePercent = Math.min(t.settlePercent, t.cpuThresholdPercent);
  return t;
}

type DetectorPhase = 'no-gopls' | 'calm' | 'suspicious' | 'alarm';

export interface DetectorStatus {
  t: number;
  phase: DetectorPhase;
  /** storm(t) holds now. */
  storm: boolean;
  /** hot(t) holds now. */
  hot: boolean;
  /** gopls tree CPU over the hot window, % of one core (undefined without readings). */
  cpuPercent: number | undefined;
  /** Watched events in the last 10 s and the distinct seconds they fell in. */
  events10s: number;
  activeSeconds10s: number;
  /** When storm(t) last held. */
  lastStormAt: number | undefined;
  /** When the current alarm was raised. */
  alarmSince: number | undefined;
  /** sustained(t) holds now. */
  sustained: boolean;
  /** The repeated reload, when reload bursts recur: bursts seen in the window, their median gap (ms), and gopls CPU since the first. */
  repeated: RepeatedReload | undefined;
  /** What raised the current alarm (undefined without one). */
  alarmCause: 'storm' | 'sustained' | undefined;
}

interface RepeatedReload {
  bursts: number;
  periodMs: number;
  /** Start of the first burst in the window. */
  since: number;
  /** gopls tree CPU averaged since `since` (at most sustainedWindowSeconds), % of one core. */
  cpuPercent: number | undefined;
}

type DetectorTransition = 'alarm-raised' | 'alarm-cleared' | undefined;

interface CpuInterval {
  from: number;
  to: number;
  percent: number;
}

const RING = 64;
/** The storm goes on while it has events within this long (ms). */
const ONGOING_MS = 2000;
/**
 * A storm with events in this many distinct seconds of its 10-s window lasted longer than a one-off
 * command (`gofmt -w` of a 4 000-file module, `make generate`: 3–5 s on a loaded machine): gopls
 * busy right after it is its doing, judged with the 3-s test (gopls v0.24 defers work on Go edits
 * until the events stop).
 */
const LONG_STORM_SECONDS = 6;
/** Reload bursts remembered (a loop every second fills 60 in a minute; older ones are outside any window). */
const MAX_BURSTS = 64;

interface Burst {
  /** First and last second (ms at the second's start) with reloads. */
  start: number;
  end: number;
}

export class StormDetector {
  private readonly seconds = new Float64Array(RING);
  private readonly secondIds = new Float64Array(RING).fill(Number.NEGATIVE_INFINITY);
  private cpu: CpuInterval[] = [];
  private goplsPresent = false;
  private everSampled = false;
  private lastStormAt: number | undefined;
  /** Storms before this time do not count (set when a new gopls starts: its initial load is not the storm's doing). */
  private stormFloor = Number.NEGATIVE_INFINITY;
  private alarmSince: number | undefined;
  private coolSince: number | undefined;
  private lastStatus: DetectorStatus | undefined;
  private bursts: Burst[] = [];
  private alarmCause: 'storm' | 'sustained' | undefined;
  private lastEventAt = Number.NEGATIVE_INFINITY;
  /** Distinct seconds with events in the 10-s window when the last storm was seen. */
  private lastStormActiveSeconds = 0;

  constructor(readonly thresholds: StormThresholds = DEFAULT_THRESHOLDS) {}

  /**
   * `count` watched file events at time `t`, weighted: pass the events' cost (reloads count
   * reloadWeight each, see `weightOf`) and report the reloads again with `addReloads`.
   */
  addEvents(t: number, count: number): void {
    if (!(count > 0)) return;
    this.lastEventAt = Math.max(this.lastEventAt, t);
    const s = Math.floor(t / 1000);
    const i = ((s % RING) + RING) % RING;
    if (this.secondIds[i] !== s) {
      this.secondIds[i] = s;
      this.seconds[i] = 0;
    }
    this.seconds[i] = (this.seconds[i] ?? 0) + count;
  }

  /** `count` reload events at time `t` (they also go to addEvents, weighted). */
  addReloads(t: number, count: number): void {
    if (!(count > 0)) return;
    const s = Math.floor(t / 1000) * 1000;
    const last = this.bursts[this.bursts.length - 1];
    if (last && s >= last.start && s <= last.end + 1000) last.end = Math.max(last.end, s);
    else if (!last || s > last.end) {
      this.bursts.push({ start: s, end: s });
      if (this.bursts.length > MAX_BURSTS) this.bursts.shift();
    }
  }

  /** The weight of `watched` watched events of which `reloads` are reloads (plus reloads gopls does not see as files). */
  weightOf(watched: number, reloads: number): number {
    return Math.max(0, watched - reloads) + Math.max(0, reloads) * this.thresholds.reloadWeight;
  }

  /**
   * A CPU reading for the interval ending at `t`: `percent` of one core, or `null` when no gopls
   * process exists. `started`: a new gopls process appeared during the interval.
   */
  addCpu(t: number, intervalMs: number, percent: number | null, started = false): void {
    this.everSampled = true;
    if (percent === null || !Number.isFinite(percent)) {
      this.goplsPresent = false;
      this.cpu = [];
      return;
    }
    if (started) {
      // a new gopls's initial load is not a past storm's doing; a storm still going on counts again at once
      this.stormFloor = t;
      this.lastStormAt = undefined;
    }
    this.goplsPresent = true;
    if (intervalMs > 0) this.cpu.push({ from: t - intervalMs, to: t, percent: Math.max(0, percent) });
    const keepFrom = t - Math.max(this.thresholds.hotWindowSeconds, this.thresholds.afterStormHotWindowSeconds, this.thresholds.sustainedWindowSeconds, 1) * 1000 - 60_000;
    while (this.cpu.length > 0 && (this.cpu[0]?.to ?? 0) < keepFrom) this.cpu.shift();
    if (this.cpu.length > 1024) this.cpu.splice(0, this.cpu.length - 1024);
  }

  /** Watched events in the 10 s before `t` and the number of distinct seconds they fell in. */
  eventWindow(t: number): { events: number; activeSeconds: number } {
    const now = Math.floor(t / 1000);
    let events = 0;
    let activeSeconds = 0;
    // seconds whose end lies within (t - 10 s, t]: at t = k·1000 these are k-10 … k-1 (and k, empty)
    for (let s = Math.ceil((t - 10_000) / 1000) - 1; s <= now; s++) {
      if ((s + 1) * 1000 <= t - 10_000) continue;
      const i = ((s % RING) + RING) % RING;
      if (this.secondIds[i] !== s) continue;
      const n = this.seconds[i] ?? 0;
      if (n > 0) {
        events += n;
        activeSeconds++;
      }
    }
    return { events, activeSeconds };
  }

  /** Time-weighted CPU over the last `hotWindowSeconds` (readings may be coarser than the window). */
  cpuAverage(t: number): number | undefined {
    return this.cpuAverageOver(t, this.thresholds.hotWindowSeconds * 1000);
  }

  /** Time-weighted CPU over the `windowMs` ending at the newest reading at or before `t`. */
  cpuAverageOver(t: number, windowMs: number): number | undefined {
    const last = this.cpu[this.cpu.length - 1];
    if (!last) return undefined;
    // the window ends at the newest reading: there is no CPU data after it yet
    const to = Math.min(t, last.to);
    const from = to - windowMs;
    let weighted = 0;
    let covered = 0;
    for (const c of this.cpu) {
      const a = Math.max(from, c.from);
      const b = Math.min(to, c.to);
      if (b <= a) continue;
      weighted += c.percent * (b - a);
      covered += b - a;
    }
    // a new process with under a second of readings is not judged yet
    if (covered < Math.min(1000, windowMs)) return undefined;
    return weighted / covered;
  }

  /** The highest CPU reading overlapping the `windowMs` before `t`. */
  cpuPeak(t: number, windowMs: number): number | undefined {
    let peak: number | undefined;
    for (const c of this.cpu) if (c.to > t - windowMs && c.from < t) peak = Math.max(peak ?? 0, c.percent);
    return peak;
  }

  /** Reload bursts recurring within the sustained window, or undefined (fewer than 2, or the loop stopped). */
  repeatedReload(t: number): RepeatedReload | undefined {
    const th = this.thresholds;
    const windowMs = th.sustainedWindowSeconds * 1000;
    const recent = this.bursts.filter((b) => b.end + 1000 > t - windowMs && b.start >= this.stormFloor - 1000 && b.start <= t);
    if (recent.length < 2) return undefined;
    const gaps: number[] = [];
    for (let i = 1; i < recent.length; i++) gaps.push((recent[i]?.start ?? 0) - (recent[i - 1]?.start ?? 0));
    gaps.sort((a, b) => a - b);
    const periodMs = gaps[Math.floor(gaps.length / 2)] ?? 0;
    const last = recent[recent.length - 1];
    // still looping: the last burst is at most two periods old (a loop that stopped is not a load)
    if (!last || t - (last.end + 1000) > 2 * periodMs) return undefined;
    const since = Math.max(recent[0]?.start ?? t, t - windowMs);
    const span = t - since;
    return { bursts: recent.length, periodMs, since, cpuPercent: span >= 3000 ? this.cpuAverageOver(t, span) : undefined };
  }

  evaluate(t: number): { status: DetectorStatus; transition: DetectorTransition } {
    const th = this.thresholds;
    const { events, activeSeconds } = this.eventWindow(t);
    const storm = events >= th.stormEventsPer10s && activeSeconds >= th.stormMinActiveSeconds;
    if (storm && t >= this.stormFloor) {
      const continuing = this.lastStormAt !== undefined && t - this.lastStormAt <= th.stormMemorySeconds * 1000;
      this.lastStormActiveSeconds = continuing ? Math.max(this.lastStormActiveSeconds, activeSeconds) : activeSeconds;
      this.lastStormAt = t;
    }
    const cpu = this.goplsPresent ? this.cpuAverage(t) : undefined;
    const ongoing = storm && t - this.lastEventAt <= ONGOING_MS;
    const stormRecent = this.lastStormAt !== undefined && t - this.lastStormAt <= th.stormMemorySeconds * 1000;
    // after the storm's events stopped, gopls must stay busy longer to be the storm's doing
    // …unless the storm lasted longer than a one-off command (events in ≥ LONG_STORM_SECONDS of its 10 s)
    const shortStorm = this.lastStormActiveSeconds < LONG_STORM_SECONDS;
    const afterCpu = this.goplsPresent && !ongoing && stormRecent && shortStorm ? this.cpuAverageOver(t, th.afterStormHotWindowSeconds * 1000) : undefined;
    const hot = cpu !== undefined && cpu >= th.cpuThresholdPercent && (ongoing || !shortStorm || (afterCpu !== undefined && afterCpu >= th.cpuThresholdPercent));
    const repeated = this.goplsPresent ? this.repeatedReload(t) : undefined;
    const sustained = repeated?.cpuPercent !== undefined && repeated.cpuPercent >= th.sustainedPercent;
    let transition: DetectorTransition;

    if (this.alarmSince === undefined) {
      if ((hot && stormRecent) || sustained) {
        this.alarmSince = t;
        this.alarmCause = hot && stormRecent ? 'storm' : 'sustained';
        this.coolSince = undefined;
        transition = 'alarm-raised';
      }
    } else if (!this.goplsPresent) {
      this.alarmSince = undefined;
      this.alarmCause = undefined;
      this.coolSince = undefined;
      transition = 'alarm-cleared';
    } else {
      const cool = cpu !== undefined && cpu < th.settlePercent && !sustained;
      if (!cool) this.coolSince = undefined;
      else {
        this.coolSince ??= t;
        if (t - this.coolSince >= th.settleSeconds * 1000) {
          this.alarmSince = undefined;
          this.alarmCause = undefined;
          this.coolSince = undefined;
          transition = 'alarm-cleared';
        }
      }
    }

    let phase: DetectorPhase;
    if (this.alarmSince !== undefined) phase = 'alarm';
    else if (!this.goplsPresent && this.everSampled) phase = 'no-gopls';
    else if (stormRecent || storm || hot || repeated !== undefined || (cpu !== undefined && cpu >= th.settlePercent) || events >= th.stormEventsPer10s / 5) phase = 'suspicious';
    else phase = 'calm';

    const status: DetectorStatus = {
      t,
      phase,
      storm,
      hot,
      cpuPercent: cpu,
      events10s: events,
      activeSeconds10s: activeSeconds,
      lastStormAt: this.lastStormAt,
      alarmSince: this.alarmSince,
      sustained,
      repeated,
      alarmCause: this.alarmCause,
    };
    this.lastStatus = status;
    return { status, transition };
  }

  get status(): DetectorStatus | undefined {
    return this.lastStatus;
  }
}
