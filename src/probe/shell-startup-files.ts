/**
 * Records the user's shell startup files (core/facts/shell-startup.ts says which) as text: read,
 * never executed, and only the lines that can change PATH or load other files are kept (others
 * become empty lines, so line numbers stay right and secrets exported there are not recorded).
 */
import { shellKind, startupFileCandidates } from '../core/facts/shell-startup.js';
import type { FileFact } from '../core/snapshot.js';
import { textFileFact } from './file-facts.js';
import type { ProbeFileSystem } from './filesystem.js';

const STARTUP_FILE_MAX_BYTES = 256 * 1024;

/** Lines that can matter for PATH: assignments and exports of PATH-like variables, sourcing, tool hooks. */
const RELEVANT = /PATH|GOROOT|GOBIN|GOPATH|\bgo\b|\bsdk\b|(^|[\s;&|{(])(\.|source)\s|\bSETUVAR\b|fish_add_path|path_helper|\b(asdf|mise|goenv|gvm|brew)\b|^\s*(if|fi|then|else|elif|case|esac|test|end)\b|^\s*\[/;

export function keepPathLines(content: string): string {
  return content
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : RELEVANT.test(part) ? part : ''))
    .join('');
}

export async function probeShellStartupFiles(platform: string, env: Readonly<Record<string, string | undefined>>, fs: ProbeFileSystem): Promise<Record<string, FileFact>> {
  const candidates = startupFileCandidates(shellKind(env.SHELL), env, platform).filter((c) => c.path.startsWith('/'));
  const facts = await Promise.all(candidates.map((c) => textFileFact(c.path, fs, STARTUP_FILE_MAX_BYTES)));
  // Keys in the candidates' order, whatever order the reads finished in: the snapshot (and the
  // result-store key made from it) must be the same from run to run.
  const out: Record<string, FileFact> = {};
  candidates.forEach((c, i) => {
    const fact = facts[i]!;
    // a file that does not exist is recorded by its absence (the rules read absence so)
    if (!fact.exists) return;
    out[c.path] = fact.content !== undefined ? { ...fact, content: keepPathLines(fact.content) } : fact;
  });
  return out;
}
