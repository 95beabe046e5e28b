/** `go-doctor snapshot`: the raw facts as JSON, redacted unless --no-redact. */
import { resolve } from 'node:path';
import type { CliEnvironment } from '../cli-environment.js';
import type { ParsedCommand } from '../command-line.js';
import { EXIT_OK } from '../exit-code.js';
import { InputError } from '../usage-error.js';
import { probeFolder } from './probe-request.js';

type SnapshotCommand = Extract<ParsedCommand, { command: 'snapshot' }>;

export async function runSnapshot(cmd: SnapshotCommand, env: CliEnvironment): Promise<number> {
  const raw = await probeFolder(env, cmd.dir, cmd);
  const snapshot = cmd.redact ? env.redactSnapshot(raw) : raw;
  const text = `${JSON.stringify(snapshot, null, 2)}\n`;
  if (cmd.out === undefined) {
    env.stdout.write(text);
    return EXIT_OK;
  }
  const file = resolve(env.cwd, cmd.out);
  try {
    await env.writeText(file, text);
  } catch (err) {
    throw new InputError(`cannot write ${cmd.out}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (env.stderr.isTTY) {
    env.stderr.write(`Snapshot written to ${cmd.out}${cmd.redact ? ' (redacted: home folder → ~, user name removed)' : ' (not redacted)'}.\n`);
  }
  return EXIT_OK;
}
