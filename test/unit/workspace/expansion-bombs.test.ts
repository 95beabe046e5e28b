/**
 * Issue 13 ("Hostile input"), items 3 and 4: ~1 KB files that once crashed Node with a fatal
 * out-of-memory error (variables doubled on every line), hung it (recursive make variables
 * fanning out) or took minutes (YAML merge keys over aliases). The crash cases run in a child
 * process with a 256 MB heap and a kill timeout, so a regression fails the test instead of
 * killing the test run. Work is asserted on deterministic counters, never on time.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ExpansionBudget, MAX_EXPANDED_LENGTH } from '../../../src/core/parse/expansion-budget.js';
import { parseGoreleaser } from '../../../src/core/parse/goreleaser.js';
import { parseMakefile } from '../../../src/core/parse/makefile.js';
import { concatMapped, MAX_MAPPED_LENGTH, MappedBuilder, MappedTextTooLong, sourceText, syntheticText } from '../../../src/core/parse/mapped-text.js';
import { parseShellFile } from '../../../src/core/parse/shell-file.js';
import { get, getPair, itemsOf, keysOf, parseYaml, scalarString, yamlWork } from '../../../src/core/parse/yaml-source.js';
import { dockerfileChain, makefileAppends, makefileChain, shellChain, workflowEnvChain, yamlAliasFlood, yamlAliasList, yamlMergeBomb } from './bombs.js';

interface Summary {
  notes: string[];
  settings: { name: string; value: string | null; length: number }[];
  configs: number;
  configEnv: Record<string, string | null>[];
}

/** Parses `text` with parser `kind` in a child Node with a 256 MB heap, killed after `timeoutMs`. */
function parseInChild(kind: string, text: string, timeoutMs = 120_000): Promise<Summary> {
  const script = join(__dirname, 'parse-in-child.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', script, kind], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`parser ${kind} exited with ${code ?? signal} (a crash, or killed after ${timeoutMs} ms): ${err.split('\n').slice(0, 3).join(' | ')}`));
      else resolve(JSON.parse(out) as Summary);
    });
    child.stdin.end(text);
  });
}

const LIMIT_NOTE = /expands to more than \d+ characters|took more than \d+ steps/;

function assertUnknownWithNote(s: Summary, name: string): void {
  assert.ok(s.notes.some((n) => LIMIT_NOTE.test(n)), `a note says the expansion was cut: ${JSON.stringify(s.notes)}`);
  const values = s.settings.filter((x) => x.name === name);
  assert.ok(values.length > 0, `${name} is still reported`);
  for (const v of values) assert.equal(v.value, null, `${name} past the cap is only known at run time`);
  for (const v of s.settings) assert.ok(v.length <= MAX_EXPANDED_LENGTH);
}

describe('expansion bombs from issue 13 (child process, 256 MB heap)', { concurrency: 2 }, () => {
  const doubling = { base: 'x', width: 2, sep: '' };

  it('a Makefile doubling a := variable 39 times', async () => {
    const text = makefileChain({ ...doubling, depth: 39 }, ':=', true);
    assert.ok(text.length < 1100);
    const s = await parseInChild('make', text);
    assertUnknownWithNote(s, 'GOOS');
    assert.equal(s.configs, 1);
    assert.equal(s.configEnv[0]!.GOARCH, null);
  });

  it('recursive = variables fanning out (each references the previous four times, 30 levels)', async () => {
    const s = await parseInChild('make', makefileChain({ base: 'x', depth: 30, width: 4, sep: '' }, '=', false));
    assertUnknownWithNote(s, 'GOOS');
  });

  it('a Makefile appending to one variable 10 000 times (A += …, simple and recursive)', async () => {
    for (const recursive of [false, true]) {
      const s = await parseInChild('make', makefileAppends(10_000, recursive));
      assertUnknownWithNote(s, 'GOOS');
    }
  });

  it('a shell script doubling A="$A $A" 60 times', async () => {
    const s = await parseInChild('shell', shellChain({ base: 'x', depth: 60, width: 2, sep: ' ' }, true));
    assertUnknownWithNote(s, 'GOOS');
    assert.equal(s.configs, 1);
    assert.equal(s.configEnv[0]!.GOARCH, null);
  });

  it('a Dockerfile doubling ENV A=${A}${A} 60 times', async () => {
    const s = await parseInChild('docker', dockerfileChain({ ...doubling, depth: 60 }, true));
    assertUnknownWithNote(s, 'GOOS');
  });

  it('a workflow whose ${{ env.X }} entries double the previous one 60 times', async () => {
    const s = await parseInChild('workflow', workflowEnvChain({ ...doubling, depth: 60 }));
    assertUnknownWithNote(s, 'GOOS');
  });

  it('YAML merge-key bombs (5 and 6 levels of `<<: [*a, *a, …]`) and 30 000 aliases finish', async () => {
    for (const levels of [5, 6]) {
      const g = await parseInChild('goreleaser', yamlMergeBomb(levels, 9, 'goreleaser'));
      assert.equal(g.configs, 3, 'linux × the three default goarch values');
    }
    const w = await parseInChild('workflow', yamlMergeBomb(6, 9, 'workflow'));
    assert.ok(w.settings.some((x) => x.name === 'GOOS' && x.value === 'linux'));
    // 30 000 aliases of one goos value (alias floods of whole builds: see the in-process test).
    const list = await parseInChild('goreleaser', yamlAliasList(30_000));
    assert.equal(list.configs, 2000);
    assert.ok(list.notes.some((n) => /more than 500 builds or 2000 build targets/.test(n)), JSON.stringify(list.notes));
  });
});

describe('expansion limits (deterministic work)', () => {
  it('values up to the cap are still expanded exactly', () => {
    const text = makefileChain({ base: 'ab', depth: 15, width: 2, sep: '' }, ':=', true);
    const goos = parseMakefile('/w/Makefile', 'Makefile', text).settings.find((s) => s.name === 'GOOS');
    assert.equal(goos?.value, 'ab'.repeat(2 ** 15));
  });

  it('the work of a doubling Makefile stays under the per-file limit, and the value past it is undefined', () => {
    const budget = new ExpansionBudget(1000, 50_000);
    const facts = parseMakefile('/w/Makefile', 'Makefile', makefileChain({ base: 'x', depth: 39, width: 2, sep: '' }, ':=', true), undefined, budget);
    assert.ok(budget.work <= 50_000, `work ${budget.work}`);
    assert.equal(facts.settings.find((s) => s.name === 'GOOS')?.value, undefined);
    assert.match(facts.notes.map((n) => n.reason).join('\n'), /more than 1000 characters/);
  });

  it('appending to one variable thousands of times is charged (each += copies the value)', () => {
    for (const recursive of [false, true]) {
      const budget = new ExpansionBudget(1000, 50_000);
      const facts = parseMakefile('/w/Makefile', 'Makefile', makefileAppends(3000, recursive), undefined, budget);
      assert.ok(budget.work <= 50_000 + 1001, `work ${budget.work}`);
      assert.equal(facts.settings.find((s) => s.name === 'GOOS')?.value, undefined);
      assert.match(facts.notes.map((n) => n.reason).join('\n'), /took more than 50000 steps|more than 1000 characters/);
    }
    const few = parseMakefile('/w/Makefile', 'Makefile', makefileAppends(3, false));
    assert.equal(few.settings.find((s) => s.name === 'GOOS')?.value, 'x yyyyyyyyyy yyyyyyyyyy yyyyyyyyyy');
  });

  it('recursive fan-out is expanded once per variable, not once per path', () => {
    const budget = new ExpansionBudget();
    // 4^12 = 16 777 216 paths, each value 4^k characters up to 16 384 (under the cap).
    const text = makefileChain({ base: '', depth: 12, width: 4, sep: '' }, '=', false);
    const facts = parseMakefile('/w/Makefile', 'Makefile', text, undefined, budget);
    assert.equal(facts.settings.find((s) => s.name === 'GOOS')?.value, '');
    assert.ok(budget.work < 1000, `work ${budget.work}`);
    assert.deepEqual(facts.notes, []);
  });

  it('the work of a doubling script stays under the per-file limit', () => {
    const budget = new ExpansionBudget(4096, 100_000);
    const facts = parseShellFile('/w/a.sh', 'a.sh', shellChain({ base: 'x', depth: 60, width: 2, sep: ' ' }, true), undefined, budget);
    assert.ok(budget.work <= 100_000);
    assert.equal(facts.settings.find((s) => s.name === 'GOOS')?.value, undefined);
  });

  it('a mapped text is never built past MAX_MAPPED_LENGTH (checked before any origin is stored)', () => {
    const huge = { text: 'x'.repeat(MAX_MAPPED_LENGTH + 1), origins: [] };
    const b = new MappedBuilder();
    assert.throws(() => b.pushMapped(huge), MappedTextTooLong);
    assert.equal(b.length, 0);
    assert.throws(() => concatMapped([huge]), MappedTextTooLong);
    assert.throws(() => syntheticText(huge.text), MappedTextTooLong);
    assert.throws(() => sourceText(huge.text, 0), MappedTextTooLong);
  });

  it('YAML merge bombs: a lookup reads each merged map once (work linear in levels, not width^levels)', () => {
    const work = (levels: number) => {
      const { doc } = parseYaml(yamlMergeBomb(levels, 9, 'goreleaser'));
      const top = doc!.get(`a${levels}`, true);
      assert.equal(getPair(doc!, top, 'GOOS')?.value?.toString(), 'linux');
      assert.equal(getPair(doc!, top, 'missing'), undefined);
      assert.deepEqual(keysOf(doc!, top), ['x', 'GOOS']);
      return yamlWork(doc!);
    };
    const w5 = work(5);
    const w6 = work(6);
    assert.ok(w6 < 500, `6 levels: ${w6} lookups`);
    assert.ok(w6 - w5 < 100, `one more level costs ${w6 - w5} lookups`);
  });

  it('YAML aliases: reading n aliases costs O(n) lookups, and alias floods give bounded output', () => {
    const work = (n: number) => {
      const { doc } = parseYaml(yamlAliasList(n));
      const goos = get(doc!, itemsOf(doc!, get(doc!, doc!.contents, 'builds'))[0], 'goos');
      assert.equal(itemsOf(doc!, goos).length, n);
      assert.ok(itemsOf(doc!, goos).every((i) => scalarString(doc!, i) === 'linux'));
      return yamlWork(doc!);
    };
    const small = work(1000);
    const large = work(4000);
    assert.ok(large <= 4 * small + 50, `1000 aliases: ${small} lookups, 4000: ${large}`);
    const facts = parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', yamlAliasFlood(1000));
    assert.equal(facts.configs.length, 2000, 'stops at 2000 build targets');
    assert.match(facts.notes.map((n) => n.reason).join('\n'), /more than 500 builds or 2000 build targets/);
    const few = parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', yamlAliasFlood(100));
    assert.equal(few.configs.length, 100 * 9, 'under the limits every aliased build is read (3 goos × 3 goarch)');
    assert.deepEqual(few.notes, []);
  });
});
