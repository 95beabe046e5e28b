/**
 * A build file that runs another file of the workspace: a workflow step or a Makefile recipe
 * running `./scripts/build-android.sh`, `bash scripts/x.sh`, `make release`. The called file runs
 * with the caller's working directory, environment, machine and Go, and only when the caller
 * runs: the model re-reads it in that context (core/workspace/build.ts).
 */
import type { Range } from '../finding.js';
import type { BuildConfig, SettingValue } from './build-config.js';

export interface FileInvocation {
  /** The calling file (absolute) and the range of the call (`./scripts/build.sh`, `make release`). */
  file: string;
  range: Range;
  /** Workspace-relative path of the file it runs (a script, or the Makefile `make` reads). */
  target: string;
  /** `make` goals, when the target is a Makefile (empty: its default goal). */
  goals?: string[];
  /** Workspace-relative working directory the called file runs in ('' = the root). */
  cwd: string;
  /** Exported environment at the call, by name (job/step env, exports, `$GITHUB_ENV` writes …). */
  env: Record<string, SettingValue>;
  /** The machine that runs it, the Go it uses, and its conditions: as on BuildConfig. */
  host?: BuildConfig['host'];
  goVersion?: BuildConfig['goVersion'];
  conditions?: string[];
  variant?: string;
  /** Human words for messages: `job "release", step "Build Android"` / `make target "release"`. */
  label: string;
  /**
   * Other workspace paths the target may be, tried in order when `target` is not a file of the
   * workspace (a Dockerfile's build context may be its own folder or the repository root).
   */
  alternatives?: { target: string; cwd: string }[];
}

/** How a called file is read again: with its caller's environment, folder and goals. */
export interface CallContext {
  /** The environment at the call: the called file's initial exported variables. */
  env: Record<string, SettingValue>;
  /** Workspace-relative directory the called file starts in ('' = the root). */
  cwd: string;
  /** `make` goals (empty or absent: the Makefile's default goal). */
  goals?: string[];
}
