import type { Rule } from '../../rule.js';
import { watchInotifyLow } from './inotify-low.js';

/** Rules of the `watch/` family. */
export const watchRules: Rule[] = [watchInotifyLow];
