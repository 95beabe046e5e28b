import { runRules, type RuleSettings } from './engine.js';
import { deriveMachineFacts } from './facts/index.js';
import type { Finding } from './finding.js';
import type { Rule, RuleContext } from './rule.js';
import { allRules } from './rules/index.js';
import type { Snapshot } from './snapshot.js';
import { buildWorkspaceModel } from './workspace/build.js';

export interface Diagnosis {
  context: RuleContext;
  findings: Finding[];
}

/** The whole engine in one pure call: snapshot → facts + workspace model → findings. */
export function diagnose(snapshot: Snapshot, settings: RuleSettings = {}, rules: readonly Rule[] = allRules): Diagnosis {
  const context: RuleContext = {
    snapshot,
    machine: deriveMachineFacts(snapshot),
    workspace: buildWorkspaceModel(snapshot.workspace),
  };
  return { context, findings: runRules(rules, context, settings) };
}
