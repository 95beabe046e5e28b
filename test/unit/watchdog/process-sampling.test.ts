import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { LinuxProcSampler } from '../../../src/watchdog/linux-proc-sampler.js';
import { MacPsSampler } from '../../../src/watchdog/mac-ps-sampler.js';
import { cpuBetween, type GoplsProcess, type ProcessSample } from '../../../src/watchdog/process-sample.js';
import type { PsRow } from '../../../src/watchdog/ps-output.js';
import { FakeProc } from './fake-proc.js';

const proc = (over: Partial<GoplsProcess>): GoplsProcess => ({
  pid: 100,
  ppid: 1,
  role: 'server',
  args: ['gopls'],
  startKey: 's1',
  ageMs: 60_000,
  selfCpuMs: 0,
  treeCpuMs: 0,
  treeRssBytes: 1e8,
  descendants: 0,
  ...over,
});
const sample = (t: number, ...processes: GoplsProcess[]): ProcessSample => ({ t, processes });

describe('cpuBetween', () => {
  it('is the tree CPU delta over the interval, in % of one core', () => {
    const r = cpuBetween(sample(0, proc({ treeCpuMs: 1000, selfCpuMs: 500 })), sample(2000, proc({ treeCpuMs: 4000, selfCpuMs: 1000 })));
    assert.equal(r.treePercent, 150);
    assert.equal(r.selfPercent, 25);
    assert.equal(r.intervalMs, 2000);
    assert.equal(r.started || r.vanished, false);
  });

  it('counts all CPU of a gopls that started during the interval (a restart), and flags it', () => {
    const r = cpuBetween(sample(0, proc({ pid: 100, treeCpuMs: 9000 })), sample(1000, proc({ pid: 200, startKey: 's2', ageMs: 600, treeCpuMs: 450 })));
    assert.equal(r.treePercent, 45);
    assert.ok(r.started && r.vanished);
  });

  it('only baselines a process first seen when it is older than the interval (late discovery)', () => {
    const r = cpuBetween(sample(0), sample(1000, proc({ ageMs: 3_600_000, treeCpuMs: 999_999 })));
    assert.equal(r.treePercent, 0);
    assert.ok(r.started);
  });

  it('treats a reused pid with another start time as a different process', () => {
    const r = cpuBetween(sample(0, proc({ treeCpuMs: 50_000 })), sample(1000, proc({ startKey: 'later', ageMs: 10_000, treeCpuMs: 100 })));
    assert.equal(r.treePercent, 0, 'no negative or huge delta across pid reuse');
    assert.ok(r.vanished);
  });

  it('reports null CPU when gopls is gone, and on the very first sample', () => {
    assert.equal(cpuBetween(sample(0, proc({})), sample(1000)).treePercent, null);
    assert.equal(cpuBetween(undefined, sample(1000, proc({}))).treePercent, null);
  });

  it('never reports a negative delta (counter glitches)', () => {
    assert.equal(cpuBetween(sample(0, proc({ treeCpuMs: 500 })), sample(1000, proc({ treeCpuMs: 400 }))).treePercent, 0);
  });
});

describe('LinuxProcSampler on a recorded-shape /proc tree', () => {
  const fake = new FakeProc();
  after(() => fake.dispose());
  // extension host 500 → gopls 600 (server) → go list 601 (live) ; telemetry child 602
  fake.add(500, 1, 'code', ['/usr/share/code/code', '--type=extensionHost'], { u: 10, s: 1 }, [600, 700]);
  fake.add(600, 500, 'gopls', ['/home/u/go/bin/gopls', '-mode=stdio'], { u: 300, s: 100, cu: 50, cs: 20 }, [601, 602]);
  fake.add(601, 600, 'go', ['go', 'list', '-e', '-json'], { u: 40, s: 10 });
  fake.add(602, 600, 'gopls', ['/home/u/go/bin/gopls', '** telemetry **'], { u: 1, s: 0 });
  // a forwarder of ours and a shared daemon reparented to PID 1 (same user)
  fake.add(700, 500, 'gopls', ['gopls', '-remote=auto'], { u: 5, s: 5 });
  fake.add(800, 1, 'gopls', ['gopls', '-listen=unix;/tmp/gopls-daemon', '-listen.timeout=1m0s'], { u: 2000, s: 500 });
  // someone else's window: another extension host's gopls
  fake.add(900, 1, 'code', ['/usr/share/code/code', '--type=extensionHost'], { u: 1, s: 1 }, [901]);
  fake.add(901, 900, 'gopls', ['gopls'], { u: 7777, s: 1 });

  it('finds the gopls of this extension host, its forwarder and the daemon, counting exited and live children', async () => {
    const s = await new LinuxProcSampler({ procRoot: fake.root, ownerPid: 500, clock: () => 1 }).sample();
    const byPid = new Map(s.processes.map((p) => [p.pid, p]));
    assert.deepEqual([...byPid.keys()].sort(), [600, 700, 800]);
    const g = byPid.get(600);
    assert.equal(g?.role, 'server');
    // (300+100) + (50+20) reaped + (40+10) go list + (1+0) telemetry = 521 ticks = 5210 ms
    assert.equal(g?.treeCpuMs, 5210);
    assert.equal(g?.selfCpuMs, 4000);
    assert.equal(g?.descendants, 2);
    assert.equal(byPid.get(700)?.role, 'forwarder');
    assert.equal(byPid.get(800)?.role, 'daemon');
    assert.equal(g?.ageMs, 500_000, 'uptime 1000 s − starttime 50 000 ticks / 100');
  });

  it('finds the same processes with the whole-/proc scan when the kernel has no children files', async () => {
    fake.childrenFiles(false);
    try {
      const s = await new LinuxProcSampler({ procRoot: fake.root, ownerPid: 500, clock: () => 1 }).sample();
      assert.deepEqual(s.processes.map((p) => p.pid).sort(), [600, 700, 800]);
    } finally {
      fake.childrenFiles(true);
    }
  });

  it('without a forwarder, finds the server by walking the owner\'s children only', async () => {
    const s = await new LinuxProcSampler({ procRoot: fake.root, ownerPid: 900, clock: () => 1 }).sample();
    assert.deepEqual(
      s.processes.map((p) => [p.pid, p.role]),
      [[901, 'server']],
    );
  });

  it('notices a vanished gopls and finds its replacement', async () => {
    let t = 0;
    const sampler = new LinuxProcSampler({ procRoot: fake.root, ownerPid: 900, clock: () => (t += 1000), searchMs: 0 });
    const a = await sampler.sample();
    assert.deepEqual(
      a.processes.map((p) => p.pid),
      [901],
    );
    fake.remove(901);
    fake.add(902, 900, 'gopls', ['gopls', 'serve'], { u: 3, s: 0 }, [], 99_000);
    fake.setChildren(900, [902]);
    const b = await sampler.sample();
    assert.deepEqual(b.processes, [], 'the sample that sees 901 gone has no stale data');
    const c = await sampler.sample();
    assert.deepEqual(
      c.processes.map((p) => p.pid),
      [902],
    );
  });
});

describe('MacPsSampler.select (one ps listing)', () => {
  const row = (pid: number, ppid: number, cpuMs: number, args: string[], started = 'Tue Nov 25 10:00:00 2026'): PsRow => ({ pid, ppid, cpuMs, rssBytes: 1024, elapsedMs: 60_000, started, args });

  it('sums live descendants and keeps the CPU of children that exited (ps cannot report it)', () => {
    const s = new MacPsSampler({ ownerPid: 50 });
    const first = s.select([row(50, 1, 0, ['/Applications/Code.app/Contents/Frameworks/Code Helper (Plugin).app']), row(60, 50, 1000, ['/Users/me/go/bin/gopls']), row(61, 60, 300, ['go', 'list'])]);
    assert.equal(first[0]?.treeCpuMs, 1300);
    const second = s.select([row(50, 1, 0, ['code']), row(60, 50, 1100, ['/Users/me/go/bin/gopls'])]);
    assert.equal(second[0]?.treeCpuMs, 1400, 'the exited go list keeps its last-seen 300 ms');
  });

  it('selects by owner, adds the daemon when a forwarder is ours, ignores CLI gopls', () => {
    const s = new MacPsSampler({ ownerPid: 50 });
    const got = s.select([
      row(50, 1, 0, ['code']),
      row(60, 50, 10, ['gopls', '-remote=auto']),
      row(70, 1, 9000, ['gopls', '-listen=unix;/tmp/x']),
      row(80, 50, 5, ['gopls', 'version']),
      row(90, 1, 5, ['gopls']),
    ]);
    assert.deepEqual(
      got.map((p) => [p.pid, p.role]),
      [
        [60, 'forwarder'],
        [70, 'daemon'],
      ],
    );
  });
});
