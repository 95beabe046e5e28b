/**
 * Property tests over expansion and alias bombs of random depth and shape, for every parser
 * that expands values (Makefile, shell script, Dockerfile, GitHub workflow) and the YAML helpers
 * under goreleaser and workflows. Bounds are asserted on deterministic measures (the expansion
 * budget's work, YAML lookups, output sizes), never on time: a value within the limits is
 * expanded exactly; past them it is undefined (only known at run time) and the file has a note.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { parseDockerfile } from '../../../src/core/parse/dockerfile.js';
import { ExpansionBudget, MAX_EXPANDED_LENGTH } from '../../../src/core/parse/expansion-budget.js';
import { parseGithubWorkflow } from '../../../src/core/parse/github-workflow.js';
import { parseGoreleaser } from '../../../src/core/parse/goreleaser.js';
import { parseMakefile } from '../../../src/core/parse/makefile.js';
import { parseShellFile } from '../../../src/core/parse/shell-file.js';
import type { SourceFacts } from '../../../src/core/parse/source-facts.js';
import { getPair, keysOf, parseYaml, yamlWork, type YamlDoc } from '../../../src/core/parse/yaml-source.js';
import { chainLength, chainValue, dockerfileChain, makefileAppends, makefileChain, shellChain, workflowEnvChain, yamlAliasFlood, yamlAliasList, type Chain } from './bombs.js';

const RUNS = Math.max(20, Math.ceil(Number(process.env.GO_DOCTOR_PROPERTY_RUNS ?? 300) / 3));
const LIMIT_NOTE = /expands to more than \d+ characters|took more than \d+ steps/;

const chainArb = (maxDepth: number): fc.Arbitrary<Chain> =>
  fc.record({
    base: fc.stringMatching(/^[a-z]{1,4}$/),
    depth: fc.integer({ min: 0, max: maxDepth }),
    width: fc.integer({ min: 1, max: 6 }),
    sep: fc.constantFrom('', ' ', '-'),
  });

const budgetArb = fc.constantFrom(64, 1024, 4096).map((maxLength) => ({ maxLength, maxWork: 20 * maxLength + 10_000 }));

/**
 * The parsed chain: GOOS is the chain's value when it fits (and `exactPossible`), else undefined
 * with a note; work and every value stay within the budget.
 */
function checkChain(facts: SourceFacts, c: Chain, budget: ExpansionBudget | undefined, exactPossible = true): void {
  const maxLength = budget?.maxLength ?? MAX_EXPANDED_LENGTH;
  const fits = chainLength(c) <= maxLength;
  const goos = facts.settings.filter((s) => s.name === 'GOOS');
  assert.ok(goos.length > 0, 'GOOS is reported');
  const notes = facts.notes.map((n) => n.reason).join('\n');
  if (fits && exactPossible) {
    const want = chainValue(c);
    for (const s of goos) assert.equal(s.value, want);
    // (A recipe line is one expansion: `GOARCH=` before the value counts towards its length.)
    if (chainLength(c) <= maxLength - 64) assert.doesNotMatch(notes, LIMIT_NOTE);
  } else {
    for (const s of goos) assert.equal(s.value, undefined, 'past the limits GOOS is only known at run time');
    if (!fits && exactPossible) assert.match(notes, LIMIT_NOTE);
  }
  for (const s of facts.settings) assert.ok((s.value?.length ?? 0) <= maxLength, `a value of ${s.value?.length} characters`);
  if (budget) assert.ok(budget.work <= budget.maxWork + budget.maxLength + 1, `work ${budget.work} over ${budget.maxWork}`);
}

describe('expansion bombs of random shape', () => {
  it('Makefile: := chains (one variable doubled, or a new variable per level)', () => {
    fc.assert(
      fc.property(chainArb(64), fc.boolean(), budgetArb, (c, same, limits) => {
        const budget = new ExpansionBudget(limits.maxLength, limits.maxWork);
        checkChain(parseMakefile('/w/Makefile', 'Makefile', makefileChain(c, ':=', same), undefined, budget), c, budget);
      }),
      { numRuns: RUNS },
    );
  });

  it('Makefile: recursive = fan-out (references nest at most 20 deep, as before)', () => {
    fc.assert(
      fc.property(chainArb(30), budgetArb, (c, limits) => {
        const budget = new ExpansionBudget(limits.maxLength, limits.maxWork);
        checkChain(parseMakefile('/w/Makefile', 'Makefile', makefileChain(c, '=', false), undefined, budget), c, budget, c.depth < 20);
      }),
      { numRuns: RUNS },
    );
  });

  it('Makefile: many += to one variable (exact, or undefined with a note; work bounded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.boolean(), budgetArb, (count, recursive, limits) => {
        const budget = new ExpansionBudget(limits.maxLength, limits.maxWork);
        const facts = parseMakefile('/w/Makefile', 'Makefile', makefileAppends(count, recursive), undefined, budget);
        const goos = facts.settings.find((s) => s.name === 'GOOS');
        const notes = facts.notes.map((n) => n.reason).join('\n');
        if (goos?.value === undefined) assert.ok(recursive || LIMIT_NOTE.test(notes), 'an undefined value has a note');
        else assert.equal(goos.value, ['x', ...new Array<string>(count).fill('yyyyyyyyyy')].join(' '));
        if (!recursive && count <= 3) assert.ok(goos?.value !== undefined);
        assert.ok(budget.work <= budget.maxWork + budget.maxLength + 1, `work ${budget.work}`);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('shell script: A="$A $A" chains', () => {
    fc.assert(
      fc.property(chainArb(64), fc.boolean(), budgetArb, (c, same, limits) => {
        const budget = new ExpansionBudget(limits.maxLength, limits.maxWork);
        checkChain(parseShellFile('/w/a.sh', 'a.sh', shellChain(c, same), undefined, budget), c, budget);
      }),
      { numRuns: RUNS },
    );
  });

  it('Dockerfile: ENV A=${A}${A} chains', () => {
    fc.assert(
      fc.property(chainArb(64), fc.boolean(), budgetArb, (c, same, limits) => {
        const budget = new ExpansionBudget(limits.maxLength, limits.maxWork);
        checkChain(parseDockerfile('/w/Dockerfile', 'Dockerfile', dockerfileChain(c, same), budget), c, budget);
      }),
      { numRuns: RUNS },
    );
  });

  it('GitHub workflow: ${{ env.X }} chains (default limits)', () => {
    fc.assert(
      fc.property(chainArb(40), (c) => {
        checkChain(parseGithubWorkflow('/w/.github/workflows/a.yml', '.github/workflows/a.yml', workflowEnvChain(c)), c, undefined);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

/** A random DAG of anchored maps, each with some own keys and `<<` merges of earlier ones. */
interface MergeGraph {
  levels: { keys: string[]; merges: number[] }[];
}

const KEYS = ['a', 'b', 'c', 'GOOS', 'GOARCH'];
const mergeGraphArb: fc.Arbitrary<MergeGraph> = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) =>
        fc.record({
          keys: fc.subarray(KEYS),
          merges: i === 0 ? fc.constant<number[]>([]) : fc.array(fc.integer({ min: 0, max: i - 1 }), { minLength: 1, maxLength: 12 }),
        }),
      ),
    ),
  )
  .map((levels) => ({ levels }));

function mergeGraphYaml(g: MergeGraph, kind: 'goreleaser' | 'workflow'): string {
  const lines: string[] = [];
  g.levels.forEach((l, i) => {
    lines.push(`m${i}: &m${i}`);
    if (l.merges.length > 0) lines.push(`  <<: [${l.merges.map((j) => `*m${j}`).join(', ')}]`);
    for (const k of l.keys) lines.push(`  ${k}: v${i}`);
    if (l.merges.length === 0 && l.keys.length === 0) lines.push('  z: 0');
  });
  const top = g.levels.length - 1;
  if (kind === 'goreleaser') lines.push('builds:', `  - <<: *m${top}`, '    goos: [linux]');
  else lines.push('env:', `  <<: *m${top}`, 'jobs:', '  b:', '    runs-on: ubuntu-latest', '    env:', `      <<: *m${top}`, '    steps:', '      - run: go build ./...');
  return lines.join('\n') + '\n';
}

/** The merge semantics done naively (every path, `yaml`'s own alias resolution): the reference. */
function naiveGetPair(doc: YamlDoc, node: unknown, key: string, depth = 0): Pair | undefined {
  const map = isAlias(node) ? (node.resolve(doc) as Node | undefined) : node;
  if (!isMap(map) || depth > 10) return undefined;
  for (const p of map.items) if (isScalar(p.key) && String(p.key.value) === key) return p;
  for (const p of map.items) {
    if (!(isScalar(p.key) && p.key.value === '<<')) continue;
    const v = isAlias(p.value) ? (p.value.resolve(doc) as Node | undefined) : p.value;
    for (const src of isSeq(v) ? v.items : [v]) {
      const found = naiveGetPair(doc, src, key, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

function pathCount(g: MergeGraph): number {
  const paths: number[] = [];
  g.levels.forEach((l, i) => (paths[i] = 1 + l.merges.reduce((n, j) => n + paths[j]!, 0)));
  return paths[g.levels.length - 1]!;
}

describe('YAML alias and merge bombs of random shape', () => {
  it('lookups read each merged map once: work linear in the document, same answers as the naive walk', () => {
    fc.assert(
      fc.property(mergeGraphArb, (g) => {
        const text = mergeGraphYaml(g, 'goreleaser');
        const { doc } = parseYaml(text);
        assert.ok(doc);
        const top = doc.get(`m${g.levels.length - 1}`, true);
        const keys = keysOf(doc, top);
        for (const k of [...KEYS, 'missing']) {
          const before = yamlWork(doc);
          const p = getPair(doc, top, k);
          assert.ok(yamlWork(doc) - before <= 2 * text.length, `one lookup cost ${yamlWork(doc) - before} for ${text.length} bytes`);
          assert.equal(keys.includes(k), p !== undefined);
          if (pathCount(g) <= 3000) assert.equal(p, naiveGetPair(doc, top, k), `lookup of ${k}`);
        }
        assert.ok(yamlWork(doc) <= 20 * text.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('goreleaser and workflow parsers on merge bombs: never throw, bounded output', () => {
    fc.assert(
      fc.property(mergeGraphArb, fc.constantFrom<'goreleaser' | 'workflow'>('goreleaser', 'workflow'), (g, kind) => {
        const text = mergeGraphYaml(g, kind);
        const facts = kind === 'goreleaser' ? parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', text) : parseGithubWorkflow('/w/.github/workflows/a.yml', '.github/workflows/a.yml', text);
        assert.ok(facts.configs.length <= (kind === 'goreleaser' ? 3 : 1));
        assert.ok(facts.settings.length <= 2 * KEYS.length + 2, `${facts.settings.length} settings`);
        for (const n of facts.notes) assert.doesNotMatch(n.reason, /could not be read/);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('alias floods (many aliased builds or goos values): output capped, with a note past the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1200 }), fc.boolean(), (count, asBuilds) => {
        const facts = parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', asBuilds ? yamlAliasFlood(count) : yamlAliasList(count));
        const full = asBuilds ? Math.min(count, 500) * 9 : count * 3;
        assert.equal(facts.configs.length, Math.min(full, 2000));
        assert.equal(
          facts.notes.some((n) => /more than 500 builds or 2000 build targets/.test(n.reason)),
          full > 2000 || (asBuilds && count > 500),
        );
      }),
      { numRuns: 15 },
    );
  });
});
