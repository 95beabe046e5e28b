/**
 * Space-Saving heavy hitters (Metwally, Agrawal, El Abbadi 2005): a fixed number of counters that
 * always holds every key whose true count exceeds total/capacity. Memory stays bounded however many
 * distinct keys a storm produces; a counter's `count` over-estimates by at most its `error`.
 *
 * Each counter also carries `watched`, the part of its count that matched what gopls watches
 * (inherits the same over-estimate when a counter is recycled).
 */

interface HeavyHitter {
  key: string;
  /** Estimated count (never below the true count). */
  count: number;
  /** Maximum over-estimate of `count` (the count of the key it replaced). */
  error: number;
  /** Estimated count of events that gopls watches. */
  watched: number;
}

export class SpaceSaving {
  private readonly counters = new Map<string, HeavyHitter>();
  private totalCount = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  /** Number of updates seen (sum of all increments). */
  get total(): number {
    return this.totalCount;
  }

  get size(): number {
    return this.counters.size;
  }

  add(key: string, increment = 1, watched = 0): void {
    if (!(increment > 0)) return;
    this.totalCount += increment;
    const hit = this.counters.get(key);
    if (hit) {
      hit.count += increment;
      hit.watched += watched;
      return;
    }
    if (this.counters.size < this.capacity) {
      this.counters.set(key, { key, count: increment, error: 0, watched });
      return;
    }
    let min: HeavyHitter | undefined;
    for (const c of this.counters.values()) if (!min || c.count < min.count) min = c;
    if (!min) return;
    this.counters.delete(min.key);
    this.counters.set(key, { key, count: min.count + increment, error: min.count, watched: min.watched + watched });
  }

  /** Folds another summary in (used to combine time epochs); keeps the capacity bound. */
  merge(other: SpaceSaving): void {
    for (const h of other.counters.values()) {
      this.totalCount += h.count;
      const mine = this.counters.get(h.key);
      if (mine) {
        mine.count += h.count;
        mine.error += h.error;
        mine.watched += h.watched;
      } else {
        this.counters.set(h.key, { ...h });
      }
    }
    if (this.counters.size > this.capacity) {
      const kept = [...this.counters.values()].sort((a, b) => b.count - a.count);
      const dropped = kept.slice(this.capacity);
      const floor = dropped[0]?.count ?? 0;
      this.counters.clear();
      for (const h of kept.slice(0, this.capacity)) this.counters.set(h.key, { ...h, error: h.error + floor });
    }
  }

  get(key: string): HeavyHitter | undefined {
    const h = this.counters.get(key);
    return h ? { ...h } : undefined;
  }

  /** Counters, highest count first. */
  top(n = this.capacity): HeavyHitter[] {
    return [...this.counters.values()]
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, n)
      .map((h) => ({ ...h }));
  }

  clone(): SpaceSaving {
    const copy = new SpaceSaving(this.capacity);
    copy.merge(this);
    return copy;
  }

  clear(): void {
    this.counters.clear();
    this.totalCount = 0;
  }
}
