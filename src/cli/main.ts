// The `go-doctor` executable (bundled to dist/cli.js). Kept to the minimum: parse, run, exit.
import { nodeEnvironment } from './node-environment.js';
import { runCli, SERVING } from './run-cli.js';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // `go-doctor rules | head`: the reader went away; nothing left to say.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

runCli(process.argv.slice(2), nodeEnvironment()).then(
  (status) => {
    if (status === SERVING) return;
    // Exit once stdout is flushed (pipes can be asynchronous), even if a probe left a handle open.
    process.stdout.write('', () => process.exit(status));
  },
  (err: unknown) => {
    process.stderr.write(`go-doctor: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
