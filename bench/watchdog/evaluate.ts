/** Scores the detector (through the real StormMonitor) on a set of recorded traces. */
import { replayTrace, type ReplayOptions, type ReplayResult } from '../../src/watchdog/trace-replay.js';
import type { NamedTrace } from './trace-sets.js';

export interface Score {
  traces: number;
  normal: number;
  /** Normal-work traces with at least one alarm (must be 0). */
  falseAlarms: number;
  falseAlarmLabels: string[];
  harmful: number;
  caught: number;
  missedLabels: string[];
  mild: number;
  mildAlarms: number;
  /** Seconds from "gopls turned hot" (3-s mean ≥ 50 %) to the alarm, over caught harmful traces. */
  latencyMean: number | undefined;
  latencyMax: number | undefined;
  latencyMaxLabel: string | undefined;
  /** Periodic loads (watch loops) caught: alarm delay after the loop started, in loop periods (target ≤ 2). */
  periodic: number;
  latencyPeriodsMax: number | undefined;
  latencyPeriodsMaxLabel: string | undefined;
  /** Most notifications any single trace produced (one storm per trace: must be ≤ 1). */
  maxNotifications: number;
  results: ReplayResult[];
}

export function score(traces: NamedTrace[], options: ReplayOptions = {}): Score {
  const results = traces.map((t) => replayTrace(t.trace, options));
  const normal = results.filter((r) => r.class === 'normal');
  const harmful = results.filter((r) => r.class === 'harmful');
  const mild = results.filter((r) => r.class === 'mild');
  const fa = normal.filter((r) => r.alarms.length > 0);
  const caught = harmful.filter((r) => r.alarms.length > 0);
  const lat = caught.map((r) => r.latencyS).filter((x): x is number => x !== undefined);
  let latencyMaxLabel: string | undefined;
  let latencyMax: number | undefined;
  for (const r of caught) {
    if (r.latencyS !== undefined && (latencyMax === undefined || r.latencyS > latencyMax)) {
      latencyMax = r.latencyS;
      latencyMaxLabel = r.label;
    }
  }
  let latencyPeriodsMax: number | undefined;
  let latencyPeriodsMaxLabel: string | undefined;
  for (const r of caught) {
    if (r.latencyPeriods !== undefined && (latencyPeriodsMax === undefined || r.latencyPeriods > latencyPeriodsMax)) {
      latencyPeriodsMax = r.latencyPeriods;
      latencyPeriodsMaxLabel = r.label;
    }
  }
  return {
    traces: results.length,
    periodic: harmful.filter((r) => r.periodS !== undefined).length,
    latencyPeriodsMax,
    latencyPeriodsMaxLabel,
    normal: normal.length,
    falseAlarms: fa.length,
    falseAlarmLabels: fa.map((r) => r.label),
    harmful: harmful.length,
    caught: caught.length,
    missedLabels: harmful.filter((r) => r.alarms.length === 0).map((r) => r.label),
    mild: mild.length,
    mildAlarms: mild.filter((r) => r.alarms.length > 0).length,
    latencyMean: lat.length ? +(lat.reduce((a, b) => a + b, 0) / lat.length).toFixed(2) : undefined,
    latencyMax,
    latencyMaxLabel,
    maxNotifications: Math.max(0, ...results.map((r) => r.notifications)),
    results,
  };
}
