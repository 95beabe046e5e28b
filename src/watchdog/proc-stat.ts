/**
 * Parser for Linux `/proc/<pid>/stat` (proc(5)). The `comm` field is in parentheses and may itself
 * contain spaces and parentheses, so fields are split after the LAST `)`.
 */
export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  /** Clock ticks in user / kernel mode of this process. */
  utime: number;
  stime: number;
  /** Clock ticks of waited-for (reaped) children, recursively. */
  cutime: number;
  cstime: number;
  threads: number;
  /** Clock ticks after boot when the process started: with the pid, identifies a process. */
  starttime: number;
  rssPages: number;
}

const MAX_STAT_LENGTH = 4096;

/** Returns `undefined` for anything that is not a well-formed stat line (never throws). */
export function parseProcStat(text: string): ProcStat | undefined {
  if (typeof text !== 'string' || text.length > MAX_STAT_LENGTH) return undefined;
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open <= 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open).trim());
  const rest = text.slice(close + 1).trim().split(/\s+/);
  // rest[0] is field 3 (state); field n is rest[n - 3]
  const num = (field: number): number => Number(rest[field - 3]);
  const values = {
    ppid: num(4),
    utime: num(14),
    stime: num(15),
    cutime: num(16),
    cstime: num(17),
    threads: num(20),
    starttime: num(22),
    rssPages: num(24),
  };
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  for (const v of Object.values(values)) if (!Number.isFinite(v) || v < 0) return undefined;
  const state = rest[0];
  if (!state) return undefined;
  return { pid, comm: text.slice(open + 1, close), state, ...values };
}

/** Splits `/proc/<pid>/cmdline` (NUL-separated, usually NUL-terminated) into argv. */
export function parseCmdline(raw: string): string[] {
  const parts = raw.split('\0');
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** `/proc/<pid>/task/<tid>/children`: space-separated pids. */
export function parseChildren(raw: string): number[] {
  const out: number[] = [];
  for (const s of raw.split(/\s+/)) {
    if (s === '') continue;
    const n = Number(s);
    if (Number.isInteger(n) && n > 0) out.push(n);
  }
  return out;
}
