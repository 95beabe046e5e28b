/**
 * The server's folder reports as the extension keeps them: each `goDoctor/report` folder exactly
 * as the server sent it (the same bundle version, so it is not re-validated), stamped with when it
 * was requested, and which one to show.
 */
import type { FolderReport } from '../server/protocol.js';

/** A folder report and when the extension asked for it (ms since the epoch). */
export type ReceivedReport = FolderReport & { receivedAt: number };

/** The folder to show: the one containing `activeUri` (longest matching folder URI), else the first. */
export function pickFolder<R extends Pick<FolderReport, 'folderUri'>>(reports: readonly R[], activeUri?: string): R | undefined {
  if (activeUri) {
    let best: R | undefined;
    for (const r of reports) {
      const base = r.folderUri.endsWith('/') ? r.folderUri : `${r.folderUri}/`;
      if ((activeUri === r.folderUri || activeUri.startsWith(base)) && (!best || r.folderUri.length > best.folderUri.length)) best = r;
    }
    if (best) return best;
  }
  return reports[0];
}
