import type { CommandId, CommandRecord } from '../core/snapshot.js';
import type { CommandRunner } from './command-runner.js';

/** Progress of the probe, for a status line ("running go env…"). */
export type ProbeProgress =
  | { kind: 'command-start'; id: CommandId; argv: string[] }
  | { kind: 'command-end'; id: CommandId; record: CommandRecord }
  | { kind: 'cache'; result: 'memory' | 'disk' | 'miss' | 'off' };

interface CommandRecorderOptions {
  runner: CommandRunner;
  timeoutMs: number;
  maxOutputBytes: number;
  cwd: string;
  onProgress?: (event: ProbeProgress) => void;
}

/** A record for a step deliberately not run. */
function skippedRecord(argv: readonly string[], why: string): CommandRecord {
  return { argv: [...argv], stdout: '', stderr: '', exitCode: null, durationMs: 0, skipped: why };
}

/** Runs commands through the injected runner and keeps every record under its id. */
export class CommandRecorder {
  readonly records: Partial<Record<CommandId, CommandRecord>> = {};

  constructor(private readonly options: CommandRecorderOptions) {}

  /** Runs one command; a runner that throws still yields a record, never a rejection. */
  async run(id: CommandId, argv: readonly string[], env: Record<string, string>): Promise<CommandRecord> {
    const { runner, timeoutMs, maxOutputBytes, cwd } = this.options;
    this.report({ kind: 'command-start', id, argv: [...argv] });
    let record: CommandRecord;
    try {
      record = await runner.run(argv, { timeoutMs, maxOutputBytes, cwd, env });
    } catch (error) {
      record = { argv: [...argv], stdout: '', stderr: '', exitCode: null, durationMs: 0, error: `runner failed: ${String(error)}` };
    }
    this.records[id] = record;
    this.report({ kind: 'command-end', id, record });
    return record;
  }

  skip(id: CommandId, argv: readonly string[], why: string): CommandRecord {
    const record = skippedRecord(argv, why);
    this.records[id] = record;
    return record;
  }

  private report(event: ProbeProgress): void {
    try {
      this.options.onProgress?.(event);
    } catch {
      // a faulty progress callback must not break the probe
    }
  }
}
