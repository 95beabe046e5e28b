/**
 * The watchdog's samplers against real processes on this Linux machine: a busy Node child (checked
 * against the kernel's schedstat), short-lived children whose CPU only exists as the parent's
 * cutime/cstime, discovery of a process named gopls under this process, the `ps` code path run on
 * real procps output, and the inotify reader.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startHog } from '../../../bench/watchdog/cpu-hogs.js';
import { readInotifyUsage } from '../../../src/watchdog/inotify-usage.js';
import { LinuxProcSampler, procChildrenSupported } from '../../../src/watchdog/linux-proc-sampler.js';
import { MacPsSampler, PS_ARGV } from '../../../src/watchdog/mac-ps-sampler.js';
import { cpuBetween } from '../../../src/watchdog/process-sample.js';
import { parsePsOutput } from '../../../src/watchdog/ps-output.js';

const linux = process.platform === 'linux';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function schedNs(pid: number): number {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'latin1').split(' ')[0]);
    } catch {
      // thread exited
    }
  }
  return ns;
}

describe('watchdog samplers on real processes', { skip: linux ? false : 'Linux /proc sampler' }, () => {
  const children: ChildProcess[] = [];
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'watchdog-sampler-'));
  });
  after(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('assumes USER_HZ = 100, which getconf CLK_TCK confirms here', () => {
    assert.equal(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(), '100');
    assert.ok(procChildrenSupported(), '/proc/<pid>/task/<tid>/children is needed to see live go children');
  });

  it('reads a spinning child within 5 points of the kernel\'s schedstat', async () => {
    const hog = startHog('spin');
    children.push(hog);
    const pid = hog.pid ?? 0;
    await sleep(500);
    const sampler = new LinuxProcSampler({ pids: [pid] });
    const a = await sampler.sample();
    const ns0 = schedNs(pid);
    await sleep(2000);
    const b = await sampler.sample();
    const ns1 = schedNs(pid);
    const r = cpuBetween(a, b);
    const truth = ((ns1 - ns0) / 1e6 / r.intervalMs) * 100;
    assert.ok(truth > 30, `the hog got ${truth.toFixed(0)} % (machine too busy to test)`);
    assert.ok(Math.abs((r.treePercent ?? 0) - truth) < 5, `sampler ${r.treePercent?.toFixed(1)} % vs schedstat ${truth.toFixed(1)} %`);
    hog.kill('SIGKILL');
  });

  it('counts the CPU of short-lived children after they exit (cutime/cstime)', async () => {
    const spawner = startHog('spawner', { everyMs: 300, childMs: 200 });
    children.push(spawner);
    let last = { childCpuUs: 0, children: 0 };
    spawner.stdout?.on('data', (d: Buffer) => {
      const line = d.toString().trim().split('\n').pop();
      try {
        if (line) last = JSON.parse(line) as typeof last;
      } catch {
        // partial line
      }
    });
    await sleep(1000);
    const sampler = new LinuxProcSampler({ pids: [spawner.pid ?? 0] });
    const a = await sampler.sample();
    const before0 = { ...last };
    await sleep(4000);
    const b = await sampler.sample();
    const after0 = { ...last };
    const pa = a.processes[0];
    const pb = b.processes[0];
    assert.ok(pa && pb);
    const childCpu = pb.treeCpuMs - pb.selfCpuMs - (pa.treeCpuMs - pa.selfCpuMs);
    const reported = (after0.childCpuUs - before0.childCpuUs) / 1000;
    assert.ok(after0.children - before0.children >= 8, `only ${after0.children - before0.children} children finished`);
    // a child alive at one of the two samples is counted at that moment, so allow a child's worth either way
    assert.ok(Math.abs(childCpu - reported) < 450, `exited children: sampler ${childCpu.toFixed(0)} ms vs their own ${reported.toFixed(0)} ms`);
    assert.ok(childCpu > 1000, 'children CPU visible in the tree');
    spawner.kill('SIGKILL');
  });

  it('discovers a gopls-named server under this process, with its role', async () => {
    const fake = join(dir, 'gopls');
    symlinkSync(process.execPath, fake);
    writeFileSync(join(dir, 'serve'), 'setInterval(() => {}, 1000);\n');
    const g = spawn(fake, ['serve'], { cwd: dir, stdio: 'ignore' });
    children.push(g);
    await sleep(500);
    const s = await new LinuxProcSampler({ ownerPid: process.pid }).sample();
    const found = s.processes.find((p) => p.pid === g.pid);
    assert.ok(found, `gopls ${g.pid} not found among ${JSON.stringify(s.processes.map((p) => p.pid))}`);
    assert.equal(found.role, 'server');
    assert.ok(found.treeRssBytes > 10e6);
    // the macOS code path (one ps listing) run on this machine's real procps output finds it too
    const out = execFileSync('ps', PS_ARGV, { encoding: 'utf8', env: { LC_ALL: 'C', PATH: '/bin:/usr/bin' } });
    const rows = parsePsOutput(out);
    assert.ok(rows.length > 5, 'procps output parsed');
    const viaPs = new MacPsSampler({ ownerPid: process.pid }).select(rows).find((p) => p.pid === g.pid);
    assert.equal(viaPs?.role, 'server');
    g.kill('SIGKILL');
  });

  it('reads inotify limits and sees this process\'s own watch', async () => {
    const w = watch(dir);
    try {
      const u = await readInotifyUsage();
      assert.equal(u.maxUserWatches, Number(readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8').trim()));
      assert.equal(u.maxUserInstances, Number(readFileSync('/proc/sys/fs/inotify/max_user_instances', 'utf8').trim()));
      assert.ok(u.instances >= 1 && u.watches >= 1, JSON.stringify(u));
    } finally {
      w.close();
    }
  });
});
