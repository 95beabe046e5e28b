import type { CommandRecord } from '../../src/core/snapshot.js';
import type { CommandRunner, RunOptions } from '../../src/probe/command-runner.js';

/** A recorded result for commands whose argv starts with a given prefix. */
export interface RecordedOutput {
  stdout?: string;
  stderr?: string;
  /** Default 0 (null when timedOut or error is set). */
  exitCode?: number | null;
  timedOut?: boolean;
  error?: string;
  truncated?: boolean;
  /** Simulated run time before the record is returned (default 0: resolves on a later tick). */
  delayMs?: number;
  /** Throw instead of returning a record (a broken runner). */
  throws?: string;
}

export interface FakeRunnerCall {
  argv: string[];
  options: RunOptions;
}

export interface FakeRunnerEvent {
  type: 'start' | 'end';
  argv: string[];
}

function startsWith(argv: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= argv.length && prefix.every((part, i) => argv[i] === part);
}

/**
 * A CommandRunner that replays recorded outputs. Outputs are given as [argv prefix, output]
 * pairs; the longest matching prefix wins; an argv with no match behaves like a missing
 * program (ENOENT). Every call is kept in start order (`calls`), and `events` keeps the
 * interleaving of starts and ends, so tests can assert what ran before what.
 */
export class FakeRunner implements CommandRunner {
  readonly calls: FakeRunnerCall[] = [];
  readonly events: FakeRunnerEvent[] = [];
  private readonly outputs: [string[], RecordedOutput][];

  constructor(outputs: Iterable<[readonly string[], RecordedOutput]> = []) {
    this.outputs = [...outputs].map(([prefix, output]) => [[...prefix], output]);
  }

  /** Adds or replaces the output for a prefix. */
  set(prefix: readonly string[], output: RecordedOutput): this {
    const existing = this.outputs.find(([p]) => p.length === prefix.length && startsWith(p, prefix));
    if (existing) existing[1] = output;
    else this.outputs.push([[...prefix], output]);
    return this;
  }

  async run(argv: readonly string[], options: RunOptions): Promise<CommandRecord> {
    const copy = [...argv];
    this.calls.push({ argv: copy, options });
    this.events.push({ type: 'start', argv: copy });
    const output = this.match(copy);
    await new Promise((resolve) => setTimeout(resolve, output?.delayMs ?? 0));
    this.events.push({ type: 'end', argv: copy });
    if (output?.throws !== undefined) throw new Error(output.throws);
    if (!output) {
      return { argv: copy, stdout: '', stderr: '', exitCode: null, durationMs: 0, error: `ENOENT: spawn ${copy[0] ?? ''} ENOENT` };
    }
    const failed = output.timedOut === true || output.error !== undefined;
    const record: CommandRecord = {
      argv: copy,
      stdout: output.stdout ?? '',
      stderr: output.stderr ?? '',
      exitCode: output.exitCode !== undefined ? output.exitCode : failed ? null : 0,
      durationMs: output.delayMs ?? 1,
    };
    if (output.timedOut) record.timedOut = true;
    if (output.error !== undefined) record.error = output.error;
    if (output.truncated) record.truncated = true;
    return record;
  }

  /** Index in `events` of the first start (or end) of a command whose argv starts with `prefix`; -1 if none. */
  eventIndex(type: FakeRunnerEvent['type'], prefix: readonly string[]): number {
    return this.events.findIndex((e) => e.type === type && startsWith(e.argv, prefix));
  }

  /** Calls whose argv starts with `prefix`. */
  callsTo(prefix: readonly string[]): FakeRunnerCall[] {
    return this.calls.filter((call) => startsWith(call.argv, prefix));
  }

  private match(argv: readonly string[]): RecordedOutput | undefined {
    let best: [string[], RecordedOutput] | undefined;
    for (const entry of this.outputs) {
      if (startsWith(argv, entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
    }
    return best?.[1];
  }
}

/** A runner that counts spawns and delegates to another (e.g. the real processRunner). */
export class CountingRunner implements CommandRunner {
  readonly calls: string[][] = [];
  constructor(private readonly inner: CommandRunner) {}
  run(argv: readonly string[], options: RunOptions): Promise<CommandRecord> {
    this.calls.push([...argv]);
    return this.inner.run(argv, options);
  }
}
