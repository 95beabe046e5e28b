/**
 * Measures what the watchdog's sampler costs: runs LinuxProcSampler (or nothing, `noop`) on a timer
 * for a while and prints this process's own CPU over the loop, so the benchmark can subtract the
 * timer-only baseline. Usage:
 *   node --import tsx bench/watchdog/overhead-child.ts sampler|noop <intervalMs> <durationMs> <ownerPid>
 */
import { LinuxProcSampler } from '../../src/watchdog/linux-proc-sampler.js';

const mode = process.argv[2] ?? 'noop';
const intervalMs = Number(process.argv[3] ?? 5000);
const durationMs = Number(process.argv[4] ?? 60_000);
const ownerPid = Number(process.argv[5] ?? process.ppid);

async function main(): Promise<void> {
  const sampler = mode === 'sampler' ? new LinuxProcSampler({ ownerPid }) : undefined;
  // warm up (module loading, JIT) before measuring
  if (sampler) await sampler.sample();
  await new Promise((r) => setTimeout(r, 3000));
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  let samples = 0;
  let sampleCostMs = 0;
  let processes = 0;
  while (Date.now() - t0 < durationMs) {
    await new Promise((r) => setTimeout(r, intervalMs));
    if (sampler) {
      const s = await sampler.sample();
      samples++;
      sampleCostMs += s.costMs ?? 0;
      processes = s.processes.length;
    }
  }
  const used = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ mode, intervalMs, wallMs: Date.now() - t0, cpuMs: (used.user + used.system) / 1000, samples, sampleCostMs, processes }) + '\n');
}

void main();
