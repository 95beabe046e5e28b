/**
 * Parser for the macOS `ps` output the sampler asks for:
 *   LC_ALL=C ps -axo pid=,ppid=,time=,rss=,etime=,lstart=,args=
 * Formats from Apple's ps source (apple-oss-distributions/adv_cmds-237, ps/print.c):
 * - `time`: `%3ld:%02ld.%02ld` = minutes:seconds.centiseconds, minutes unbounded (`cputime`);
 *   Linux procps prints `[[dd-]hh:]mm:ss`, also accepted.
 * - `rss`: KiB (`p_rssize`: resident_size / 1024).
 * - `etime`: `[[dd-]hh:]mm:ss` (`get_etime`, 1 s resolution).
 * - `lstart`: `strftime("%c")` — in the C locale `Tue Nov 25 17:04:02 2026` (5 tokens).
 * - `args`: argv joined with spaces (argument boundaries are lost; roles only need the flags).
 * Note: `ps -S` ("sum exited children") is parsed but not applied by that source (the code is under
 * `#if FIXME`), so on macOS exited children's CPU cannot be read from ps.
 */
export interface PsRow {
  pid: number;
  ppid: number;
  cpuMs: number;
  rssBytes: number;
  elapsedMs: number;
  started: string;
  args: string[];
}

/** `m:ss.cc`, `mm:ss`, `hh:mm:ss`, `dd-hh:mm:ss` (optional `.cc`) → ms; `undefined` if malformed. */
export function parsePsDuration(text: string): number | undefined {
  const m = /^(?:(\d{1,6})-)?(?:(\d{1,7}):)?(\d{1,9}):(\d{1,2})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!m) return undefined;
  const days = Number(m[1] ?? 0);
  const hours = Number(m[2] ?? 0);
  const minutes = Number(m[3]);
  const seconds = Number(m[4]);
  if (seconds >= 60) return undefined;
  const fraction = m[5] ? Number(m[5].padEnd(3, '0')) : 0;
  return ((days * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000 + fraction;
}

const ROW = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(\S+)\s+(\S+\s+\S+\s+\d+\s+\d+:\d+:\d+\s+\d+)\s?(.*)$/;

export function parsePsRow(line: string): PsRow | undefined {
  if (line.length > 65_536) return undefined;
  const m = ROW.exec(line);
  if (!m) return undefined;
  const cpuMs = parsePsDuration(m[3] ?? '');
  const elapsedMs = parsePsDuration(m[5] ?? '');
  if (cpuMs === undefined || elapsedMs === undefined) return undefined;
  return {
    pid: Number(m[1]),
    ppid: Number(m[2]),
    cpuMs,
    rssBytes: Number(m[4]) * 1024,
    elapsedMs,
    started: (m[6] ?? '').replace(/\s+/g, ' '),
    args: (m[7] ?? '').trim() === '' ? [] : (m[7] ?? '').trim().split(/\s+/),
  };
}

export function parsePsOutput(text: string): PsRow[] {
  const rows: PsRow[] = [];
  for (const line of text.split('\n')) {
    const row = parsePsRow(line);
    if (row) rows.push(row);
  }
  return rows;
}
