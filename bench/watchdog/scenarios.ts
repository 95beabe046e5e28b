import type { ModuleShape } from './generate-module.js';
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
  return [...normalWork(rep), ...out, ...specialStorms(rep), ...moduleLoops(rep), ...everydayWork(rep)];
}

/** A smaller module (500 .go files) for the module-size variation. */
export const SMALL_SHAPE: ModuleShape = { pkgs: 50, filesPerPkg: 10, nodeModulesFiles: 200 };

const loop = (file: 'go.mod' | 'go.sum' | 'go.work', periodMs: number, rep: string, small = false): ScenarioSpec => ({
  label: `${file.replace('.', '')}-every${periodMs}ms-20s${small ? '-small' : ''}-${rep}`,
  kind: 'modfile-loop',
  loopFile: file,
  periodMs,
  rate: 1000 / periodMs,
  durationS: 20,
  expect: 'storm',
  ...(small ? { shape: SMALL_SHAPE } : {}),
});

const regen = (periodMs: number, durationS: number, rep: string, small = false): ScenarioSpec => ({
  label: `watch-regen-every${periodMs / 1000}s-${durationS}s${small ? '-small' : ''}-${rep}`,
  kind: 'watch-regen',
  periodMs,
  regenFiles: 40,
  rate: 41000 / periodMs,
  durationS,
  expect: 'storm',
  ...(small ? { shape: SMALL_SHAPE } : {}),
});

/** Issue 12's storm shapes: a module file rewritten in a loop, and a watch loop regenerating code. */
export function moduleLoops(rep: string): ScenarioSpec[] {
  return [
    loop('go.mod', 500, rep),
    loop('go.mod', 800, rep, true),
    loop('go.sum', 300, rep),
    loop('go.sum', 600, rep, true),
    loop('go.work', 400, rep),
    loop('go.work', 1000, rep, true),
    regen(4000, 48, rep),
    regen(3000, 45, rep),
    regen(5000, 50, rep, true),
  ];
}

/** Issue 12's kinds of everyday work, most of them real commands run in the workspace. */
export function everydayWork(rep: string): ScenarioSpec[] {
  return [
    { label: `git-checkout-800-${rep}`, kind: 'git-checkout', rate: 0, durationS: 10, expect: 'normal', maxSettleS: 30 },
    { label: `gofmt-w-module-${rep}`, kind: 'gofmt-module', rate: 0, durationS: 10, expect: 'normal', maxSettleS: 30 },
    { label: `go-generate-${rep}`, kind: 'go-generate', rate: 0, durationS: 12, expect: 'normal', maxSettleS: 30 },
    { label: `go-mod-tidy-${rep}`, kind: 'go-mod-tidy', rate: 0, durationS: 8, expect: 'normal', maxSettleS: 30 },
    { label: `save-every2s-30s-${rep}`, kind: 'save', rate: 0.5, durationS: 30, expect: 'normal', maxSettleS: 15 },
    { label: `npm-install-${rep}`, kind: 'npm-install', rate: 0, durationS: 10, expect: 'normal', maxSettleS: 20 },
    { label: `make-generate-tidy-${rep}`, kind: 'make-generate-tidy', rate: 0, durationS: 15, expect: 'normal', maxSettleS: 30 },
  ];
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
