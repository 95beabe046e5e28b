/**
 * The Snapshot: raw facts about one machine and one workspace folder, exactly as the probe
 * layer recorded them. Nothing here is parsed: rules parse through `core/facts`, so a snapshot
 * recorded on a real Mac replays exactly. Documented in docs/snapshot.md; bump
 * SNAPSHOT_VERSION on any incompatible change.
 */

import type { GoInstallSource } from './knowledge/go-install-layouts.js';

export const SNAPSHOT_SCHEMA = 'go-doctor/snapshot';
export const SNAPSHOT_VERSION = 1;

/** One external command, recorded raw. */
export interface CommandRecord {
  argv: string[];
  stdout: string;
  stderr: string;
  /** `null` when the process did not exit normally (signal, timeout, spawn failure). */
  exitCode: number | null;
  durationMs: number;
  timedOut?: boolean;
  /** Spawn failure (e.g. `ENOENT`) or other reason the command produced no result. */
  error?: string;
  /** Output was cut at the cap. */
  truncated?: boolean;
  /** Deliberately not run (e.g. a /usr/bin developer-tools shim before CLT is known to exist). */
  skipped?: string;
}

/** Well-known command ids. Rules look commands up by these ids. */
export type CommandId =
  | 'go.version'
  | 'go.env'
  | 'go.distList'
  | 'go.distListBroken'
  | 'go.versionM'
  | 'sw_vers'
  | 'uname.release'
  | 'sysctl.arm64'
  | 'sysctl.translated'
  | 'xcodeSelect'
  | 'pkgutil.clt'
  | 'clang.version'
  | (string & {});

export interface PathEntry {
  /** Position in PATH, 0-based. */
  index: number;
  /** The entry exactly as in PATH ('' for an empty entry). */
  raw: string;
  /**
   * Whether `raw` was an absolute path on the machine. Set by redaction, which writes the home as
   * `~` (`/Users/ada/go/bin` → `~/go/bin`, absolute; a literal `~/go/bin` in PATH is relative).
   * Absent: `raw` starts with `/` (see `pathEntryIsAbsolute`).
   */
  absolute?: boolean;
  exists: boolean;
  isDirectory: boolean;
  /** Resolved real path when it exists. */
  realPath?: string;
  /** Others may write (mode & 0o002), without the sticky bit. */
  worldWritable: boolean;
}

/** A Go tool binary found in a PATH directory (or GOBIN / GOROOT/bin). */
export interface ToolBinary {
  name: string;
  /** The directory it was found in, as written in PATH (or the GOBIN/GOROOT dir). */
  dir: string;
  /** `dir/name` */
  path: string;
  realPath: string;
  size: number;
  mtimeMs: number;
  /** Where it was found: a PATH entry (with its index) or a Go directory. */
  source: { kind: 'path'; index: number } | { kind: 'gobin' } | { kind: 'goroot' };
}

/** A file the probe looked at (existence and, when small and relevant, its content). */
export interface FileFact {
  exists: boolean;
  isDirectory?: boolean;
  content?: string;
  /** `content` is only the first part of the file (it was longer than the probe's cap). */
  truncated?: boolean;
  error?: string;
}

/** A workspace file recorded for rules (go.mod, go.work, and later build configs). */
export interface WorkspaceFileRecord {
  /** Path relative to the workspace root, `/`-separated. */
  path: string;
  /** The content the rules need (for `.go` files only the header up to the end of the imports). */
  content: string;
  /** True when `content` is only a prefix of the file. */
  partial?: boolean;
}

/** A Go installation found on disk by its layout, without running it. */
export interface GoInstallationRecord {
  /** Its GOROOT (absolute); `bin/go` in it is an executable file. */
  goroot: string;
  source: GoInstallSource;
  /** The first line of GOROOT/VERSION ("go1.24.4"), when it has one. */
  version?: string;
}

/** One place the Go extension looks for a tool, as the probe found it (stat only, nothing run). */
export interface EditorToolCandidate {
  /** Absolute path; for the `PATH` step, the first match on PATH (absent when none). */
  path?: string;
  source: string;
  executable: boolean;
  realPath?: string;
  /** The first line of the VERSION file of the Go installation the binary belongs to. */
  version?: string;
}

/** The editor the doctor runs for, and what it would run. */
export interface EditorRecord {
  name: 'vscode';
  /** vscode.env.remoteName: "ssh-remote", "wsl", "dev-container" … (absent when local). */
  remoteName?: string;
  /** The Go extension's settings that choose binaries (go.alternateTools, go.goroot, go.toolsGopath). */
  goSettings?: import('./knowledge/go-extension-resolution.js').GoExtensionSettings;
  /** Per tool (go, gopls): the Go extension's candidates in its order. */
  tools?: Record<string, EditorToolCandidate[]>;
}

export interface WorkspaceRecord {
  root: string;
  files: WorkspaceFileRecord[];
  /**
   * What the scan could not check, with why: files (unreadable, huge, binary, UTF-16, not a
   * regular file …), directories, symbolic links whose target is outside the workspace (never
   * followed) and the workspace root itself (path `.`).
   */
  skipped: { path: string; reason: string }[];
  /**
   * Symbolic links the scan did not follow although nothing went unchecked because of them
   * (loops, links to a directory scanned under its own path, extension-less links out of the
   * workspace …), with why.
   */
  unfollowedLinks?: { path: string; reason: string }[];
  /** True when the scan stopped early (file or time budget). */
  truncated?: boolean;
}

export interface Snapshot {
  schema: typeof SNAPSHOT_SCHEMA;
  version: number;
  createdAt: string;
  producer: { name: string; version: string };
  /** True when home and user name were replaced (`~`, `<user>`). */
  redacted: boolean;
  host: {
    platform: string;
    arch: string;
    /** os.release(): the kernel release (Darwin major 25 = macOS 26). */
    release: string;
  };
  /** Relevant environment variables as the doctor saw them (unset ones omitted). */
  env: Record<string, string>;
  path: PathEntry[];
  tools: ToolBinary[];
  /** Keyed by CommandId. */
  commands: Partial<Record<CommandId, CommandRecord>>;
  /** Facts about files the probe looked at, keyed by absolute path (e.g. the CLT dir, /proc/sys/fs/inotify/*). */
  files: Record<string, FileFact>;
  /**
   * PATH lookups done without running anything (like `command -v`): name → absolute path of the
   * first executable match on PATH, or null. Always includes gcc, cc, clang, brew, the program
   * named by $CC and, once `go env` is known, the program named by `go env CC`.
   */
  which: Record<string, string | null>;
  workspace?: WorkspaceRecord;
  /**
   * Go installations found in the places installers and version managers put them (whether on
   * PATH or not), found by reading directories and VERSION files only. The user's shell startup
   * files are in `files` (PATH-related lines only, never executed).
   */
  goInstallations?: GoInstallationRecord[];
  /** Where the doctor runs, when an editor says so (the VS Code extension: its remote name). */
  editor?: EditorRecord;
  /** Probe options in effect (timeout etc.), for the report. */
  options: {
    timeoutMs: number;
    toolNames: string[];
    /**
     * Where the command records came from: run now ('miss'), reused from the probe cache of this
     * process ('memory') or of the cache file ('disk'), or run with the cache disabled ('off').
     */
    cache?: 'memory' | 'disk' | 'miss' | 'off';
  };
}
