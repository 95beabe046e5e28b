import type { SeverityCounts } from '../core/report/model.js';

export const EXIT_OK = 0;
/** Errors were found (with --strict: warnings too). */
const EXIT_FINDINGS = 1;
/** Bad usage, unusable input, or an internal error. */
export const EXIT_USAGE = 2;

export function exitCodeFor(summary: Pick<SeverityCounts, 'errors' | 'warnings'>, strict: boolean): number {
  if (summary.errors > 0) return EXIT_FINDINGS;
  if (strict && summary.warnings > 0) return EXIT_FINDINGS;
  return EXIT_OK;
}
