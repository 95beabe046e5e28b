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

/** How a workspace file event was reported (VS Code's watcher: onDidCreate / onDidChange / onDidDelete). */
export type FileChange = 'created' | 'changed' | 'deleted';

const MODULE_FILES = new Set(['go.mod', 'go.sum', 'go.work', 'go.work.sum']);

/** `go.mod`, `go.sum`, `go.work` (or `go.work.sum`) at any depth. */
export function isModuleFile(path: string): boolean {
  const segments = pathSegments(path);
  return MODULE_FILES.has(segments[segments.length - 1] ?? '');
}

/**
 * Directories the go command and gopls's default `build.directoryFilters` ignore: `node_modules`,
 * `testdata`, and names starting with `.` or `_`.
 */
function inIgnoredDirectory(segments: readonly string[]): boolean {
  return segments.some((s) => s === 'node_modules' || s === 'testdata' || s.startsWith('.') || s.startsWith('_'));
}

/**
 * True when an event makes gopls reload the module graph (re-run `go list`), not just re-check one
 * file: a change of a module file (`go.mod`, `go.sum`, `go.work`), or a directory created or deleted
 * where Go packages may live (a new or removed package). A directory is an event path without a file
 * extension reported as created or deleted.
 */
export function isReloadEvent(path: string, change: FileChange | undefined): boolean {
  const segments = pathSegments(path);
  const base = segments[segments.length - 1] ?? '';
  if (MODULE_FILES.has(base)) return !inIgnoredDirectory(segments.slice(0, -1));
  if (change !== 'created' && change !== 'deleted') return false;
  if (base === '' || base.includes('.')) return false;
  return !inIgnoredDirectory(segments);
}
