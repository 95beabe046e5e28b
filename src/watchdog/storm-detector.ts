/**
 * The storm detector: a pure state machine over two signals, both fed with explicit times (ms):
 * - file events that gopls watches (`addEvents`), bucketed per second;
 * - gopls process-tree CPU readings (`addCpu`), each covering an interval (any length: the sampler
 *   is adaptive).
 *
 *   storm(t) = ≥ stormEventsPer10s watched events in the last 10 s, spread over ≥ stormMinActiveSeconds
 *              distinct seconds (a one-off burst such as a branch checkout is not a storm);
 *   hot(t)   = gopls tree CPU averaged over the last hotWindowSeconds ≥ cpuThresholdPercent;
 *   alarm    = hot(t) while a storm was seen in the last stormMemorySeconds (gopls works after the
 *              events: a go.mod storm keeps it busy 35–50 s after the last event);
 *   clear    = CPU (same average) below settlePercent for settleSeconds, or gopls gone.
 * CPU alone is not a storm signal: saving a Go file every second keeps gopls near 90 %.
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
  /** The alarm clears when the CPU average stays below this… */
  settlePercent: number;
  /** …for this many seconds. */
  settleSeconds: number;
}

/**
 * Defaults chosen by bench/watchdog/tune.ts on the tuning traces only (lab r1 + gopls v0.24 r1; see
 * docs/watchdog.md "How the defaults were chosen"): 20 watched events in 10 s is twice what autosave
 * every second produces; 3 distinct seconds keeps one-off bursts (checkout, formatter, "save all")
 * out; 50 % over 3 s.
 */
export const DEFAULT_THRESHOLDS: StormThresholds = {
  stormEventsPer10s: 20,
  stormMinActiveSeconds: 3,
  cpuThresholdPercent: 50,
  hotWindowSeconds: 3,
  stormMemorySeconds: 30,
  settlePercent: 25,
  settleSeconds: 5,
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
    settlePercent: pick('settlePercent', 0, 6400),
    settleSeconds: pick('settleSeconds', 0, 600),
  };
  t.settlePercent = Math.min(t.settlePercent, t.cpuThresholdPercent);
  return t;
}

export type DetectorPhase = 'no-gopls' | 'calm' | 'suspicious' | 'alarm';

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
}

export type DetectorTransition = 'alarm-raised' | 'alarm-cleared' | undefined;

interface CpuInterval {
  from: number;
  to: number;
  percent: number;
}

const RING = 64;

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

  constructor(readonly thresholds: StormThresholds = DEFAULT_THRESHOLDS) {}

  /** `count` watched file events at time `t`. */
  addEvents(t: number, count: number): void {
    if (!(count > 0)) return;
    const s = Math.floor(t / 1000);
    const i = ((s % RING) + RING) % RING;
    if (this.secondIds[i] !== s) {
      this.secondIds[i] = s;
      this.seconds[i] = 0;
    }
    this.seconds[i] = (this.seconds[i] ?? 0) + count;
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
    const keepFrom = t - Math.max(this.thresholds.hotWindowSeconds, 1) * 1000 - 60_000;
    while (this.cpu.length > 0 && (this.cpu[0]?.to ?? 0) < keepFrom) this.cpu.shift();
    if (this.cpu.length > 512) this.cpu.splice(0, this.cpu.length - 512);
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
    const windowMs = this.thresholds.hotWindowSeconds * 1000;
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

  evaluate(t: number): { status: DetectorStatus; transition: DetectorTransition } {
    const th = this.thresholds;
    const { events, activeSeconds } = this.eventWindow(t);
    const storm = events >= th.stormEventsPer10s && activeSeconds >= th.stormMinActiveSeconds;
    if (storm && t >= this.stormFloor) this.lastStormAt = t;
    const cpu = this.goplsPresent ? this.cpuAverage(t) : undefined;
    const hot = cpu !== undefined && cpu >= th.cpuThresholdPercent;
    const stormRecent = this.lastStormAt !== undefined && t - this.lastStormAt <= th.stormMemorySeconds * 1000;
    let transition: DetectorTransition;

    if (this.alarmSince === undefined) {
      if (hot && stormRecent) {
        this.alarmSince = t;
        this.coolSince = undefined;
        transition = 'alarm-raised';
      }
    } else if (!this.goplsPresent) {
      this.alarmSince = undefined;
      this.coolSince = undefined;
      transition = 'alarm-cleared';
    } else {
      const cool = cpu !== undefined && cpu < th.settlePercent;
      if (!cool) this.coolSince = undefined;
      else {
        this.coolSince ??= t;
        if (t - this.coolSince >= th.settleSeconds * 1000) {
          this.alarmSince = undefined;
          this.coolSince = undefined;
          transition = 'alarm-cleared';
        }
      }
    }

    let phase: DetectorPhase;
    if (this.alarmSince !== undefined) phase = 'alarm';
    else if (!this.goplsPresent && this.everSampled) phase = 'no-gopls';
    else if (stormRecent || storm || hot || (cpu !== undefined && cpu >= th.settlePercent) || events >= th.stormEventsPer10s / 5) phase = 'suspicious';
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
    };
    this.lastStatus = status;
    return { status, transition };
  }

  get status(): DetectorStatus | undefined {
    return this.lastStatus;
  }
}
