/**
 * A short storm against the real gopls v0.24 ($GO_DOCTOR_TOOLCHAINS/bin/gopls, go1.27 on PATH): the
 * benchmark's scenario runner rewrites go.mod 10 times a second for 10 s and forwards each change
 * like VS Code; meanwhile a LIVE watchdog (the real LinuxProcSampler on gopls under this process, the
 * StormMonitor on its adaptive interval, fed with the same file events) must raise its alarm once,
 * within 5 s of gopls turning hot. Also: gopls's -debug server hands out a CPU profile, as the
 * how-to fix says (facts §7.3). Each test < 60 s.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { DEFAULT_SHAPE, generateModule } from '../../../bench/watchdog/generate-module.js';
import { toolchainPaths } from '../../../bench/watchdog/main.js';
import { runScenario } from '../../../bench/watchdog/scenario.js';
import { LinuxProcSampler } from '../../../src/watchdog/linux-proc-sampler.js';
import { cpuBetween, type ProcessSample } from '../../../src/watchdog/process-sample.js';
import { StormMonitor, type MonitorNotice } from '../../../src/watchdog/storm-monitor.js';
import { hotOnset, replayTrace } from '../../../src/watchdog/trace-replay.js';

const { gopls, goBinDir } = toolchainPaths();
const ci = process.env.CI === 'true' || process.env.CI === '1';
const missing = process.platform !== 'linux' ? 'needs Linux /proc' : !existsSync(gopls) ? `no gopls at ${gopls}` : !existsSync(join(goBinDir, 'go')) ? `no go1.27 at ${goBinDir}` : undefined;
if (missing && ci) throw new Error(`watchdog toolchain test prerequisites missing in CI: ${missing}`);
const epoch = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('watchdog against the real gopls v0.24', { skip: missing ?? false }, () => {
  it('a go.mod storm raises the live alarm once, within 5 s of gopls turning hot', { timeout: 60_000 }, async () => {
    const ws = join(tmpdir(), 'go-doctor-watchdog-toolchain-test', 'ws');
    generateModule(ws, DEFAULT_SHAPE);
    const monitor = new StormMonitor();
    const sampler = new LinuxProcSampler({ ownerPid: process.pid, clock: epoch, searchMs: 500 });
    const notices: (MonitorNotice & { at: number })[] = [];
    let previous: ProcessSample | undefined;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    let dueAt = 0;
    const tick = async (): Promise<void> => {
      const s = await sampler.sample();
      const r = cpuBetween(previous, s);
      previous = s;
      if (r.intervalMs > 0) monitor.recordCpu(r);
      for (const n of monitor.tick(s.t).notices) notices.push({ ...n, at: s.t });
    };
    const schedule = (ms: number): void => {
      if (stopped) return;
      if (timer) clearTimeout(timer);
      dueAt = epoch() + ms;
      timer = setTimeout(() => {
        timer = undefined;
        void tick().finally(() => schedule(monitor.nextSampleDelay()));
      }, ms);
    };
    schedule(0);
    let trace;
    try {
      trace = await runScenario(
        { label: 'toolchain-test-gomod-10', kind: 'gomod', rate: 10, durationS: 10, expect: 'storm', maxSettleS: 15 },
        {
          gopls,
          goBinDir,
          workspace: ws,
          shape: DEFAULT_SHAPE,
          log: (l) => console.log(l),
          onEvents: (t, paths) => {
            let wake = false;
            for (const p of paths) wake = monitor.recordEvent(t, p) || wake;
            if (wake && dueAt > epoch() + 100) schedule(100);
          },
        },
      );
    } finally {
      stopped = true;
      if (timer) clearTimeout(timer);
    }
    await sleep(100);
    const start = Number(trace.summary.startedAtEpochMs);
    const onset = hotOnset(trace.timeline);
    const notified = notices.filter((n) => n.kind === 'notify');
    console.log(`gopls mean ${String(trace.summary.stormMeanPct)} %, hot onset ${String(onset)} s, notices ${JSON.stringify(notices.map((n) => [n.kind, +((n.at - start) / 1000).toFixed(1)]))}, load1 ${String(trace.summary.load1Max)}`);
    assert.ok(onset !== undefined, `gopls never reached a 3-s mean of 50 % (mean ${String(trace.summary.stormMeanPct)} %, load ${String(trace.summary.load1Max)})`);
    assert.equal(notified.length, 1, 'one notification for the storm');
    const latency = ((notified[0]?.at ?? 0) - start) / 1000 - onset;
    assert.ok(latency <= 5, `alarm ${latency.toFixed(1)} s after gopls turned hot`);
    const ep = notified[0]?.episode;
    assert.equal(ep?.cause.kind === 'file' && ep.cause.path, 'go.mod');
    // the recorded trace replays to the same verdict
    assert.equal(replayTrace(trace, { mode: 'adaptive' }).notifications, 1);
  });

  it('gopls -debug=ADDR serves a CPU profile at /debug/pprof/profile (the profile how-to)', { timeout: 30_000 }, async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const a = srv.address();
        srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    const g = spawn(gopls, [`-debug=127.0.0.1:${port}`, 'serve'], { stdio: ['pipe', 'ignore', 'ignore'], env: { ...process.env, PATH: `${goBinDir}:${process.env.PATH ?? ''}` } });
    try {
      let index = '';
      for (let i = 0; i < 50 && !index; i++) {
        await sleep(200);
        index = await fetch(`http://127.0.0.1:${port}/debug/pprof/`).then((r) => (r.ok ? r.text() : ''), () => '');
      }
      assert.match(index, /profile/);
      const res = await fetch(`http://127.0.0.1:${port}/debug/pprof/profile?seconds=1`);
      assert.equal(res.status, 200);
      const body = new Uint8Array(await res.arrayBuffer());
      assert.deepEqual([body[0], body[1]], [0x1f, 0x8b], 'a gzip-compressed pprof profile');
    } finally {
      g.kill('SIGKILL');
    }
  });
});
