/**
 * Which paths keep changing: the last few change times of recently changed paths, in bounded memory
 * (at most `capacity` paths, least recently changed dropped first; `keep` times per path). A path with
 * changes in at least MIN_LOOP_CHANGES distinct seconds within a window is "rewritten in a loop"; its
 * period is the median gap between its changes.
 */

/** Changes closer than this are one write (watchers may report a rewrite as delete + create + change). */
const SAME_WRITE_MS = 100;
/** Changes, in as many distinct seconds, that make a loop. */
export const MIN_LOOP_CHANGES = 3;

export interface Repetition {
  path: string;
  /** Changes within the window (at most `keep`). */
  changes: number;
  /** Median gap between consecutive changes, ms. */
  periodMs: number;
  lastAt: number;
}

export class RepetitionTracker {
  private readonly times = new Map<string, number[]>();

  constructor(
    private readonly capacity = 32,
    private readonly keep = 8,
  ) {}

  record(t: number, path: string): void {
    let list = this.times.get(path);
    if (list) this.times.delete(path);
    else {
      list = [];
      if (this.times.size >= this.capacity) {
        const oldest = this.times.keys().next();
        if (!oldest.done) this.times.delete(oldest.value);
      }
    }
    const last = list[list.length - 1];
    if (last === undefined || t - last >= SAME_WRITE_MS) {
      list.push(t);
      if (list.length > this.keep) list.shift();
    }
    // re-inserted: the map's order is least recently changed first
    this.times.set(path, list);
  }

  /**
   * The repetition of one path over the `windowMs` before `t`, or undefined when it is not a loop
   * (fewer than `minChanges` changes in as many distinct seconds).
   */
  loopOf(path: string, t: number, windowMs: number, minChanges = MIN_LOOP_CHANGES): Repetition | undefined {
    const list = this.times.get(path);
    return list ? loopFrom(path, list, t, windowMs, minChanges) : undefined;
  }

  /** Paths rewritten in a loop during the `windowMs` before `t`, most changes first. */
  loops(t: number, windowMs: number, minChanges = MIN_LOOP_CHANGES): Repetition[] {
    const out: Repetition[] = [];
    for (const [path, list] of this.times) {
      const r = loopFrom(path, list, t, windowMs, minChanges);
      if (r) out.push(r);
    }
    return out.sort((a, b) => b.changes - a.changes || b.lastAt - a.lastAt);
  }
}

function loopFrom(path: string, list: readonly number[], t: number, windowMs: number, minChanges: number): Repetition | undefined {
  const min = Math.max(2, minChanges);
  const recent = list.filter((x) => x > t - windowMs && x <= t);
  if (recent.length < min) return undefined;
  const seconds = new Set(recent.map((x) => Math.floor(x / 1000)));
  if (seconds.size < min) return undefined;
  const gaps: number[] = [];
  for (let i = 1; i < recent.length; i++) gaps.push((recent[i] ?? 0) - (recent[i - 1] ?? 0));
  gaps.sort((a, b) => a - b);
  const periodMs = gaps[Math.floor(gaps.length / 2)] ?? 0;
  return { path, changes: recent.length, periodMs, lastAt: recent[recent.length - 1] ?? t };
}
