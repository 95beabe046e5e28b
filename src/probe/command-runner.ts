import type { CommandRecord } from '../core/snapshot.js';

/** How to run one external command. */
export interface RunOptions {
  /**
   * Kill the whole process group after this long. (The group is also killed once the program
   * exits, so nothing it started in the background outlives it.)
   */
  timeoutMs: number;
  /** The complete environment of the child (nothing is inherited implicitly). */
  env: Record<string, string>;
  /** Working directory of the child. */
  cwd: string;
  /** Keep at most this many bytes of stdout and of stderr; the process is killed past it. */
  maxOutputBytes: number;
}

/**
 * Runs one command given as an argv array and records what happened. Never rejects: spawn
 * failures, timeouts and truncated output are all described by the returned record. Injected
 * into the probe so tests can replay recorded outputs (test/support/fake-runner.ts).
 */
export interface CommandRunner {
  run(argv: readonly string[], options: RunOptions): Promise<CommandRecord>;
}
