/**
 * The recorded traces (test/testdata/watchdog-traces/) and the tuning / held-out split. The split was
 * fixed before any tuning and never changes with results:
 * - lab traces (gopls of x/tools v0.5.0): tuning = every run labelled `-r1`, plus the only
 *   `burst1-checkout-2000-r2` (the sole one-off burst with no r1); held out = all other repetitions;
 * - gopls v0.24.0 traces (this project's benchmark): tuning = `-r1`; held out = everything else;
 * - gopls v0.24.0 reload traces (issue 12: module files rewritten in a loop, watch loops, everyday
 *   commands; recorded with per-second reload counts and paths): tuning = `-r1`; held out = the rest.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseTrace, type Trace } from '../../src/watchdog/trace.js';

export const TRACES_DIR = resolve(__dirname, '..', '..', 'test', 'testdata', 'watchdog-traces');
export const LAB_SET = 'lab-x-tools-v0.5.0';
export const V024_SET = 'gopls-v0.24.0';
export const RELOADS_SET = 'gopls-v0.24.0-reloads';
export const TRACE_SETS = [LAB_SET, V024_SET, RELOADS_SET] as const;

export interface NamedTrace {
  set: string;
  file: string;
  trace: Trace;
  tuning: boolean;
}

export function isTuningTrace(set: string, label: string): boolean {
  if (set === LAB_SET) return label.endsWith('-r1') || label === 'burst1-checkout-2000-r2';
  return label.endsWith('-r1');
}

export function loadTraceSet(set: string, dir = TRACES_DIR): NamedTrace[] {
  const d = join(dir, set);
  if (!existsSync(d)) return [];
  return readdirSync(d)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const trace = parseTrace(JSON.parse(readFileSync(join(d, file), 'utf8')), `${set}/${file}`);
      return { set, file, trace, tuning: isTuningTrace(set, trace.summary.label) };
    });
}

export function loadAllTraces(dir = TRACES_DIR): NamedTrace[] {
  return TRACE_SETS.flatMap((set) => loadTraceSet(set, dir));
}

/** Compact JSON: summary pretty, one timeline second per line (diff-friendly, ~5–15 KB per trace). */
export function serializeTrace(trace: Trace): string {
  const summary = JSON.stringify(trace.summary, null, 1).replace(/\n/g, '\n ');
  const rows = trace.timeline.map((s) => '  ' + JSON.stringify(s)).join(',\n');
  return `{\n "summary": ${summary},\n "timeline": [\n${rows}\n ]\n}\n`;
}
