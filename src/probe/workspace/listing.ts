/**
 * What the workspace walk lists (scan.ts) and the fingerprint reads (fingerprint.ts): the files a
 * scan would read. Its own module so that neither of the two imports the other's types.
 */
import type { WorkspaceFileKind } from '../../core/workspace/file-kinds.js';

/** A file the scan reads: workspace-relative and absolute path, and its kind by name. */
export interface WorkspaceCandidate {
  path: string;
  abs: string;
  kind: WorkspaceFileKind | 'maybe-shell';
}

export interface WorkspaceListing {
  root: string;
  /** Files to read, in walk order (kind is decided from the name; `maybe-shell` by content). */
  candidates: readonly WorkspaceCandidate[];
  /** What the walk could not check (unreadable directories, links out of the workspace …), with why. */
  skipped: { path: string; reason: string }[];
  /** Links not followed that hide nothing from the scan (loops, links to a directory walked anyway …). */
  unfollowedLinks: { path: string; reason: string }[];
  /** The walk stopped early (entry or time budget). */
  truncated: boolean;
  /** Date.now() when the walk must stop (the reads share the budget). */
  deadline: number;
}
