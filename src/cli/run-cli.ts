/**
 * One CLI run: parse, dispatch, and map every outcome to an exit status. Usage mistakes and bad
 * inputs print a plain message (exit 2); an internal error prints its message and, only with
 * GO_DOCTOR_DEBUG=1, its stack (exit 2).
 */
import type { CliEnvironment } from './cli-environment.js';
import { parseCommandLine } from './command-line.js';
import { runCheck } from './commands/check.js';
import { runRules } from './commands/rules.js';
import { runSnapshot } from './commands/snapshot.js';
import { EXIT_OK, EXIT_USAGE } from './exit-code.js';
import { usageText } from './usage.js';
import { InputError, UsageError } from './usage-error.js';
import { toolVersion } from './version.js';

/** The process should stay up (the language server is serving). */
export const SERVING = 'serving';

export async function runCli(argv: readonly string[], env: CliEnvironment): Promise<number | typeof SERVING> {
  try {
    const cmd = parseCommandLine(argv, env.rules.map((r) => r.id));
    switch (cmd.command) {
      case 'version':
        env.stdout.write(`go-doctor ${toolVersion}\n`);
        return EXIT_OK;
      case 'help':
        env.stdout.write(usageText(cmd.topic));
        return EXIT_OK;
      case 'rules':
        return runRules(cmd, env);
      case 'check':
        return await runCheck(cmd, env);
      case 'snapshot':
        return await runSnapshot(cmd, env);
      case 'lsp':
        await env.startLanguageServer(cmd.transport);
        return SERVING;
    }
  } catch (err) {
    if (err instanceof UsageError) {
      env.stderr.write(`go-doctor: ${err.message}\n${err.hint}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof InputError) {
      env.stderr.write(`go-doctor: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const message = err instanceof Error ? err.message : String(err);
    env.stderr.write(`go-doctor: internal error: ${message}\n`);
    if (env.env.GO_DOCTOR_DEBUG === '1' && err instanceof Error && err.stack) env.stderr.write(`${err.stack}\n`);
    else env.stderr.write('This is a bug in go-doctor. Set GO_DOCTOR_DEBUG=1 to see where it happened, and please report it.\n');
    return EXIT_USAGE;
  }
}
