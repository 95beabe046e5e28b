import type { Rule } from '../../rule.js';
import { deprecatedFramework } from './deprecated-framework.js';
import { disabledWithCImports } from './disabled-with-c-imports.js';
import { ldClassic } from './ld-classic.js';

/** `cgo/` rules that read the workspace's build configuration (Makefiles, CI, settings). */
export const cgoWorkspaceRules: Rule[] = [disabledWithCImports, ldClassic, deprecatedFramework];
