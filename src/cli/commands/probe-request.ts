import { resolve } from 'node:path';
import type { CliEnvironment } from '../cli-environment.js';
import type { ProbeFlags } from '../command-line.js';
import { stderrProgress } from '../terminal.js';
import { InputError } from '../usage-error.js';
import type { Snapshot } from '../../core/snapshot.js';
import { progressReporter } from './probe-progress.js';

/** The absolute folder `dir` names (relative to the CLI's cwd); an InputError when it is not one. */
export async function workspaceFolder(env: CliEnvironment, dir: string): Promise<string> {
  const workspace = resolve(env.cwd, dir);
  if (!(await env.isDirectory(workspace))) throw new InputError(`${dir}: no such folder.`);
  return workspace;
}

/** Probes the machine and the folder `dir` (relative to the CLI's cwd), with progress on a terminal. */
export async function probeFolder(env: CliEnvironment, dir: string, flags: ProbeFlags): Promise<Snapshot> {
  return probe(env, flags, await workspaceFolder(env, dir));
}

/** Probes the machine only (the caller scans the folder itself), with progress on a terminal. */
export function probeMachine(env: CliEnvironment, flags: ProbeFlags): Promise<Snapshot> {
  return probe(env, flags, undefined);
}

async function probe(env: CliEnvironment, flags: ProbeFlags, workspace: string | undefined): Promise<Snapshot> {
  const progress = stderrProgress(env.stderr);
  try {
    return await env.collectSnapshot({
      ...(workspace === undefined ? {} : { workspace }),
      cache: flags.cache,
      env: env.env,
      onProgress: progressReporter(progress),
      ...(flags.timeoutMs !== undefined ? { timeoutMs: flags.timeoutMs } : {}),
    });
  } finally {
    progress.done();
  }
}
