/** A /proc/sys value such as fs/inotify/max_user_watches: one non-negative integer. */
export function parseProcNumber(content: string | undefined): number | undefined {
  if (typeof content !== 'string') return undefined;
  const t = content.trim();
  if (!/^\d{1,15}$/.test(t)) return undefined;
  return Number(t);
}
