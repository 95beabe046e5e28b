import { isAbsolute, join } from 'node:path';
import type { FileFact } from '../core/snapshot.js';
import { textFileFact } from './file-facts.js';
import type { ProbeFileSystem } from './filesystem.js';
import { goEnvFile } from './user-dirs.js';

/** The go env files are tiny (`go env -w` lines, go.env's three settings); content past this is cut. */
export const GO_ENV_FILE_MAX_BYTES = 64 * 1024;

/**
 * The user's `go env -w` file ($GOENV, else <config dir>/go/env), with its content: it can set
 * GOTOOLCHAIN, CC… (facts §5.4). Read on every probe, cache hit or not (its identity is also part
 * of the cache key). Nothing when GOENV=off or the path is relative.
 */
export async function probeUserGoEnvFile(platform: string, env: Readonly<Record<string, string | undefined>>, fs: ProbeFileSystem): Promise<Record<string, FileFact>> {
  const file = goEnvFile(platform, env);
  if (file === undefined || !isAbsolute(file)) return {};
  return { [file]: await textFileFact(file, fs, GO_ENV_FILE_MAX_BYTES) };
}

/** `$GOROOT/go.env` with its content (standard distributions set GOTOOLCHAIN=auto there). */
export async function probeGorootGoEnvFile(goroot: string, fs: ProbeFileSystem): Promise<Record<string, FileFact>> {
  if (!isAbsolute(goroot)) return {};
  const file = join(goroot, 'go.env');
  return { [file]: await textFileFact(file, fs, GO_ENV_FILE_MAX_BYTES) };
}
