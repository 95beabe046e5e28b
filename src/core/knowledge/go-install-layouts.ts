/**
 * Where Go installations live when they are not on PATH, each layout checked against its upstream
 * source (docs/go-installations.md lists them):
 *
 * - official: the go.dev .pkg and tarball install to /usr/local/go (golang/build darwinpkg.go;
 *   go.dev/doc/install).
 * - homebrew: `<prefix>/Cellar/go/<version>/libexec` is GOROOT, prefixes /opt/homebrew,
 *   /usr/local and /home/linuxbrew/.linuxbrew (Homebrew docs/Installation.md, go formula).
 * - golang.org/dl: `go1.X.Y download` unpacks into `$HOME/sdk/go1.X.Y` (golang/dl
 *   internal/version/version.go, `goroot`).
 * - toolchain-module: GOTOOLCHAIN downloads `golang.org/toolchain@v0.0.1-go1.X.Y.GOOS-GOARCH` into
 *   the module cache (cmd/go/internal/toolchain/select.go).
 * - distribution: Debian and Ubuntu's golang-1.X-go package installs /usr/lib/go-1.X.
 * - snap: /snap/bin/go runs /snap/go/current/bin/go (vscode-go pathUtils.ts rewrites it so).
 * - asdf: `$ASDF_DATA_DIR/installs/golang/<version>/go` (asdf-golang bin/install unpacks the
 *   go.dev tarball there; bin/list-bin-paths: `bin go/bin`).
 * - mise: `$MISE_DATA_DIR/installs/go/<version>` (GOROOT, or its `go` folder in older
 *   installs; jdx/mise src/plugins/core/go.rs `goroot`).
 * - goenv: `$GOENV_ROOT/versions/<version>` (go-nv/goenv `goenv versions`).
 * - gvm: `$GVM_ROOT/gos/<name>` (moovweb/gvm `gvm install`; GOROOT="$GVM_ROOT/gos/go1.X").
 *
 * Pure: a layout is a path pattern whose `*` segments the probe lists (never a shell glob).
 */
export type GoInstallSource =
  | 'official'
  | 'homebrew'
  | 'golang.org/dl'
  | 'toolchain-module'
  | 'distribution'
  | 'snap'
  | 'asdf'
  | 'mise'
  | 'goenv'
  | 'gvm';

export interface GoInstallLayout {
  source: GoInstallSource;
  /** Absolute path pattern of a GOROOT; a `*` segment stands for any entry of that directory. */
  pattern: string;
  /** What an entry standing for `*` must look like (its name). */
  entry?: RegExp;
}

type Env = Readonly<Record<string, string | undefined>>;

/** An environment value that is an absolute directory, without trailing slashes; else undefined. */
export const abs = (v: string | undefined): string | undefined => (v !== undefined && v.startsWith('/') ? v.replace(/\/+$/, '') : undefined);

/** The module cache: $GOMODCACHE, else the first GOPATH entry's pkg/mod, else ~/go/pkg/mod. */
function moduleCache(env: Env, home: string): string {
  return abs(env.GOMODCACHE) ?? `${abs(env.GOPATH?.split(':')[0]) ?? `${home}/go`}/pkg/mod`;
}

export function goInstallLayouts(platform: string, env: Env): GoInstallLayout[] {
  const home = abs(env.HOME);
  const version = /^(go)?\d+\.\d+/;
  const out: GoInstallLayout[] = [{ source: 'official', pattern: '/usr/local/go' }];
  const brewPrefixes = platform === 'darwin' ? ['/opt/homebrew', '/usr/local'] : ['/home/linuxbrew/.linuxbrew'];
  for (const p of brewPrefixes) {
    out.push({ source: 'homebrew', pattern: `${p}/Cellar/go/*/libexec`, entry: version });
    out.push({ source: 'homebrew', pattern: `${p}/Cellar/*/*/libexec`, entry: /^go@\d+\.\d+$|^\d+\.\d+/ });
  }
  if (platform === 'linux') {
    out.push({ source: 'distribution', pattern: '/usr/lib/*', entry: /^go-\d+\.\d+$/ });
    out.push({ source: 'snap', pattern: '/snap/go/current' });
  }
  if (home) {
    out.push({ source: 'golang.org/dl', pattern: `${home}/sdk/*`, entry: /^go\d+\.\d+|^gotip$/ });
    out.push({ source: 'toolchain-module', pattern: `${moduleCache(env, home)}/golang.org/*`, entry: /^toolchain@v0\.0\.1-go\d+\.\d+/ });
    const asdf = abs(env.ASDF_DATA_DIR) ?? `${home}/.asdf`;
    out.push({ source: 'asdf', pattern: `${asdf}/installs/golang/*/go`, entry: version });
    const mise = abs(env.MISE_DATA_DIR) ?? `${abs(env.XDG_DATA_HOME) ?? `${home}/.local/share`}/mise`;
    out.push({ source: 'mise', pattern: `${mise}/installs/go/*`, entry: version });
    out.push({ source: 'mise', pattern: `${mise}/installs/go/*/go`, entry: version });
    out.push({ source: 'goenv', pattern: `${abs(env.GOENV_ROOT) ?? `${home}/.goenv`}/versions/*`, entry: version });
    out.push({ source: 'gvm', pattern: `${abs(env.GVM_ROOT) ?? `${home}/.gvm`}/gos/*`, entry: version });
  }
  return out;
}

/** The environment variables the layouts read (recorded in snapshots so replays agree). */
export const GO_INSTALL_LAYOUT_ENV = ['ASDF_DATA_DIR', 'MISE_DATA_DIR', 'XDG_DATA_HOME', 'GOENV_ROOT', 'GVM_ROOT', 'ZDOTDIR'] as const;
