/**
 * A fingerprint of the files a workspace scan reads: one digest over every candidate's path and
 * identity (size, modification and change times, inode) plus what the walk skipped. Equal
 * digests mean the scan would read the same bytes — with the one exception every mtime-based
 * tool has, a file rewritten with the same size within the file system's timestamp granularity.
 * As git does for its index ("racy git"), such a file is recognised by an mtime too close to the
 * moment of the fingerprint, and the fingerprint then says it cannot vouch for the contents.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { WorkspaceListing } from './scan.js';

/**
 * A file modified less than this long before its fingerprint was taken may change again
 * without a visible mtime change (2 s: FAT's granularity, the coarsest a workspace may sit on).
 */
export const RACY_WINDOW_MS = 2000;

export interface WorkspaceFingerprint {
  /** sha256 (hex) over the listing: paths, identities, skipped entries, truncation. */
  digest: string;
  /** Candidates stat'ed. */
  files: number;
  /** Date.now() when the fingerprint was taken. */
  takenAt: number;
  /**
   * Some file was modified within RACY_WINDOW_MS of `takenAt` (or its time is in the future):
   * results scanned now must not be reused on the strength of this digest.
   */
  racy: boolean;
}

/** Stats every candidate of `listing` (nothing is read or written). */
export function fingerprintListing(listing: WorkspaceListing, now: () => number = Date.now): WorkspaceFingerprint {
  const takenAt = now();
  const racyAfter = takenAt - RACY_WINDOW_MS;
  let racy = listing.truncated;
  // One string hashed once: cheaper than an update() per file on a large tree.
  const lines: string[] = [listing.root, listing.truncated ? 'truncated' : 'complete'];
  for (const s of listing.skipped) lines.push(`skipped\u0000${s.path}\u0000${s.reason}`);
  for (const c of listing.candidates) {
    // statSync follows links: a linked file's identity is its target's.
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(c.abs, { throwIfNoEntry: false });
    } catch (err) {
      lines.push(`${c.path}\u0000error\u0000${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      continue;
    }
    if (st === undefined) {
      lines.push(`${c.path}\u0000missing`);
      continue;
    }
    if (st.mtimeMs >= racyAfter) racy = true;
    lines.push(`${c.path}\u0000${st.size}\u0000${st.mtimeMs}\u0000${st.ctimeMs}\u0000${st.ino}\u0000${st.mode}`);
  }
  const digest = createHash('sha256').update(lines.join('\n')).digest('hex');
  return { digest, files: listing.candidates.length, takenAt, racy };
}
