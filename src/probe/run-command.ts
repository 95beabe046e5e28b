import { performance } from 'node:perf_hooks';
import type { CommandRecord } from '../core/snapshot.js';
import type { CommandRunner, RunOptions } from './command-runner.js';

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** After killing the group, how long to wait for the pipes to close before giving up on them. */
const PIPE_CLOSE_GRACE_MS = 1000;

/** A stream's output, kept up to a cap. */
class CappedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  /** Returns false once the cap is exceeded. */
  add(chunk: Buffer): boolean {
    const room = this.cap - this.kept;
    if (chunk.length > room) {
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.kept = this.cap;
      this.truncated = true;
      return false;
    }
    this.chunks.push(chunk);
    this.kept += chunk.length;
    return true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** SIGKILL the child's whole process group (the child leads it: it was spawned detached). */
function killProcessGroup(pid: number, killChild: () => void): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') killChild();
  }
}

/**
 * Runs `argv` without a shell, in its own process group, and records it. On timeout (or when
 * the output passes the cap) the whole group is SIGKILLed, grandchildren included; so is whatever
 * the program left behind in its group when it exits normally (a background child must not outlive
 * the check). Never throws: a spawn failure (ENOENT, EACCES…) becomes `error`; a death by signal is
 * `error: "killed by SIGSEGV"` with `exitCode: null`.
 */
export async function runCommand(argv: readonly string[], options: Partial<RunOptions> = {}): Promise<CommandRecord> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const [file, ...args] = argv;
  if (file === undefined || file === '') {
    return { argv: [...argv], stdout: '', stderr: '', exitCode: null, durationMs: 0, error: 'EINVAL: empty argv' };
  }

  // Loaded on first use only: a warm (cached) probe must not pay for importing execa.
  const { execa } = await import('execa');
  const subprocess = execa(file, args, {
    shell: false,
    detached: true,
    reject: false,
    buffer: false,
    stdin: 'ignore',
    extendEnv: false,
    env: options.env ?? {},
    cwd: options.cwd,
    windowsHide: true,
  });
  const stdout = new CappedOutput(maxOutputBytes);
  const stderr = new CappedOutput(maxOutputBytes);
  let timedOut = false;
  let overflowed = false;
  let graceTimer: NodeJS.Timeout | undefined;

  const killGroup = (): void => {
    const pid = subprocess.pid;
    if (pid === undefined) return;
    killProcessGroup(pid, () => subprocess.kill('SIGKILL'));
    // A process outside the group (it called setsid) could still hold our pipes open.
    graceTimer ??= setTimeout(() => {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
    }, PIPE_CLOSE_GRACE_MS);
  };
  const onChunk = (output: CappedOutput) => (chunk: Buffer | string) => {
    if (!output.add(typeof chunk === 'string' ? Buffer.from(chunk) : chunk) && !overflowed) {
      overflowed = true;
      killGroup();
    }
  };
  subprocess.stdout?.on('data', onChunk(stdout));
  subprocess.stderr?.on('data', onChunk(stderr));
  // The group leader is gone, but the group lives on while a member does: kill what it left behind
  // (background children, which may also hold our pipes open). Node reaped the leader already, and
  // its pid cannot be reused while its process group still exists.
  subprocess.once('exit', () => {
    const pid = subprocess.pid;
    if (pid !== undefined) killProcessGroup(pid, () => undefined);
  });

  const timer = setTimeout(() => {
    timedOut = true;
    killGroup();
  }, timeoutMs);

  let result: Awaited<typeof subprocess>;
  try {
    result = await subprocess;
  } finally {
    clearTimeout(timer);
    if (graceTimer) clearTimeout(graceTimer);
  }

  const record: CommandRecord = {
    argv: [...argv],
    stdout: stdout.text(),
    stderr: stderr.text(),
    exitCode: typeof result.exitCode === 'number' && !timedOut && !overflowed ? result.exitCode : null,
    durationMs: elapsed(),
  };
  if (timedOut) {
    record.timedOut = true;
    record.error = `did not finish within ${timeoutMs} ms`;
  } else if (overflowed) {
    record.error = `output exceeded ${maxOutputBytes} bytes; process killed`;
  } else if (result.failed && typeof result.code === 'string' && result.exitCode === undefined) {
    record.error = `${result.code}: ${result.originalMessage ?? result.shortMessage}`;
  } else if (result.signal) {
    record.error = `killed by ${result.signal}`;
  }
  if (stdout.truncated || stderr.truncated) record.truncated = true;
  return record;
}

/** The real runner: `runCommand` with the probe's options. */
export const processRunner: CommandRunner = {
  run: (argv, options) => runCommand(argv, options),
};
