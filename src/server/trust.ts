/**
 * Workspace Trust. In an untrusted workspace the server runs no process at all: a workspace can
 * point `go.alternateTools`, `go.goroot`, a PATH entry or a tasks file at a binary of its own,
 * and probing would run it. Static checks of the workspace's files still run.
 */
import type { Rule } from '../core/rule.js';
import type { SkippedCheck } from './protocol.js';

const UNTRUSTED_REASON =
  'this workspace is not trusted, so the doctor runs no program on its behalf (a workspace can point go.alternateTools, go.goroot or PATH at binaries of its own). Trust the workspace to run these checks.';

/** What an untrusted workspace does not get, for the report. */
export function skippedWhenUntrusted(rules: readonly Rule[], staticRules: readonly Rule[]): SkippedCheck[] {
  const staticIds = new Set(staticRules.map((r) => r.id));
  const machineRules = rules.filter((r) => !staticIds.has(r.id)).map((r) => r.id);
  const skipped: SkippedCheck[] = [
    { what: 'Probing the machine (go version, go env, go tool dist list, Go tools on PATH, C compiler, Command Line Tools)', reason: UNTRUSTED_REASON },
  ];
  if (machineRules.length > 0) skipped.push({ what: `Machine checks: ${machineRules.join(', ')}`, reason: UNTRUSTED_REASON });
  return skipped;
}
