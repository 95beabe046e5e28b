/**
 * VS Code's file-watcher process: identified, sampled, reported — never guessed.
 *
 * How the process shapes were verified (2026-11-25): code-server 4.139.1 (VS Code server) started with
 * test/vscode-host/code-server.mjs on a workspace opened in headless Chromium; `ps -eo pid,ppid,args`
 * showed under the server (`node …/code-server/out/node/entry`, pid 12841) the siblings
 *   13000 12841 node …/lib/vscode/out/bootstrap-fork --type=fileWatcher
 *   13109 12841 node --dns-result-order=ipv4first …/lib/vscode/out/bootstrap-fork --type=extensionHost --transformURIs --useHostProxy=false
 * and gopls/language servers under 13109. The fake /proc trees below reproduce that shape. Desktop
 * VS Code (Electron utility processes, all `--type=utility --utility-sub-type=node.mojom.NodeService`)
 * could not be run here; its shape comes from VS Code's source (UtilityProcess + Electron's argv) and
 * must come out as "unknown".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findFileWatchers, isFileWatcherArgs } from '../../../src/watchdog/file-watcher-process.js';
import { LinuxProcSampler } from '../../../src/watchdog/linux-proc-sampler.js';
import { MacPsSampler } from '../../../src/watchdog/mac-ps-sampler.js';
import { cpuBetween, type CpuReading, type ProcessSample, type WatcherProcess } from '../../../src/watchdog/process-sample.js';
import type { PsRow } from '../../../src/watchdog/ps-output.js';
import { stormFinding, watcherClause } from '../../../src/watchdog/storm-report.js';
import { StormMonitor, type StormEpisode } from '../../../src/watchdog/storm-monitor.js';
import { DEFAULT_THRESHOLDS } from '../../../src/watchdog/storm-detector.js';
import { FakeProc } from './fake-proc.js';

const NODE = '/home/u/.vscode-server/cli/servers/Stable-x/server/node';
const FORK = '/home/u/.vscode-server/cli/servers/Stable-x/server/out/bootstrap-fork';
const SERVER = 12841;
const WATCHER = 13000;
const EXTHOST = 13109;
const GOPLS = 13200;

/** The verified code-server / VS Code server tree. */
function serverTree(fake: FakeProc, watcherTicks = { u: 500, s: 100, cu: 10, cs: 0 }): void {
  fake.add(SERVER, 12818, 'node', [NODE, '/home/u/.vscode-server/out/server-main.js', '--start-server'], { u: 100, s: 10 }, [WATCHER, EXTHOST]);
  fake.add(WATCHER, SERVER, 'MainThread', [NODE, FORK, '--type=fileWatcher'], watcherTicks);
  fake.add(EXTHOST, SERVER, 'MainThread', [NODE, '--dns-result-order=ipv4first', FORK, '--type=extensionHost', '--transformURIs', '--useHostProxy=false'], { u: 50, s: 5 }, [GOPLS]);
  fake.add(GOPLS, EXTHOST, 'gopls', ['/home/u/go/bin/gopls', '-mode=stdio'], { u: 1000, s: 100 });
}

describe('file-watcher matcher', () => {
  it('accepts only an explicit --type=fileWatcher', () => {
    assert.equal(isFileWatcherArgs([NODE, FORK, '--type=fileWatcher']), true);
    assert.equal(isFileWatcherArgs([NODE, FORK, '--type=extensionHost']), false);
    assert.equal(isFileWatcherArgs(['/usr/share/code/code', '--type=utility', '--utility-sub-type=node.mojom.NodeService']), false);
    assert.equal(isFileWatcherArgs(['vim', 'notes--type=fileWatcher.txt']), false);
  });

  it('looks only at children of the extension host and of its parent (not another server\'s watcher)', () => {
    const table = new Map(
      [
        { pid: 10, ppid: 1, args: ['server'] },
        { pid: 11, ppid: 10, args: ['node', 'fork', '--type=fileWatcher'] },
        { pid: 12, ppid: 10, args: ['node', 'fork', '--type=extensionHost'] },
        { pid: 13, ppid: 12, args: ['node', 'fork', '--type=fileWatcher'] },
        { pid: 21, ppid: 20, args: ['node', 'fork', '--type=fileWatcher'] },
      ].map((p) => [p.pid, p]),
    );
    assert.deepEqual(
      findFileWatchers(12, table).map((p) => p.pid),
      [11, 13],
    );
    assert.deepEqual(findFileWatchers(99, table), []);
  });
});

describe('LinuxProcSampler: VS Code file watcher on a fake /proc', () => {
  it('finds the server\'s watcher and samples its CPU beside gopls (gopls CPU unchanged)', async () => {
    const fake = new FakeProc();
    try {
      serverTree(fake);
      let now = 1000;
      const sampler = new LinuxProcSampler({ procRoot: fake.root, ownerPid: EXTHOST, clock: () => now });
      const a = await sampler.sample();
      now += 1000;
      assert.deepEqual(
        a.watchers?.map((w) => [w.pid, w.cpuMs]),
        [[WATCHER, 6100]],
        '(500+100) own + 10 reaped ticks = 6 100 ms',
      );
      assert.deepEqual(
        a.processes.map((p) => [p.pid, p.treeCpuMs]),
        [[GOPLS, 11_000]],
      );
      // one second later: the watcher spent 0.8 s of CPU, gopls 0.3 s
      fake.add(WATCHER, SERVER, 'MainThread', [NODE, FORK, '--type=fileWatcher'], { u: 570, s: 110, cu: 10, cs: 0 });
      fake.add(GOPLS, EXTHOST, 'gopls', ['/home/u/go/bin/gopls', '-mode=stdio'], { u: 1025, s: 105 });
      const b = await sampler.sample();
      const r = cpuBetween(a, b);
      assert.equal(r.watcherPercent, 80);
      assert.equal(r.treePercent, 30);
    } finally {
      fake.dispose();
    }
  });

  it('finds it through the whole-/proc scan when the kernel has no children files', async () => {
    const fake = new FakeProc();
    try {
      serverTree(fake);
      fake.childrenFiles(false);
      const s = await new LinuxProcSampler({ procRoot: fake.root, ownerPid: EXTHOST, clock: () => 1 }).sample();
      assert.deepEqual(
        s.watchers?.map((w) => w.pid),
        [WATCHER],
      );
    } finally {
      fake.dispose();
    }
  });

  it('reports unknown (no guess) for desktop utility processes that all look alike', async () => {
    const fake = new FakeProc();
    try {
      const utility = ['/usr/share/code/code', '--type=utility', '--utility-sub-type=node.mojom.NodeService', '--lang=en-US', '--service-sandbox-type=none'];
      fake.add(2000, 1, 'code', ['/usr/share/code/code'], { u: 100, s: 10 }, [2100, 2200, 2300]);
      fake.add(2100, 2000, 'code', utility, { u: 50, s: 5 }, [2400]); // extension host
      fake.add(2200, 2000, 'code', utility, { u: 9000, s: 900 }); // the watcher? cannot be told apart
      fake.add(2300, 2000, 'code', utility, { u: 10, s: 1 }); // pty host
      fake.add(2400, 2100, 'gopls', ['gopls'], { u: 10, s: 1 });
      let t = 0;
      const sampler = new LinuxProcSampler({ procRoot: fake.root, ownerPid: 2100, clock: () => (t += 1000) });
      const a = await sampler.sample();
      const b = await sampler.sample();
      assert.deepEqual(a.watchers, []);
      assert.equal(cpuBetween(a, b).watcherPercent, null);
      assert.deepEqual(
        b.processes.map((p) => p.pid),
        [2400],
        'gopls is still found',
      );
    } finally {
      fake.dispose();
    }
  });

  it('survives the watcher vanishing mid-sample and finds its replacement (window reload)', async () => {
    const fake = new FakeProc();
    try {
      serverTree(fake);
      // listed as a child but gone before its stat/cmdline are read
      fake.setChildren(SERVER, [WATCHER, EXTHOST, 13001]);
      let now = 1000;
      const sampler = new LinuxProcSampler({ procRoot: fake.root, ownerPid: EXTHOST, clock: () => now });
      const a = await sampler.sample();
      assert.deepEqual(
        a.watchers?.map((w) => w.pid),
        [WATCHER],
      );
      fake.remove(WATCHER);
      const b = await sampler.sample();
      assert.deepEqual(b.watchers, [], 'no stale watcher data');
      assert.equal(cpuBetween(a, b).watcherPercent, null);
      assert.equal(cpuBetween(a, b).processes, 1, 'gopls sampling unaffected');
      fake.add(13500, SERVER, 'MainThread', [NODE, FORK, '--type=fileWatcher'], { u: 5, s: 1 }, [], 99_000);
      fake.setChildren(SERVER, [13500, EXTHOST]);
      const c = await sampler.sample();
      assert.deepEqual(
        c.watchers?.map((w) => w.pid),
        [13500],
      );
      assert.equal(cpuBetween(b, c).watcherPercent, null, 'a new watcher only sets a baseline');
      fake.add(13500, SERVER, 'MainThread', [NODE, FORK, '--type=fileWatcher'], { u: 25, s: 6 }, [], 99_000);
      now += 1000;
      assert.equal(cpuBetween(c, await sampler.sample()).watcherPercent, 25);
    } finally {
      fake.dispose();
    }
  });

  it('does not look for a watcher without an owner or when disabled', async () => {
    const fake = new FakeProc();
    try {
      serverTree(fake);
      assert.equal((await new LinuxProcSampler({ procRoot: fake.root, pids: [GOPLS], clock: () => 1 }).sample()).watchers, undefined);
      assert.equal((await new LinuxProcSampler({ procRoot: fake.root, ownerPid: EXTHOST, sampleFileWatcher: false, clock: () => 1 }).sample()).watchers, undefined);
    } finally {
      fake.dispose();
    }
  });
});

describe('MacPsSampler.selectWatchers (one ps listing)', () => {
  const row = (pid: number, ppid: number, cpuMs: number, args: string[]): PsRow => ({ pid, ppid, cpuMs, rssBytes: 1024, elapsedMs: 60_000, started: 'Tue Nov 25 10:00:00 2026', args });
  it('finds a server watcher by its argv token; desktop helpers stay unknown', () => {
    const s = new MacPsSampler({ ownerPid: 60 });
    const found = s.selectWatchers([row(50, 1, 0, [NODE, 'server-main.js']), row(55, 50, 4200, [NODE, FORK, '--type=fileWatcher']), row(60, 50, 10, [NODE, FORK, '--type=extensionHost'])]);
    assert.deepEqual(
      found.map((w) => [w.pid, w.cpuMs]),
      [[55, 4200]],
    );
    const desktop = s.selectWatchers([
      row(50, 1, 0, ['/Applications/Visual', 'Studio', 'Code.app/Contents/MacOS/Electron']),
      row(55, 50, 4200, ['/Applications/Visual', 'Studio', 'Code.app/Contents/Frameworks/Code', 'Helper.app/Contents/MacOS/Code', 'Helper', '--type=utility', '--utility-sub-type=node.mojom.NodeService']),
      row(60, 50, 10, ['/Applications/Visual', 'Studio', 'Code.app/Contents/Frameworks/Code', 'Helper', '(Plugin).app', '--type=utility', '--utility-sub-type=node.mojom.NodeService']),
    ]);
    assert.deepEqual(desktop, []);
  });
});

describe('watcher CPU in the monitor and the report (the alarm rule unchanged)', () => {
  const watcher = (cpuMs: number): WatcherProcess => ({ pid: 7, ppid: 1, args: [], startKey: 'k', ageMs: 1e6, cpuMs, rssBytes: 1 });
  const at = (t: number, w?: WatcherProcess[]): ProcessSample => ({ t, processes: [], ...(w ? { watchers: w } : {}) });

  it('cpuBetween: a known watcher in both samples has a percentage; anything else is null', () => {
    assert.equal(cpuBetween(at(0, [watcher(100)]), at(2000, [watcher(1100)])).watcherPercent, 50);
    assert.equal(cpuBetween(at(0), at(1000)).watcherPercent, null);
    assert.equal(cpuBetween(undefined, at(1000, [watcher(5)])).watcherPercent, null);
    assert.equal(cpuBetween(at(0, [watcher(100)]), at(1000, [watcher(200), { ...watcher(0), pid: 8 }])).watcherPercent, null);
  });

  const reading = (t: number, cpu: number, watcherPercent: number | null): CpuReading => ({ t, intervalMs: 1000, treePercent: cpu, selfPercent: null, rssBytes: null, processes: 1, vanished: false, started: false, watcherPercent });
  function run(watcherPercent: number | null): { m: StormMonitor; phases: string[] } {
    const m = new StormMonitor();
    const phases: string[] = [];
    for (let s = 0; s < 40; s++) {
      if (s < 20) for (let i = 0; i < 200; i++) m.recordEvent(s * 1000 + i * 5, `build/gen/d${s}/z${i}.go`);
      m.recordCpu(reading((s + 1) * 1000, s < 25 ? 150 : 2, watcherPercent));
      phases.push(m.tick((s + 1) * 1000).state.phase);
    }
    return { m, phases };
  }

  it('the detector decides the same with a busy, an idle or an unknown watcher', () => {
    const busy = run(400);
    assert.deepEqual(busy.phases, run(0).phases);
    assert.deepEqual(busy.phases, run(null).phases);
    assert.ok(busy.phases.includes('storm'));
  });

  it('the episode, the state and the finding carry the watcher CPU when known', () => {
    const { m } = run(95);
    const ep = m.state.episode as StormEpisode;
    assert.equal(Math.round(ep.watcherCpuPercent ?? -1), 95);
    assert.equal(m.state.watcherCpuPercent, 95);
    assert.equal(watcherClause(ep), "VS Code's file watcher at 95\u00a0% CPU");
    const f = stormFinding(ep, { thresholds: DEFAULT_THRESHOLDS });
    assert.match(f.message, /^gopls at \d+\u00a0% CPU for \d+\u00a0s while `build\/gen\/` produced [\d\u00a0]+ file events\/s; VS Code's file watcher at 95\u00a0% CPU\. /);
  });

  it('says the watcher is unknown when it was never identified', () => {
    const { m } = run(null);
    const ep = m.state.episode as StormEpisode;
    assert.equal(ep.watcherCpuPercent, undefined);
    assert.equal(m.state.watcherCpuPercent, undefined);
    const f = stormFinding(ep, { thresholds: DEFAULT_THRESHOLDS });
    assert.doesNotMatch(f.message, /file watcher/);
    assert.ok(f.evidence.some((e) => e.kind === 'note' && e.text.startsWith("VS Code's file watcher: not identified")));
  });
});
