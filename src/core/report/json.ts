/** The JSON report (`go-doctor check --json`): the DoctorReport itself, documented in docs/cli.md. */
import type { DoctorReport } from './model.js';

export function renderJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
