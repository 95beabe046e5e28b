import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_THRESHOLDS, normalizeThresholds, StormDetector, type StormThresholds } from '../../../src/watchdog/storm-detector.js';

const TH: StormThresholds = { ...DEFAULT_THRESHOLDS };

/** Drives a detector second by second: events[s] watched events and cpu[s] % in second s. */
function run(events: number[], cpu: (number | null)[], th = TH, startedAt?: number): { alarms: number[]; clears: number[]; phases: string[] } {
  const d = new StormDetector(th);
  const alarms: number[] = [];
  const clears: number[] = [];
  const phases: string[] = [];
  for (let s = 0; s < Math.max(events.length, cpu.length); s++) {
    d.addEvents(s * 1000 + 500, events[s] ?? 0);
    const c = cpu[s];
    d.addCpu((s + 1) * 1000, 1000, c === undefined ? 0 : c, startedAt === s);
    const { status, transition } = d.evaluate((s + 1) * 1000);
    if (transition === 'alarm-raised') alarms.push(s + 1);
    if (transition === 'alarm-cleared') clears.push(s + 1);
    phases.push(status.phase);
  }
  return { alarms, clears, phases };
}

const repeat = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);

describe('StormDetector', () => {
  it('raises the alarm when a storm and a hot gopls coincide, and clears it when gopls settles', () => {
    const r = run([...repeat(10, 100), ...repeat(20, 0)], [...repeat(15, 120), ...repeat(15, 5)]);
    assert.deepEqual(r.alarms, [3], 'storm needs 3 distinct seconds; hot needs the 3-s mean');
    // the 3-s mean drops below 25 % at 18 s (second 15 is the first at 5 %); 5 s later it clears
    assert.deepEqual(r.clears, [23]);
  });

  it('does not fire on CPU alone (saving every second keeps gopls near 90 %)', () => {
    const r = run(
      repeat(60, 1),
      repeat(60, 95),
    );
    assert.deepEqual(r.alarms, []);
    assert.ok(r.phases.every((p) => p !== 'alarm'));
  });

  it('does not fire on a one-off burst (a branch checkout writing 2 000 files in one second)', () => {
    const r = run([2000, ...repeat(20, 0)], repeat(21, 140));
    assert.deepEqual(r.alarms, []);
  });

  it('blames gopls working after the storm on the storm (go.mod: busy long after the last event)', () => {
    const r = run([...repeat(5, 10), ...repeat(40, 0)], [...repeat(5, 10), ...repeat(25, 0), ...repeat(15, 150)]);
    // the storm's events stopped at 5 s, so gopls must be hot over the longer after-storm window (6 s):
    // seconds 30 and 31 at 150 % lift its mean to 50 % at 32 s; storm last seen at 5 s (within 30 s)
    assert.deepEqual(r.alarms, [32]);
  });

  it('does not blame a few busy seconds after a one-off command (gofmt -w of a module, make generate) on its events', () => {
    // 4 000 events over 5 s, then gopls at 54 %, 62 %, 19 %, 42 %, 68 % (recorded gofmt-w-module-r2, rounded)
    const events = [0, 336, 989, 183, 1916, 577, ...repeat(12, 0)];
    const cpu = [0, 12, 25, 24, 24, 38, 54, 62, 19, 42, 68, 31, ...repeat(6, 0)];
    assert.deepEqual(run(events, cpu).alarms, []);
    // the same CPU while the events go on is the storm's doing (3-s test)
    assert.deepEqual(run([0, 336, 989, 183, 1916, 577, 500, 500, 500, 500, 500, 0], cpu).alarms, [8]);
  });

  it('a storm that lasted longer than a one-off command keeps the 3-s test after its events (gopls v0.24 defers Go edits until they stop)', () => {
    // 1 000 Go edits/s for 10 s, then gopls at 70 %, 70 %, 44 % (recorded go-edit-1000, rounded)
    const events = [...repeat(10, 1000), ...repeat(15, 0)];
    const cpu = [...repeat(10, 30), 6, 70, 70, 44, 33, 31, 69, 74, 66, ...repeat(6, 0)];
    assert.deepEqual(run(events, cpu).alarms, [14]);
  });

  it('forgets a storm after stormMemorySeconds', () => {
    const r = run([...repeat(5, 10), ...repeat(60, 0)], [...repeat(45, 0), ...repeat(20, 150)]);
    assert.deepEqual(r.alarms, []);
  });

  it('clears at once when gopls disappears mid-storm', () => {
    const cpu: (number | null)[] = [...repeat(8, 130), ...repeat(8, null)];
    const r = run(repeat(16, 50), cpu);
    assert.deepEqual(r.alarms, [3]);
    assert.deepEqual(r.clears, [9]);
    assert.equal(r.phases[12], 'no-gopls');
  });

  it('does not blame the initial load of a restarted gopls on a storm that is over', () => {
    // storm ends at 5 s; gopls restarted at 12 s and busy loading: no alarm
    const r = run([...repeat(5, 100), ...repeat(25, 0)], [...repeat(12, 0), ...repeat(10, 150), ...repeat(8, 0)], TH, 12);
    assert.deepEqual(r.alarms, []);
  });

  it('re-raises for a gopls restarted while the storm goes on', () => {
    const cpu: (number | null)[] = [...repeat(8, 130), null, ...repeat(10, 130)];
    const r = run(repeat(19, 100), cpu, TH, 9);
    // cleared when the old gopls vanished (9 s); the new one is judged after its first second of readings
    assert.deepEqual(r.alarms, [3, 10]);
    assert.deepEqual(r.clears, [9]);
  });

  it('works with coarse, uneven CPU readings (adaptive sampling)', () => {
    const d = new StormDetector(TH);
    for (let t = 0; t < 10_000; t += 100) d.addEvents(t, 10);
    d.addCpu(5000, 5000, 20);
    assert.equal(d.evaluate(5000).status.phase, 'suspicious');
    d.addCpu(10_000, 5000, 140);
    const { status, transition } = d.evaluate(10_000);
    assert.equal(transition, 'alarm-raised');
    assert.equal(Math.round(status.cpuPercent ?? 0), 140);
  });

  it('counts 10 s of events with per-second resolution and distinct seconds', () => {
    const d = new StormDetector(TH);
    d.addEvents(500, 30);
    d.addEvents(1500, 30);
    assert.deepEqual(d.eventWindow(10_999), { events: 60, activeSeconds: 2 });
    assert.deepEqual(d.eventWindow(11_000), { events: 30, activeSeconds: 1 }, 'second 0 ended 10 s ago');
    d.addEvents(11_500, 5);
    assert.deepEqual(d.eventWindow(12_000), { events: 5, activeSeconds: 1 });
  });

  it('normalizeThresholds clamps anything a settings file may hold', () => {
    const t = normalizeThresholds({ cpuThresholdPercent: -5, stormEventsPer10s: 'x', stormMinActiveSeconds: 99, settlePercent: 5000 });
    assert.equal(t.cpuThresholdPercent, 5);
    assert.equal(t.stormEventsPer10s, DEFAULT_THRESHOLDS.stormEventsPer10s);
    assert.equal(t.stormMinActiveSeconds, 10);
    assert.ok(t.settlePercent <= t.cpuThresholdPercent);
  });

  it('property: any input sequence keeps the state machine consistent and never throws', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 1, max: 20_000 }), events: fc.integer({ min: 0, max: 5000 }), cpu: fc.option(fc.double({ min: -10, max: 800, noNaN: true }), { nil: null }), started: fc.boolean() }), { maxLength: 200 }),
        (steps) => {
          const d = new StormDetector(TH);
          let t = 0;
          let alarm = false;
          for (const s of steps) {
            t += s.dt;
            d.addEvents(t - 1, s.events);
            d.addCpu(t, s.dt, s.cpu, s.started);
            const { status, transition } = d.evaluate(t);
            if (transition === 'alarm-raised') {
              assert.ok(!alarm);
              alarm = true;
            }
            if (transition === 'alarm-cleared') {
              assert.ok(alarm);
              alarm = false;
            }
            assert.equal(status.phase === 'alarm', alarm);
            if (status.phase === 'alarm') assert.ok(status.alarmSince !== undefined);
          }
        },
      ),
    );
  });
});
