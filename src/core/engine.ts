import type { Finding, Severity } from './finding.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';

/** Per-rule user configuration (goDoctor.rules in VS Code, --rule flags in the CLI). */
export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
}
export type RuleSettings = Record<string, RuleSetting>;

export const RULE_CRASHED = 'doctor/rule-crashed';

/**
 * Runs every enabled rule on one context. A rule that throws becomes a `doctor/rule-crashed`
 * finding (the doctor still reports everything else). Findings are returned in rule order, each
 * stamped with its rule's id and, unless it states its own, the rule's default severity; a
 * severity the user set for the rule wins over both.
 */
export function runRules(rules: readonly Rule[], ctx: RuleContext, settings: RuleSettings = {}): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id];
    if (setting?.enabled === false) continue;
    let findings: RuleFinding[];
    try {
      findings = rule.check(ctx);
    } catch (err) {
      out.push({
        rule: RULE_CRASHED,
        severity: 'warning',
        message: `The check ${rule.id} failed with an internal error, so its result is unknown: ${err instanceof Error ? err.message : String(err)}`,
        evidence: [{ kind: 'note', text: err instanceof Error && err.stack ? err.stack : String(err) }],
        fixes: [],
      });
      continue;
    }
    for (const f of findings) out.push(stamp(rule, f, setting?.severity));
  }
  return out;
}

/** A rule's finding as every front sees it (the key order of the JSON output: rule, severity, …). */
function stamp(rule: Rule, f: RuleFinding, userSeverity: Severity | undefined): Finding {
  const { severity, ...rest } = f;
  const finding: Finding = { rule: rule.id, severity: userSeverity ?? severity ?? rule.defaultSeverity, ...rest };
  // A Finding passed where a RuleFinding is expected still carries its rule's id, never another.
  finding.rule = rule.id;
  return finding;
}
