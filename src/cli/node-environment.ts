/**
 * The real CliEnvironment. Heavy modules load lazily: the probe only when something is probed,
 * the language server only for `go-doctor lsp` (so `check` never parses server code paths).
 */
import { statSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { redactSnapshot } from '../core/redact.js';
import { allRules } from '../core/rules/index.js';
import { isDoctorReport, type DoctorReport } from '../core/report/model.js';
import type { CliEnvironment, WorkspaceResults } from './cli-environment.js';
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

/**
 * Reuse of check results, in a bundled build only (its build id is the bundle's own identity, so
 * any rebuild invalidates every stored result; from source no such id exists).
 */
function bundledWorkspaceResults(): WorkspaceResults | undefined {
  if (typeof GO_DOCTOR_VERSION === 'undefined') return undefined;
  let buildId: string;
  try {
    const st = statSync(__filename);
    buildId = `${GO_DOCTOR_VERSION}:${__filename}:${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return undefined;
  }
  // The probe modules: loaded on first use, once (only `check` uses them).
  const load = async () => {
    const [{ userCacheDirectory }, { fingerprintListing }, { WorkspaceResultCache }, { listWorkspace, scanAndFingerprint }] = await Promise.all([
      import('../probe/user-dirs.js'),
      import('../probe/workspace/fingerprint.js'),
      import('../probe/workspace/result-cache.js'),
      import('../probe/workspace/scan.js'),
    ]);
    const cache = new WorkspaceResultCache<DoctorReport>(join(userCacheDirectory(process.platform, process.env), 'go-doctor', 'workspace-results'), isDoctorReport);
    return { cache, fingerprintListing, listWorkspace, scanAndFingerprint };
  };
  let loaded: ReturnType<typeof load> | undefined;
  const probe = () => (loaded ??= load());
  return {
    buildId,
    async prepare(root) {
      const { fingerprintListing, listWorkspace, scanAndFingerprint } = await probe();
      const listing = listWorkspace(root);
      return { fingerprint: () => fingerprintListing(listing), scan: () => scanAndFingerprint(root, listing) };
    },
    lookup: async (root, key, fingerprint) => (await probe()).cache.lookup(root, key, fingerprint),
    store: async (root, key, fingerprint, report) => (await probe()).cache.store(root, key, fingerprint, report),
  };
}

export function nodeEnvironment(): CliEnvironment {
  const workspaceResults = bundledWorkspaceResults();
  return {
    ...(workspaceResults ? { workspaceResults } : {}),
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
