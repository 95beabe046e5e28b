import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { engineRuleDescriptors } from '../../../src/core/report/engine-rules.js';
import { githubAnchor, renderRuleDocs, RULE_DOCS_PATH } from '../../../src/core/report/rule-docs.js';
import { DOCS_BASE, ruleDocsUrl } from '../../../src/core/rule.js';
import { allRules } from '../../../src/core/rules/index.js';
import { rule } from './report-builders.js';

const docsFile = join(__dirname, '..', '..', '..', RULE_DOCS_PATH);

describe('docs/rules.md', () => {
  it('is up to date with the rules (regenerate with `npm run docs`)', () => {
    const current = readFileSync(docsFile, 'utf8');
    assert.ok(current === renderRuleDocs(allRules, engineRuleDescriptors), `${RULE_DOCS_PATH} is out of date: run \`npm run docs\` (tsx tools/gen-rule-docs.ts)`);
  });

  it('has a `## <id>` section for every rule, whose GitHub anchor is the one findings link to', () => {
    const current = readFileSync(docsFile, 'utf8');
    const headings = [...current.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!);
    const anchors = headings.map(githubAnchor);
    assert.equal(new Set(anchors).size, anchors.length, 'heading anchors must be unique (GitHub would suffix duplicates)');
    for (const r of [...allRules, ...engineRuleDescriptors]) {
      assert.ok(headings.includes(r.id), `no section for ${r.id}`);
      assert.equal(ruleDocsUrl(r.id), `${DOCS_BASE}#${githubAnchor(r.id)}`, `anchor mismatch for ${r.id}`);
    }
  });

  it('every rule has a one-line summary and docs', () => {
    const ids = new Set<string>();
    for (const r of allRules) {
      assert.ok(!ids.has(r.id), `duplicate rule id ${r.id}`);
      ids.add(r.id);
      assert.match(r.id, /^[a-z]+\/[a-z0-9]+(?:-[a-z0-9]+)*$/, `rule id ${r.id} is not family/what-is-wrong`);
      assert.ok(r.summary.trim() && !r.summary.includes('\n'), `${r.id}: summary must be one line`);
      assert.ok(r.docs.trim().length > 0, `${r.id}: docs are empty`);
    }
  });
});

describe('renderRuleDocs', () => {
  it('renders a table row and a section per rule, escaping pipes in the table', () => {
    const md = renderRuleDocs([{ ...rule('go/not-found', 'error'), summary: 'a | b' }]);
    assert.match(md, /^\| \[go\/not-found\]\(#gonot-found\) \| Go toolchain \| error \| skipped \| a \\\| b \|$/m);
    assert.match(md, /^## go\/not-found\n\n\*\*Default severity:\*\* error · \*\*Group:\*\* Go toolchain · \*\*Reads:\*\* this machine · \*\*Untrusted workspace:\*\* skipped\n\na \| b\n\nDocs of \*\*go\/not-found\*\*\.\n$/m);
  });

  it('says whether a rule runs in an untrusted workspace, as its declaration decides', () => {
    const md = renderRuleDocs([{ ...rule('settings/x', 'warning'), reads: 'files+machine-if-probed' }], [{ id: 'doctor/y', defaultSeverity: 'warning', summary: 'From the engine itself.', docs: '' }]);
    assert.match(md, /^\| \[settings\/x\]\(#settingsx\) \| .* \| warning \| runs \| /m);
    assert.match(md, /^\*\*Default severity:\*\* warning · .* · \*\*Reads:\*\* the workspace’s files \(and this machine’s Go and Xcode when it is probed\) · \*\*Untrusted workspace:\*\* runs$/m);
    assert.match(md, /^\| \[doctor\/y\]\(#doctory\) \| .* \| warning \| — \| /m, 'a finding of no rule says nothing about it');
  });

  it('computes GitHub heading anchors', () => {
    assert.equal(githubAnchor('path/gobin-not-on-path'), 'pathgobin-not-on-path');
    assert.equal(githubAnchor('Go toolchain'), 'go-toolchain');
  });
});
