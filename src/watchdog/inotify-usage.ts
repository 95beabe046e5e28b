import { readdir, readFile, readlink, stat } from 'node:fs/promises';

/**
 * Linux inotify limits and what is in use (facts §7.2; watchdog lab `inotify-report.js`):
 * limits in `/proc/sys/fs/inotify/*`; an instance is an fd linking to `anon_inode:inotify`; each
 * `inotify wd:` line in `/proc/<pid>/fdinfo/<fd>` is one watch. A full scan costs 5–35 ms, so this
 * runs on demand (the report, after an alarm), never per sample.
 */
export interface InotifyProcess {
  pid: number;
  comm: string;
  instances: number;
  watches: number;
}

export interface InotifyUsage {
  maxUserWatches: number | undefined;
  maxUserInstances: number | undefined;
  maxQueuedEvents: number | undefined;
  /** Totals for this user's processes (the limits are per user). */
  watches: number;
  instances: number;
  /** Biggest users of watches, highest first. */
  top: InotifyProcess[];
  /** Processes whose fds could not be read (other users). */
  unreadable: number;
}

export function countInotifyWatches(fdinfo: string): number {
  let n = 0;
  let i = -1;
  while ((i = fdinfo.indexOf('inotify wd:', i + 1)) !== -1) n++;
  return n;
}

async function readNumber(file: string): Promise<number | undefined> {
  try {
    const n = Number((await readFile(file, 'latin1')).trim());
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

export async function readInotifyUsage(procRoot = '/proc', uid: number | undefined = process.getuid?.()): Promise<InotifyUsage> {
  const usage: InotifyUsage = {
    maxUserWatches: await readNumber(`${procRoot}/sys/fs/inotify/max_user_watches`),
    maxUserInstances: await readNumber(`${procRoot}/sys/fs/inotify/max_user_instances`),
    maxQueuedEvents: await readNumber(`${procRoot}/sys/fs/inotify/max_queued_events`),
    watches: 0,
    instances: 0,
    top: [],
    unreadable: 0,
  };
  let pids: string[];
  try {
    pids = (await readdir(procRoot)).filter((d) => /^\d+$/.test(d));
  } catch {
    return usage;
  }
  for (const pid of pids) {
    try {
      if (uid !== undefined && (await stat(`${procRoot}/${pid}`)).uid !== uid) continue;
    } catch {
      continue;
    }
    let fds: string[];
    try {
      fds = await readdir(`${procRoot}/${pid}/fd`);
    } catch {
      usage.unreadable++;
      continue;
    }
    let instances = 0;
    let watches = 0;
    for (const fd of fds) {
      let link: string;
      try {
        link = await readlink(`${procRoot}/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (link !== 'anon_inode:inotify') continue;
      instances++;
      try {
        watches += countInotifyWatches(await readFile(`${procRoot}/${pid}/fdinfo/${fd}`, 'latin1'));
      } catch {
        // closed meanwhile
      }
    }
    if (instances === 0) continue;
    let comm = '?';
    try {
      comm = (await readFile(`${procRoot}/${pid}/comm`, 'latin1')).trim();
    } catch {
      // exited
    }
    usage.instances += instances;
    usage.watches += watches;
    usage.top.push({ pid: Number(pid), comm, instances, watches });
  }
  usage.top.sort((a, b) => b.watches - a.watches);
  usage.top = usage.top.slice(0, 5);
  return usage;
}
