import type { Evidence, Finding, Fix } from '../core/finding.js';
import type { InotifyUsage } from './inotify-usage.js';
import { fixesForCause, inotifyFixes, profileFix, restartFix } from './storm-fixes.js';
import type { StormCause } from './storm-cause.js';
import type { StormEpisode } from './storm-monitor.js';
import type { StormThresholds } from './storm-detector.js';

/** The watchdog's finding id (family `watch/`). */
export const STORM_RULE_ID = 'watch/gopls-storm';

const NBSP = '\u00a0';

/** 4800 → "4 800" (no-break space as thousands separator, as in the report). */
export function formatCount(n: number): string {
  const r = n >= 100 ? Math.round(n) : n >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
  const [int, frac] = String(r).split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return frac ? `${grouped}.${frac}` : grouped;
}

/** Events per second of the storm (over the seconds that had events). */
export function eventsPerSecond(events: number, activeSeconds: number): number {
  return activeSeconds > 0 ? events / activeSeconds : events;
}

function causeClause(cause: StormCause, ep: StormEpisode): string {
  switch (cause.kind) {
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

/** "gopls at 180 % CPU for 40 s while `build/gen/` produced 4 800 file events/s" */
export function stormHeadline(ep: StormEpisode): string {
  const cpu = Math.round(ep.cpuPercent);
  const secs = Math.max(1, Math.round(ep.hotMs / 1000));
  return `gopls at ${cpu}${NBSP}% CPU for ${secs}${NBSP}s ${causeClause(ep.cause, ep)}`;
}

/** "VS Code's file watcher at 95 % CPU", or undefined when the watcher was not identified. */
export function watcherClause(ep: StormEpisode): string | undefined {
  if (ep.watcherCpuPercent === undefined) return undefined;
  return `VS Code's file watcher at ${Math.round(ep.watcherCpuPercent)}${NBSP}% CPU`;
}

export interface StormReportContext {
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
      text: `Alarm rule: ≥ ${th.stormEventsPer10s} watched file events in 10${NBSP}s over ≥ ${th.stormMinActiveSeconds} seconds, and gopls ≥ ${th.cpuThresholdPercent}${NBSP}% CPU (${th.hotWindowSeconds}${NBSP}s mean) within ${th.stormMemorySeconds}${NBSP}s of it (settings goDoctor.watchdog.*).`,
    },
  ];
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
    rule: STORM_RULE_ID,
    severity: ep.severity,
    message: `${headline}${watcher !== undefined ? `; ${watcher}` : ''}. ${state} ${advice(ep.cause)}`,
    evidence,
    fixes,
  };
}
