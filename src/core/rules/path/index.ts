import type { Rule } from '../../rule.js';

/** Rules of the `path/` family. */
export const pathRules: Rule[] = [];
