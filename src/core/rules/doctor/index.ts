import type { Rule } from '../../rule.js';
import { probeFailed } from './probe-failed.js';

/** Rules about the doctor's own ability to check (probes that failed, rules that crashed). */
export const doctorRules: Rule[] = [probeFailed];
