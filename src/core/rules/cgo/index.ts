import type { Rule } from '../../rule.js';
import { cgoDisabledSilently } from './disabled-silently.js';
import { cgoNoCompiler } from './no-compiler.js';

/** Rules of the `cgo/` family about the machine (workspace-config cgo rules live in ./workspace.ts). */
export const cgoRules: Rule[] = [cgoNoCompiler, cgoDisabledSilently];
