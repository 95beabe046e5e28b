/**
 * `go version -m FILE…` (facts §6.3): per file a header `<path>: <go version>` followed by
 * tab-separated lines (`\tpath\t…`, `\tmod\t<path>\t<version>\t<sum>`, `\tdep\t…`, `\tbuild\tK=V`).
 * Files that are not Go binaries are reported on stderr and simply do not appear here.
 */
import type { BuildInfo } from '../machine.js';

/** Undo Go's strconv.Quote for a build setting key/value (`-ldflags="-s -w"`). */
function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      const v: unknown = JSON.parse(s);
      if (typeof v === 'string') return v;
    } catch {
      return s.slice(1, -1);
    }
  }
  return s;
}

/** Splits `KEY=VALUE` where KEY may be quoted (then it may contain `=`). */
function splitSetting(s: string): [string, string] | undefined {
  if (s.startsWith('"')) {
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '\\') {
        i++;
        continue;
      }
      if (s[i] === '"') {
        if (s[i + 1] !== '=') return undefined;
        return [unquote(s.slice(0, i + 1)), unquote(s.slice(i + 2))];
      }
    }
    return undefined;
  }
  const eq = s.indexOf('=');
  if (eq <= 0) return undefined;
  return [s.slice(0, eq), unquote(s.slice(eq + 1))];
}

const MAX_OUTPUT = 4 * 1024 * 1024;

/** Parses multi-file `go version -m` output into build info keyed by the printed file path. */
export function parseVersionM(output: string): Record<string, BuildInfo> {
  const out: Record<string, BuildInfo> = {};
  if (typeof output !== 'string') return out;
  let current: BuildInfo | undefined;
  for (const line of output.slice(0, MAX_OUTPUT).split(/\r?\n/)) {
    if (line === '') continue;
    if (!line.startsWith('\t')) {
      current = undefined;
      const sep = line.lastIndexOf(': ');
      if (sep <= 0) continue;
      const file = line.slice(0, sep);
      const goVersion = line.slice(sep + 2).trim();
      if (!goVersion || file === '__proto__') continue;
      current = { goVersion, settings: {} };
      Object.defineProperty(out, file, { value: current, enumerable: true, writable: true, configurable: true });
      continue;
    }
    if (!current) continue;
    const fields = line.slice(1).split('\t');
    const [kind, a, b] = fields;
    if (kind === 'path' && a) current.path = a;
    else if (kind === 'mod' && a) {
      current.path ??= a;
      if (b) current.mainVersion = b;
    } else if (kind === 'build' && a) {
      const kv = splitSetting(fields.slice(1).join('\t'));
      if (kv && kv[0] !== '__proto__') Object.defineProperty(current.settings, kv[0], { value: kv[1], enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}
