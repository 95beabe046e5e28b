import type { Rule } from '../../rule.js';

/** Rules of the `cgo/` family. */
export const cgoRules: Rule[] = [];
