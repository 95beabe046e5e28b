// Go discovery benchmark (issue 10): finding Go installations outside PATH and recording the
// shell's startup files must spawn no process and take < 20 ms.
//  - a constructed home with Go in ~/sdk (two versions), asdf, mise, goenv and a downloaded
//    toolchain module, and bash startup files; the real go1.24 toolchain stands behind the links;
//  - child mode under tsx: findGoInstallations + probeShellStartupFiles, median of RUNS after a
//    warm-up, and every process spawned meanwhile counted (async hook on PROCESSWRAP plus the
//    synchronous child_process functions).
// Usage: node bench/go-discovery.bench.mjs (or via bench/run.mjs, which calls run()).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { countSpawns } from './spawn-counter.mjs';

const root = resolve(import.meta.dirname, '..');
const RUNS = 50;
const TARGET_MS = 20;
const CHILD_FLAG = '--go-discovery-child';
const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');

function constructHome() {
  const home = mkdtempSync(join(tmpdir(), 'go-doctor-discovery-bench-'));
  // the first one links to a real toolchain; the others are GOROOTs of their own (bin/go and VERSION)
  symlinkSync(join(toolchains, 'go1.24'), (mkdirSync(join(home, 'sdk'), { recursive: true }), join(home, 'sdk', 'go1.24.4')));
  const link = (rel) => {
    if (rel === 'sdk/go1.24.4') return;
    mkdirSync(join(home, rel, 'bin'), { recursive: true });
    writeFileSync(join(home, rel, 'bin', 'go'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    writeFileSync(join(home, rel, 'VERSION'), 'go1.2x.0\ntime 2025-01-01T00:00:00Z\n');
  };
  link('sdk/go1.24.4');
  link('sdk/go1.23.9');
  link('.asdf/installs/golang/1.22.0/go');
  link('.local/share/mise/installs/go/1.21.3');
  link('.goenv/versions/1.20.1');
  link('go/pkg/mod/golang.org/toolchain@v0.0.1-go1.25.3.linux-amd64');
  writeFileSync(join(home, '.bash_profile'), 'export EDITOR=vi\n'.repeat(50));
  writeFileSync(join(home, '.bashrc'), 'alias ll="ls -l"\n'.repeat(200) + 'export PATH="$HOME/sdk/go1.24.4/bin:$PATH"\n');
  writeFileSync(join(home, '.profile'), '. ~/.bashrc\n');
  return home;
}

async function child() {
  const spawnCount = countSpawns();
  const { findGoInstallations } = await import(pathToFileURL(join(root, 'src/probe/go-installations.ts')).href);
  const { probeShellStartupFiles } = await import(pathToFileURL(join(root, 'src/probe/shell-startup-files.ts')).href);
  const { nodeFileSystem } = await import(pathToFileURL(join(root, 'src/probe/filesystem.ts')).href);
  const home = process.env.BENCH_HOME;
  const env = { HOME: home, SHELL: '/bin/bash', PATH: '/usr/bin:/bin' };
  let found = 0;
  for (let i = 0; i < 5; i++) found = (await findGoInstallations('linux', env, nodeFileSystem)).length;
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await Promise.all([findGoInstallations('linux', env, nodeFileSystem), probeShellStartupFiles('linux', env, nodeFileSystem)]);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ medianMs: times[Math.floor(times.length / 2)], p90Ms: times[Math.floor(times.length * 0.9)], spawned: spawnCount(), found }));
}

export async function run({ log = console.log } = {}) {
  const home = constructHome();
  try {
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'bench', 'go-discovery.bench.mjs'), CHILD_FLAG], { env: { ...process.env, BENCH_HOME: home }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`go discovery bench failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout);
    log(`go discovery: ${m.found} installations found; median ${m.medianMs.toFixed(2)} ms, p90 ${m.p90Ms.toFixed(2)} ms; ${m.spawned} processes spawned`);
    return [
      { name: 'installations found in the constructed home', value: m.found, unit: '', target: '6', pass: m.found === 6 },
      { name: 'discovery + startup files, median', value: Math.round(m.medianMs * 100) / 100, unit: 'ms', target: `< ${TARGET_MS} ms`, pass: m.medianMs < TARGET_MS },
      { name: 'discovery + startup files, p90', value: Math.round(m.p90Ms * 100) / 100, unit: 'ms' },
      { name: 'processes spawned by discovery', value: m.spawned, unit: '', target: '0', pass: m.spawned === 0 },
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv.includes(CHILD_FLAG)) await child();
else if (resolve(process.argv[1] ?? '') === import.meta.filename) {
  const rows = await run();
  for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit} ${r.pass === undefined ? '' : r.pass ? 'ok' : 'MISSED'}`);
}
