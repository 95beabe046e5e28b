/**
 * `rel` resolved against `dir`, both `/`-separated and relative to the workspace root ('' is the
 * root): `.` and empty segments dropped, `..` climbs. Undefined when `..` leaves the root.
 */
export function joinRelativePath(dir: string, rel: string): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const p of rel.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(p);
  }
  return parts.join('/');
}
