import type { Rule } from '../../rule.js';
import { toolsMissingLcUuid } from './missing-lc-uuid.js';

/** Rules of the `tools/` family. */
export const toolsRules: Rule[] = [toolsMissingLcUuid];
