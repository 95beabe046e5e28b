/**
 * Issue 12: reloads weigh more than a file, a file rewritten in a loop is found from its repetition,
 * and a repeated reload that keeps gopls busy on average (never hot for 3 s) raises the alarm.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isModuleFile, isReloadEvent } from '../../../src/watchdog/gopls-watched.js';
import type { CpuReading } from '../../../src/watchdog/process-sample.js';
import { MIN_LOOP_CHANGES, RepetitionTracker } from '../../../src/watchdog/repetition.js';
import { DEFAULT_THRESHOLDS, normalizeThresholds, StormDetector } from '../../../src/watchdog/storm-detector.js';
import { fixesForCause } from '../../../src/watchdog/storm-fixes.js';
import { StormMonitor, type MonitorNotice } from '../../../src/watchdog/storm-monitor.js';
import { formatPeriod, stormFinding, stormHeadline } from '../../../src/watchdog/storm-report.js';
import { parseTrace, parseTracePaths, TRACE_PATH_LIMIT, TRACE_PATH_MAX_LENGTH } from '../../../src/watchdog/trace.js';
import { replayTrace } from '../../../src/watchdog/trace-replay.js';

const plain = (s: string): string => s.replace(/\u00a0/g, ' ');
const reading = (t: number, percent: number | null, intervalMs = 1000): CpuReading => ({ t, intervalMs, treePercent: percent, selfPercent: null, rssBytes: null, processes: percent === null ? 0 : 1, vanished: false, started: false });

interface Ev {
  /** ms within the second */
  at: number;
  path: string;
  change?: 'created' | 'changed' | 'deleted';
}

/** Drives a monitor second by second: events of second s, then a 1-s CPU reading and a tick at its end. */
function drive(seconds: number, events: (s: number) => Ev[], cpu: (s: number) => number | null, m = new StormMonitor()): { m: StormMonitor; alarms: number[]; clears: number[]; notices: MonitorNotice[] } {
  const alarms: number[] = [];
  const clears: number[] = [];
  const notices: MonitorNotice[] = [];
  let prev = false;
  for (let s = 0; s < seconds; s++) {
    for (const e of events(s)) m.recordEvent(s * 1000 + e.at, e.path, undefined, e.change);
    m.recordCpu(reading((s + 1) * 1000, cpu(s)));
    const r = m.tick((s + 1) * 1000);
    notices.push(...r.notices);
    const on = r.state.phase === 'storm';
    if (on && !prev) alarms.push(s + 1);
    if (!on && prev) clears.push(s + 1);
    prev = on;
  }
  return { m, alarms, clears, notices };
}

/** `path` changed every `periodMs` from 0 until `untilS`. */
const every = (periodMs: number, path: string, untilS = Number.POSITIVE_INFINITY) => (s: number): Ev[] => {
  const out: Ev[] = [];
  if (s >= untilS) return out;
  for (let t = Math.ceil((s * 1000) / periodMs) * periodMs; t < (s + 1) * 1000; t += periodMs) out.push({ at: t - s * 1000, path });
  return out;
};

/** The watch loop of issue 12: every `periodS`, 40 generated files and go.mod; gopls at 80, 40, 0, 0 … % per second. */
const watchLoop = (periodS: number, untilS = Number.POSITIVE_INFINITY, withGoMod = true) => ({
  events: (s: number): Ev[] =>
    s % periodS === 0 && s < untilS ? [...Array.from({ length: 40 }, (_, i) => ({ at: 100, path: `gen/api/zz_${i}.go` })), ...(withGoMod ? [{ at: 120, path: 'go.mod' }] : [])] : [],
  cpu: (s: number): number => (s < untilS + 2 ? ([80, 40][s % periodS] ?? 0) : 0),
});

describe('reload events', () => {
  it('module files at any depth are reloads; a created or deleted directory is one unless Go ignores it', () => {
    for (const p of ['go.mod', 'go.sum', 'go.work', 'go.work.sum', 'svc/api/go.mod', 'svc\\api\\go.sum']) {
      assert.ok(isModuleFile(p), p);
      assert.ok(isReloadEvent(p, 'changed'), p);
    }
    assert.ok(isReloadEvent('internal/newpkg', 'created'));
    assert.ok(isReloadEvent('internal/oldpkg', 'deleted'));
    for (const [p, c] of [
      ['main.go', 'changed'],
      ['main.go', 'created'],
      ['internal/newpkg', 'changed'],
      ['internal/newpkg', undefined],
      ['node_modules/left-pad', 'created'],
      ['web/node_modules/x/go.mod', 'changed'],
      ['.git/refs', 'created'],
      ['pkg/testdata/case1', 'created'],
      ['_build/x', 'deleted'],
      ['notes.txt', 'created'],
      ['go.mod.orig', 'changed'],
    ] as const) {
      assert.equal(isReloadEvent(p, c), false, `${p} ${String(c)}`);
    }
  });
});

describe('RepetitionTracker', () => {
  it('finds a file rewritten in a loop and its period; a file changed twice is no loop', () => {
    const r = new RepetitionTracker();
    for (let t = 0; t < 5000; t += 500) r.record(t, 'go.mod');
    r.record(1000, 'a.go');
    r.record(3000, 'a.go');
    const loops = r.loops(5000, 30_000);
    assert.deepEqual(
      loops.map((l) => [l.path, l.periodMs]),
      [['go.mod', 500]],
    );
    assert.equal(r.loopOf('a.go', 5000, 30_000), undefined);
  });

  it(`needs ${MIN_LOOP_CHANGES} changes in as many distinct seconds; writes closer than 100 ms are one`, () => {
    const r = new RepetitionTracker();
    for (const t of [100, 150, 300, 600, 900]) r.record(t, 'go.sum'); // one second
    assert.equal(r.loopOf('go.sum', 1000, 30_000), undefined);
    r.record(1100, 'go.sum');
    assert.equal(r.loopOf('go.sum', 2000, 30_000), undefined, 'two distinct seconds');
    r.record(2100, 'go.sum');
    assert.ok(r.loopOf('go.sum', 3000, 30_000));
    // the window forgets old changes
    assert.equal(r.loopOf('go.sum', 60_000, 30_000), undefined);
  });

  it('keeps memory bounded: at most `capacity` paths, the least recently changed dropped', () => {
    const r = new RepetitionTracker(4, 8);
    for (let t = 0; t < 4000; t += 1000) r.record(t, 'go.mod');
    for (let i = 0; i < 100; i++) r.record(4000 + i, `f${i}.go`);
    assert.equal(r.loopOf('go.mod', 5000, 30_000), undefined, 'evicted by 100 other paths');
    for (let t = 5000; t < 9000; t += 1000) r.record(t, 'go.mod');
    assert.ok(r.loopOf('go.mod', 9000, 30_000));
  });
});

describe('StormDetector: weighted events and the sustained test', () => {
  it('a reload weighs reloadWeight events; normalizeThresholds clamps the new settings', () => {
    const d = new StormDetector();
    assert.equal(d.weightOf(5, 2), 3 + 2 * DEFAULT_THRESHOLDS.reloadWeight);
    assert.equal(d.weightOf(0, 0), 0);
    const t = normalizeThresholds({ reloadWeight: -3, sustainedPercent: 'x', sustainedWindowSeconds: 1e9 });
    assert.equal(t.reloadWeight, 1);
    assert.equal(t.sustainedPercent, DEFAULT_THRESHOLDS.sustainedPercent);
    assert.equal(t.sustainedWindowSeconds, 600);
  });

  it('go.mod touched every 500 ms with gopls busy: alarm after 3 s, although it is only 2 events a second', () => {
    const r = drive(20, every(500, 'go.mod'), () => 110);
    assert.deepEqual(r.alarms, [3]);
    assert.equal(r.notices.filter((n) => n.kind === 'notify').length, 1);
  });

  it('negative: .go saves with gopls as busy: every second is normal editing (no alarm); twice a second waits for the count (10 s), as before', () => {
    assert.deepEqual(drive(30, every(1000, 'pkg/a/a.go'), () => 110).alarms, []);
    assert.deepEqual(drive(30, every(500, 'pkg/a/a.go'), () => 110).alarms, [10]);
  });

  it('without the weight (reloadWeight 1) the go.mod loop waits for the count, as before', () => {
    const r = drive(20, every(500, 'go.mod'), () => 110, new StormMonitor({ thresholds: { ...DEFAULT_THRESHOLDS, reloadWeight: 1 } }));
    assert.deepEqual(r.alarms, [10]);
  });

  it('a watch loop regenerating code and touching go.mod every 4 s (80 %, 40 %, 0 %, 0 %): alarm within 2 periods, one notification for minutes', () => {
    const w = watchLoop(4);
    const r = drive(180, w.events, w.cpu);
    assert.equal(r.alarms.length, 1, JSON.stringify(r.alarms));
    assert.ok((r.alarms[0] ?? 99) <= 8, `alarm at ${r.alarms[0]}`);
    assert.deepEqual(r.clears, []);
    assert.equal(r.notices.filter((n) => n.kind === 'notify').length, 1);
    const status = r.m.detector.status;
    assert.equal(status?.phase, 'alarm');
    assert.equal(status?.repeated?.periodMs, 4000);
  });

  it('the sustained alarm clears once the loop stops and gopls settles', () => {
    const w = watchLoop(4, 60);
    const r = drive(120, w.events, w.cpu);
    assert.equal(r.alarms.length, 1);
    assert.equal(r.clears.length, 1);
    assert.ok((r.clears[0] ?? 0) > 60 && (r.clears[0] ?? 0) <= 80, `cleared at ${r.clears[0]}`);
  });

  it('negative: the same bursts without a reload (a formatter every 4 s) do not raise the sustained alarm', () => {
    const w = watchLoop(4, Number.POSITIVE_INFINITY, false);
    assert.deepEqual(drive(120, w.events, w.cpu).alarms, []);
  });

  it('negative: one reload (a branch checkout, go mod tidy) followed by a long busy gopls is no repeated reload', () => {
    const r = drive(
      60,
      (s) => (s === 0 ? [{ at: 0, path: 'go.mod' }, { at: 1, path: 'go.sum' }, ...Array.from({ length: 800 }, (_, i) => ({ at: 2, path: `pkg/p${i % 40}/f${i}.go` }))] : []),
      (s) => (s < 40 ? 45 : 0),
    );
    assert.deepEqual(r.alarms, []);
  });

  it('negative: a reload loop that costs gopls little (10 % on average) is not a load', () => {
    const r = drive(120, every(4000, 'go.mod'), (s) => (s % 4 === 0 ? 40 : 0));
    assert.deepEqual(r.alarms, []);
  });

  it('negative: two reloads far apart (tidy now, tidy again a minute later) are no loop', () => {
    const r = drive(120, (s) => (s === 0 || s === 70 ? [{ at: 0, path: 'go.mod' }] : []), (s) => (s % 70 < 10 ? 60 : 20));
    assert.deepEqual(r.alarms, []);
  });
});

describe('StormMonitor: the cause of a reload loop', () => {
  it('names go.sum rewritten in a loop and its period in the notification', () => {
    const r = drive(20, every(300, 'go.sum'), () => 120);
    const ep = r.notices.find((n) => n.kind === 'notify')?.episode;
    assert.ok(ep);
    assert.equal(ep.cause.kind, 'loop');
    assert.ok(ep.cause.kind === 'loop' && ep.cause.path === 'go.sum' && ep.cause.reload && ep.cause.periodMs === 300, JSON.stringify(ep.cause));
    assert.match(plain(stormHeadline(ep)), /^gopls at 1\d\d % CPU for \d+ s — a repeated reload: `go\.sum` rewritten in a loop every 0\.3 s$/);
    assert.ok(ep.reloads > 0);
  });

  it('the sustained load says it is a repeated reload, names go.mod, the regenerated directory and the period', () => {
    const w = watchLoop(4);
    const r = drive(40, w.events, w.cpu);
    const ep = r.notices.find((n) => n.kind === 'notify')?.episode;
    assert.ok(ep);
    assert.equal(ep.reason, 'sustained');
    const h = plain(stormHeadline(ep));
    assert.match(h, /^gopls averaged \d+ % CPU over \d+ s \(peak 80 %\) — a repeated reload: `go\.mod` rewritten in a loop every 4 s \(with `gen\/api\/` regenerated each time\)$/);
    const f = stormFinding(ep, { thresholds: DEFAULT_THRESHOLDS });
    assert.ok(f.evidence.some((e) => e.kind === 'note' && /recur every 4 s/.test(plain(e.text))));
    const fixes = fixesForCause(ep.cause, undefined);
    assert.match(fixes[0]?.title ?? '', /Find what rewrites `go\.mod`/);
  });

  it('a package directory deleted and recreated in a loop is a repeated reload named by its directory', () => {
    const ev = (s: number): Ev[] => (s % 3 === 0 ? [{ at: 0, path: 'internal/gen', change: 'deleted' }, { at: 5, path: 'internal/gen', change: 'created' }, ...Array.from({ length: 10 }, (_, i) => ({ at: 6, path: `internal/gen/z${i}.go`, change: 'created' as const }))] : []);
    const r = drive(30, ev, (s) => [90, 60, 0][s % 3] ?? 0);
    const ep = r.notices.find((n) => n.kind === 'notify')?.episode;
    assert.ok(ep, 'alarm');
    assert.ok(ep.cause.kind === 'loop' && ep.cause.path === 'internal/gen/' && ep.cause.periodMs === 3000, JSON.stringify(ep.cause));
    assert.match(plain(stormHeadline(ep)), /package directory `internal\/gen\/` recreated in a loop every 3 s/);
  });

  it('negative: a dozen new directories, one every 500 ms, while gopls is busy for another reason, are no storm', () => {
    const ev = (s: number): Ev[] => (s < 6 ? [0, 500].map((at, i) => ({ at, path: `build/gen/d${s * 2 + i}`, change: 'created' as const })) : []);
    const r = drive(30, ev, () => 89);
    assert.deepEqual(r.alarms, [], 'each directory is created once: ordinary work, however busy gopls is');
  });

  it('a .go file saved every 2 s is not called a loop unless it dominates a storm', () => {
    const m = new StormMonitor();
    for (let s = 0; s < 20; s += 2) m.recordEvent(s * 1000, 'pkg/a/a.go');
    m.recordCpu(reading(20_000, 90));
    m.tick(20_000);
    assert.equal(m.state.episode, undefined);
    assert.ok(m.repetition.loopOf('pkg/a/a.go', 20_000, 30_000), 'the repetition is seen…');
  });

  it('formats periods', () => {
    assert.equal(plain(formatPeriod(300)), '0.3 s');
    assert.equal(plain(formatPeriod(4000)), '4 s');
    assert.equal(plain(formatPeriod(12_400)), '12 s');
  });
});

describe('traces with reload counts and paths', () => {
  const trace = (timeline: unknown[]): unknown => ({ summary: { label: 'x-r1', kind: 'modfile-loop', expect: 'storm', durationS: 20 }, timeline });

  it('replays recorded paths through the monitor: a go.mod loop is named with its period', () => {
    const tl = [];
    for (let s = -3; s < 25; s++) {
      const on = s >= 0 && s < 20;
      tl.push({ sec: s, events: on ? 2 : 0, ...(on ? { reloads: 2, paths: { 'go.mod': 2 } } : {}), goplsTreePct: on ? 110 : 0 });
    }
    const r = replayTrace(parseTrace(trace(tl)), { mode: 'per-second' });
    assert.equal(r.notifications, 1);
    assert.ok(r.firstAlarmAt !== undefined && r.firstAlarmAt <= 4, String(r.firstAlarmAt));
  });

  it('parseTracePaths keeps workspace-relative paths with positive integer counts, at most the limit', () => {
    assert.deepEqual(parseTracePaths({ 'go.mod': 2, 'gen/api/': 1 }), { 'go.mod': 2, 'gen/api/': 1 });
    assert.equal(parseTracePaths(null), undefined);
    assert.equal(parseTracePaths([1, 2]), undefined);
    assert.equal(parseTracePaths({ '/etc/passwd': 1, '../x': 1, 'a\u0000b': 1, 'C:\\x': 1, 'ok.go': 0, 'n.go': 1.5, 'm.go': '3' }), undefined);
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}.go`, 1]));
    assert.equal(Object.keys(parseTracePaths(many) ?? {}).length, TRACE_PATH_LIMIT);
  });

  it('property: hostile paths maps never throw and only keep valid entries', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.string({ maxLength: 600 }), fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null)))), (raw) => {
        const out = parseTracePaths(raw);
        if (out === undefined) return;
        const entries = Object.entries(out);
        assert.ok(entries.length >= 1 && entries.length <= TRACE_PATH_LIMIT);
        for (const [p, c] of entries) {
          assert.ok(Number.isInteger(c) && c >= 1);
          assert.ok(p.length >= 1 && p.length <= TRACE_PATH_MAX_LENGTH);
          assert.ok(!p.startsWith('/') && !p.split(/[\\/]/).includes('..'));
          assert.ok([...p].every((ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) !== 127));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: hostile timelines with reloads and paths parse or fail with an Error, and replay without throwing', () => {
    const second = fc.record(
      {
        sec: fc.oneof(fc.integer({ min: -5, max: 40 }), fc.constant(Number.NaN), fc.string()),
        events: fc.oneof(fc.nat(50), fc.constant(-1), fc.constant(null)),
        reloads: fc.oneof(fc.nat(10), fc.double(), fc.string(), fc.constant(-4)),
        paths: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom('go.mod', 'go.sum', 'gen/', 'a.go', '../x', '/abs'), fc.string()), fc.oneof(fc.nat(5), fc.double())), fc.anything()),
        goplsTreePct: fc.oneof(fc.double({ min: 0, max: 400, noNaN: true }), fc.constant(null), fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.array(second, { maxLength: 40 }), (timeline) => {
        let parsed;
        try {
          parsed = parseTrace(trace(timeline));
        } catch (e) {
          assert.ok(e instanceof Error);
          return;
        }
        const r = replayTrace(parsed, { mode: 'adaptive' });
        assert.ok(r.notifications <= 1 + r.alarms.length);
      }),
      { numRuns: 200 },
    );
  });
});
