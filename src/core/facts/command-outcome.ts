/**
 * How one recorded command went, and how to say so: the shared vocabulary for turning a
 * CommandRecord into facts, probe problems and evidence.
 */
import { excerptAround } from '../evidence-excerpt.js';
import type { Evidence } from '../finding.js';
import type { ProbeProblem } from '../machine.js';
import { shellCommand } from '../shell-quote.js';
import type { CommandId, CommandRecord, Snapshot } from '../snapshot.js';

type CommandOutcome =
  | { kind: 'missing' }
  | { kind: 'skipped'; record: CommandRecord; reason: string }
  /** Killed at the time limit; `limitMs` is that limit (not how long the kill took), when known. */
  | { kind: 'timedOut'; record: CommandRecord; limitMs?: number }
  /** The program never ran (ENOENT, EACCES…), or ended in a way the record does not name. */
  | { kind: 'spawnFailed'; record: CommandRecord; error: string }
  /** The program started and was killed by a signal (its own crash, or someone else's kill). */
  | { kind: 'killed'; record: CommandRecord; signal: string }
  | { kind: 'exited'; record: CommandRecord; ok: boolean };

/** `killed by SIGSEGV`, as run-command records a death by signal. */
const KILLED = /^killed by (SIG[A-Z0-9]+)$/;

export function commandOutcome(snapshot: Snapshot, id: CommandId): CommandOutcome {
  const record = snapshot.commands[id];
  if (!record) return { kind: 'missing' };
  if (record.skipped) return { kind: 'skipped', record, reason: record.skipped };
  if (record.timedOut) {
    // run-command writes "did not finish within N ms" (older records: "timed out after N ms", N the limit).
    const written = /(?:within|after) (\d{1,9}) ms/.exec(record.error ?? '')?.[1];
    const limitMs = written !== undefined ? Number(written) : snapshot.options?.timeoutMs;
    return typeof limitMs === 'number' && Number.isFinite(limitMs) ? { kind: 'timedOut', record, limitMs } : { kind: 'timedOut', record };
  }
  const killed = record.exitCode === null && record.error !== undefined ? KILLED.exec(record.error) : null;
  if (killed) return { kind: 'killed', record, signal: killed[1] ?? 'a signal' };
  if (record.error !== undefined && record.exitCode === null) return { kind: 'spawnFailed', record, error: record.error };
  if (record.exitCode === null) return { kind: 'spawnFailed', record, error: record.error ?? 'the process did not exit normally' };
  return { kind: 'exited', record, ok: record.exitCode === 0 };
}

/** True when the spawn failure means "no such program" (ENOENT), i.e. a fact, not a probe failure. */
export function isNotFound(outcome: CommandOutcome): boolean {
  return outcome.kind === 'spawnFailed' && /ENOENT|not found/i.test(outcome.error);
}

/** The command as a person would type it. */
export function displayCommand(argv: readonly string[]): string {
  return shellCommand(argv);
}

/** At most `maxLines` non-empty lines / `maxChars` characters of output, for evidence (cut by the shared excerpt helper). */
function excerpt(text: string | undefined, maxLines = 4, maxChars = 400): string {
  if (!text) return '';
  const lines = text
    .slice(0, maxChars * 4)
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  let out = lines.slice(0, maxLines).join('\n');
  if (lines.length > maxLines) out += '\n…';
  return excerptAround(out, 0, 0, maxChars);
}

/** A short reason for a command that did not give a usable answer. */
export function outcomeReason(outcome: CommandOutcome): string {
  switch (outcome.kind) {
    case 'missing':
      return 'the command was not run';
    case 'skipped':
      return `skipped: ${outcome.reason}`;
    case 'timedOut':
      return outcome.limitMs !== undefined ? `did not finish within ${outcome.limitMs} ms` : 'did not finish within the time limit';
    case 'spawnFailed':
      return /^(?:E[A-Z_]+:|runner failed)/.test(outcome.error) ? `could not be started (${outcome.error})` : `did not run to the end (${outcome.error})`;
    case 'killed':
      return `was killed by ${outcome.signal}${outcome.record.stderr ? `: ${excerpt(outcome.record.stderr, 1, 200)}` : ''}`;
    case 'exited': {
      const first = excerpt(outcome.record.stderr || outcome.record.stdout, 1, 200);
      const trunc = outcome.record.truncated ? '; its output was cut at the size cap' : '';
      return outcome.ok ? `its output was not understood${trunc}` : `exited with status ${outcome.record.exitCode}${first ? `: ${first}` : ''}${trunc}`;
    }
  }
}

/** A probe problem for a command whose result is unknown. */
export function commandProblem(outcome: CommandOutcome, id: CommandId, what: string, fallbackArgv: string[] = []): ProbeProblem {
  const argv = outcome.kind === 'missing' ? fallbackArgv : outcome.record.argv;
  return { command: displayCommand(argv.length ? argv : [id]), argv, what, reason: outcomeReason(outcome) };
}

/**
 * Evidence naming a recorded command. `text` defaults to the command's own output (stdout, then
 * stderr); pass the line that matters when there is one.
 */
export function commandEvidence(snapshot: Snapshot, id: CommandId, text?: string): Evidence {
  const record = snapshot.commands[id];
  const argv = record?.argv ?? [id];
  const shown = text ?? (record ? excerpt(record.stdout || record.stderr || (record.skipped ? `skipped: ${record.skipped}` : record.error)) : 'not run');
  const ev: Evidence = { kind: 'command', command: displayCommand(argv), argv, excerpt: shown };
  if (record) ev.exitCode = record.exitCode;
  return ev;
}
