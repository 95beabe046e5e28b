/**
 * Certainty decides severity (docs/rules.md, "Certainty"): a finding is an error only when the
 * command certainly runs, with the values the doctor read, whenever its file runs. A finding on a
 * configuration that runs only under a condition the doctor could not decide, or whose
 * environment is partly set elsewhere, is at most a warning and names those conditions.
 */
import type { Finding } from '../finding.js';
import type { BuildConfig } from './build-config.js';

/** The conditions of a configuration as one clause: "only if A and if B". */
export function conditionClause(config: Pick<BuildConfig, 'conditions'>): string | undefined {
  const c = config.conditions?.filter((s) => s.length > 0) ?? [];
  if (c.length === 0) return undefined;
  return c.join('; ');
}

/** Caps the severity of one configuration's findings by its certainty and names the conditions. */
export function applyCertainty(findings: Finding[], config: Pick<BuildConfig, 'conditions'>): Finding[] {
  const clause = conditionClause(config);
  if (!clause) return findings;
  return findings.map((f) => ({
    ...f,
    severity: f.severity === 'error' ? 'warning' : f.severity,
    message: `${f.message} (Uncertain: ${clause}.)`,
  }));
}
