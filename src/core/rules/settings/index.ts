import type { Rule } from '../../rule.js';

/** Rules of the `settings/` family. */
export const settingsRules: Rule[] = [];
