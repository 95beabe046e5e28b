/**
 * Identifies VS Code's file-watcher process (the recursive parcel/inotify watcher that feeds
 * workspace file events to the window and, through it, to gopls) from a process table.
 *
 * Verified here: code-server 4.139.1 (VS Code server) started by test/vscode-host/code-server.mjs with a
 * workspace open in Chromium; `ps -eo pid,ppid,args` showed, under the server process
 * (`node …/code-server/out/node/entry`), two siblings:
 *   node …/lib/vscode/out/bootstrap-fork --type=fileWatcher
 *   node …/lib/vscode/out/bootstrap-fork --type=extensionHost …
 * (VS Code's `UniversalWatcherClient` forks `bootstrap-fork` with `args: ['--type=fileWatcher']`; the
 * extension host forks its own such child for extension watchers outside the workspace.) Remote-SSH
 * and `code serve-web` run the same server code.
 *
 * Desktop VS Code runs the watcher as an Electron utility process whose command line is Chromium's
 * (`--type=utility --utility-sub-type=node.mojom.NodeService …`), the same as the extension host's
 * and the pty host's: the argv does not tell them apart, so only an explicit `--type=fileWatcher`
 * is accepted and the desktop watcher is usually reported as unknown (never guessed).
 */
const FILE_WATCHER_FLAG = '--type=fileWatcher';

export function isFileWatcherArgs(args: readonly string[]): boolean {
  return args.includes(FILE_WATCHER_FLAG);
}

export interface ProcessEntry {
  pid: number;
  ppid: number;
  args: readonly string[];
}

/**
 * The file-watcher processes serving the extension host `ownerPid`: its own `--type=fileWatcher`
 * children and those of its parent (the VS Code server, shared by the server's windows). Empty when
 * none can be identified.
 */
export function findFileWatchers<T extends ProcessEntry>(ownerPid: number, table: ReadonlyMap<number, T>): T[] {
  const owner = table.get(ownerPid);
  const parents = new Set([ownerPid]);
  if (owner && owner.ppid > 1) parents.add(owner.ppid);
  const out: T[] = [];
  for (const p of table.values()) if (p.pid !== ownerPid && parents.has(p.ppid) && isFileWatcherArgs(p.args)) out.push(p);
  return out.sort((a, b) => a.pid - b.pid);
}
