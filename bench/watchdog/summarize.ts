/**
 * Markdown tables for docs/watchdog.md from the recorded traces:
 *   node --import tsx bench/watchdog/summarize.ts [reloads]   (reloads: the scenario table of the reload set)
 * 1. gopls v0.24 per scenario (mean over repetitions); 2. the detector per trace set and split.
 */
import { DEFAULT_THRESHOLDS } from '../../src/watchdog/storm-detector.js';
import { classifyTrace } from '../../src/watchdog/trace.js';
import { replayTrace } from '../../src/watchdog/trace-replay.js';
import { score } from './evaluate.js';
import { loadAllTraces, RELOADS_SET, TRACE_SETS, V024_SET } from './trace-sets.js';

const all = loadAllTraces();
const mean = (a: number[]): number => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : Number.NaN);
const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(n >= 100 ? 0 : 1) : '–');
const range = (a: number[]): string => (a.length > 1 ? `${f1(mean(a))} (${f1(Math.min(...a))}–${f1(Math.max(...a))})` : f1(a[0] ?? Number.NaN));

const scenarioSet = process.argv[2] === 'reloads' ? RELOADS_SET : V024_SET;
const v024 = all.filter((t) => t.set === scenarioSet);
const groups = new Map<string, typeof v024>();
for (const t of v024) {
  const key = t.trace.summary.label.replace(/-r\d+$/, '');
  groups.set(key, [...(groups.get(key) ?? []), t]);
}
console.log('| scenario | runs | class | achieved ev/s | gopls tree CPU % mean (during) | max % | settle s | alarm at s (adaptive) | load1 max | steal % |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const [key, runs] of groups) {
  const s = runs.map((r) => r.trace.summary);
  const num = (k: string): number[] => s.map((x) => x[k]).filter((v): v is number => typeof v === 'number');
  const classes = [...new Set(runs.map((r) => classifyTrace(r.trace)))].join('/');
  const alarms = runs.map((r) => replayTrace(r.trace, { mode: 'adaptive' }).firstAlarmAt).map((a) => (a === undefined ? '–' : String(a)));
  console.log(`| ${key} | ${runs.length} | ${classes} | ${range(num('achievedRate'))} | ${range(num('stormMeanPct'))} | ${range(num('stormMaxPct'))} | ${range(num('settleS'))} | ${alarms.join(', ')} | ${f1(Math.max(...num('load1Max')))} | ${f1(mean(num('stealMeanPct')))} |`);
}

const th = DEFAULT_THRESHOLDS;
console.log(
  `\nDetector with the defaults (E=${th.stormEventsPer10s}/10 s, S=${th.stormMinActiveSeconds}, Z=${th.cpuThresholdPercent} %, C=${th.hotWindowSeconds} s, after the storm ${th.afterStormHotWindowSeconds} s, reload weight ${th.reloadWeight}, sustained ${th.sustainedPercent} % over ≤ ${th.sustainedWindowSeconds} s), adaptive sampling:\n`,
);
console.log('| traces | split | normal (false alarms) | harmful caught | latency mean / max s | periodic loads: max periods | mild storms alarmed | max notifications per trace |');
console.log('|---|---|---|---|---|---|---|---|');
for (const set of TRACE_SETS) {
  for (const split of ['tuning', 'held-out'] as const) {
    const s = score(
      all.filter((t) => t.set === set && t.tuning === (split === 'tuning')),
      { mode: 'adaptive' },
    );
    console.log(`| ${set} | ${split} | ${s.normal} (${s.falseAlarms}) | ${s.caught}/${s.harmful} | ${s.latencyMean ?? '–'} / ${s.latencyMax ?? '–'} | ${s.periodic ? `${s.latencyPeriodsMax ?? '–'} (${s.periodic})` : '–'} | ${s.mildAlarms}/${s.mild} | ${s.maxNotifications} |`);
  }
}
