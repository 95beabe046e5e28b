/**
 * Live check versus replay of the redacted snapshot: the findings a test compares (rule, severity,
 * location and message), with the home directory written as `~` in the live ones. Written
 * independently of src/core/redact.ts on purpose.
 */
import { parseSavedSnapshot } from '../../src/cli/saved-snapshot.js';
import { diagnose } from '../../src/core/diagnose.js';
import type { Finding } from '../../src/core/finding.js';
import { redactSnapshot, type RedactionIdentity } from '../../src/core/redact.js';
import type { Snapshot } from '../../src/core/snapshot.js';

const PATH_START = ':="\'`,;([{| \t\n\r';
const PATH_END = `${PATH_START})]}\\/`;

/** `home` → `~` wherever it starts a path (an independent re-implementation of the documented rule). */
export function homeAsTilde(text: string, home: string): string {
  const h = home.replace(/\/+$/, '');
  if (h.length < 2) return text;
  let out = '';
  let from = 0;
  for (let at = text.indexOf(h); at !== -1; at = text.indexOf(h, at + 1)) {
    if (at < from) continue;
    const before = at === 0 ? '' : text.charAt(at - 1);
    const after = text.charAt(at + h.length);
    if ((at === 0 || PATH_START.includes(before)) && (after === '' || PATH_END.includes(after))) {
      out += `${text.slice(from, at)}~`;
      from = at + h.length;
    }
  }
  return out + text.slice(from);
}

export interface ComparedFinding {
  rule: string;
  severity: string;
  file?: string;
  range?: string;
  message: string;
}

export function compared(findings: readonly Finding[], home?: string): ComparedFinding[] {
  const fix = (t: string) => (home === undefined ? t : homeAsTilde(t, home));
  return findings
    .map((f) => ({
      rule: f.rule,
      severity: f.severity,
      ...(f.location ? { file: fix(f.location.file), range: JSON.stringify(f.location.range) } : {}),
      message: fix(f.message),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** What `check` says live, and what `check --from` says on the saved, redacted snapshot. */
export function liveAndReplay(snapshot: Snapshot, identity: RedactionIdentity): { live: ComparedFinding[]; replay: ComparedFinding[]; saved: Snapshot } {
  const live = compared(diagnose(snapshot).findings, identity.home);
  const text = `${JSON.stringify(redactSnapshot(snapshot, identity), null, 2)}\n`;
  const saved = parseSavedSnapshot(text, 'snapshot.json');
  return { live, replay: compared(diagnose(saved).findings), saved };
}
