import type { Rule } from '../../rule.js';

/** Rules of the `watch/` family. */
export const watchRules: Rule[] = [];
