import { GO_INSTALL_LAYOUT_ENV } from '../core/knowledge/go-install-layouts.js';

/** Environment variables recorded in `snapshot.env` (only these; unset ones are omitted). */
const RECORDED_ENV_VARS: readonly string[] = [
  // shell and user
  'PATH', 'HOME', 'SHELL', 'USER', 'LOGNAME', 'TMPDIR', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME',
  // where shells and Go version managers keep their files
  ...GO_INSTALL_LAYOUT_ENV,
  // Go
  'GOROOT', 'GOPATH', 'GOBIN', 'GOTOOLCHAIN', 'GOFLAGS', 'GOOS', 'GOARCH', 'GOENV', 'GOEXPERIMENT',
  'GOPROXY', 'GO111MODULE', 'GOWORK', 'GOMODCACHE', 'GOCACHE', 'GOAMD64', 'GOARM64',
  // cgo and the C toolchain
  'CGO_ENABLED', 'CC', 'CXX', 'DEVELOPER_DIR', 'SDKROOT', 'MACOSX_DEPLOYMENT_TARGET', 'HOMEBREW_PREFIX',
  // where the doctor runs (VS Code remote / container / terminal markers)
  'SSH_CONNECTION', 'SSH_CLIENT', 'REMOTE_CONTAINERS', 'CODESPACES', 'WSL_DISTRO_NAME',
  'VSCODE_REMOTE_CONTAINERS_SESSION', 'VSCODE_AGENT_FOLDER', 'VSCODE_RESOLVING_ENVIRONMENT', 'TERM_PROGRAM',
];

/**
 * Variables whose value can change what the Go commands print: every `GO*` and `CGO_*`
 * variable plus these. The probe cache keys on a hash of them (never stored in clear).
 */
const OUTPUT_AFFECTING_ENV_VARS: readonly string[] = [
  'PATH', 'HOME', 'USER', 'CC', 'CXX', 'AR', 'PKG_CONFIG', 'FC', 'GCCGO', 'XDG_CONFIG_HOME',
  'XDG_CACHE_HOME', 'DEVELOPER_DIR', 'SDKROOT', 'MACOSX_DEPLOYMENT_TARGET', 'TMPDIR',
];

type Env = Readonly<Record<string, string | undefined>>;

/** The recorded subset of `env`, in a stable order. */
export function recordedEnv(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of RECORDED_ENV_VARS) {
    const value = env[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The variables that can change command outputs, sorted by name (for the cache key). */
export function outputAffectingEnv(env: Env): [string, string][] {
  const names = Object.keys(env).filter(
    (name) => name.startsWith('GO') || name.startsWith('CGO_') || OUTPUT_AFFECTING_ENV_VARS.includes(name),
  );
  return names
    .sort()
    .flatMap((name): [string, string][] => {
      const value = env[name];
      return value === undefined ? [] : [[name, value]];
    });
}

/** `env` without undefined values, as a child process environment. */
export function childEnv(env: Env, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return { ...out, ...extra };
}
