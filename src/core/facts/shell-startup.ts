/**
 * Which startup files the editor's shell reads. VS Code (locally on macOS, and the VS Code server on
 * a Remote-SSH host) takes its environment from `$SHELL -i -l -c …`: an interactive login shell
 * (microsoft/vscode src/vs/platform/shell/node/shellEnv.ts). The files each shell reads as such:
 *
 * - bash (bash(1), INVOCATION): /etc/profile, then the FIRST of ~/.bash_profile, ~/.bash_login and
 *   ~/.profile that exists. ~/.bashrc is read by interactive NON-login shells only, so a login shell
 *   sees it only when one of those files sources it (Debian's default ~/.profile does).
 * - zsh (zsh(1), STARTUP/SHUTDOWN FILES): zshenv, zprofile, zshrc, zlogin, each the global file
 *   (/etc or /etc/zsh) then the one in $ZDOTDIR (default $HOME). All of them for `-i -l`.
 * - fish: the config.fish files (/etc/fish, $XDG_CONFIG_HOME/fish) and the universal variable
 *   fish_user_paths in fish_variables (fish-doc "Initialization files", fish_add_path).
 * - sh/dash/ksh: /etc/profile, then ~/.profile.
 *
 * Pure: the probe records the files (as text, never executed) and this module reads them.
 */
import type { FileFact } from '../snapshot.js';

export type ShellKind = 'bash' | 'zsh' | 'fish' | 'sh' | 'other';

export function shellKind(shell: string | undefined): ShellKind {
  const name = (shell ?? '').split('/').pop() ?? '';
  if (name === 'bash') return 'bash';
  if (name === 'zsh') return 'zsh';
  if (name === 'fish') return 'fish';
  if (name === 'sh' || name === 'dash' || name === 'ksh' || name === 'mksh') return 'sh';
  return 'other';
}

export interface StartupFile {
  path: string;
  /** The path as a person writes it (`~/.bash_profile`). */
  display: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function inHome(home: string, rel: string): StartupFile {
  return { path: `${home.replace(/\/$/, '')}/${rel}`, display: `~/${rel}` };
}

function fixed(path: string): StartupFile {
  return { path, display: path };
}

/** Every file that may matter for the user's shell, in the order the shell considers them. */
export function startupFileCandidates(kind: ShellKind, env: Env, platform: string): StartupFile[] {
  const home = env.HOME;
  if (!home) return [];
  const z = env.ZDOTDIR && env.ZDOTDIR.startsWith('/') ? env.ZDOTDIR.replace(/\/$/, '') : undefined;
  const zdot = (rel: string): StartupFile => (z ? { path: `${z}/${rel}`, display: `${z}/${rel}` } : inHome(home, rel));
  const config = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME.replace(/\/$/, '') : undefined;
  // macOS: /etc/profile and /etc/zprofile run path_helper, which adds /etc/paths and /etc/paths.d/*
  // (the go.dev .pkg writes /etc/paths.d/go).
  const macPaths = platform === 'darwin' ? [fixed('/etc/paths'), fixed('/etc/paths.d/go')] : [];
  switch (kind) {
    case 'bash':
      return [...macPaths, fixed('/etc/profile'), fixed('/etc/bash.bashrc'), inHome(home, '.bash_profile'), inHome(home, '.bash_login'), inHome(home, '.profile'), inHome(home, '.bashrc')];
    case 'zsh':
      return [
        ...macPaths,
        fixed('/etc/zshenv'), fixed('/etc/zsh/zshenv'), zdot('.zshenv'),
        fixed('/etc/zprofile'), fixed('/etc/zsh/zprofile'), zdot('.zprofile'),
        fixed('/etc/zshrc'), fixed('/etc/zsh/zshrc'), zdot('.zshrc'),
        fixed('/etc/zlogin'), fixed('/etc/zsh/zlogin'), zdot('.zlogin'),
        // not read by zsh at all, but where people often put PATH lines by habit
        inHome(home, '.profile'), inHome(home, '.bashrc'), inHome(home, '.bash_profile'),
      ];
    case 'fish': {
      const dir = config ? { path: `${config}/fish`, display: `${config}/fish` } : inHome(home, '.config/fish');
      return [
        ...macPaths,
        fixed('/etc/fish/config.fish'),
        { path: `${dir.path}/config.fish`, display: `${dir.display}/config.fish` },
        { path: `${dir.path}/fish_variables`, display: `${dir.display}/fish_variables` },
        inHome(home, '.profile'), inHome(home, '.bashrc'),
      ];
    }
    case 'sh':
    case 'other':
      return [...macPaths, fixed('/etc/profile'), inHome(home, '.profile'), inHome(home, '.bashrc'), inHome(home, '.bash_profile'), inHome(home, '.zshrc')];
  }
}

const exists = (files: Record<string, FileFact>, path: string): boolean => files[path]?.exists === true && files[path]?.isDirectory !== true;

/** Files a startup file sources (`. ~/.bashrc`, `source "$HOME/.bashrc"`), among the candidates. */
function sourcedFiles(content: string, candidates: StartupFile[], home: string): StartupFile[] {
  const out: StartupFile[] = [];
  for (const raw of content.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '');
    const m = /(?:^|[;&|{(]\s*|\bthen\s+|&&\s*)(?:\.|source)\s+("[^"]+"|'[^']+'|[^\s;&|)]+)/.exec(line);
    if (!m) continue;
    const target = expandHome(m[1]!.replace(/^["']|["']$/g, ''), home);
    const hit = candidates.find((c) => c.path === target);
    if (hit) out.push(hit);
  }
  return out;
}

/** `~/x`, `$HOME/x`, `${HOME}/x` → `<home>/x`. */
function expandHome(text: string, home: string): string {
  const h = home.replace(/\/$/, '');
  return text.replace(/^~(?=\/|$)/, h).replace(/\$\{HOME\}|\$HOME\b/g, h);
}

/**
 * The startup files an interactive login shell of this kind reads, in order, with the files
 * they source (two levels deep).
 */
export function filesReadByLoginShell(kind: ShellKind, env: Env, platform: string, files: Record<string, FileFact>): StartupFile[] {
  const candidates = startupFileCandidates(kind, env, platform);
  const home = env.HOME ?? '';
  const byName = (rel: string) => candidates.find((c) => c.display === `~/${rel}` || c.path.endsWith(`/${rel}`) || c.path === rel);
  let direct: StartupFile[] = [];
  switch (kind) {
    case 'bash': {
      const personal = ['.bash_profile', '.bash_login', '.profile'].map(byName).find((c) => c && exists(files, c.path));
      direct = [byName('/etc/profile'), personal].filter((c): c is StartupFile => c !== undefined);
      break;
    }
    case 'zsh':
      direct = candidates.filter((c) => /zshenv|zprofile|zshrc|zlogin/.test(c.path));
      break;
    case 'fish':
      direct = candidates.filter((c) => c.path.endsWith('config.fish') || c.path.endsWith('fish_variables'));
      break;
    case 'sh':
    case 'other':
      direct = [byName('/etc/profile'), byName('.profile')].filter((c): c is StartupFile => c !== undefined);
      break;
  }
  if (platform === 'darwin' && kind !== 'fish') direct.unshift(...candidates.filter((c) => c.path.startsWith('/etc/paths')));
  const read: StartupFile[] = [];
  const visit = (f: StartupFile, depth: number): void => {
    if (read.some((r) => r.path === f.path) || !exists(files, f.path)) return;
    read.push(f);
    if (depth >= 2) return;
    for (const s of sourcedFiles(files[f.path]?.content ?? '', candidates, home)) visit(s, depth + 1);
  };
  for (const f of direct) visit(f, 0);
  return read;
}

export interface DirectoryMention {
  file: StartupFile;
  /** 1-based line number. */
  line: number;
  text: string;
}

/** Lines of the recorded startup files that name `dir` (or its GOROOT) as written or via ~/$HOME. */
export function mentionsOf(dirs: readonly string[], kind: ShellKind, env: Env, platform: string, files: Record<string, FileFact>): DirectoryMention[] {
  const home = env.HOME ?? '';
  const out: DirectoryMention[] = [];
  const wanted = dirs.map((d) => d.replace(/\/$/, ''));
  for (const f of startupFileCandidates(kind, env, platform)) {
    const content = files[f.path]?.content;
    if (!content) continue;
    const lines = content.split(/\r\n|\r|\n/);
    lines.forEach((raw, i) => {
      // fish_variables separates list items with the record separator U+001E.
      const line = raw.split('\u001e').join(' ');
      if (/^\s*#/.test(line)) return;
      const expanded = expandHome(line.replace(/(["'\s=:])~\//g, `$1${home.replace(/\/$/, '')}/`), home);
      if (wanted.some((d) => d !== '' && containsPath(expanded, d))) out.push({ file: f, line: i + 1, text: raw.trim().slice(0, 200) });
    });
  }
  return out;
}

function containsPath(line: string, dir: string): boolean {
  let at = line.indexOf(dir);
  while (at >= 0) {
    const after = line.charAt(at + dir.length);
    if (after === '' || /[/"':\s;$)}]/.test(after)) return true;
    at = line.indexOf(dir, at + 1);
  }
  return false;
}

/** Where to add a PATH line so that the editor's login shell reads it. */
export function recommendedStartupFile(kind: ShellKind, env: Env, platform: string, files: Record<string, FileFact>): StartupFile | undefined {
  const home = env.HOME;
  if (!home) return undefined;
  const candidates = startupFileCandidates(kind, env, platform);
  const find = (rel: string) => candidates.find((c) => c.path.endsWith(`/${rel}`) && !c.path.startsWith('/etc'));
  switch (kind) {
    case 'bash':
      return ['.bash_profile', '.bash_login', '.profile'].map(find).find((c) => c && exists(files, c.path)) ?? find('.profile');
    case 'zsh':
      return find('.zprofile');
    case 'fish':
      return find('config.fish');
    default:
      return find('.profile');
  }
}
