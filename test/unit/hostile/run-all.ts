/**
 * Runs the whole hostile corpus, pending categories included, and prints the summary table:
 *   npx tsx test/unit/hostile/run-all.ts [category-id…] [--parallel N] [--json FILE]
 * Exit status 1 when any run failed.
 */
import { writeFileSync } from 'node:fs';
import { CATEGORIES, PENDING_CATEGORIES } from './categories.js';
import { runCorpus, summaryTable, totals } from './corpus.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let parallel = 2;
  let json: string | undefined;
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--parallel') parallel = Number(args[++i]);
    else if (args[i] === '--json') json = args[++i];
    else ids.push(args[i]!);
  }
  const unknown = ids.filter((id) => !CATEGORIES.some((c) => c.id === id));
  if (unknown.length) {
    process.stderr.write(`unknown categories: ${unknown.join(', ')}\n`);
    return 2;
  }
  const chosen = ids.length ? CATEGORIES.filter((c) => ids.includes(c.id)) : CATEGORIES;
  const results = await runCorpus(chosen, parallel);
  const pending = new Set(PENDING_CATEGORIES.map((p) => p.id));
  process.stdout.write(`${summaryTable(results)}\n`);
  if (pending.size) process.stdout.write(`pending (skipped by corpus.test.ts): ${[...pending].join(', ')}\n`);
  if (json) {
    const out = results.map((r) => ({
      id: r.category.id,
      pending: pending.has(r.category.id),
      buildError: r.buildError,
      runs: r.runs.map(({ stdout: _o, stderr, ...run }) => ({ ...run, stderr: stderr.slice(0, 2000) })),
    }));
    writeFileSync(json, JSON.stringify({ totals: totals(results), results: out }, null, 2));
  }
  return totals(results).failedRuns > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
