import type { Finding, Severity } from './finding.js';
import type { MachineFacts } from './machine.js';
import type { Snapshot } from './snapshot.js';
import type { WorkspaceModel } from './workspace/model.js';

export const DOCS_BASE = 'https://github.com/go-toolchain-doctor/go-toolchain-doctor/blob/main/docs/rules.md';

/** Everything a rule may look at. Rules are pure: same context, same findings. */
export interface RuleContext {
  snapshot: Snapshot;
  machine: MachineFacts;
  workspace: WorkspaceModel;
}

export interface Rule {
  /** `family/what-is-wrong`; the contract. */
  id: string;
  /** Severity when the rule fires in its usual form (a finding may lower or raise it). */
  defaultSeverity: Severity;
  /** One line for `go-doctor rules`. */
  summary: string;
  /**
   * Markdown for the rule's section in docs/rules.md (generated from here): what it checks, why it
   * matters, how to fix it, and which fact (facts file section, real toolchain run) backs it.
   */
  docs: string;
  /** Pure. Throwing is a bug, reported as a `doctor/rule-crashed` finding, never a crash. */
  check(ctx: RuleContext): Finding[];
}

/** The docs anchor of a rule (GitHub heading slug of the rule id). */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}#${id.replace(/[^a-z0-9-]/gi, '').toLowerCase()}`;
}
