// Parsers on large adversarial input (issue 11 item 8): the "finishes in well under a second" limits
// the unit tests used to assert, as figures against a baseline measured in the same run.
//  - every machine-facts parser on each 1 MB input of test/support/large-facts-inputs.ts;
//    target < 1000 ms per input; baseline: splitting the same input into lines.
//  - parseGoEnvFile on 'A=' × 500 000 and '\n' × 2 000 000; target < 2000 ms.
//  - the workspace parsers and model builder on the hostile inputs of their property tests: those
//    tests run here with $GO_DOCTOR_TIMINGS_FILE set and report their slowest call per parser
//    (test/support/timings.ts); targets < 500 ms per parser call, < 2000 ms per model build.
// Child mode under tsx (the sources are TypeScript). Usage: node bench/run.mjs parsers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const CHILD_FLAG = '--parsers-child';

async function child() {
  const f = await import(pathToFileURL(join(root, 'src/core/facts/index.ts')).href);
  const { LARGE_FACTS_INPUTS: inputs, runEveryFactsParser: all } = await import(pathToFileURL(join(root, 'test/support/large-facts-inputs.ts')).href);
  const time = (fn, input) => {
    const t0 = performance.now();
    fn(input);
    return performance.now() - t0;
  };
  let worst = 0;
  let total = 0;
  let baseline = 0;
  for (const input of inputs) {
    const ms = time(all, input);
    worst = Math.max(worst, ms);
    total += ms;
    baseline += time((x) => x.split('\n'), input);
  }
  const envFile = time(f.parseGoEnvFile, 'A='.repeat(500_000)) + time(f.parseGoEnvFile, '\n'.repeat(2_000_000));
  const envBaseline = time((x) => x.split('\n'), 'A='.repeat(500_000)) + time((x) => x.split('\n'), '\n'.repeat(2_000_000));
  process.stdout.write(JSON.stringify({ inputs: inputs.length, worst, total, baseline, envFile, envBaseline }));
}

const round = (x) => Math.round(x * 100) / 100;
const PROPERTY_TESTS = ['test/unit/workspace/parsers.property.test.ts', 'test/unit/workspace/invocations.test.ts', 'test/unit/edits/jsonc-value-edit.property.test.ts'];

/** Slowest call per label, as the property tests measured them. */
function propertyTestTimings() {
  const dir = mkdtempSync(join(tmpdir(), 'go-doctor-timings-'));
  const file = join(dir, 'timings.jsonl');
  try {
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--test', ...PROPERTY_TESTS], { cwd: root, encoding: 'utf8', env: { ...process.env, GO_DOCTOR_TIMINGS_FILE: file } });
    if (r.status !== 0) throw new Error(`the property tests failed:\n${r.stdout.slice(-4000)}`);
    const out = {};
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      for (const [label, ms] of Object.entries(JSON.parse(line))) out[label] = Math.max(out[label] ?? 0, ms);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run({ log = console.log } = {}) {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'bench', 'parsers.bench.mjs'), CHILD_FLAG], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`parsers bench failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout);
  log(`facts parsers: slowest 1 MB input ${m.worst.toFixed(0)} ms; go env file ${m.envFile.toFixed(0)} ms`);
  const timings = propertyTestTimings();
  const workspace = Object.entries(timings)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, ms]) => {
      const limit = label.startsWith('workspace model builder') ? 2000 : label.startsWith('JSONC') ? 200 : 500;
      return { name: `${label}: slowest call on hostile input`, value: round(ms), unit: 'ms', target: `< ${limit} ms`, pass: ms < limit };
    });
  return [
    ...workspace,
    { name: `facts parsers: slowest of ${m.inputs} 1 MB adversarial inputs`, value: round(m.worst), unit: 'ms', target: '< 1000 ms', pass: m.worst < 1000 },
    { name: 'facts parsers / split into lines (baseline), all inputs', value: round(m.total / Math.max(m.baseline, 0.001)), unit: '×', target: 'info' },
    { name: "parseGoEnvFile: 'A=' × 500 000 and '\\n' × 2 000 000", value: round(m.envFile), unit: 'ms', target: '< 2000 ms', pass: m.envFile < 2000 },
    { name: 'parseGoEnvFile / split into lines (baseline)', value: round(m.envFile / Math.max(m.envBaseline, 0.001)), unit: '×', target: 'info' },
  ];
}

if (process.argv.includes(CHILD_FLAG)) await child();
else if (resolve(process.argv[1] ?? '') === import.meta.filename) {
  const rows = await run();
  for (const row of rows) console.log(`${row.name}: ${row.value} ${row.unit} ${row.pass === undefined ? '' : row.pass ? 'ok' : 'MISSED'}`);
}
