/**
 * `clang --version` (facts §4): `Apple clang version 17.0.0 (clang-1700.6.3.2)` (older:
 * `Apple LLVM version 10.0.1 (clang-1001.0.46.4)`, possibly after a `Configured with:` line), then
 * `Target:`, `Thread model:` and `InstalledDir:` lines. Non-Apple clang is recognised too.
 */
import type { ClangVersion } from '../machine.js';

const VERSION_LINE = /^(.*?)\b(?:clang|LLVM) version (\d{1,4})((?:\.\d{1,6}){0,3})\S*(?:\s+\(([^)]*)\))?/;

export function parseClangVersion(output: string): ClangVersion | undefined {
  if (typeof output !== 'string') return undefined;
  const lines = output.slice(0, 16384).split(/\r?\n/);
  let found: ClangVersion | undefined;
  for (const line of lines) {
    if (!found) {
      const m = VERSION_LINE.exec(line);
      if (!m || !m[2]) continue;
      const vendor = (m[1] ?? '').trim();
      found = { raw: line.trim(), apple: /^Apple\b/.test(vendor), version: `${m[2]}${m[3] ?? ''}`, major: Number(m[2]) };
      if (m[4]) {
        const build = /(clang-[\d.]+)/.exec(m[4]);
        if (build?.[1]) found.build = build[1];
      }
      continue;
    }
    const kv = /^(Target|InstalledDir):/.exec(line);
    const value = kv ? line.slice(kv[0].length).trim() : '';
    if (kv?.[1] === 'Target' && value) found.target = value;
    else if (kv?.[1] === 'InstalledDir' && value) found.installedDir = value;
  }
  return found;
}
