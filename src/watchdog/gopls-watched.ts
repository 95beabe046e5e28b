/**
 * What gopls asks the editor to watch: `**\/*.{go,mod,sum,work}` relative to each module / workspace
 * root (facts §7.1, gopls `Snapshot.fileWatchingGlobPatterns`). VS Code forwards only matching events
 * to gopls, so only those make gopls re-load packages. Template extensions (`templateExtensions`)
 * and the per-directory patterns for deletions are not modelled.
 */
const WATCHED_EXTENSIONS = new Set(['go', 'mod', 'sum', 'work']);

/** True when a file path (absolute or relative, `/` or `\\` separated) matches gopls's watch globs. */
export function isGoplsWatchedPath(path: string): boolean {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const base = path.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  if (dot < 0) return false;
  return WATCHED_EXTENSIONS.has(base.slice(dot + 1));
}

/** Splits a workspace-relative path into its segments (drops empty and `.` segments). */
export function pathSegments(relativePath: string): string[] {
  return relativePath.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
}
