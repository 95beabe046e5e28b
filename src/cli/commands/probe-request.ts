import { resolve } from 'node:path';
import type { CliEnvironment } from '../cli-environment.js';
import type { ProbeFlags } from '../command-line.js';
import { stderrProgress } from '../terminal.js';
import { InputError } from '../usage-error.js';
import type { Snapshot } from '../../core/snapshot.js';
import { progressReporter } from './probe-progress.js';

/** Probes the machine and the folder `dir` (relative to the CLI's cwd), with progress on a terminal. */
export async function probeFolder(env: CliEnvironment, dir: string, flags: ProbeFlags): Promise<Snapshot> {
  const workspace = resolve(env.cwd, dir);
  if (!(await env.isDirectory(workspace))) throw new InputError(`${dir}: no such folder.`);
  const progress = stderrProgress(env.stderr);
  try {
    return await env.collectSnapshot({
      workspace,
      cache: flags.cache,
      env: env.env,
      onProgress: progressReporter(progress),
      ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
    });
  } finally {
    progress.done();
  }
}
