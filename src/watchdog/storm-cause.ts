import { DIR_KEY, FILE_KEY, type EventTally } from './event-meter.js';

/** What produced a storm's file events, as far as the heavy hitters can tell. */
export type StormCause =
  /** One file got most events (e.g. `go.mod` rewritten in a loop). */
  | { kind: 'file'; path: string; events: number; watched: number; share: number }
  /** One directory subtree got most events (e.g. `build/gen/`). */
  | { kind: 'directory'; path: string; events: number; watched: number; share: number }
  /** No single place: the biggest top-level directories. */
  | { kind: 'spread'; top: { path: string; events: number; watched: number }[] }
  /** Only counts, no paths (a recorded trace). */
  | { kind: 'unknown' };

/** A file is the cause when it has at least this share of the events. */
export const FILE_SHARE = 0.5;
/** A directory is the cause when its subtree has at least this share (deepest such directory wins). */
export const DIRECTORY_SHARE = 0.6;

const depth = (p: string): number => p.split('/').length;

export function stormCause(tally: EventTally): StormCause {
  const total = tally.events;
  const hitters = tally.hitters.top();
  if (total <= 0 || hitters.length === 0) return { kind: 'unknown' };
  const files = hitters.filter((h) => h.key.startsWith(FILE_KEY));
  const dirs = hitters.filter((h) => h.key.startsWith(DIR_KEY));
  const topFile = files[0];
  if (topFile && topFile.count - topFile.error >= FILE_SHARE * total) {
    return { kind: 'file', path: topFile.key.slice(FILE_KEY.length), events: topFile.count, watched: topFile.watched, share: Math.min(1, topFile.count / total) };
  }
  const candidates = dirs
    .filter((d) => d.count - d.error >= DIRECTORY_SHARE * total)
    .sort((a, b) => depth(b.key) - depth(a.key) || b.count - a.count);
  const best = candidates[0];
  if (best) {
    return { kind: 'directory', path: best.key.slice(DIR_KEY.length), events: best.count, watched: best.watched, share: Math.min(1, best.count / total) };
  }
  const top = dirs
    .filter((d) => !d.key.slice(DIR_KEY.length).includes('/'))
    .slice(0, 3)
    .map((d) => ({ path: d.key.slice(DIR_KEY.length), events: d.count, watched: d.watched }));
  return { kind: 'spread', top };
}
