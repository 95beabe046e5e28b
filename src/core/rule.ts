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

/**
 * What a rule returns for one problem: a Finding without its rule id, which the engine stamps
 * (`runRules`), and without a severity unless the rule deliberately lowers or raises its
 * `defaultSeverity` for this finding (the engine stamps the default otherwise).
 */
export type RuleFinding = Omit<Finding, 'rule' | 'severity'> & { severity?: Severity };

/**
 * What a rule reads, which decides where it runs. An untrusted workspace is never probed (probing
 * runs programs the workspace can choose: go.alternateTools, go.goroot, PATH), so only the rules
 * that can do without the probe run there (`runsUntrusted`).
 *
 * - `machine`: facts the probe gathers (go, PATH, the C toolchain, the OS); needs a probe.
 * - `machine+files`: those and the workspace's files (e.g. go.mod against the local go); needs a probe.
 * - `files`: the workspace's files only (the workspace model); never touches the machine facts or
 *   the snapshot's probe records. Runs in untrusted workspaces.
 * - `files+machine-if-probed`: the workspace's files, sharpened by the machine when a probe ran:
 *   the local Go's version, its host GOOS/GOARCH and port list (`go tool dist list`), the Xcode
 *   version. Without a probe (an untrusted workspace) the machine facts hold only the host's
 *   platform and CPU (known without running anything), and the rule falls back to them and to the
 *   embedded port tables of every Go release. Runs in untrusted workspaces.
 *
 * test/unit/rules/reads.test.ts holds every rule to its declaration over every recorded fixture:
 * a `files` rule touches no machine fact and no probe record of the snapshot, a
 * `files+machine-if-probed` rule only the facts named above (`PROBE_REFINEMENTS` there), a
 * `machine…` rule does read the machine, and only a `…files` rule reads the workspace.
 */
export type RuleReads = 'machine' | 'machine+files' | 'files' | 'files+machine-if-probed';

/** Whether a rule runs in an untrusted workspace, where nothing is probed. */
export function runsUntrusted(rule: Pick<Rule, 'reads'>): boolean {
  return rule.reads === 'files' || rule.reads === 'files+machine-if-probed';
}

export interface Rule {
  /** `family/what-is-wrong`; the contract. */
  id: string;
  /** Severity of its findings unless a finding states another on purpose. */
  defaultSeverity: Severity;
  /** What it reads: the machine, the workspace's files, or both (decides untrusted workspaces). */
  reads: RuleReads;
  /** One line for `go-doctor rules`. */
  summary: string;
  /**
   * Markdown for the rule's section in docs/rules.md (generated from here): what it checks, why it
   * matters, how to fix it, and which fact (facts file section, real toolchain run) backs it.
   */
  docs: string;
  /** Pure. Throwing is a bug, reported as a `doctor/rule-crashed` finding, never a crash. */
  check(ctx: RuleContext): RuleFinding[];
}

/**
 * A rule's docs Markdown with its relative links made absolute: in docs/rules.md `](#anchor)` and
 * `](knowledge/…)` resolve next to the file, but the editor's tooltip and a SARIF rule's help are
 * shown elsewhere, where only an absolute link leads anywhere.
 */
export function absoluteDocsLinks(markdown: string): string {
  const dir = DOCS_BASE.slice(0, DOCS_BASE.lastIndexOf('/') + 1);
  return markdown.replace(/\]\(([^)\s]*)\)/g, (whole, target: string) => {
    if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) return whole;
    return `](${target.startsWith('#') ? DOCS_BASE : dir}${target})`;
  });
}

/** The docs anchor of a rule (GitHub heading slug of the rule id). */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}#${id.replace(/[^a-z0-9-]/gi, '').toLowerCase()}`;
}
