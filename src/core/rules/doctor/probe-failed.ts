import type { Rule, RuleFinding } from '../../rule.js';

/** A probe that failed or timed out is itself a result ("could not check X"), never a crash. */
export const probeFailed: Rule = {
  id: 'doctor/probe-failed',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'A check could not run (a command failed, timed out or was missing), so its result is unknown.',
  docs: `Every check the doctor runs depends on a command or a file. When one fails, times out or is
missing, the doctor reports that it **could not check** the thing rather than guessing or crashing.
The evidence shows the exact command, its exit status and the first lines of its error output.

Fix: run the command shown yourself to see what is wrong, or raise the probe timeout
(\`--timeout\` / \`goDoctor.probeTimeoutMs\`) on a slow machine.`,
  check({ machine }) {
    return machine.problems.map(
      (p): RuleFinding => ({
        message: `Could not check ${p.what}: ${p.reason}.`,
        evidence: [{ kind: 'command', command: p.command, argv: p.argv, excerpt: p.reason }],
        fixes: [],
      }),
    );
  },
};
