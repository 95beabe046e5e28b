/**
 * `rel` resolved against `dir`, both `/`-separated and relative to the workspace root ('' is the
 * root): `.` and empty segments dropped, `..` climbs. When `..` would leave the root: undefined,
 * or with `aboveRoot: 'clamp'` the root (as a directory field outside the workspace is read).
 */
export function joinRelativePath(dir: string, rel: string): string | undefined;
export function joinRelativePath(dir: string, rel: string, aboveRoot: 'clamp'): string;
export function joinRelativePath(dir: string, rel: string, aboveRoot?: 'clamp'): string | undefined {
  const parts = dir === '' ? [] : dir.split('/');
  for (const p of rel.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (parts.length === 0 && aboveRoot !== 'clamp') return undefined;
      parts.pop();
    } else parts.push(p);
  }
  return parts.join('/');
}
