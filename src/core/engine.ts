import type { Finding, Severity } from './finding.js';
import type { Rule, RuleContext } from './rule.js';

/** Per-rule user configuration (goDoctor.rules in VS Code, --rule flags in the CLI). */
export interface RuleSetting {
  enabled?: boolean;
  severity?: Severity;
}
export type RuleSettings = Record<string, RuleSetting>;

export const RULE_CRASHED = 'doctor/rule-crashed';

/**
 * Runs every enabled rule on one context. A rule that throws becomes a `doctor/rule-crashed`
 * finding (the doctor still reports everything else). Findings are returned in rule order.
 */
export function runRules(rules: readonly Rule[], ctx: RuleContext, settings: RuleSettings = {}): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id];
    if (setting?.enabled === false) continue;
    let findings: Finding[];
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
    for (const f of findings) out.push(setting?.severity ? { ...f, severity: setting.severity } : f);
  }
  return out;
}
