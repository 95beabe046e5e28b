/**
 * Threshold tuning on the TUNING traces only (trace-sets.ts fixes the split), then the chosen rule
 * scored on the held-out traces. Replays use the shipped StormMonitor with adaptive sampling.
 *   node --import tsx bench/watchdog/tune.ts [--markdown]
 * Grid: events per 10 s, distinct seconds (3–4, never 2: a one-off burst may straddle a second
 * boundary), CPU threshold, CPU averaging window. Choice: zero false alarms and every harmful storm caught on the tuning set; then the smallest
 * worst-case latency; then the fewest alarms on mild storms; then the largest margins over normal
 * work (more events, more distinct seconds, higher CPU).
 */
import { DEFAULT_THRESHOLDS, type StormThresholds } from '../../src/watchdog/storm-detector.js';
import { score, type Score } from './evaluate.js';
import { loadAllTraces } from './trace-sets.js';

export interface GridResult {
  thresholds: StormThresholds;
  tuning: Score;
}

export function grid(): StormThresholds[] {
  const out: StormThresholds[] = [];
  for (const stormEventsPer10s of [10, 15, 20, 30, 50])
    // ≥ 3 distinct seconds by design: a checkout or "save all" burst can straddle one second boundary
    for (const stormMinActiveSeconds of [3, 4])
      for (const cpuThresholdPercent of [25, 40, 50, 75])
        for (const hotWindowSeconds of [2, 3])
          out.push({ ...DEFAULT_THRESHOLDS, stormEventsPer10s, stormMinActiveSeconds, cpuThresholdPercent, hotWindowSeconds });
  return out;
}

const worse = (a: GridResult, b: GridResult): number => {
  const A = a.tuning;
  const B = b.tuning;
  return (
    (A.latencyMax ?? 99) - (B.latencyMax ?? 99) ||
    A.mildAlarms - B.mildAlarms ||
    (A.latencyMean ?? 99) - (B.latencyMean ?? 99) ||
    b.thresholds.stormEventsPer10s - a.thresholds.stormEventsPer10s ||
    b.thresholds.stormMinActiveSeconds - a.thresholds.stormMinActiveSeconds ||
    b.thresholds.cpuThresholdPercent - a.thresholds.cpuThresholdPercent
  );
};

export function tune(): { best: GridResult | undefined; ranked: GridResult[]; tuningCount: number; heldOutCount: number } {
  const all = loadAllTraces();
  const tuning = all.filter((t) => t.tuning);
  const results: GridResult[] = [];
  for (const thresholds of grid()) {
    const s = score(tuning, { mode: 'adaptive', thresholds });
    if (s.falseAlarms === 0 && s.caught === s.harmful && s.maxNotifications <= 1) results.push({ thresholds, tuning: s });
  }
  results.sort(worse);
  return { best: results[0], ranked: results, tuningCount: tuning.length, heldOutCount: all.length - tuning.length };
}

if (require.main === module) {
  const { best, ranked, tuningCount, heldOutCount } = tune();
  const fmt = (t: StormThresholds): string => `E=${t.stormEventsPer10s}/10s S=${t.stormMinActiveSeconds} Z=${t.cpuThresholdPercent}% C=${t.hotWindowSeconds}s`;
  console.log(`tuning traces: ${tuningCount}, held out: ${heldOutCount}; rules with 0 FP and all caught on tuning: ${ranked.length}`);
  for (const r of ranked.slice(0, 12)) console.log(`${fmt(r.thresholds)}  latency max ${r.tuning.latencyMax} mean ${r.tuning.latencyMean}  mild alarms ${r.tuning.mildAlarms}/${r.tuning.mild}`);
  if (best) {
    const all = loadAllTraces();
    for (const [name, set] of [['tuning', all.filter((t) => t.tuning)], ['held-out', all.filter((t) => !t.tuning)]] as const) {
      for (const mode of ['adaptive', 'per-second'] as const) {
        const s = score(set, { mode, thresholds: best.thresholds });
        console.log(`${name} (${mode}) with ${fmt(best.thresholds)}: normal ${s.normal} FA ${s.falseAlarms} ${s.falseAlarmLabels.join(',')}; harmful ${s.caught}/${s.harmful} missed ${s.missedLabels.join(',')}; latency max ${s.latencyMax} (${s.latencyMaxLabel}) mean ${s.latencyMean}; mild alarms ${s.mildAlarms}/${s.mild}; max notifications ${s.maxNotifications}`);
      }
    }
  }
}
