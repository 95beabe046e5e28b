/**
 * The two files cmd/go reads settings from (facts §5.4): the user's `go env -w` file ($GOENV, else
 * `<os.UserConfigDir>/go/env`) and `$GOROOT/go.env` (standard distributions set `GOTOOLCHAIN=auto`
 * there). Precedence: a non-empty environment variable, then the user file, then go.env.
 *
 * Both are read the way cmd/go's cfg.readEnvFile reads them (go1.21 and go1.27 source): lines split at
 * `\n`; a line counts only when it starts with an ASCII capital letter and holds `=`; the key is
 * everything before the first `=` (not trimmed) and the value everything after; a later line wins.
 */
import type { MachineFacts } from '../machine.js';
import type { FileFact, Snapshot } from '../snapshot.js';
import { normalizeDir } from './go-binary.js';

/** Longer content is not read (the probe caps these files at 64 KiB). */
const MAX_CONTENT = 1024 * 1024;

/** Every `KEY=value` setting of a go env file, as cmd/go reads it. */
export function parseGoEnvFile(content: string): Map<string, string> {
  const settings = new Map<string, string>();
  if (typeof content !== 'string') return settings;
  for (const line of content.slice(0, MAX_CONTENT).split('\n')) {
    const eq = line.indexOf('=');
    const first = line.charCodeAt(0);
    if (eq < 0 || first < 0x41 || first > 0x5a) continue;
    settings.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return settings;
}

/**
 * What a recorded go env file sets `name` to: the value (possibly ''), or undefined when the file
 * was not recorded, is missing or unreadable, or has no such line. When the probe cut the file at
 * its cap, the last (possibly partial) line is ignored.
 */
export function goEnvFileSetting(fact: FileFact | undefined, name: string): string | undefined {
  if (!fact?.exists || typeof fact.content !== 'string') return undefined;
  let content = fact.content;
  if (fact.truncated === true) content = content.slice(0, content.lastIndexOf('\n') + 1);
  return parseGoEnvFile(content).get(name);
}

/**
 * The user's go env file as the probe recorded it: `go env GOENV` when known, else the probe's own
 * rule ($GOENV unless `off`; else `~/Library/Application Support/go/env` on macOS,
 * `$XDG_CONFIG_HOME/go/env` or `~/.config/go/env` elsewhere).
 */
export function userGoEnvFilePath(snapshot: Snapshot, machine: MachineFacts): string | undefined {
  const reported = machine.go.env?.GOENV;
  if (reported !== undefined && reported !== '' && reported !== 'off') return reported;
  const env = snapshot.env;
  if (env.GOENV === 'off') return undefined;
  if (env.GOENV !== undefined && env.GOENV !== '') return env.GOENV;
  if (!isRootedPath(env.HOME)) return undefined;
  if (snapshot.host.platform === 'darwin') return under(env.HOME, 'Library/Application Support/go/env');
  return isRootedPath(env.XDG_CONFIG_HOME) ? under(env.XDG_CONFIG_HOME, 'go/env') : under(env.HOME, '.config/go/env');
}

/** An absolute path, or one the redaction turned into `~`/`~/…`. */
function isRootedPath(path: string | undefined): path is string {
  return path !== undefined && (path.startsWith('/') || path === '~' || path.startsWith('~/'));
}

function under(dir: string, rest: string): string {
  const base = normalizeDir(dir);
  return `${base === '/' ? '' : base}/${rest}`;
}

/** `$GOROOT/go.env`, GOROOT as `go env` reported it. */
export function gorootGoEnvPath(machine: MachineFacts): string | undefined {
  const goroot = machine.go.env?.GOROOT;
  return goroot === undefined || goroot === '' ? undefined : under(goroot, 'go.env');
}
