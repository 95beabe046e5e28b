#!/usr/bin/env node
// The `exthost` test tier: the extension's mocha suites inside a REAL VS Code extension host
// (code-server, see test/vscode-host/). Two runs on fresh copies of test/exthost/testdata/workspace:
//   trusted     PATH starts with a constructed dir: go → go1.24, gopls → bin/gopls (real toolchains)
//   restricted  Workspace Trust on, folder untrusted; go/gopls first on PATH are wrappers that log
//               every execution (the suite asserts the log stays empty)
//   go-not-on-path  a constructed HOME with Go in ~/sdk/go1.24.4 and the PATH line in ~/.bashrc only;
//               the server resolves its environment from the login shell (`bash -i -l`), as a
//               Remote-SSH host does, so go is not on the extension host's PATH
// Usage: node test/exthost/run.mjs [trusted|restricted]…   (GO_DOCTOR_EXTHOST_GREP=pattern filters)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { missingHost } from '../vscode-host/code-server.mjs';
import { runExtensionTests } from '../vscode-host/run-tests.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? path.join(os.homedir(), '.cache', 'go-doctor', 'toolchains');
const SUITES = ['trusted', 'restricted', 'go-not-on-path'];

export function missingPrerequisites() {
  const host = missingHost();
  const tools = ['go1.24/bin/go', 'go1.27/bin/go', 'bin/gopls'].filter((p) => !fs.existsSync(path.join(toolchains, p)));
  const parts = [];
  if (host) parts.push(host);
  if (tools.length) parts.push(`missing ${tools.join(', ')} in ${toolchains} (install: bash tools/go-toolchains.sh ${toolchains})`);
  return parts.length ? parts.join('; ') : undefined;
}

/** Builds dist/ when stale (extension + server) and bundles the suites into out/exthost/<suite>/. */
export async function buildSuites({ buildDist = true } = {}) {
  if (buildDist) {
    const built = spawnSync(process.execPath, ['esbuild.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('esbuild.mjs failed');
  }
  const entryPoints = {};
  for (const suite of [...SUITES, 'bench']) {
    const dir = path.join(root, 'test/exthost', suite);
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.ts')) entryPoints[`${suite}/${f.replace(/\.ts$/, '')}`] = path.join(dir, f);
  }
  const outdir = path.join(root, 'out/exthost');
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // as esbuild.mjs: jsonc-parser's UMD build hides its requires from the bundler
    mainFields: ['module', 'main'],
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outdir;
}

/** A directory for PATH under the home directory (so the redaction test has something to redact). */
function pathDirFor(suite) {
  const base = path.join(os.homedir(), '.cache', 'go-doctor');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `exthost-${suite}-`));
  fs.mkdirSync(path.join(dir, 'bin'));
  return { dir, bin: path.join(dir, 'bin') };
}

function wrapper(real, logFile) {
  const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  return `#!/bin/sh\nprintf '%s %s\\n' "$(basename "$0")" "$*" >> ${q(logFile)}\nexec ${q(real)} "$@"\n`;
}

/**
 * A home whose Go (a link to the real go1.24 toolchain) sits in ~/sdk/go1.24.4 and whose PATH line
 * is in ~/.bashrc, which the login bash does not read (~/.bash_profile exists and does not source it).
 * PATH has no go in it.
 */
function notOnPathHome(dir) {
  const home = path.join(dir, 'home');
  fs.mkdirSync(path.join(home, 'sdk'), { recursive: true });
  fs.symlinkSync(path.join(toolchains, 'go1.24'), path.join(home, 'sdk', 'go1.24.4'));
  fs.writeFileSync(path.join(home, '.bash_profile'), 'export EDITOR=vi\n');
  fs.writeFileSync(path.join(home, '.bashrc'), 'export PATH="$HOME/sdk/go1.24.4/bin:$PATH"\n');
  const noGo = (process.env.PATH ?? '').split(':').filter((d) => d && !fs.existsSync(path.join(d, 'go')));
  return { HOME: home, SHELL: '/bin/bash', PATH: noGo.join(':'), GO_DOCTOR_TEST_HOME: home };
}

/**
 * One host run of a suite. `stableDir` (bench): reuse this folder for the constructed PATH (kept
 * afterwards), so that runs share one PATH and, with XDG_CACHE_HOME in `env`, one probe cache.
 */
export async function runSuite(suite, outdir, { quiet = false, env: extraEnv = {}, stableDir } = {}) {
  let dir;
  let bin;
  if (stableDir) {
    dir = stableDir;
    bin = path.join(stableDir, 'bin');
    fs.rmSync(bin, { recursive: true, force: true });
    fs.mkdirSync(bin, { recursive: true });
  } else ({ dir, bin } = pathDirFor(suite));
  const env = { ...extraEnv, GO_DOCTOR_TOOLCHAINS: toolchains, GO_DOCTOR_TEST_PATH_DIR: bin, PATH: `${bin}:${process.env.PATH}` };
  if (suite === 'go-not-on-path') Object.assign(env, notOnPathHome(dir));
  if (process.env.GO_DOCTOR_EXTHOST_GREP) env.GO_DOCTOR_EXTHOST_GREP = process.env.GO_DOCTOR_EXTHOST_GREP;
  const real = { go: path.join(toolchains, 'go1.24/bin/go'), gopls: path.join(toolchains, 'bin/gopls') };
  if (suite === 'restricted') {
    env.GO_DOCTOR_EXEC_LOG = path.join(dir, 'exec.log');
    for (const [name, target] of Object.entries(real)) fs.writeFileSync(path.join(bin, name), wrapper(target, env.GO_DOCTOR_EXEC_LOG), { mode: 0o755 });
  } else {
    for (const [name, target] of Object.entries(real)) fs.symlinkSync(target, path.join(bin, name));
  }
  try {
    return await runExtensionTests({
      ext: root,
      tests: path.join(outdir, suite, 'index.js'),
      workspace: path.join(root, 'test/exthost/testdata/workspace'),
      restricted: suite === 'restricted',
      loginShellEnv: suite === 'go-not-on-path',
      timeoutS: Number(process.env.GO_DOCTOR_EXTHOST_TIMEOUT ?? 300),
      env,
      quiet,
    });
  } finally {
    if (!stableDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (path.resolve(process.argv[1] ?? '') === import.meta.filename) {
  const missing = missingPrerequisites();
  if (missing) {
    console.error(`exthost: ${missing}`);
    process.exit(2);
  }
  const wanted = process.argv.slice(2).length ? process.argv.slice(2) : SUITES;
  const outdir = await buildSuites();
  const results = [];
  for (const suite of wanted) {
    if (!SUITES.includes(suite)) throw new Error(`unknown suite ${suite} (${SUITES.join(', ')})`);
    console.log(`\n--- exthost suite: ${suite} ---`);
    const r = await runSuite(suite, outdir);
    results.push([suite, r]);
  }
  console.log('\n--- exthost summary ---');
  for (const [suite, r] of results) console.log(`${suite.padEnd(11)} exit ${r.exitCode}  ${r.summary || '(no summary)'}  ${r.seconds.toFixed(1)} s`);
  process.exit(results.some(([, r]) => r.exitCode !== 0) ? 1 : 0);
}
