/**
 * Certainty decides severity (docs/rules.md, "Certainty"): a finding is an error only when the
 * command certainly runs, with the values the doctor read, whenever its file runs. A finding on a
 * configuration that runs only under a condition the doctor could not decide, or whose
 * environment is partly set elsewhere, is at most a warning and names those conditions.
 */
import type { Severity } from '../finding.js';
import type { RuleFinding } from '../rule.js';
import type { BuildConfig } from './build-config.js';

/** The conditions of a configuration as one clause: "only if A and if B". */
export function conditionClause(config: Pick<BuildConfig, 'conditions'>): string | undefined {
  const c = config.conditions?.filter((s) => s.length > 0) ?? [];
  if (c.length === 0) return undefined;
  return c.join('; ');
}

/**
 * Caps the severity of one configuration's findings by its certainty and names the conditions.
 * `defaultSeverity` is the rule's: what a finding that states no severity of its own has.
 */
export function applyCertainty<F extends RuleFinding>(findings: F[], config: Pick<BuildConfig, 'conditions'>, defaultSeverity: Severity): F[] {
  const clause = conditionClause(config);
  if (!clause) return findings;
  return findings.map((f) => ({
    ...f,
    ...((f.severity ?? defaultSeverity) === 'error' ? { severity: 'warning' } : {}),
    message: `${f.message} (Uncertain: ${clause}.)`,
  }));
}
