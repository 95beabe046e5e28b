/** Linux facts: the C compiler on PATH and the inotify limits (facts §7.2). */
import type { LinuxFacts, ProbeProblem } from '../machine.js';
import type { Snapshot } from '../snapshot.js';
import { parseProcNumber } from './proc-number.js';

export const INOTIFY_FILES = {
  maxUserWatches: '/proc/sys/fs/inotify/max_user_watches',
  maxUserInstances: '/proc/sys/fs/inotify/max_user_instances',
  maxQueuedEvents: '/proc/sys/fs/inotify/max_queued_events',
} as const;

export function deriveLinuxFacts(snapshot: Snapshot, problems: ProbeProblem[]): LinuxFacts {
  const linux: LinuxFacts = {};
  const cc = snapshot.which.gcc ?? snapshot.which.cc ?? snapshot.which.clang;
  if (cc) linux.cCompiler = cc;
  const inotify: NonNullable<LinuxFacts['inotify']> = {};
  for (const [key, file] of Object.entries(INOTIFY_FILES) as [keyof typeof INOTIFY_FILES, string][]) {
    const fact = snapshot.files[file];
    if (!fact) continue;
    const n = fact.exists ? parseProcNumber(fact.content) : undefined;
    if (n !== undefined) inotify[key] = n;
    else if (fact.exists || fact.error) {
      problems.push({ command: `cat ${file}`, argv: ['cat', file], what: `the inotify limit ${file.split('/').pop()}`, reason: fact.error ?? `unexpected content ${JSON.stringify((fact.content ?? '').slice(0, 40))}` });
    }
  }
  if (Object.keys(inotify).length) linux.inotify = inotify;
  return linux;
}
