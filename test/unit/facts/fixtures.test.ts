import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deriveMachineFacts } from '../../../src/core/facts/index.js';
import { FIXTURE_DIR, macFixtures } from '../../support/mac-fixtures.js';

describe('recorded-macOS fixtures', () => {
  it('every JSON file is exactly its builder (regenerate: node --import tsx test/support/mac-fixtures.ts --write)', () => {
    const files = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(files, Object.keys(macFixtures).map((n) => `${n}.json`).sort());
    for (const [name, build] of Object.entries(macFixtures)) {
      const onDisk: unknown = JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.json`), 'utf8'));
      assert.deepEqual(onDisk, JSON.parse(JSON.stringify(build())), name);
    }
  });
  it('every fixture parses without a single probe problem', () => {
    for (const [name, build] of Object.entries(macFixtures)) {
      const facts = deriveMachineFacts(build());
      assert.deepEqual(facts.problems, [], name);
      assert.equal(facts.go.portsSource, 'live', name);
      assert.ok(facts.mac?.major, name);
    }
  });
});
