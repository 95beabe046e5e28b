import { join, resolve } from 'node:path';
import { commandLineProgram } from '../core/facts/command-line-program.js';
import type { PathEntry } from '../core/snapshot.js';
import { isExecutableFile, type ProbeFileSystem } from './filesystem.js';
import { isSearchableEntry } from './path-entries.js';

/** The names always looked up on PATH: the C compilers cgo may use, and Homebrew's `brew`. */
const WHICH_NAMES: readonly string[] = ['gcc', 'cc', 'clang', 'brew'];

/** The program part of a `$CC` value such as `ccache gcc` or `"/opt/my cc" -m64`. */
export function programOfCommandLine(value: string): string | undefined {
  return commandLineProgram(value);
}

/**
 * Like `command -v NAME` without running anything: the first executable NAME in an absolute
 * PATH directory (relative entries are skipped, as Go's exec.LookPath does). A name with a
 * slash is checked as is (relative to `cwd`).
 */
async function lookPath(name: string, entries: readonly PathEntry[], fs: ProbeFileSystem, cwd: string): Promise<string | null> {
  if (name.includes('/')) {
    const candidate = resolve(cwd, name);
    return isExecutableFile(await fs.stat(candidate)) ? candidate : null;
  }
  for (const entry of entries) {
    if (!entry.isDirectory || !isSearchableEntry(entry.raw)) continue;
    const candidate = join(entry.raw, name);
    if (isExecutableFile(await fs.stat(candidate))) return candidate;
  }
  return null;
}

/** The programs named by command-line values (`$CC`, `go env CC`) not yet in `names`. */
function programsOf(commandLines: readonly (string | undefined)[], names: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of commandLines) {
    const program = value === undefined ? undefined : programOfCommandLine(value);
    if (program !== undefined && !names.includes(program) && !out.includes(program)) out.push(program);
  }
  return out;
}

async function lookUpAll(names: readonly string[], entries: readonly PathEntry[], fs: ProbeFileSystem, cwd: string): Promise<Record<string, string | null>> {
  const found = await Promise.all(names.map((name) => lookPath(name, entries, fs, cwd)));
  return Object.fromEntries(names.map((name, i) => [name, found[i] ?? null]));
}

/** PATH lookups for gcc, cc, clang, brew and the program named by `$CC`. */
export async function probeWhich(entries: readonly PathEntry[], cc: string | undefined, fs: ProbeFileSystem, cwd: string): Promise<Record<string, string | null>> {
  return lookUpAll([...WHICH_NAMES, ...programsOf([cc], WHICH_NAMES)], entries, fs, cwd);
}

/**
 * `which` plus the programs named by `commandLines` that it lacks (e.g. `go env CC`, known only
 * after `go env` ran or came from the cache). Nothing is run.
 */
export async function addWhich(
  which: Record<string, string | null>,
  commandLines: readonly (string | undefined)[],
  entries: readonly PathEntry[],
  fs: ProbeFileSystem,
  cwd: string,
): Promise<Record<string, string | null>> {
  const missing = programsOf(commandLines, Object.keys(which));
  return missing.length === 0 ? which : { ...which, ...(await lookUpAll(missing, entries, fs, cwd)) };
}
