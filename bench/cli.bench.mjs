// CLI benchmark (issue 2): is `go-doctor check --json` close to the floor of any Node CLI?
//
//  - baseline: `node -e` that runs `go env -json` once (child_process) and exits;
//  - doctor:   `node dist/cli.js check --json` on an unchanged machine, its persistent probe cache
//              warm (a private cache folder, warmed first);
//  both with the SAME go (the first go on PATH, else $GO_DOCTOR_TOOLCHAINS/go1.27/bin prepended),
//  in the same run, interleaved (alternating order), median of RUNS each. Target: doctor ≤ 2×.
//  - cold: the first run with an empty cache folder (median of COLD_RUNS fresh folders);
//  - in-process warm re-check (what the extension and server do): collectSnapshot + diagnose
//    called repeatedly in one process via tsx; target < 20 ms, and no process spawned (counted
//    with an async hook on PROCESSWRAP plus the synchronous child_process functions).
// Usage: node bench/cli.bench.mjs (or via bench/run.mjs, which calls run()).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { countSpawns } from './spawn-counter.mjs';

const root = resolve(import.meta.dirname, '..');
// GO_DOCTOR_BENCH_CLI measures another bundle (e.g. to compare two builds); default dist/cli.js.
const cli = resolve(process.env.GO_DOCTOR_BENCH_CLI ?? join(root, 'dist', 'cli.js'));
const RUNS = 21;
const COLD_RUNS = 5;
const IN_PROCESS_RUNS = 30;
const RATIO_TARGET = 2;
const RECHECK_TARGET_MS = 20;
const IN_PROCESS_FLAG = '--in-process-recheck';

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))];
}

function round(n) {
  return Math.round(n * 100) / 100;
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The PATH to use and the go it resolves to (the first go on PATH, else the go1.27 toolchain). */
function chooseGo(env) {
  const path = env.PATH ?? '';
  const onPath = path
    .split(delimiter)
    .filter(Boolean)
    .map((d) => join(d, 'go'))
    .find(isExecutable);
  if (onPath) return { path, go: onPath, source: 'first go on PATH' };
  const toolchains = env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
  const bin = join(toolchains, 'go1.27', 'bin');
  if (!isExecutable(join(bin, 'go'))) throw new Error(`no go on PATH and none at ${bin} (install: bash tools/go-toolchains.sh ${toolchains})`);
  return { path: `${bin}${delimiter}${path}`, go: join(bin, 'go'), source: '$GO_DOCTOR_TOOLCHAINS/go1.27 (no go on PATH)' };
}

/** Environment overrides that point the probe cache at `dir` (Linux: XDG_CACHE_HOME; macOS: HOME). */
function cacheEnv(dir) {
  return process.platform === 'darwin' ? { HOME: dir } : { XDG_CACHE_HOME: dir };
}

function timed(argv, options) {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr, error: r.error };
}

const baselineScript = "require('node:child_process').execFileSync('go', ['env', '-json'], { stdio: ['ignore', 'pipe', 'inherit'] })";

function runBaseline(options) {
  const r = timed([process.execPath, '-e', baselineScript], options);
  if (r.status !== 0) throw new Error(`baseline failed (exit ${r.status}): ${r.stderr || r.error}`);
  return r.ms;
}

/** Runs the CLI; `check` may exit 0 or 1 (findings), anything else must exit 0. */
function runDoctor(options, args = ['check', '--json']) {
  const r = timed([process.execPath, cli, ...args], options);
  const ok = r.status === 0 || (r.status === 1 && args[0] === 'check' && r.stdout.startsWith('{'));
  if (!ok) throw new Error(`go-doctor ${args.join(' ')} failed (exit ${r.status}): ${r.stderr || r.error}`);
  return r;
}

function parseReport(r) {
  const report = JSON.parse(r.stdout);
  if (report.schema !== 'go-doctor/report') throw new Error(`check --json printed no report: ${r.stdout.slice(0, 200)}`);
  return report;
}

function inProcessRecheck(options, log) {
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'bench', 'cli.bench.mjs'), IN_PROCESS_FLAG], { ...options, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`in-process re-check failed (exit ${r.status}): ${r.stderr}`);
  const line = r.stdout.trim().split('\n').at(-1);
  const result = JSON.parse(line);
  log(`in-process: first call ${result.firstMs.toFixed(1)} ms (cache ${result.firstCache}), then cache states ${[...new Set(result.cacheStates)].join(', ')}`);
  return result;
}

export async function run({ log = console.log } = {}) {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`node esbuild.mjs\` first`);
  const { path, go, source } = chooseGo(process.env);
  const work = mkdtempSync(join(tmpdir(), 'go-doctor-cli-bench-'));
  try {
    const workspace = join(work, 'module');
    spawnSync('mkdir', ['-p', workspace]);
    writeFileSync(join(workspace, 'go.mod'), 'module example.com/bench\n\ngo 1.21\n');
    writeFileSync(join(workspace, 'main.go'), 'package main\n\nfunc main() {}\n');
    const warmCache = join(work, 'cache-warm');
    const baseEnv = { ...process.env, PATH: path };
    const warm = { cwd: workspace, env: { ...baseEnv, ...cacheEnv(warmCache) } };
    const goVersion = spawnSync(go, ['version'], { env: warm.env, encoding: 'utf8' }).stdout.trim();
    log(`go: ${go} (${source}): ${goVersion}`);

    // Cold: the first run with an empty cache folder.
    const cold = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const dir = join(work, `cache-cold-${i}`);
      cold.push(runDoctor({ cwd: workspace, env: { ...baseEnv, ...cacheEnv(dir) } }).ms);
      rmSync(dir, { recursive: true, force: true });
    }

    // Warm the private cache, and check that a new process really reuses it.
    const report = parseReport(runDoctor(warm));
    log(`report: ${report.summary.total} findings (${report.summary.errors} errors) with ${report.snapshot.go.version ?? 'no go'}`);
    const snap = JSON.parse(runDoctor(warm, ['snapshot', '--no-redact']).stdout);
    log(`warm cache state seen by a new process: ${snap.options?.cache ?? 'unknown'}`);
    runBaseline(warm);

    const baseline = [];
    const doctor = [];
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        baseline.push(runBaseline(warm));
        doctor.push(runDoctor(warm).ms);
      } else {
        doctor.push(runDoctor(warm).ms);
        baseline.push(runBaseline(warm));
      }
    }
    const b = median(baseline);
    const d = median(doctor);
    const ratio = d / b;
    log(`baseline runs (ms): ${baseline.map((x) => x.toFixed(0)).join(' ')}`);
    log(`doctor runs (ms):   ${doctor.map((x) => x.toFixed(0)).join(' ')}`);

    const inProcess = inProcessRecheck(warm, log);
    return [
      { name: `baseline: node -e + go env -json, median of ${RUNS}`, value: round(b), unit: 'ms', target: 'info' },
      { name: `check --json, warm persistent cache, median of ${RUNS}`, value: round(d), unit: 'ms', target: 'info' },
      { name: 'check --json warm / baseline', value: round(ratio), unit: '×', target: `≤ ${RATIO_TARGET}×`, pass: ratio <= RATIO_TARGET },
      { name: 'warm cache reused by a new process (1 = yes)', value: snap.options?.cache === 'disk' ? 1 : 0, unit: '', target: '1', pass: snap.options?.cache === 'disk' },
      { name: `check --json, cold cache (first run), median of ${COLD_RUNS}`, value: round(median(cold)), unit: 'ms', target: 'info' },
      { name: 'check --json cold / baseline', value: round(median(cold) / b), unit: '×', target: 'info' },
      { name: `in-process warm re-check (collectSnapshot + diagnose), median of ${IN_PROCESS_RUNS}`, value: round(inProcess.median), unit: 'ms', target: `< ${RECHECK_TARGET_MS} ms`, pass: inProcess.median < RECHECK_TARGET_MS },
      { name: 'in-process warm re-check, p95', value: round(inProcess.p95), unit: 'ms', target: 'info' },
      { name: 'processes spawned by in-process warm re-checks', value: inProcess.spawned, unit: '', target: '0', pass: inProcess.spawned === 0 },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Child mode (run under `node --import tsx`): time collectSnapshot + diagnose in one process. */
async function measureInProcess() {
  const src = (p) => pathToFileURL(join(root, 'src', p)).href;
  const { collectSnapshot } = await import(src('probe/index.ts'));
  const { diagnose } = await import(src('core/diagnose.ts'));
  const options = { workspace: process.cwd(), env: process.env };

  let t = performance.now();
  const first = await collectSnapshot(options);
  diagnose(first);
  const firstMs = performance.now() - t;
  diagnose(await collectSnapshot(options));

  const spawnCount = countSpawns();

  const times = [];
  const cacheStates = [];
  for (let i = 0; i < IN_PROCESS_RUNS; i++) {
    t = performance.now();
    const snapshot = await collectSnapshot(options);
    diagnose(snapshot);
    times.push(performance.now() - t);
    cacheStates.push(snapshot.options?.cache ?? 'unknown');
  }
  process.stdout.write(`${JSON.stringify({ firstMs, firstCache: first.options?.cache ?? 'unknown', median: median(times), p95: percentile(times, 0.95), spawned: spawnCount(), cacheStates })}\n`);
}

if (process.argv.includes(IN_PROCESS_FLAG)) {
  await measureInProcess();
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await run();
  for (const row of rows) console.log(`${row.pass === false ? 'MISSED' : 'ok    '} ${row.name}: ${row.value} ${row.unit} (target ${row.target})`);
}
