/**
 * The real CliEnvironment. Heavy modules load lazily: the probe only when something is probed,
 * the language server only for `go-doctor lsp` (so `check` never parses server code paths).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { redactSnapshot } from '../core/redact.js';
import { allRules } from '../core/rules/index.js';
import type { CliEnvironment } from './cli-environment.js';
import { InputError } from './usage-error.js';

function userName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.LOGNAME;
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export function nodeEnvironment(): CliEnvironment {
  return {
    stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
    stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    env: process.env,
    cwd: process.cwd(),
    rules: allRules,
    async collectSnapshot(request) {
      const { collectSnapshot } = await import('../probe/index.js');
      return collectSnapshot(request);
    },
    redactSnapshot(snapshot) {
      return redactSnapshot(snapshot, { home: homedir(), user: userName() ?? '' });
    },
    async startLanguageServer(transport) {
      try {
        if (typeof GO_DOCTOR_VERSION === 'undefined') {
          // From source (tsx): import the server modules directly.
          const { startLanguageServer } = await import('../server/start.js');
          startLanguageServer({ transport });
        } else {
          // Bundled: this branch is all esbuild keeps, so dist/cli.js carries no server code (a
          // lighter `check`). dist/server.js is the server's own bundle; it starts itself with the
          // transport flag that is in process.argv (`lsp --stdio` / `lsp --node-ipc`).
          await import(pathToFileURL(join(__dirname, 'server.js')).href);
        }
      } catch (err) {
        throw new InputError(`cannot start the language server: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    readText: (file) => (file === '-' ? readStdin() : readFile(file, 'utf8')),
    writeText: (file, text) => writeFile(file, text),
    async isDirectory(dir) {
      try {
        return (await stat(dir)).isDirectory();
      } catch {
        return false;
      }
    },
  };
}
