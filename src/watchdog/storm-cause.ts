import { DIR_KEY, FILE_KEY, type EventTally } from './event-meter.js';
import type { Repetition } from './repetition.js';

/** What produced a storm's file events, as far as the heavy hitters can tell. */
export type StormCause =
  /** One file got most events (e.g. `go.mod` rewritten in a loop). */
  | { kind: 'file'; path: string; events: number; watched: number; share: number }
  /** One directory subtree got most events (e.g. `build/gen/`). */
  | { kind: 'directory'; path: string; events: number; watched: number; share: number }
  /** No single place: the biggest top-level directories. */
  | { kind: 'spread'; top: { path: string; events: number; watched: number }[] }
  /**
   * A file (or a package directory, path ending in `/`) rewritten in a loop, found from its
   * repetition: `changes` changes `periodMs` apart. `reload`: each change makes gopls reload the
   * module graph (a module file, a package directory). `directory`: where most other events of the
   * storm came from, when one directory did (a watch loop regenerating code there each time).
   */
  | { kind: 'loop'; path: string; periodMs: number; changes: number; reload: boolean; directory?: string }
  /** Only counts, no paths (a recorded trace). */
  | { kind: 'unknown' };

/** A file is the cause when it has at least this share of the events. */
const FILE_SHARE = 0.5;
/** A directory is the cause when its subtree has at least this share (deepest such directory wins). */
const DIRECTORY_SHARE = 0.6;

const depth = (p: string): number => p.split('/').length;

/**
 * The storm's cause when a path is rewritten in a loop: a reload path (module file, package directory)
 * repeating is the cause even among many other events; another file only when it also has most of the
 * storm's events (saving the file one edits also repeats). Otherwise the heavy hitters decide.
 */
export function loopCause(tally: EventTally, loops: readonly Repetition[], isReload: (path: string) => boolean): StormCause {
  const base = stormCause(tally);
  const reload = loops.find((l) => isReload(l.path));
  if (reload) {
    const directory = base.kind === 'directory' && `${base.path}/` !== reload.path ? base.path : undefined;
    return { kind: 'loop', path: reload.path, periodMs: reload.periodMs, changes: reload.changes, reload: true, ...(directory ? { directory } : {}) };
  }
  if (base.kind === 'file') {
    const same = loops.find((l) => l.path === base.path);
    if (same) return { kind: 'loop', path: same.path, periodMs: same.periodMs, changes: same.changes, reload: false };
  }
  return base;
}

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
