import type { Rule } from '../../rule.js';
import { cltBroken } from './broken.js';
import { cltMissing } from './missing.js';
import { cltOutdated } from './outdated.js';

/** Rules of the `clt/` family. */
export const cltRules: Rule[] = [cltMissing, cltBroken, cltOutdated];
