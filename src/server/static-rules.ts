import type { Rule } from '../core/rule.js';
import { cgoWorkspaceRules } from '../core/rules/cgo/workspace.js';

/** Rule families that read only the workspace's files (plus, when present, the Go port list). */
const WORKSPACE_FAMILIES = ['cross/', 'build/', 'settings/'];

/** The rules that still run in an untrusted workspace, where nothing is probed. */
export function staticRules(all: readonly Rule[]): Rule[] {
  const cgoWorkspace = new Set(cgoWorkspaceRules.map((r) => r.id));
  return all.filter((r) => WORKSPACE_FAMILIES.some((family) => r.id.startsWith(family)) || cgoWorkspace.has(r.id));
}
