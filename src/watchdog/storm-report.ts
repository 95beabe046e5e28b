import type { Evidence, Finding, Fix } from '../core/finding.js';
import { GOPLS_STORM_RULE_ID } from '../core/report/engine-rules.js';
import type { InotifyUsage } from './inotify-usage.js';
import { fixesForCause, inotifyFixes, profileFix, restartFix } from './storm-fixes.js';
import type { StormCause } from './storm-cause.js';
import type { StormEpisode } from './storm-monitor.js';
import type { StormThresholds } from './storm-detector.js';

const NBSP = '\u00a0';

/** 4800 → "4 800" (no-break space as thousands separator, as in the report). */
export function formatCount(n: number): string {
  const r = n >= 100 ? Math.round(n) : n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
  const [int, frac] = String(r).split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return frac ? `${grouped}.${frac}` : grouped;
}

/** Events per second of the storm (over the seconds that had events). */
function eventsPerSecond(events: number, activeSeconds: number): number {
  return activeSeconds > 0 ? events / activeSeconds : events;
}

/** 500 → "0.5 s", 4000 → "4 s", 12 500 → "13 s". */
export function formatPeriod(ms: number): string {
  const s = ms / 1000;
  const v = s >= 10 ? Math.round(s) : Math.round(s * 10) / 10;
  return `${v}${NBSP}s`;
}

const loopTarget = (cause: Extract<StormCause, { kind: 'loop' }>): string =>
  cause.path.endsWith('/') ? `package directory \`${cause.path}\` recreated in a loop` : `\`${cause.path}\` rewritten in a loop`;

/** "a repeated reload: `go.mod` rewritten in a loop every 0.5 s (with `gen/api/` regenerated each time)" */
function loopClause(cause: Extract<StormCause, { kind: 'loop' }>): string {
  const where = cause.directory ? ` (with \`${cause.directory}/\` regenerated each time)` : '';
  return cause.reload
    ? `a repeated reload: ${loopTarget(cause)} every ${formatPeriod(cause.periodMs)}${where}`
    : `a file rewritten in a loop: \`${cause.path}\` every ${formatPeriod(cause.periodMs)}`;
}

function causeClause(cause: StormCause, ep: StormEpisode): string {
  switch (cause.kind) {
    case 'loop':
      return `— ${loopClause(cause)}`;
    case 'directory':
      return `while \`${cause.path}/\` produced ${formatCount(eventsPerSecond(cause.events, ep.activeSeconds))} file events/s`;
    case 'file':
      return `while \`${cause.path}\` changed ${formatCount(eventsPerSecond(cause.events, ep.activeSeconds))} times/s`;
    case 'spread': {
      const where = cause.top.map((d) => `\`${d.path}/\``).join(', ');
      return `while the workspace produced ${formatCount(eventsPerSecond(ep.events, ep.activeSeconds))} file events/s${where ? ` (most in ${where})` : ''}`;
    }
    case 'unknown':
      return `during a storm of ${formatCount(eventsPerSecond(ep.events, ep.activeSeconds))} file events/s`;
  }
}

/**
 * "gopls at 180 % CPU for 40 s while `build/gen/` produced 4 800 file events/s";
 * "gopls at 120 % CPU for 6 s — a repeated reload: `go.sum` rewritten in a loop every 0.3 s";
 * a sustained load: "gopls averaged 38 % CPU over 30 s (peak 95 %) — a repeated reload: `go.mod`
 * rewritten in a loop every 4 s (with `gen/api/` regenerated each time)".
 */
export function stormHeadline(ep: StormEpisode): string {
  if (ep.reason === 'sustained' && ep.repeated) {
    const r = ep.repeated;
    const what = ep.cause.kind === 'loop' ? loopClause(ep.cause) : `a repeated reload every ${formatPeriod(r.periodMs)} (${r.bursts} reloads so far)`;
    return `gopls averaged ${Math.round(r.cpuPercent)}${NBSP}% CPU over ${Math.max(1, Math.round(r.windowMs / 1000))}${NBSP}s (peak ${Math.round(ep.peakCpuPercent)}${NBSP}%) — ${what}`;
  }
  const cpu = Math.round(ep.cpuPercent);
  const secs = Math.max(1, Math.round(ep.hotMs / 1000));
  return `gopls at ${cpu}${NBSP}% CPU for ${secs}${NBSP}s ${causeClause(ep.cause, ep)}`;
}

/** "VS Code's file watcher at 95 % CPU", or undefined when the watcher was not identified. */
export function watcherClause(ep: StormEpisode): string | undefined {
  if (ep.watcherCpuPercent === undefined) return undefined;
  return `VS Code's file watcher at ${Math.round(ep.watcherCpuPercent)}${NBSP}% CPU`;
}

interface StormReportContext {
  thresholds: StormThresholds;
  /** Effective gopls build.directoryFilters (undefined = gopls default). */
  directoryFilters?: readonly unknown[];
  /** argv of the gopls processes (for the -debug address). */
  goplsArgs?: readonly (readonly string[])[];
  /** Linux only. */
  inotify?: InotifyUsage;
}

function inotifyEvidence(u: InotifyUsage): Evidence {
  const of = (used: number, max: number | undefined): string => `${formatCount(used)} of ${max === undefined ? '?' : formatCount(max)}`;
  const top = u.top
    .slice(0, 3)
    .map((p) => `${p.comm} (${p.pid}): ${formatCount(p.watches)}`)
    .join(', ');
  return {
    kind: 'note',
    text: `inotify: ${of(u.watches, u.maxUserWatches)} watches and ${of(u.instances, u.maxUserInstances)} instances in use by your processes${top ? `; most: ${top}` : ''} (/proc/sys/fs/inotify, /proc/*/fdinfo)`,
  };
}

function advice(cause: StormCause): string {
  switch (cause.kind) {
    case 'directory':
      return `gopls reloads packages for every changed Go file; if \`${cause.path}/\` is generated code or build output, exclude it from watching and from gopls.`;
    case 'file':
      return `gopls reloads the workspace on every change of \`${cause.path}\`: find what keeps rewriting it.`;
    case 'loop':
      return cause.reload
        ? `Each change of \`${cause.path}\` makes gopls reload the module graph (it re-runs \`go list\`): find what keeps rewriting it every ${formatPeriod(cause.periodMs)} (a watch script, a generator, \`go mod tidy\` in a loop).`
        : `gopls re-checks packages on every change of \`${cause.path}\`: find what keeps rewriting it every ${formatPeriod(cause.periodMs)}.`;
    default:
      return 'A branch switch or a one-off generation run passes by itself; if it keeps happening, find what rewrites these files.';
  }
}

/** The report entry for one storm: a Finding like every other check's. */
export function stormFinding(ep: StormEpisode, ctx: StormReportContext): Finding {
  const th = ctx.thresholds;
  const headline = stormHeadline(ep);
  const state = ep.ended ? 'It is over.' : ep.clearedAt !== undefined ? 'gopls has calmed down.' : 'It is still going on.';
  const watchedShare = ep.events > 0 ? Math.round((ep.watchedEvents / ep.events) * 100) : 0;
  const evidence: Evidence[] = [
    {
      kind: 'note',
      text: `${formatCount(ep.events)} file events in ${ep.activeSeconds}${NBSP}s, ${watchedShare}${NBSP}% of them files gopls watches (**/*.{go,mod,sum,work}); gopls process tree (incl. its go children) peaked at ${Math.round(ep.peakCpuPercent)}${NBSP}% of one core.`,
    },
    {
      kind: 'note',
      text: `Alarm rule: ≥ ${th.stormEventsPer10s} watched file events in 10${NBSP}s over ≥ ${th.stormMinActiveSeconds} seconds (a go.mod / go.sum / go.work change or a new or deleted package directory counts ${th.reloadWeight}), and gopls ≥ ${th.cpuThresholdPercent}${NBSP}% CPU (${th.hotWindowSeconds}${NBSP}s mean) within ${th.stormMemorySeconds}${NBSP}s of it; or reloads recurring while gopls averages ≥ ${th.sustainedPercent}${NBSP}% CPU since they began (at most ${th.sustainedWindowSeconds}${NBSP}s) (settings goDoctor.watchdog.*).`,
    },
  ];
  if (ep.reloads > 0 || ep.repeated) {
    const r = ep.repeated;
    evidence.push({
      kind: 'note',
      text: `${formatCount(ep.reloads)} of the storm's events made gopls reload the module graph${r ? `; the reloads recur every ${formatPeriod(r.periodMs)} (${r.bursts} in the last ${Math.round(r.windowMs / 1000)}${NBSP}s) with gopls averaging ${Math.round(r.cpuPercent)}${NBSP}% CPU` : ''}.`,
    });
  }
  const watcher = watcherClause(ep);
  evidence.push({
    kind: 'note',
    text:
      watcher !== undefined
        ? `${watcher} during the storm (peak ${Math.round(ep.watcherPeakCpuPercent ?? ep.watcherCpuPercent ?? 0)}${NBSP}%; the process started with --type=fileWatcher). Reported only: the alarm rule does not use it.`
        : "VS Code's file watcher: not identified, its CPU is unknown (desktop VS Code runs it as an Electron utility process that cannot be told apart from the others).",
  });
  if (ctx.inotify) evidence.push(inotifyEvidence(ctx.inotify));
  const fixes: Fix[] = [...fixesForCause(ep.cause, ctx.directoryFilters), restartFix(), profileFix(ctx.goplsArgs), ...inotifyFixes(ctx.inotify)];
  return {
    rule: GOPLS_STORM_RULE_ID,
    severity: ep.severity,
    message: `${headline}${watcher !== undefined ? `; ${watcher}` : ''}. ${state} ${advice(ep.cause)}`,
    evidence,
    fixes,
  };
}
