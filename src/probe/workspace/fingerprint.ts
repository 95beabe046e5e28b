/**
 * A fingerprint of the files a workspace scan reads: one digest over every candidate's path and
 * identity (size, modification and change times, inode, mode) plus what the walk skipped. Equal
 * digests mean the scan would read the same bytes — with the one exception every mtime-based
 * tool has, a file rewritten with the same size within the file system's timestamp granularity.
 * As git does for its index ("racy git"), such a file is recognised by an mtime too close to the
 * moment of the fingerprint, and the fingerprint then says it cannot vouch for the contents.
 *
 * Two ways to the same digest: fingerprintListing stats every listed file (to compare with a
 * stored digest, reading nothing), and a scan that is reading the files anyway passes each open
 * file's fstat to a FingerprintBuilder (cheaper than a second pass of stats).
 */
import { createHash } from 'node:crypto';
import { statSync, type Stats } from 'node:fs';
import type { WorkspaceCandidate, WorkspaceListing } from './listing.js';

/**
 * A file modified less than this long before its fingerprint was taken may change again
 * without a visible mtime change (2 s: FAT's granularity, the coarsest a workspace may sit on).
 */
export const RACY_WINDOW_MS = 2000;

export interface WorkspaceFingerprint {
  /** sha256 (hex) over the listing: paths, identities, skipped entries, truncation. */
  digest: string;
  /** Candidates identified. */
  files: number;
  /** Date.now() when the fingerprint was begun. */
  takenAt: number;
  /**
   * Some file was modified within RACY_WINDOW_MS before `takenAt` or later (or the walk was cut
   * short): results scanned now must not be reused on the strength of this digest.
   */
  racy: boolean;
}

/** Collects the identities of a listing's candidates, in listing order, into a fingerprint. */
export class FingerprintBuilder {
  private readonly lines: string[];
  private readonly racyAfter: number;
  private racy: boolean;
  private files = 0;
  /** The candidate identified last (a reader may open a file twice: the first fstat counts). */
  private last: WorkspaceCandidate | undefined;

  constructor(
    private readonly listing: WorkspaceListing,
    readonly takenAt: number = Date.now(),
  ) {
    this.racyAfter = takenAt - RACY_WINDOW_MS;
    this.racy = listing.truncated;
    this.lines = [listing.root, listing.truncated ? 'truncated' : 'complete'];
    for (const s of listing.skipped) this.lines.push(`skipped\u0000${s.path}\u0000${s.reason}`);
    for (const s of listing.unfollowedLinks) this.lines.push(`unfollowed\u0000${s.path}\u0000${s.reason}`);
  }

  /** The identity of candidate `c`, from a stat of it (or of its open file). */
  identify(c: WorkspaceCandidate, st: Stats): void {
    if (this.last === c) return;
    this.last = c;
    this.files++;
    if (st.mtimeMs >= this.racyAfter) this.racy = true;
    this.lines.push(`${c.path}\u0000${st.size}\u0000${st.mtimeMs}\u0000${st.ctimeMs}\u0000${st.ino}\u0000${st.mode}`);
  }

  /** Identifies `c` by a stat of its path unless it was identified already (e.g. it could not be opened). */
  ensure(c: WorkspaceCandidate): void {
    if (this.last === c) return;
    let st: Stats | undefined;
    try {
      // statSync follows links, as opening the file does: a linked file's identity is its target's.
      st = statSync(c.abs, { throwIfNoEntry: false });
    } catch (err) {
      this.mark(c, `error\u0000${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      return;
    }
    if (st === undefined) this.mark(c, 'missing');
    else this.identify(c, st);
  }

  /** A candidate that has no identity (vanished, unreadable path). */
  private mark(c: WorkspaceCandidate, what: string): void {
    this.last = c;
    this.files++;
    this.lines.push(`${c.path}\u0000${what}`);
  }

  /** The fingerprint; `complete` = every candidate was identified (a scan cut short is not). */
  finish(complete = true): WorkspaceFingerprint {
    const digest = createHash('sha256').update(this.lines.join('\n')).digest('hex');
    return { digest, files: this.files, takenAt: this.takenAt, racy: this.racy || !complete || this.files !== this.listing.candidates.length };
  }
}

/** Stats every candidate of `listing` (nothing is read or written). */
export function fingerprintListing(listing: WorkspaceListing): WorkspaceFingerprint {
  const builder = new FingerprintBuilder(listing);
  for (const c of listing.candidates) builder.ensure(c);
  return builder.finish();
}
