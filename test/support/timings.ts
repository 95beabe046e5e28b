/**
 * Wall-clock figures of property tests, for `npm run bench` (bench/parsers.bench.mjs): never asserted
 * in a test (a loaded machine must not fail one). The slowest call per label is appended as one JSON
 * line to $GO_DOCTOR_TIMINGS_FILE when the test process ends, and only when that variable is set.
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const slowest = new Map<string, number>();
let registered = false;

export function timed<T>(label: string, f: () => T): T {
  const file = process.env.GO_DOCTOR_TIMINGS_FILE;
  if (!file) return f();
  if (!registered) {
    registered = true;
    process.once('exit', () => appendFileSync(file, `${JSON.stringify(Object.fromEntries(slowest))}\n`));
  }
  const t0 = performance.now();
  try {
    return f();
  } finally {
    const ms = performance.now() - t0;
    if (ms > (slowest.get(label) ?? 0)) slowest.set(label, ms);
  }
}
