import type { Rule } from '../../rule.js';

/** Rules of the `tools/` family. */
export const toolsRules: Rule[] = [];
