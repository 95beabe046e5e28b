// Probe benchmark: the timings the unit and toolchain tests used to assert (issue 11 item 8), as
// figures against baselines measured in the same run, so a loaded machine cannot fail a test.
//  - warm re-check of an unchanged machine (in-process cache), real go1.27 and gopls on PATH:
//    median of RUNS, target < 20 ms; baseline: the cold probe of the same machine (real processes).
//  - the same with the recorded Linux machine and a zero-latency fake runner (what
//    test/unit/probe/cache.test.ts checks for "spawns nothing"): median, target < 20 ms.
//  - parseProcStat and parsePsOutput on hostile input (the property tests' generators, fixed seed):
//    slowest call, targets < 50 ms and < 100 ms; baseline: splitting the same inputs on blanks
//    (ratio of the totals).
// Child mode under tsx (the sources are TypeScript). Usage: node bench/run.mjs probe.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const RUNS = 21;
const PARSER_INPUTS = 2000;
const SEED = 20261205;
const CHILD_FLAG = '--probe-child';
const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');

const src = (rel) => import(pathToFileURL(join(root, rel)).href);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeWarm(probeMachine, options) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await probeMachine(options);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Counts the commands a runner is asked to run. */
function counting(inner) {
  const runner = { calls: 0, run: (argv, o) => (runner.calls++, inner.run(argv, o)) };
  return runner;
}

async function realMachine() {
  const go = join(toolchains, 'go1.27', 'bin');
  const gopls = join(toolchains, 'bin');
  if (!existsSync(join(go, 'go')) || !existsSync(join(gopls, 'gopls'))) return { skipped: `no go1.27 and gopls in ${toolchains}` };
  const { probeMachine } = await src('src/probe/machine.ts');
  const { ProbeCache } = await src('src/probe/cache.ts');
  const { processRunner } = await src('src/probe/run-command.ts');
  const home = mkdtempSync(join(tmpdir(), 'go-doctor-probe-bench-'));
  try {
    const options = { env: { PATH: [go, gopls, '/usr/bin', '/bin'].join(':'), HOME: home, GOTOOLCHAIN: 'local' }, cache: new ProbeCache({ file: join(home, 'probe-cache.json') }) };
    const t0 = performance.now();
    await probeMachine({ ...options, runner: processRunner });
    const coldMs = performance.now() - t0;
    const warm = counting(processRunner);
    const warmMs = await timeWarm(probeMachine, { ...options, runner: warm });
    return { coldMs, warmMs, spawned: warm.calls };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function recordedMachine() {
  const { probeMachine } = await src('src/probe/machine.ts');
  const { ProbeCache } = await src('src/probe/cache.ts');
  const { executable, FakeFileSystem, textFile } = await src('test/support/fake-filesystem.ts');
  const { FakeRunner } = await src('test/support/fake-runner.ts');
  const fs = new FakeFileSystem({
    '/usr/local/go/bin/go': executable(14_000_000, 1000),
    '/usr/local/go/go.env': textFile('GOTOOLCHAIN=auto\n'),
    '/home/ada/bin/gopls': executable(30_000_000, 2000),
  });
  const runner = () =>
    new FakeRunner([
      [['/usr/local/go/bin/go', 'version'], { stdout: 'go version go1.24.4 linux/amd64\n' }],
      [['/usr/local/go/bin/go', 'env', '-json'], { stdout: JSON.stringify({ GOROOT: '/usr/local/go', GOTOOLDIR: '/usr/local/go/pkg/tool/linux_amd64' }) }],
      [['/usr/local/go/bin/go', 'tool'], { stdout: '[]' }],
      [['/usr/local/go/bin/go', 'version', '-m'], { stdout: '/home/ada/bin/gopls: go1.24.4\n' }],
    ]);
  const base = {
    fs,
    env: { PATH: '/usr/local/go/bin:/home/ada/bin', HOME: '/home/ada' },
    host: { platform: 'linux', arch: 'x64', release: '6.1.0' },
    workingDirectory: '/tmp/neutral',
    currentDirectory: '/',
  };
  const coldTimes = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await probeMachine({ ...base, runner: runner(), cache: new ProbeCache() });
    coldTimes.push(performance.now() - t0);
  }
  const cache = new ProbeCache();
  await probeMachine({ ...base, runner: runner(), cache });
  const warm = runner();
  const warmMs = await timeWarm(probeMachine, { ...base, runner: warm, cache });
  return { coldMs: median(coldTimes), warmMs, spawned: warm.calls.length };
}

async function parsers() {
  const fc = (await import('fast-check')).default;
  const { parseProcStat } = await src('src/watchdog/proc-stat.ts');
  const { parsePsOutput } = await src('src/watchdog/ps-output.ts');
  const statInputs = fc.sample(
    fc.oneof(fc.string({ maxLength: 600 }), fc.array(fc.oneof(fc.constantFrom('(', ')', ' ', '-1', '7', 'gopls', 'S'), fc.string({ maxLength: 5 })), { maxLength: 80 }).map((a) => a.join(' '))),
    { seed: SEED, numRuns: PARSER_INPUTS },
  );
  const psInputs = fc.sample(fc.string({ maxLength: 2000 }), { seed: SEED, numRuns: PARSER_INPUTS });
  /** Slowest single call, and the total over all inputs (the ratio's numerator or denominator). */
  const measure = (inputs, f) => {
    for (const x of inputs.slice(0, 50)) f(x); // warm-up
    let worst = 0;
    const start = performance.now();
    for (const x of inputs) {
      const t0 = performance.now();
      f(x);
      worst = Math.max(worst, performance.now() - t0);
    }
    return { worst, total: performance.now() - start };
  };
  const split = (x) => x.split(/\s+/);
  return {
    procStat: measure(statInputs, parseProcStat),
    procStatBaseline: measure(statInputs, split),
    ps: measure(psInputs, parsePsOutput),
    psBaseline: measure(psInputs, (x) => x.split('\n').map(split)),
  };
}

async function child() {
  process.stdout.write(JSON.stringify({ real: await realMachine(), recorded: await recordedMachine(), parsers: await parsers() }));
}

const round = (x) => Math.round(x * 100) / 100;

export async function run({ log = console.log } = {}) {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'bench', 'probe.bench.mjs'), CHILD_FLAG], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`probe bench failed: ${r.stderr}`);
  const { real, recorded, parsers: p } = JSON.parse(r.stdout);
  const rows = [];
  if (real.skipped) log(`real toolchains: skipped (${real.skipped})`);
  else {
    log(`real go1.27 + gopls: cold ${real.coldMs.toFixed(0)} ms, warm median ${real.warmMs.toFixed(2)} ms, ${real.spawned} commands while warm`);
    rows.push(
      { name: 'real toolchains: cold probe (baseline)', value: round(real.coldMs), unit: 'ms', target: 'info' },
      { name: `real toolchains: warm re-check, median of ${RUNS}`, value: round(real.warmMs), unit: 'ms', target: '< 20 ms', pass: real.warmMs < 20 },
      { name: 'real toolchains: warm / cold', value: round(real.warmMs / real.coldMs), unit: '×', target: 'info' },
      { name: 'real toolchains: commands run while warm', value: real.spawned, unit: '', target: '0', pass: real.spawned === 0 },
    );
  }
  rows.push(
    { name: `recorded machine: cold probe, fake runner, median of ${RUNS} (baseline)`, value: round(recorded.coldMs), unit: 'ms', target: 'info' },
    { name: `recorded machine: warm re-check, median of ${RUNS}`, value: round(recorded.warmMs), unit: 'ms', target: '< 20 ms', pass: recorded.warmMs < 20 },
    { name: 'recorded machine: warm / cold', value: round(recorded.warmMs / recorded.coldMs), unit: '×', target: 'info' },
    { name: `parseProcStat: slowest of ${PARSER_INPUTS} hostile inputs`, value: round(p.procStat.worst), unit: 'ms', target: '< 50 ms', pass: p.procStat.worst < 50 },
    { name: 'parseProcStat / split on blanks (baseline), all inputs', value: round(p.procStat.total / p.procStatBaseline.total), unit: '×', target: 'info' },
    { name: `parsePsOutput: slowest of ${PARSER_INPUTS} hostile inputs`, value: round(p.ps.worst), unit: 'ms', target: '< 100 ms', pass: p.ps.worst < 100 },
    { name: 'parsePsOutput / split lines and blanks (baseline), all inputs', value: round(p.ps.total / p.psBaseline.total), unit: '×', target: 'info' },
  );
  return rows;
}

if (process.argv.includes(CHILD_FLAG)) await child();
else if (resolve(process.argv[1] ?? '') === import.meta.filename) {
  const rows = await run();
  for (const row of rows) console.log(`${row.name}: ${row.value} ${row.unit} ${row.pass === undefined ? '' : row.pass ? 'ok' : 'MISSED'}`);
}
