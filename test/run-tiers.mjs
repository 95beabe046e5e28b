#!/usr/bin/env node
// Runs every test tier (or the ones named on the command line): `node test/run-tiers.mjs [tier…]`.
// A tier whose prerequisites are missing is skipped locally with the reason and the command that
// installs them; with CI=true that is a failure, never a skip.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
export const toolchainsDir = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const vscodeHostHome = process.env.VSCODE_HOST_HOME ?? join(homedir(), '.cache', 'vscode-host');
process.env.VSCODE_HOST_HOME = vscodeHostHome;
process.env.GO_DOCTOR_TOOLCHAINS = toolchainsDir;
const { missingPrerequisites: exthostMissing } = await import('./exthost/run.mjs');
const { missingPrerequisites: uiMissing } = await import('./ui/ui-smoke.mjs');

function testFiles(...dirs) {
  const out = [];
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts')) out.push(p);
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return out.sort();
}

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

const nodeTest = (dirs, env) => () => {
  const files = testFiles(...[dirs].flat());
  if (files.length === 0) {
    console.error(`no tests found under ${dirs}`);
    return false;
  }
  return run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], env);
};

const tiers = {
  static: {
    what: 'type check, lint, no unused exports',
    missing: () => undefined,
    run: () => run('npx', ['tsc', '-p', '.', '--noEmit']) && run('npx', ['eslint', '.']) && run('npx', ['tsx', 'tools/unused-exports.ts', '--check']),
  },
  unit: { what: 'pure core, parsers, recorded snapshots', missing: () => undefined, run: nodeTest(['test/unit', 'test/exthost/pure']) },
  toolchain: {
    what: 'real Go 1.21 / 1.24 / 1.27 and gopls',
    missing: () => {
      const need = ['go1.21/bin/go', 'go1.24/bin/go', 'go1.27/bin/go', 'bin/gopls'].filter((p) => !existsSync(join(toolchainsDir, p)));
      const shells = ['/bin/bash', '/usr/bin/zsh', '/usr/bin/fish'].filter((p) => !existsSync(p));
      const parts = [];
      if (need.length) parts.push(`missing ${need.join(', ')} in ${toolchainsDir} (install: bash tools/go-toolchains.sh ${toolchainsDir})`);
      if (shells.length) parts.push(`missing ${shells.join(', ')} (install: apt-get install zsh fish)`);
      return parts.length ? parts.join('; ') : undefined;
    },
    run: () => run(process.execPath, ['esbuild.mjs', '--if-stale']) && nodeTest('test/toolchain', { GO_DOCTOR_TOOLCHAINS: toolchainsDir })(),
  },
  exthost: {
    what: 'the extension inside a real VS Code extension host (code-server), trusted and Restricted Mode',
    missing: () => exthostMissing(),
    run: () => run(process.execPath, ['test/exthost/run.mjs'], { GO_DOCTOR_TOOLCHAINS: toolchainsDir }),
  },
  ui: {
    what: 'UI smoke: the packaged .vsix in the real workbench, headless Chromium (screenshots in test-output/ui)',
    missing: () => uiMissing(),
    run: () => run(process.execPath, ['test/ui/ui-smoke.mjs'], { GO_DOCTOR_TOOLCHAINS: toolchainsDir }),
  },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(tiers);
const results = [];
for (const name of wanted) {
  const tier = tiers[name];
  if (!tier) {
    console.error(`unknown tier "${name}" (tiers: ${Object.keys(tiers).join(', ')})`);
    process.exit(2);
  }
  const missing = tier.missing();
  if (missing) {
    results.push([name, ci ? 'FAILED (prerequisite missing in CI)' : 'skipped', missing]);
    continue;
  }
  console.log(`\n=== tier ${name}: ${tier.what} ===`);
  const t0 = Date.now();
  results.push([name, tier.run() ? 'passed' : 'FAILED', `${((Date.now() - t0) / 1000).toFixed(1)} s`]);
}
console.log('\n=== summary ===');
for (const [name, status, note] of results) console.log(`${name.padEnd(10)} ${status}  ${note}`);
process.exit(results.some(([, s]) => s.startsWith('FAILED')) ? 1 : 0);
