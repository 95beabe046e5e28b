import type { Rule } from '../../rule.js';
import { badLdflags } from './bad-ldflags.js';
import { ignoredFilenameSuffix } from './ignored-filename-suffix.js';
import { unknownOsTag } from './unknown-os-tag.js';

/** Rules of the `build/` family. */
export const buildRules: Rule[] = [unknownOsTag, ignoredFilenameSuffix, badLdflags];
