/**
 * Path arithmetic for reports, on `/`-separated strings only (core stays pure and the same on
 * every platform the doctor supports: macOS and Linux).
 */
import type { Location } from '../finding.js';

/** `file` relative to `root` when it lies inside it, else undefined. */
export function relativeToRoot(file: string, root: string | null | undefined): string | undefined {
  if (!root) return undefined;
  const base = root.endsWith('/') ? root : `${root}/`;
  if (!file.startsWith(base)) return undefined;
  const rel = file.slice(base.length);
  return rel === '' ? undefined : rel;
}

/** How a location reads in a report: `dir/file:line:column` (1-based), relative to the root when inside it. */
export function displayLocation(location: Location, root: string | null | undefined): string {
  const file = relativeToRoot(location.file, root) ?? location.file;
  return `${file}:${location.range.start.line + 1}:${location.range.start.character + 1}`;
}

/** Percent-encodes a `/`-separated path for use in a URI, keeping the separators. */
export function encodePathForUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
