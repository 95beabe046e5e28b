import type { ScenarioSpec } from './scenario.js';

/**
 * The scenario lists. `representative` is the default `npm run bench` subset (≈ 4–5 min of
 * scenarios on a 2-core machine); `full` is the matrix (WATCHDOG_BENCH=full, ≈ 40 min per repetition).
 */

export const STORM_KINDS = ['go-edit', 'go-create', 'gen-dir', 'gomod', 'nongo'] as const;
export const STORM_RATES = [10, 100, 1000, 5000] as const;

const storm = (kind: (typeof STORM_KINDS)[number], rate: number, rep: string): ScenarioSpec => ({
  label: `${kind}-${rate}-${rep}`,
  kind,
  rate,
  durationS: 10,
  expect: 'storm',
});

export function normalWork(rep: string): ScenarioSpec[] {
  return [
    { label: `idle-30s-${rep}`, kind: 'none', rate: 0, durationS: 30, expect: 'normal', maxSettleS: 5 },
    { label: `typing-5hz-30s-${rep}`, kind: 'typing', rate: 5, durationS: 30, expect: 'normal', maxSettleS: 15 },
    { label: `save-every2s-60s-${rep}`, kind: 'save', rate: 0.5, durationS: 60, expect: 'normal', maxSettleS: 15 },
    { label: `save-every1s-60s-${rep}`, kind: 'save', rate: 1, durationS: 60, expect: 'normal', maxSettleS: 15 },
    { label: `checkout-2000-${rep}`, kind: 'checkout', rate: 2000, burst: 2000, durationS: 1, expect: 'normal', maxSettleS: 30 },
    { label: `format-300-${rep}`, kind: 'format', rate: 500, burst: 300, durationS: 1, expect: 'normal', maxSettleS: 30 },
    { label: `git-commit-every10s-30s-${rep}`, kind: 'git-commit', rate: 0.1, durationS: 30, expect: 'normal', maxSettleS: 15 },
  ];
}

export function specialStorms(rep: string): ScenarioSpec[] {
  return [
    { label: `restart-midstorm-gomod-10-${rep}`, kind: 'gomod', rate: 10, durationS: 20, expect: 'storm', restartAtS: 8 },
    { label: `vanish-midstorm-gomod-10-${rep}`, kind: 'gomod', rate: 10, durationS: 15, expect: 'storm', killAtS: 7 },
    { label: `restart-midstorm-go-edit-1000-${rep}`, kind: 'go-edit', rate: 1000, durationS: 20, expect: 'storm', restartAtS: 8 },
  ];
}

export function fullMatrix(rep: string): ScenarioSpec[] {
  const out: ScenarioSpec[] = [];
  for (const kind of STORM_KINDS) for (const rate of STORM_RATES) out.push(storm(kind, rate, rep));
  return [...normalWork(rep), ...out, ...specialStorms(rep)];
}

export function representative(rep: string): ScenarioSpec[] {
  return [
    { label: `save-every2s-30s-${rep}`, kind: 'save', rate: 0.5, durationS: 30, expect: 'normal', maxSettleS: 10 },
    { label: `checkout-2000-${rep}`, kind: 'checkout', rate: 2000, burst: 2000, durationS: 1, expect: 'normal', maxSettleS: 20 },
    storm('gomod', 10, rep),
    storm('go-edit', 1000, rep),
    storm('gen-dir', 1000, rep),
    storm('nongo', 1000, rep),
    { label: `restart-midstorm-gomod-10-${rep}`, kind: 'gomod', rate: 10, durationS: 20, expect: 'storm', restartAtS: 8 },
  ];
}
