/**
 * Sampling process for the benchmark: the watchdog's own LinuxProcSampler, in a separate process so
 * a busy storm writer cannot delay it. Prints one JSON line per sample:
 *   { t (epoch ms), processes: GoplsProcess[], steal (ticks, /proc/stat), load1, cost (sampler CPU ms) }
 * Usage: node --import tsx bench/watchdog/sampler-child.ts <ownerPid> <intervalMs>
 * Exits when stdin closes.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LinuxProcSampler } from '../../src/watchdog/linux-proc-sampler.js';

const ownerPid = Number(process.argv[2]);
const intervalMs = Number(process.argv[3] ?? 250);
const epoch = (): number => performance.timeOrigin + performance.now();
const sampler = new LinuxProcSampler({ ownerPid, clock: epoch, searchMs: 200, rediscoverMs: 5000 });

function steal(): number {
  const cpu = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]?.trim().split(/\s+/) ?? [];
  return Number(cpu[8] ?? 0);
}
function load1(): number {
  return Number(readFileSync('/proc/loadavg', 'latin1').split(' ')[0]);
}

let busy = false;
async function tick(): Promise<void> {
  if (busy) return;
  busy = true;
  const s = await sampler.sample().finally(() => {
    busy = false;
  });
  const line = {
    t: s.t,
    processes: s.processes.map((p) => ({ ...p, args: p.args.slice(0, 4) })),
    steal: steal(),
    load1: load1(),
    cost: s.costMs ?? 0,
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}

const timer = setInterval(() => void tick().catch(() => undefined), intervalMs);
void tick().catch(() => undefined);
process.stdin.on('end', () => {
  clearInterval(timer);
  process.exit(0);
});
process.stdin.resume();
