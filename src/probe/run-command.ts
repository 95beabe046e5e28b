import { performance } from 'node:perf_hooks';
import type { CommandRecord } from '../core/snapshot.js';
import type { CommandRunner, RunOptions } from './command-runner.js';

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/**
 * After a kill, how long to wait for the pipes to close before giving up on them: a process that left
 * our process group (it called setsid) can hold them open, and execa waits for every stream's end.
 */
const PIPE_CLOSE_GRACE_MS = 1000;

/** SIGKILL the child's whole process group (the child leads it: it was spawned detached). */
function killProcessGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already. EPERM cannot happen for a group we created.
  }
}

/**
 * Runs `argv` without a shell, in its own process group, and records it. On timeout (or when
 * the output passes the cap) the whole group is SIGKILLed, grandchildren included; so is whatever
 * the program left behind in its group when it exits normally (a background child must not outlive
 * the check). Never throws: a spawn failure (ENOENT, EACCES…) becomes `error`; a death by signal is
 * `error: "killed by SIGSEGV"` with `exitCode: null`.
 *
 * execa does the time limit, the output cap and the buffering; what it cannot do is done here:
 * - Process-group kill. execa signals the child's pid only (`subprocess.kill`, on `timeout` too), and
 *   `go` runs compile, cgo, git, toolchain downloads as grandchildren that would keep our pipes open
 *   and keep running. The child is therefore spawned `detached` (it leads its own group) and the group
 *   is SIGKILLed the moment the child exits, whatever ended it: execa's timeout, a signal, or a normal
 *   exit that left background children behind (issue 13: orphans per check from 32 to 0).
 * - `maxBuffer` (counted in bytes with `encoding: 'buffer'`) keeps exactly the first bytes, but in
 *   execa 9 it only destroys the stream that overflowed (lib/io/max-buffer.js); it does not kill the
 *   child, which dies of SIGPIPE at its next write at best. A stream that closes before its end is
 *   that destroy: the group is killed right then.
 * - `cleanup` is not used: execa skips it for `detached` children (lib/terminate/cleanup.js).
 * - `killSignal: 'SIGKILL'` with `forceKillAfterDelay: false`: a probe command past its limit has
 *   nothing worth a graceful stop, and a SIGTERM grace would add its delay to every timed-out check.
 */
export async function runCommand(argv: readonly string[], options: Partial<RunOptions> = {}): Promise<CommandRecord> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const started = performance.now();
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
    stdin: 'ignore',
    extendEnv: false,
    env: options.env ?? {},
    cwd: options.cwd,
    windowsHide: true,
    encoding: 'buffer',
    stripFinalNewline: false,
    maxBuffer: maxOutputBytes,
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    forceKillAfterDelay: false,
  });

  let graceTimer: NodeJS.Timeout | undefined;
  /** Give up on pipes a process outside the group still holds open (execa waits for their end). */
  const closePipesSoon = (): void => {
    graceTimer ??= setTimeout(() => {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
    }, PIPE_CLOSE_GRACE_MS);
  };
  // The group leader is gone, but the group lives on while a member does: kill what it left behind
  // (background children, which may also hold our pipes open). Node reaped the leader already, and
  // its pid cannot be reused while its process group still exists.
  subprocess.once('exit', () => {
    if (subprocess.pid !== undefined) killProcessGroup(subprocess.pid);
  });
  // A stream that closes before its end was destroyed by execa's maxBuffer: stop the writers now.
  for (const stream of [subprocess.stdout, subprocess.stderr]) {
    stream?.once('close', () => {
      if (stream.readableEnded || subprocess.pid === undefined) return;
      killProcessGroup(subprocess.pid);
      closePipesSoon();
    });
  }
  // execa's timeout signals the leader, and its exit kills the group; but a process that left the
  // group can hold a pipe open past both, and execa would wait for it forever: this backstop ends it.
  const backstop = setTimeout(closePipesSoon, timeoutMs);

  let result: Awaited<typeof subprocess>;
  try {
    result = await subprocess;
  } finally {
    clearTimeout(backstop);
    if (graceTimer) clearTimeout(graceTimer);
  }

  const text = (output: Uint8Array | undefined): string => (output ? Buffer.from(output.buffer, output.byteOffset, output.byteLength).toString('utf8') : '');
  const record: CommandRecord = {
    argv: [...argv],
    stdout: text(result.stdout),
    stderr: text(result.stderr),
    exitCode: typeof result.exitCode === 'number' && !result.timedOut && !result.isMaxBuffer ? result.exitCode : null,
    durationMs: Math.round(performance.now() - started),
  };
  if (result.timedOut) {
    record.timedOut = true;
    record.error = `did not finish within ${timeoutMs} ms`;
  } else if (result.isMaxBuffer) {
    record.error = `output exceeded ${maxOutputBytes} bytes; process killed`;
  } else if (result.failed && typeof result.code === 'string' && result.exitCode === undefined) {
    record.error = `${result.code}: ${result.originalMessage ?? result.shortMessage}`;
  } else if (result.signal) {
    record.error = `killed by ${result.signal}`;
  }
  if (result.isMaxBuffer) record.truncated = true;
  return record;
}

/** The real runner: `runCommand` with the probe's options. */
export const processRunner: CommandRunner = {
  run: (argv, options) => runCommand(argv, options),
};
