#!/usr/bin/env node
// Runs the benchmarks: every bench/*.bench.mjs in sequence (or those named on the command line:
// `node bench/run.mjs cli server`). Each bench exports `async function run({ log })` returning rows
// `{ name, value, unit, target?, pass? }`. Prints one table per bench and a summary, and writes
// bench-results/latest.json. Exits 1 only when a bench fails to run; a missed target is reported,
// not fatal (figures on a shared machine vary). Builds dist/ first when it is stale.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, 'bench');
const resultsFile = join(root, 'bench-results', 'latest.json');

function benchFiles(filters) {
  const all = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.mjs'))
    .sort();
  if (filters.length === 0) return { files: all, unknown: [] };
  const name = (f) => basename(f, '.bench.mjs');
  return { files: all.filter((f) => filters.includes(name(f))), unknown: filters.filter((x) => !all.some((f) => name(f) === x)) };
}

/** A row as the contract says, or the reason it is not one. */
function rowProblem(row) {
  if (typeof row !== 'object' || row === null) return 'a row is not an object';
  if (typeof row.name !== 'string' || row.name === '') return 'a row has no name';
  if (typeof row.value !== 'number' || !Number.isFinite(row.value)) return `row "${row.name}" has no finite value`;
  if (typeof row.unit !== 'string') return `row "${row.name}" has no unit`;
  if (row.pass !== undefined && typeof row.pass !== 'boolean') return `row "${row.name}" has a non-boolean pass`;
  return undefined;
}

function status(row) {
  if (row.pass === undefined) return '';
  return row.pass ? 'ok' : 'MISSED';
}

function formatValue(row) {
  if (Number.isInteger(row.value)) return `${row.value} ${row.unit}`.trim();
  const v = Math.abs(row.value) >= 100 ? row.value.toFixed(0) : Math.abs(row.value) >= 10 ? row.value.toFixed(1) : row.value.toFixed(2);
  return `${v} ${row.unit}`.trim();
}

function printTable(title, rows) {
  const cells = rows.map((r) => [r.name, formatValue(r), r.target === undefined ? '' : String(r.target), status(r)]);
  const headers = ['measurement', 'value', 'target', 'status'];
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 1 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
}

function ensureBuilt() {
  const r = spawnSync(process.execPath, ['esbuild.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building dist/ failed (node esbuild.mjs --if-stale)');
}

async function main() {
  const { files, unknown } = benchFiles(process.argv.slice(2));
  if (unknown.length) {
    console.error(`unknown bench: ${unknown.join(', ')} (have: ${benchFiles([]).files.map((f) => basename(f, '.bench.mjs')).join(', ')})`);
    process.exit(2);
  }
  ensureBuilt();
  const results = [];
  for (const file of files) {
    const name = basename(file, '.bench.mjs');
    const log = (...args) => console.log(`  [${name}]`, ...args);
    console.log(`\n=== bench ${name} ===`);
    const started = performance.now();
    const result = { name, file: `bench/${file}`, durationMs: 0, rows: [] };
    try {
      const mod = await import(pathToFileURL(join(benchDir, file)).href);
      if (typeof mod.run !== 'function') throw new Error(`${file} does not export run({ log })`);
      const rows = await mod.run({ log });
      if (!Array.isArray(rows)) throw new Error(`${file}: run() did not return an array of rows`);
      const problem = rows.map(rowProblem).find(Boolean);
      if (problem) throw new Error(`${file}: ${problem}`);
      result.rows = rows;
    } catch (err) {
      result.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`  [${name}] FAILED: ${result.error}`);
    }
    result.durationMs = Math.round(performance.now() - started);
    results.push(result);
    if (result.rows.length) printTable(`${name} (${(result.durationMs / 1000).toFixed(1)} s)`, result.rows);
  }

  console.log('\n=== summary ===');
  for (const r of results) {
    const missed = r.rows.filter((row) => row.pass === false).length;
    const met = r.rows.filter((row) => row.pass === true).length;
    const state = r.error ? 'ERROR' : missed ? `${missed} target(s) missed` : met ? 'all targets met' : 'no targets';
    console.log(`${r.name.padEnd(12)} ${state.padEnd(22)} ${r.rows.length} rows, ${(r.durationMs / 1000).toFixed(1)} s`);
  }
  for (const row of results.flatMap((r) => r.rows.filter((x) => x.pass === false).map((x) => ({ ...x, bench: r.name })))) {
    console.log(`  missed: [${row.bench}] ${row.name}: ${formatValue(row)} (target ${row.target ?? '?'})`);
  }

  mkdirSync(join(root, 'bench-results'), { recursive: true });
  const record = {
    schema: 'go-doctor/bench',
    version: 1,
    createdAt: new Date().toISOString(),
    machine: { platform: platform(), arch: arch(), release: release(), cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', node: process.version },
    benches: results,
  };
  writeFileSync(resultsFile, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nwrote ${resultsFile.slice(root.length + 1)}`);
  process.exit(results.some((r) => r.error) ? 1 : 0);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
