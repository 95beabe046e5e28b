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
  /**
   * Events of this second that make gopls reload the module graph: module-file changes and package
   * directories created or deleted (gopls-watched.ts isReloadEvent). Absent in older traces.
   */
  reloads?: number;
  /**
   * Up to TRACE_PATH_LIMIT (recorder: 8) workspace-relative paths of this second's events with their counts: reload
   * paths first (a directory ends with `/`), then the most changed watched files. Absent in older traces.
   */
  paths?: Record<string, number>;
  /** 1-minute load average at the end of the second. */
  load1?: number;
  /** gopls processes alive (restart / vanish scenarios). */
  goplsProcesses?: number;
  /** A new gopls process started in this second (restart scenarios). */
  goplsStarted?: boolean;
}

interface TraceSummary {
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
const HARMFUL_SECONDS = 5;

export type TraceClass = 'normal' | 'harmful' | 'mild';

function isNormalWork(summary: TraceSummary): boolean {
  if (summary.expect) return summary.expect === 'normal';
  return ['save', 'typing', 'none'].includes(summary.kind) || /checkout|burst1/.test(summary.label);
}

/** Ground truth for a sustained load: gopls tree CPU averaged over SUSTAINED_SECONDS consecutive seconds of the load ≥ SUSTAINED_HARMFUL_PERCENT (a third of a core). */
const SUSTAINED_HARMFUL_PERCENT = 33;
const SUSTAINED_SECONDS = 30;

/** The highest mean gopls tree CPU over SUSTAINED_SECONDS consecutive seconds within the load (0 … durationS), or undefined when the load is shorter. */
function sustainedMean(trace: Trace): number | undefined {
  const duration = typeof trace.summary.durationS === 'number' ? trace.summary.durationS : undefined;
  if (duration === undefined || duration < SUSTAINED_SECONDS) return undefined;
  const load = trace.timeline.filter((s) => s.sec >= 0 && s.sec < duration).map((s) => s.goplsTreePct ?? 0);
  let best: number | undefined;
  for (let i = 0; i + SUSTAINED_SECONDS <= load.length; i++) {
    const m = load.slice(i, i + SUSTAINED_SECONDS).reduce((a, b) => a + b, 0) / SUSTAINED_SECONDS;
    if (best === undefined || m > best) best = m;
  }
  return best;
}

/**
 * The loop period of a periodic load (a watch loop acting every few seconds: `summary.periodS` ≥ 2),
 * whose detection latency is counted from the loop's start, in periods; undefined otherwise.
 */
export function periodicLoadPeriod(summary: TraceSummary): number | undefined {
  const p = summary.periodS;
  return typeof p === 'number' && Number.isFinite(p) && p >= 2 ? p : undefined;
}

export function classifyTrace(trace: Trace): TraceClass {
  if (isNormalWork(trace.summary)) return 'normal';
  const hot = trace.timeline.filter((s) => s.sec >= 0 && (s.goplsTreePct ?? 0) >= HARMFUL_PERCENT).length;
  if (hot >= HARMFUL_SECONDS) return 'harmful';
  return (sustainedMean(trace) ?? 0) >= SUSTAINED_HARMFUL_PERCENT ? 'harmful' : 'mild';
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Paths kept per trace second (the recorder keeps 8; more are dropped on reading). */
export const TRACE_PATH_LIMIT = 16;
/** Longest path kept (longer ones are dropped: a trace is not a place for arbitrary text). */
export const TRACE_PATH_MAX_LENGTH = 512;

/**
 * A second's `paths` map: workspace-relative paths (no NUL or control characters, not absolute, no
 * `..` segment) with non-negative integer counts, at most TRACE_PATH_LIMIT; anything else is dropped.
 * Returns undefined when nothing valid is left.
 */
export function parseTracePaths(raw: unknown): Record<string, number> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  let n = 0;
  for (const [path, count] of Object.entries(raw as Record<string, unknown>)) {
    if (n >= TRACE_PATH_LIMIT) break;
    const c = num(count);
    if (c === undefined || c < 1 || !Number.isInteger(c) || c > 1_000_000) continue;
    if (path === '' || path.length > TRACE_PATH_MAX_LENGTH || [...path].some((ch) => ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127)) continue;
    if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path) || path.split(/[\\/]/).includes('..')) continue;
    out[path] = c;
    n++;
  }
  return n > 0 ? { ...out } : undefined;
}

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
    const reloads = num(r.reloads);
    if (reloads !== undefined && reloads >= 0) second.reloads = reloads;
    const paths = parseTracePaths(r.paths);
    if (paths) second.paths = paths;
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
