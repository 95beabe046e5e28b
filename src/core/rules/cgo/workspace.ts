import type { Rule } from '../../rule.js';

/** `cgo/` rules that read the workspace's build configuration (Makefiles, CI, settings). */
export const cgoWorkspaceRules: Rule[] = [];
