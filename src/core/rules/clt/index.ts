import type { Rule } from '../../rule.js';

/** Rules of the `clt/` family. */
export const cltRules: Rule[] = [];
