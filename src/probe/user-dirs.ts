import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

function absolute(value: string | undefined): string | undefined {
  return value !== undefined && isAbsolute(value) ? value : undefined;
}

/** The user's home: $HOME when absolute, else the OS's idea of it. */
export function homeDirectory(env: Env): string {
  return absolute(env.HOME) ?? homedir();
}

/** Per-user cache directory: ~/Library/Caches on macOS, $XDG_CACHE_HOME or ~/.cache elsewhere. */
export function userCacheDirectory(platform: string, env: Env): string {
  if (platform === 'darwin') return join(homeDirectory(env), 'Library', 'Caches');
  return absolute(env.XDG_CACHE_HOME) ?? join(homeDirectory(env), '.cache');
}

/** Go's os.UserConfigDir: ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config. */
export function userConfigDirectory(platform: string, env: Env): string {
  if (platform === 'darwin') return join(homeDirectory(env), 'Library', 'Application Support');
  return absolute(env.XDG_CONFIG_HOME) ?? join(homeDirectory(env), '.config');
}

/** The file `go env -w` writes: $GOENV, else <config dir>/go/env ('off' means none). */
export function goEnvFile(platform: string, env: Env): string | undefined {
  if (env.GOENV === 'off') return undefined;
  if (env.GOENV !== undefined && env.GOENV !== '') return env.GOENV;
  return join(userConfigDirectory(platform, env), 'go', 'env');
}

/** Where `go install` puts tools: $GOBIN, else the first GOPATH entry's bin, else ~/go/bin. */
export function goBinDirectory(env: Env): string {
  const gobin = absolute(env.GOBIN);
  if (gobin !== undefined) return gobin;
  const firstGopath = absolute(env.GOPATH?.split(':')[0]);
  return join(firstGopath ?? join(homeDirectory(env), 'go'), 'bin');
}
