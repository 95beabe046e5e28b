import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGithubWorkflow } from '../../../src/core/parse/github-workflow.js';

describe('a workflow with a huge env map', () => {
  // 20 000 env keys took about a minute when each key searched the whole map (quadratic); the
  // generous timeout only guards against that coming back.
  it('is read in one pass over its pairs, and the settings in it still count', { timeout: 60_000 }, () => {
    let text = 'on: push\nenv:\n';
    for (let i = 0; i < 20_000; i++) text += `  K${i}: v${i}\n`;
    text += '  GOOS: plan9\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go build ./...\n';
    const facts = parseGithubWorkflow('/w/.github/workflows/b.yml', '.github/workflows/b.yml', text);
    assert.equal(facts.configs.length, 1);
    assert.equal(facts.configs[0]!.env.GOOS?.value, 'plan9');
    assert.equal(facts.notes.length, 0);
  });
});
