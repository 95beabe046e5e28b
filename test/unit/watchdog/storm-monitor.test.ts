import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CpuReading } from '../../../src/watchdog/process-sample.js';
import { LINUX_INTERVALS, severityForHotSeconds, StormMonitor, type MonitorNotice } from '../../../src/watchdog/storm-monitor.js';

const reading = (t: number, percent: number | null, intervalMs = 1000): CpuReading => ({ t, intervalMs, treePercent: percent, selfPercent: null, rssBytes: null, processes: percent === null ? 0 : 1, vanished: false, started: false });

/** One simulated second: `paths` events spread over it, then a CPU reading and a tick at its end. */
function second(m: StormMonitor, s: number, cpu: number | null, paths: string[] = []): MonitorNotice[] {
  paths.forEach((p, i) => m.recordEvent(s * 1000 + (i * 1000) / Math.max(1, paths.length), p));
  m.recordCpu(reading((s + 1) * 1000, cpu));
  return m.tick((s + 1) * 1000).notices;
}

const gen = (n: number, s: number): string[] => Array.from({ length: n }, (_, i) => `build/gen/d${s}/z${i}.go`);

describe('StormMonitor', () => {
  it('issues exactly one notification per storm, naming the directory', () => {
    const m = new StormMonitor();
    const notices: MonitorNotice[] = [];
    for (let s = 0; s < 40; s++) notices.push(...second(m, s, s < 25 ? 150 : 2, s < 20 ? gen(200, s) : []));
    const notify = notices.filter((n) => n.kind === 'notify');
    assert.equal(notify.length, 1);
    const ep = notify[0]?.episode;
    assert.equal(ep?.cause.kind === 'directory' && ep.cause.path, 'build/gen');
    assert.equal(m.state.phase, 'settling');
  });

  it('treats an alarm that flaps within the cooldown as the same storm (no second notification)', () => {
    const m = new StormMonitor({ cooldownSeconds: 60 });
    const notices: MonitorNotice[] = [];
    for (let s = 0; s < 120; s++) {
      const hot = s % 30 < 15; // hot 15 s, cool 15 s: the alarm clears and comes back
      notices.push(...second(m, s, hot ? 140 : 1, gen(30, s)));
    }
    assert.equal(notices.filter((n) => n.kind === 'notify').length, 1);
  });

  it('a storm after the cooldown is a new storm with its own notification; the first is reported ended', () => {
    const m = new StormMonitor({ cooldownSeconds: 10 });
    const notices: MonitorNotice[] = [];
    for (let s = 0; s < 100; s++) {
      const active = s < 15 || (s >= 60 && s < 75);
      notices.push(...second(m, s, active ? 150 : 1, active ? gen(50, s) : []));
    }
    assert.deepEqual(
      notices.map((n) => `${n.kind}#${n.episode.id}`),
      ['notify#1', 'ended#1', 'notify#2', 'ended#2'],
    );
  });

  it('escalates severity by the hot-time budget ({ warn, error }, like eslint.timeBudget)', () => {
    assert.equal(severityForHotSeconds(0, { warn: 0, error: 60 }), 'warning');
    assert.equal(severityForHotSeconds(61, { warn: 0, error: 60 }), 'error');
    assert.equal(severityForHotSeconds(100, { warn: -1, error: -1 }), 'info');
    assert.equal(severityForHotSeconds(5, { warn: 10, error: 30 }), 'info');

    const m = new StormMonitor({ budget: { warn: 10, error: 30 } });
    const notices: MonitorNotice[] = [];
    for (let s = 0; s < 45; s++) notices.push(...second(m, s, 200, gen(20, s)));
    assert.deepEqual(
      notices.map((n) => `${n.kind}:${n.episode.severity}`),
      ['notify:warning', 'escalated:error'],
      'the notification waits for the warn budget; escalation only changes the state',
    );
    assert.equal(m.state.severity, 'error');
  });

  it('never notifies when both budgets are negative (status only)', () => {
    const m = new StormMonitor({ budget: { warn: -1, error: -1 } });
    const notices: MonitorNotice[] = [];
    for (let s = 0; s < 30; s++) notices.push(...second(m, s, 200, gen(20, s)));
    assert.equal(notices.length, 0);
    assert.equal(m.state.phase, 'storm');
    assert.equal(m.state.severity, 'info');
  });

  it('reports how long and how hard gopls worked during the storm', () => {
    const m = new StormMonitor();
    for (let s = 0; s < 20; s++) second(m, s, 180, gen(100, s));
    const ep = m.state.episode;
    assert.ok(ep);
    assert.ok(Math.abs(ep.cpuPercent - 180) < 1);
    assert.ok(ep.hotMs >= 19_000 && ep.hotMs <= 21_000, String(ep.hotMs));
    assert.equal(ep.events, 2000);
    assert.equal(ep.activeSeconds, 20);
  });

  it('samples slowly when calm, fast while suspicious, slowest without gopls, and asks to wake on storm-like events', () => {
    const m = new StormMonitor();
    m.recordCpu(reading(1000, 1));
    m.tick(1000);
    assert.equal(m.nextSampleDelay(), LINUX_INTERVALS.calmMs);
    let wake = false;
    for (let i = 0; i < 15; i++) wake = m.recordEvent(1100 + i, `pkg/a${i}.go`) || wake;
    assert.ok(wake, 'storm-like events while calm ask for an early sample');
    m.recordCpu(reading(1200, 5, 200));
    m.tick(1200);
    assert.equal(m.nextSampleDelay(), LINUX_INTERVALS.fastMs);
    assert.equal(m.recordEvent(1300, 'pkg/b.go'), false, 'no wake-ups while already sampling fast');
    const quiet = new StormMonitor();
    quiet.recordCpu(reading(1000, null));
    quiet.tick(1000);
    assert.equal(quiet.state.phase, 'no-gopls');
    assert.equal(quiet.nextSampleDelay(), LINUX_INTERVALS.searchMs);
  });

  it('does not wake for events gopls does not watch', () => {
    const m = new StormMonitor();
    m.recordCpu(reading(1000, 1));
    m.tick(1000);
    let wake = false;
    for (let i = 0; i < 500; i++) wake = m.recordEvent(1100 + i, `node_modules/x/${i}.js`) || wake;
    assert.equal(wake, false);
  });
});
