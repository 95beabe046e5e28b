import type { Rule } from '../../rule.js';

/** Rules of the `cross/` family. */
export const crossRules: Rule[] = [];
