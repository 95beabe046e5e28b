/**
 * Why a Go that is installed is not on this process's PATH, read from the recorded startup files
 * of the user's shell (core/facts/shell-startup.ts) and the installations the probe found. Pure:
 * shared by the `go/installed-not-on-path` rule and the status bar.
 */
import type { GoInstallationRecord, Snapshot } from '../snapshot.js';
import { goMinorOf } from '../knowledge/index.js';
import { filesReadByLoginShell, mentionsOf, recommendedStartupFile, shellKind, type DirectoryMention, type ShellKind, type StartupFile } from './shell-startup.js';

export interface InvisibleGo {
  /** The installation to put on PATH (the newest found; a downloaded toolchain module only if nothing else). */
  installation: GoInstallationRecord;
  others: GoInstallationRecord[];
  /** `<goroot>/bin`, written with `~` when under the home directory. */
  binDisplay: string;
  shell: ShellKind;
  /**
   * read: a startup file the editor's login shell reads adds it (the process started before, or
   * without a login shell); unread: only files that shell does not read add it; nowhere: no file does.
   */
  reason: 'read' | 'unread' | 'nowhere';
  mentions: DirectoryMention[];
  /** The files the editor's shell (`$SHELL -i -l`) reads, in order. */
  readFiles: StartupFile[];
  /** Where a PATH line belongs for that shell. */
  target?: StartupFile;
  /** The line to add there. */
  line: string;
}

function rank(i: GoInstallationRecord): number[] {
  const minor = i.version ? (goMinorOf(i.version) ?? -1) : -1;
  const patch = i.version ? Number(/^go\d+\.\d+\.(\d+)/.exec(i.version)?.[1] ?? 0) : 0;
  return [i.source === 'toolchain-module' ? 0 : 1, minor, patch];
}

function better(a: GoInstallationRecord, b: GoInstallationRecord): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return rb[k]! - ra[k]!;
  return 0;
}

export function tildePath(path: string, home: string | undefined): string {
  if (!home) return path;
  const h = home.replace(/\/$/, '');
  return path === h ? '~' : path.startsWith(`${h}/`) ? `~${path.slice(h.length)}` : path;
}

/** Installations whose `bin/go` is not what PATH runs (all of them when no go is on PATH). */
export function explainInvisibleGo(snapshot: Snapshot): InvisibleGo | undefined {
  const installs = [...(snapshot.goInstallations ?? [])].sort(better);
  const installation = installs[0];
  if (!installation) return undefined;
  const env = snapshot.env;
  const home = env.HOME;
  const platform = snapshot.host.platform;
  const shell = shellKind(env.SHELL);
  const files = snapshot.files;
  const bin = `${installation.goroot}/bin`;
  const mentions = mentionsOf([bin, installation.goroot], shell, env, platform, files);
  const readFiles = filesReadByLoginShell(shell, env, platform, files);
  const read = new Set(readFiles.map((f) => f.path));
  const reason = mentions.some((m) => read.has(m.file.path)) ? 'read' : mentions.length > 0 ? 'unread' : 'nowhere';
  const target = recommendedStartupFile(shell, env, platform, files);
  const binForShell = home && (bin === home || bin.startsWith(`${home.replace(/\/$/, '')}/`)) ? `$HOME${bin.slice(home.replace(/\/$/, '').length)}` : bin;
  const line = shell === 'fish' ? `fish_add_path ${tildePath(bin, home)}` : `export PATH="${binForShell}:$PATH"`;
  return {
    installation,
    others: installs.slice(1),
    binDisplay: tildePath(bin, home),
    shell,
    reason,
    mentions,
    readFiles,
    ...(target ? { target } : {}),
    line,
  };
}

/** The line that makes a login bash read ~/.bashrc. */
export const SOURCE_BASHRC = '[ -f ~/.bashrc ] && . ~/.bashrc';

