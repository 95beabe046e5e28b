/**
 * Recorded per-second traces of gopls under file-event load: the watchdog lab's format
 * (`{ summary, timeline }`, ../shared/watchdog-lab/lsp-storm.js) and the project benchmark's, which
 * adds fields (all optional here so lab traces load unchanged).
 */
import { isRecord } from '../core/is-record.js';

export interface TraceSecond {
  /** Seconds relative to the start of the scenario's load (negative = idle baseline). */
  sec: number;
  /** File events gopls received (`workspace/didChangeWatchedFiles` changes) in this second. */
  events: number;
  /** Workspace file events gopls does not watch (not forwarded), when recorded. */
  otherEvents?: number;
  /** gopls process-tree CPU (gopls + `go` children, exited ones included), % of one core; null = no gopls. */
  goplsTreePct: number | null;
  goplsSelfPct?: number | null;
  rssMB?: number | null;
  /** Machine steal time, % of one CPU. */
  stealPct?: number;
  /** 1-minute load average at the end of the second. */
  load1?: number;
  /** gopls processes alive (restart / vanish scenarios). */
  goplsProcesses?: number;
  /** A new gopls process started in this second (restart scenarios). */
  goplsStarted?: boolean;
}

export interface TraceSummary {
  label: string;
  kind: string;
  rate?: number;
  durationS?: number;
  /** What the scenario is: normal work must never alarm; a storm may. Lab traces: derived from kind/label. */
  expect?: 'normal' | 'storm';
  goplsVersion?: string;
  stealMeanPct?: number;
  [key: string]: unknown;
}

export interface Trace {
  summary: TraceSummary;
  timeline: TraceSecond[];
}

/** Ground truth of the watchdog lab (analyze.js): harmful = gopls tree CPU ≥ 50 % for ≥ 5 s after the start. */
export const HARMFUL_PERCENT = 50;
export const HARMFUL_SECONDS = 5;

export type TraceClass = 'normal' | 'harmful' | 'mild';

export function isNormalWork(summary: TraceSummary): boolean {
  if (summary.expect) return summary.expect === 'normal';
  return ['save', 'typing', 'none'].includes(summary.kind) || /checkout|burst1/.test(summary.label);
}

export function classifyTrace(trace: Trace): TraceClass {
  if (isNormalWork(trace.summary)) return 'normal';
  const hot = trace.timeline.filter((s) => s.sec >= 0 && (s.goplsTreePct ?? 0) >= HARMFUL_PERCENT).length;
  return hot >= HARMFUL_SECONDS ? 'harmful' : 'mild';
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Validates and normalises parsed JSON into a Trace; throws a readable error on malformed input. */
export function parseTrace(json: unknown, name = 'trace'): Trace {
  if (!isRecord(json)) throw new Error(`${name}: not an object`);
  if (!isRecord(json.summary)) throw new Error(`${name}: no summary`);
  if (!Array.isArray(json.timeline)) throw new Error(`${name}: no timeline`);
  const s = json.summary;
  if (typeof s.label !== 'string' || typeof s.kind !== 'string') throw new Error(`${name}: summary needs label and kind`);
  const timeline: TraceSecond[] = [];
  for (const [i, r] of (json.timeline as unknown[]).entries()) {
    if (!isRecord(r)) throw new Error(`${name}: timeline[${i}] is not an object`);
    const sec = num(r.sec);
    const events = num(r.events);
    if (sec === undefined || events === undefined) throw new Error(`${name}: timeline[${i}] needs sec and events`);
    const tree = r.goplsTreePct === null ? null : num(r.goplsTreePct);
    if (tree === undefined) throw new Error(`${name}: timeline[${i}] needs goplsTreePct (number or null)`);
    const second: TraceSecond = { sec, events, goplsTreePct: tree };
    const other = num(r.otherEvents);
    if (other !== undefined) second.otherEvents = other;
    if (r.goplsSelfPct === null || num(r.goplsSelfPct) !== undefined) second.goplsSelfPct = r.goplsSelfPct as number | null;
    if (r.rssMB === null || num(r.rssMB) !== undefined) second.rssMB = r.rssMB as number | null;
    const steal = num(r.stealPct);
    if (steal !== undefined) second.stealPct = steal;
    const load = num(r.load1);
    if (load !== undefined) second.load1 = load;
    const procs = num(r.goplsProcesses);
    if (procs !== undefined) second.goplsProcesses = procs;
    if (r.goplsStarted === true) second.goplsStarted = true;
    timeline.push(second);
  }
  timeline.sort((a, b) => a.sec - b.sec);
  return { summary: s as TraceSummary, timeline };
}
