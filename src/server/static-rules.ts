import { runsUntrusted, type Rule } from '../core/rule.js';

/**
 * The rules that still run in an untrusted workspace, where nothing is probed: those that declare
 * they read the workspace's files (`reads: 'files'`, or `'files+machine-if-probed'`, which then run
 * with the host's platform and the embedded port tables instead of the probe's facts).
 */
export function staticRules(all: readonly Rule[]): Rule[] {
  return all.filter(runsUntrusted);
}
