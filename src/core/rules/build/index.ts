import type { Rule } from '../../rule.js';

/** Rules of the `build/` family. */
export const buildRules: Rule[] = [];
