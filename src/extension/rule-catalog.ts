/** Every check the doctor ships (the rules plus the engine's own), for the report tree. */
import { engineRuleDescriptors } from '../core/report/engine-rules.js';
import { ruleDocsUrl } from '../core/rule.js';
import { allRules } from '../core/rules/index.js';
import type { RuleInfo } from './report-tree-model.js';

export function ruleCatalog(): RuleInfo[] {
  return [...allRules, ...engineRuleDescriptors].map((r) => ({
    id: r.id,
    summary: r.summary,
    defaultSeverity: r.defaultSeverity,
    docsUrl: ruleDocsUrl(r.id),
    docs: r.docs,
  }));
}
