/**
 * Runs categories of the hostile corpus (two at a time), judges each run, and prints the summary
 * table the issue asks for: inputs tried, crashes, hangs, peak memory, orphans, bytes read outside.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle } from './bundle.js';
import { DEFAULT_RUNNERS, type HostileCategory } from './categories.js';
import { LIMITS, runCli, runServer, type Limits, type RunResult } from './runners.js';
import { atimeRecordsReads, HostileWorkspace } from './workspace.js';

export interface CategoryResult {
  category: HostileCategory;
  runs: RunResult[];
  /** The generator itself failed (e.g. no mkfifo): the category could not be tried. */
  buildError?: string;
  atimeWorks: boolean;
}

/** Judges a run against the corpus's rules; fills run.problems. */
export function judge(category: HostileCategory, run: RunResult, limits: Limits, w: HostileWorkspace): void {
  const p = run.problems;
  const allowed = run.runner === 'server' ? [0] : run.runner === 'snapshot' ? [0] : run.runner === 'replay' ? (category.replayExitCodes?.(run.label.replace(/^replay:?/, '')) ?? [0, 1]) : [0, 1];
  if (run.timedOut) p.push(`hang: killed after ${limits.wallMs} ms`);
  else if (run.signal) p.push(`crash: killed by ${run.signal}`);
  else if (run.exitCode === null || !allowed.includes(run.exitCode)) p.push(`crash: exit code ${String(run.exitCode)} (expected ${allowed.join('/')})`);
  if (/internal error|FATAL ERROR|Maximum call stack|out of memory|UnhandledPromiseRejection|TypeError|RangeError/i.test(run.stderr)) {
    p.push(`crash: ${firstLine(run.stderr.match(/.*(?:internal error|FATAL ERROR|Maximum call stack|out of memory|UnhandledPromiseRejection|TypeError|RangeError).*/i)?.[0] ?? run.stderr)}`);
  }
  if (run.peakRssKiB !== undefined && run.peakRssKiB > limits.rssMiB * 1024) p.push(`memory: peak RSS ${mib(run.peakRssKiB)} MiB > ${limits.rssMiB} MiB`);
  if (run.orphans > 0) p.push(`orphans: ${run.orphans} process(es) left running`);
  if (run.canaryInOutput) p.push('canary: a secret from outside the workspace appeared in the output');
  if (run.canaryBytesRead > 0) p.push(`canary: ${run.canaryBytesRead} bytes outside the workspace were read`);
  const extra = category.expect?.(run, w);
  if (extra) p.push(extra);
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim()) ?? '').slice(0, 160);
}

function mib(kib: number): string {
  return (kib / 1024).toFixed(0);
}

export async function runCategory(category: HostileCategory, limits: Limits = LIMITS): Promise<CategoryResult> {
  const { cli, server } = await bundle();
  const w = new HostileWorkspace(category.id);
  const atimeWorks = atimeRecordsReads(w.secret);
  try {
    try {
      category.build(w);
    } catch (err) {
      return { category, runs: [], buildError: err instanceof Error ? err.message : String(err), atimeWorks };
    }
    const runs: RunResult[] = [];
    for (const runner of category.runners ?? DEFAULT_RUNNERS) {
      if (runner === 'server') runs.push(await runServer(w, category, server, limits));
      else if (runner === 'replay' && category.replayVariants) {
        const snapshot = runs.find((r) => r.runner === 'snapshot');
        const text = snapshot ? readText(join(w.out, 'snapshot.json')) : undefined;
        if (text === undefined) continue;
        for (const [name, content] of Object.entries(category.replayVariants(text))) {
          const file = join(w.out, `replay-${name}.json`);
          writeFileSync(file, content);
          runs.push(await runCli(w, category, cli, 'replay', limits, file, `replay:${name}`));
        }
      } else if (runner === 'replay' && !existsSync(join(w.out, 'snapshot.json'))) {
        continue; // `snapshot` failed (and says so): nothing to replay
      } else runs.push(await runCli(w, category, cli, runner, limits));
    }
    for (const run of runs) judge(category, run, limits, w);
    return { category, runs, atimeWorks };
  } finally {
    w.cleanup();
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Runs the categories `parallel` at a time, in order of the list; the exclusive ones alone, after. */
export async function runCorpus(categories: readonly HostileCategory[], parallel = 2, limits: Limits = LIMITS): Promise<CategoryResult[]> {
  const shared = categories.filter((c) => !c.exclusive);
  const results = new Map<HostileCategory, CategoryResult>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < shared.length) {
      const category = shared[next++]!;
      results.set(category, await runCategory(category, limits));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, shared.length) }, worker));
  for (const category of categories.filter((c) => c.exclusive)) results.set(category, await runCategory(category, limits));
  return categories.map((c) => results.get(c)!);
}

export interface CorpusTotals {
  categories: number;
  runs: number;
  crashes: number;
  hangs: number;
  slow: number;
  peakRssMiB: number;
  orphans: number;
  canaryLeaks: number;
  bytesReadOutside: number;
  failedRuns: number;
  atimeWorks: boolean;
}

export function totals(results: readonly CategoryResult[], limits: Limits = LIMITS): CorpusTotals {
  const runs = results.flatMap((r) => r.runs);
  return {
    categories: results.length,
    runs: runs.length,
    crashes: runs.filter((r) => r.problems.some((p) => p.startsWith('crash'))).length,
    hangs: runs.filter((r) => r.timedOut).length,
    slow: runs.filter((r) => r.durationMs > limits.slowMs).length,
    peakRssMiB: Math.round(Math.max(0, ...runs.map((r) => r.peakRssKiB ?? 0)) / 1024),
    orphans: runs.reduce((n, r) => n + r.orphans, 0),
    canaryLeaks: runs.filter((r) => r.canaryInOutput).length,
    bytesReadOutside: runs.reduce((n, r) => n + r.canaryBytesRead, 0),
    failedRuns: runs.filter((r) => r.problems.length > 0).length + results.filter((r) => r.buildError).length,
    atimeWorks: results.every((r) => r.atimeWorks),
  };
}

/** The table: one row per run, then the totals. */
export function summaryTable(results: readonly CategoryResult[], limits: Limits = LIMITS): string {
  const rows: string[][] = [['category', 'run', 'exit', 'ms', 'cpu ms', 'peak MiB', 'orphans', 'canary', 'problems']];
  for (const r of results) {
    if (r.buildError) rows.push([r.category.id, '-', '-', '-', '-', '-', '-', '-', `not tried: ${r.buildError}`]);
    for (const run of r.runs) {
      rows.push([
        r.category.id,
        run.label,
        run.timedOut ? 'killed' : run.signal ? run.signal : String(run.exitCode),
        run.durationMs.toFixed(0),
        run.cpuMs === undefined ? '?' : String(run.cpuMs),
        run.peakRssKiB === undefined ? '?' : mib(run.peakRssKiB),
        String(run.orphans),
        run.canaryInOutput ? 'LEAKED' : run.canaryBytesRead > 0 ? `read ${run.canaryBytesRead} B` : r.atimeWorks ? 'no' : 'no (atime n/a)',
        run.problems.join('; ').replace(/[\r\n\t]/g, ' ') || 'ok',
      ]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.min(48, Math.max(...rows.map((row) => row[c]!.length))));
  const fmt = (row: string[]) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ');
  const t = totals(results, limits);
  return [
    ...rows.map(fmt),
    '',
    `inputs tried: ${t.categories} categories, ${t.runs} runs | crashes: ${t.crashes} | hangs (killed at ${limits.wallMs / 1000} s): ${t.hangs} | over ${limits.slowMs / 1000} s: ${t.slow} | ` +
      `peak memory: ${t.peakRssMiB} MiB | orphans: ${t.orphans} | canary leaks: ${t.canaryLeaks} | bytes read outside: ${t.atimeWorks ? t.bytesReadOutside : 'n/a (no atime)'} | failed runs: ${t.failedRuns}`,
  ].join('\n');
}
