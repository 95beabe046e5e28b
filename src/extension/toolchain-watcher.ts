/**
 * Watches the Go tool binaries in every PATH directory (go, gopls, … — a non-recursive
 * FileSystemWatcher per directory, so the OS notifies us: no polling) and reports a change once
 * the directory has been quiet for a moment. An installer writing many files fires once.
 */
import * as vscode from 'vscode';
import { toolNameGlob, watchablePathDirs } from './path-dirs.js';

const TOOLCHAIN_SETTLE_MS = 750;

export class ToolchainWatcher implements vscode.Disposable {
  private readonly watchers: vscode.FileSystemWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly changedPaths = new Set<string>();
  readonly dirs: string[];

  constructor(
    pathValue: string | undefined,
    toolNames: readonly string[],
    private readonly onChange: (changed: string[]) => void,
    private readonly settleMs = TOOLCHAIN_SETTLE_MS,
  ) {
    this.dirs = watchablePathDirs(pathValue);
    const glob = toolNameGlob(toolNames);
    if (!glob) return;
    for (const dir of this.dirs) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), glob));
      w.onDidCreate((uri) => this.note(uri));
      w.onDidChange((uri) => this.note(uri));
      w.onDidDelete((uri) => this.note(uri));
      this.watchers.push(w);
    }
  }

  private note(uri: vscode.Uri): void {
    this.changedPaths.add(uri.fsPath);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const changed = [...this.changedPaths];
      this.changedPaths.clear();
      this.onChange(changed);
    }, this.settleMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers) w.dispose();
  }
}
