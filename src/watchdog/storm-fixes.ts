import type { Fix } from '../core/finding.js';
import { shellQuote } from '../core/shell-quote.js';
import { goplsDebugAddress } from './gopls-role.js';
import type { InotifyUsage } from './inotify-usage.js';
import type { StormCause } from './storm-cause.js';
import { directoryFiltersWith, watcherExcludeGlob } from './settings-edit.js';

/** Fixes for a storm, as data (every front renders them its own way). */

/** Directory names that are build output or generated code by convention: excluding them is safe. */
const OUTPUT_DIRECTORY = /(^|\/)(build|out|dist|target|bin|gen|generated|_gen|tmp|\.cache|node_modules|bazel-[^/]+|\.next|coverage)(\/|$)/i;

export function looksLikeOutputDirectory(directory: string): boolean {
  return OUTPUT_DIRECTORY.test(directory);
}

/**
 * Exclude a directory from VS Code's watcher (files.watcherExclude: no events from it any more, so
 * none reach gopls) and from gopls's workspace (build.directoryFilters: gopls stops loading its
 * packages). Workspace scope. `currentDirectoryFilters` = the effective gopls setting (undefined = default).
 */
export function exclusionFixes(directory: string, currentDirectoryFilters: readonly unknown[] | undefined): Fix[] {
  const d = directory.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (d === '') return [];
  const preferred = looksLikeOutputDirectory(d);
  const fixes: Fix[] = [];
  const glob = watcherExcludeGlob(d);
  if (glob) {
    fixes.push({ kind: 'setting', title: `Stop watching \`${d}/\` (files.watcherExclude)`, section: 'files.watcherExclude', key: glob, value: true, scope: 'workspace', preferred });
  }
  fixes.push({
    kind: 'setting',
    title: `Hide \`${d}/\` from gopls (gopls build.directoryFilters)`,
    section: 'gopls',
    key: 'build.directoryFilters',
    value: directoryFiltersWith(currentDirectoryFilters, d),
    scope: 'workspace',
  });
  return fixes;
}

export const RESTART_GOPLS_COMMAND = 'go.languageserver.restart';

export function restartFix(): Fix {
  return {
    kind: 'text',
    title: 'Restart gopls',
    text: `Run **Go: Restart Language Server** (\`${RESTART_GOPLS_COMMAND}\`) once the files stop changing: gopls reloads the workspace from scratch instead of working through a backlog.`,
  };
}

/** How to take a CPU profile of gopls (facts §7.3: `-debug=ADDR` serves /debug/pprof/profile). */
export function profileFix(goplsArgs: readonly (readonly string[])[] = []): Fix {
  const address = goplsArgs.map((a) => goplsDebugAddress(a)).find((a) => a !== undefined);
  const host = address ? (address.startsWith(':') ? `localhost${address}` : address) : 'localhost:6060';
  const capture = [
    `curl -o gopls-cpu.pprof ${shellQuote(`http://${host}/debug/pprof/profile?seconds=30`)}   # while gopls is busy`,
    'go tool pprof -top gopls-cpu.pprof',
  ].join('\n');
  const setup = address
    ? `gopls already serves its debug pages at http://${host} (started with \`-debug=${address}\`).`
    : 'Add `"go.languageServerFlags": ["-debug=localhost:6060"]` to your settings and restart gopls; it then serves its debug pages at http://localhost:6060.';
  return { kind: 'text', title: 'Take a CPU profile of gopls', text: `${setup}\n\n\`\`\`sh\n${capture}\n\`\`\`\n\nAttach the profile to a gopls issue (github.com/golang/go, label gopls).` };
}

/** Share of a limit at which the inotify fix is offered. */
const INOTIFY_PRESSURE = 0.75;
const INOTIFY_RECOMMENDED_WATCHES = 524_288;

/** Linux only: the exact sysctl fix when watches run short (facts §7.2). */
export function inotifyFixes(usage: InotifyUsage | undefined): Fix[] {
  if (!usage?.maxUserWatches) return [];
  const fixes: Fix[] = [];
  if (usage.watches >= INOTIFY_PRESSURE * usage.maxUserWatches && usage.maxUserWatches < INOTIFY_RECOMMENDED_WATCHES) {
    fixes.push({
      kind: 'command',
      title: `Raise the inotify watch limit to ${INOTIFY_RECOMMENDED_WATCHES} (needs sudo)`,
      command: `echo 'fs.inotify.max_user_watches=${INOTIFY_RECOMMENDED_WATCHES}' | sudo tee /etc/sysctl.d/60-inotify-watches.conf && sudo sysctl --system`,
      outsideWorkspace: true,
      needsAdmin: true,
    });
  }
  if (usage.maxUserInstances && usage.instances >= INOTIFY_PRESSURE * usage.maxUserInstances) {
    fixes.push({
      kind: 'text',
      title: 'inotify instances nearly used up',
      text: `Your processes hold ${usage.instances} of ${usage.maxUserInstances} inotify instances (fs.inotify.max_user_instances). Close unused editors/watchers, or raise the limit in a file under /etc/sysctl.d/ and run \`sudo sysctl --system\`.`,
    });
  }
  return fixes;
}

/** Advice when one file (go.mod, go.sum, go.work) is rewritten in a loop: there is nothing to exclude. */
function rewrittenFileFix(path: string): Fix {
  return {
    kind: 'text',
    title: `Find what rewrites \`${path}\``,
    text: `gopls reloads packages on every change of \`${path}\`. Something rewrites it over and over (a watch script running \`go mod tidy\` or \`go get\`, a code generator, a sync tool); stop it or make it write only when the content changes.`,
  };
}

export function fixesForCause(cause: StormCause, currentDirectoryFilters: readonly unknown[] | undefined): Fix[] {
  switch (cause.kind) {
    case 'directory':
      return exclusionFixes(cause.path, currentDirectoryFilters);
    case 'file':
      return /\.(mod|sum|work)$/.test(cause.path) ? [rewrittenFileFix(cause.path)] : exclusionFixes(cause.path.split('/').slice(0, -1).join('/'), currentDirectoryFilters);
    case 'loop':
      if (cause.path.endsWith('/')) return [rewrittenFileFix(cause.path), ...exclusionFixes(cause.path, currentDirectoryFilters)];
      if (cause.reload) return [rewrittenFileFix(cause.path), ...(cause.directory ? exclusionFixes(cause.directory, currentDirectoryFilters) : [])];
      return [rewrittenFileFix(cause.path), ...exclusionFixes(cause.path.split('/').slice(0, -1).join('/'), currentDirectoryFilters)];
    case 'spread':
    case 'unknown':
      return [];
  }
}
