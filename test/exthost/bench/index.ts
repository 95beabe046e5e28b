/**
 * Benchmark entry for the extension host (used by bench/extension.bench.mjs, not a test suite):
 * waits for the first populated status bar, re-evaluates the bundle a few times, and writes the
 * extension's own timings to $GO_DOCTOR_BENCH_OUT.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DoctorApi } from '../../../src/extension/api.js';
import { EXTENSION_ID } from '../support/host.js';

const REQUIRE_RUNS = 5;

export async function run(): Promise<void> {
  const out = process.env.GO_DOCTOR_BENCH_OUT;
  if (!out) throw new Error('GO_DOCTOR_BENCH_OUT is not set');
  const ext = vscode.extensions.getExtension<DoctorApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} not found`);
  const api = await ext.activate();
  const report = await api.whenReport((r) => r.state === 'ready' && r.toolchain.platform !== undefined, 60_000);

  // evaluating the bundle again (what VS Code does before calling activate), with the module cache cleared
  const bundle = path.join(ext.extensionPath, 'dist', 'extension.js');
  const requireFresh = createRequire(__filename);
  const requireMs: number[] = [];
  for (let i = 0; i < REQUIRE_RUNS; i++) {
    delete requireFresh.cache[bundle];
    const t0 = performance.now();
    requireFresh(bundle);
    requireMs.push(performance.now() - t0);
  }
  fs.writeFileSync(out, JSON.stringify({ timings: api.timings, requireMs, statusText: api.status.text, goVersion: report.toolchain.goVersion, vscode: vscode.version, node: process.version }));
  console.log('0 passed, 0 failed');
}
