// Generates docs/rules.md from the rules (`npm run docs` = `tsx tools/gen-rule-docs.ts`).
//   --check   exit 1 (and write nothing) when docs/rules.md is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../src/core/rules/index.js';
import { engineRuleDescriptors } from '../src/core/report/engine-rules.js';
import { RULE_DOCS_PATH, renderRuleDocs } from '../src/core/report/rule-docs.js';

const target = join(__dirname, '..', RULE_DOCS_PATH);
const wanted = renderRuleDocs(allRules, engineRuleDescriptors);
let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // not generated yet
}

if (process.argv.includes('--check')) {
  if (current !== wanted) {
    console.error(`${RULE_DOCS_PATH} is out of date: run \`npm run docs\`.`);
    process.exit(1);
  }
  console.log(`${RULE_DOCS_PATH} is up to date (${allRules.length} rules).`);
} else if (current === wanted) {
  console.log(`${RULE_DOCS_PATH} is up to date (${allRules.length} rules).`);
} else {
  writeFileSync(target, wanted);
  console.log(`wrote ${RULE_DOCS_PATH} (${allRules.length} rules).`);
}
