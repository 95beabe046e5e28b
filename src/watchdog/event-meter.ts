import { isGoplsWatchedPath, pathSegments } from './gopls-watched.js';
import { SpaceSaving } from './space-saving.js';

/**
 * Counts workspace file events with bounded memory: per-second totals (watched by gopls or not) in a
 * ring, and heavy hitters (Space-Saving) over directory prefixes and files, kept in time epochs so
 * "which directory produced the last 30 s of events" can be answered without a map of every path.
 */

export interface EventMeterOptions {
  /** Counters per heavy-hitter summary (default 64). */
  capacity?: number;
  /** Directory prefixes counted per event: `a`, `a/b`, `a/b/c` for depth 3 (default 4). */
  prefixDepth?: number;
  /** Length of one attribution epoch (default 10 s). */
  epochMs?: number;
  /** Epochs kept (default 7: the last 60–70 s). */
  epochs?: number;
  /** Seconds of per-second totals kept (default 120). */
  ringSeconds?: number;
}

interface SecondCount {
  /** Start of the second, ms. */
  second: number;
  watched: number;
  other: number;
}

/** Events seen over some period, with their heavy hitters. */
export class EventTally {
  readonly hitters: SpaceSaving;
  events = 0;
  watched = 0;
  /** Events that make gopls reload the module graph (gopls-watched.ts isReloadEvent). */
  reloads = 0;
  activeSeconds = 0;
  firstAt: number | undefined;
  lastAt: number | undefined;
  private lastSecond = Number.NaN;

  constructor(capacity: number) {
    this.hitters = new SpaceSaving(capacity);
  }

  count(t: number, n: number, watched: number, reloads = 0): void {
    this.events += n;
    this.watched += watched;
    this.reloads += reloads;
    const s = Math.floor(t / 1000);
    if (s !== this.lastSecond) {
      this.activeSeconds++;
      this.lastSecond = s;
    }
    this.firstAt ??= t;
    this.lastAt = t;
  }

  merge(other: EventTally): void {
    this.hitters.merge(other.hitters);
    this.events += other.events;
    this.watched += other.watched;
    this.reloads += other.reloads;
    this.activeSeconds += other.activeSeconds;
    if (other.firstAt !== undefined) this.firstAt = this.firstAt === undefined ? other.firstAt : Math.min(this.firstAt, other.firstAt);
    if (other.lastAt !== undefined) this.lastAt = this.lastAt === undefined ? other.lastAt : Math.max(this.lastAt, other.lastAt);
  }
}

export const DIR_KEY = 'd:';
export const FILE_KEY = 'f:';

export class EventMeter {
  private readonly capacity: number;
  private readonly prefixDepth: number;
  private readonly epochMs: number;
  private readonly epochCount: number;
  private readonly ringSeconds: number;
  private readonly ring: SecondCount[];
  private readonly epochs: { start: number; tally: EventTally }[] = [];
  private pinned: EventTally | undefined;

  constructor(options: EventMeterOptions = {}) {
    this.capacity = options.capacity ?? 64;
    this.prefixDepth = options.prefixDepth ?? 4;
    this.epochMs = options.epochMs ?? 10_000;
    this.epochCount = options.epochs ?? 7;
    this.ringSeconds = options.ringSeconds ?? 120;
    this.ring = Array.from({ length: this.ringSeconds }, () => ({ second: Number.NEGATIVE_INFINITY, watched: 0, other: 0 }));
  }

  /** One file event at time `t` (ms) for a workspace-relative path; `reload`: it makes gopls reload the module graph. */
  record(t: number, relativePath: string, watched: boolean = isGoplsWatchedPath(relativePath), reload = false): void {
    this.bump(t, watched ? 1 : 0, watched ? 0 : 1);
    const w = watched ? 1 : 0;
    const segments = pathSegments(relativePath);
    const dirs = segments.slice(0, -1);
    for (const tally of this.tallies(t)) {
      tally.count(t, 1, w, reload ? 1 : 0);
      let prefix = '';
      for (let i = 0; i < Math.min(dirs.length, this.prefixDepth); i++) {
        prefix = i === 0 ? (dirs[0] ?? '') : `${prefix}/${dirs[i] ?? ''}`;
        tally.hitters.add(DIR_KEY + prefix, 1, w);
      }
      tally.hitters.add(FILE_KEY + segments.join('/'), 1, w);
    }
  }

  /** Counts without paths (recorded traces). */
  recordCounts(t: number, watched: number, other: number, reloads = 0): void {
    if (watched + other <= 0) return;
    this.bump(t, watched, other);
    for (const tally of this.tallies(t)) tally.count(t, watched + other, watched, Math.min(Math.max(0, reloads), watched + other));
  }

  /** Per-second totals of the last `seconds` seconds up to and including the second of `t`. */
  perSecond(t: number, seconds: number): SecondCount[] {
    const now = Math.floor(t / 1000);
    const out: SecondCount[] = [];
    for (let s = now - Math.min(seconds, this.ringSeconds) + 1; s <= now; s++) {
      const slot = this.ring[((s % this.ringSeconds) + this.ringSeconds) % this.ringSeconds];
      out.push(slot && slot.second === s * 1000 ? { ...slot } : { second: s * 1000, watched: 0, other: 0 });
    }
    return out;
  }

  /** Heavy hitters over the epochs that overlap the last `windowMs` (whole epochs, so a bit more). */
  summary(t: number, windowMs: number): EventTally {
    const merged = new EventTally(this.capacity);
    for (const e of this.epochs) if (e.start + this.epochMs > t - windowMs && e.start <= t) merged.merge(e.tally);
    return merged;
  }

  /**
   * Starts an episode tally seeded with the last `lookbackMs` of events; every later event is added
   * to it until `unpin()`. Used to attribute one storm from its first events to its end.
   */
  pin(t: number, lookbackMs: number): EventTally {
    this.pinned = this.summary(t, lookbackMs);
    return this.pinned;
  }

  unpin(): void {
    this.pinned = undefined;
  }

  private bump(t: number, watched: number, other: number): void {
    const s = Math.floor(t / 1000);
    const slot = this.ring[((s % this.ringSeconds) + this.ringSeconds) % this.ringSeconds];
    if (!slot) return;
    if (slot.second !== s * 1000) {
      slot.second = s * 1000;
      slot.watched = 0;
      slot.other = 0;
    }
    slot.watched += watched;
    slot.other += other;
  }

  private tallies(t: number): EventTally[] {
    const start = Math.floor(t / this.epochMs) * this.epochMs;
    let current = this.epochs[this.epochs.length - 1];
    if (!current || current.start !== start) {
      if (current && start < current.start) {
        // clock went backwards: keep counting into the newest epoch
      } else {
        current = { start, tally: new EventTally(this.capacity) };
        this.epochs.push(current);
        while (this.epochs.length > this.epochCount) this.epochs.shift();
      }
    }
    return this.pinned ? [current.tally, this.pinned] : [current.tally];
  }
}
