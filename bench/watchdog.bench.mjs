// gopls CPU watchdog benchmark (issue 5): real gopls v0.24 under file-event storms and normal editing,
// the detector replayed on the recorded traces, sampler overhead and accuracy. The work is in
// bench/watchdog/main.ts (TypeScript, loaded through tsx). Default: a representative subset
// (≈ 5–6 min on 2 cores); WATCHDOG_BENCH=full for the whole matrix (≈ 40 min per repetition).
// Direct use: node bench/watchdog.bench.mjs
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

/** @param {{ log: (line: string) => void }} options */
export async function run({ log }) {
  const mod = await tsImport('./watchdog/index.ts', import.meta.url);
  const runWatchdogBench = mod.runWatchdogBench ?? mod.default?.runWatchdogBench;
  if (typeof runWatchdogBench !== 'function') throw new Error('bench/watchdog/index.ts does not export runWatchdogBench');
  return runWatchdogBench({ log });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run({ log: (line) => console.error(line) });
  for (const r of rows) console.log(`${r.pass === false ? 'FAIL' : r.pass ? 'ok  ' : '    '} ${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}`);
  process.exitCode = rows.some((r) => r.pass === false) ? 1 : 0;
}
