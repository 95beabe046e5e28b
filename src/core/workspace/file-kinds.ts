/**
 * Which workspace files the doctor reads, and as what. Shared by the scanner (which decides
 * what to record) and the model builder (which decides which parser reads it).
 */
export type WorkspaceFileKind =
  | 'go'
  | 'go.mod'
  | 'go.work'
  | 'makefile'
  | 'shell'
  | 'dockerfile'
  | 'goreleaser'
  | 'github-workflow'
  | 'vscode-settings'
  | 'vscode-launch'
  | 'vscode-tasks';

/**
 * The kind of a workspace-relative, `/`-separated path, `'maybe-shell'` for extension-less
 * files (shell only with a shell shebang), or undefined when the doctor does not read it.
 */
export function workspaceFileKind(path: string): WorkspaceFileKind | 'maybe-shell' | undefined {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  if (base.endsWith('.go')) return 'go';
  if (base === 'go.mod') return 'go.mod';
  if (base === 'go.work') return 'go.work';
  if (base === 'Makefile' || base === 'makefile' || base === 'GNUmakefile' || base.endsWith('.mk')) return 'makefile';
  if (/\.(sh|bash|zsh)$/.test(base)) return 'shell';
  if (/^(Dockerfile|Containerfile)([.-].*)?$/.test(base) || /\.(Dockerfile|dockerfile|Containerfile)$/.test(base)) return 'dockerfile';
  if (/^\.?goreleaser\.ya?ml$/.test(base)) return 'goreleaser';
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'github-workflow';
  if (path === '.vscode/settings.json') return 'vscode-settings';
  if (path === '.vscode/launch.json') return 'vscode-launch';
  if (path === '.vscode/tasks.json') return 'vscode-tasks';
  if (!base.includes('.') && base.length > 0) return 'maybe-shell';
  return undefined;
}

/** A `#!` line naming a POSIX-family shell (sh, bash, zsh, dash, ksh), directly or via env. */
export function hasShellShebang(firstLine: string): boolean {
  return /^#!\s*\S*?(?:\/|\s)(?:env\s+(?:-\S+\s+)*)?(sh|bash|zsh|dash|ksh)(\s|$)/.test(firstLine) || /^#!\s*\/bin\/(sh|bash|zsh|dash|ksh)\b/.test(firstLine);
}
