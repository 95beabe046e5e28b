import type { Rule } from '../../rule.js';

/** Rules of the `go/` family. */
export const goRules: Rule[] = [];
