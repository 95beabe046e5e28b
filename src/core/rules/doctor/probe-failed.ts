import type { Finding } from '../../finding.js';
import type { Rule } from '../../rule.js';

/** A probe that failed or timed out is itself a result ("could not check X"), never a crash. */
export const probeFailed: Rule = {
  id: 'doctor/probe-failed',
  defaultSeverity: 'warning',
  summary: 'A check could not run (a command failed, timed out or was missing), so its result is unknown.',
  check({ machine }) {
    return machine.problems.map(
      (p): Finding => ({
        rule: 'doctor/probe-failed',
        severity: 'warning',
        message: `Could not check ${p.what}: ${p.reason}.`,
        evidence: [{ kind: 'command', command: p.command, argv: p.argv, excerpt: p.reason }],
        fixes: [],
      }),
    );
  },
};
