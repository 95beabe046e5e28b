/**
 * Finding ids the engine itself emits (not a Rule in core/rules): they still need a docs section
 * and a SARIF rule descriptor, since every finding links to its rule.
 */
import { RULE_CRASHED } from '../engine.js';
import type { Rule } from '../rule.js';

export type RuleDescriptor = Pick<Rule, 'id' | 'defaultSeverity' | 'summary' | 'docs'>;

export const engineRuleDescriptors: readonly RuleDescriptor[] = [
  {
    id: RULE_CRASHED,
    defaultSeverity: 'warning',
    summary: 'A check failed with an internal error, so its result is unknown.',
    docs: `Every rule is a pure function of the snapshot. When one throws, the doctor reports the
others as usual and adds this finding instead of crashing: the message names the rule that failed
and the evidence holds the internal error.

This is a bug in Go Toolchain Doctor, not in your setup. Please report it with the output of
\`go-doctor snapshot --out snapshot.json\` (redacted by default) so it can be replayed with
\`go-doctor check --from snapshot.json\`.`,
  },
];
