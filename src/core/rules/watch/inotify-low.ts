import { INOTIFY_FILES } from '../../facts/index.js';
import type { Severity } from '../../finding.js';
import type { Rule } from '../../rule.js';

/** The value VS Code's Linux docs tell users to set (facts §7.2). */
const RECOMMENDED_MAX_USER_WATCHES = 524288;
/** The pre-5.11 flat default and the floor of today's memory-based default (facts §7.2). */
const KERNEL_FLOOR_MAX_USER_WATCHES = 8192;

export const watchInotifyLow: Rule = {
  id: 'watch/inotify-low',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'Linux inotify max_user_watches is below what VS Code recommends; large workspaces stop being watched.',
  docs: `**What:** \`/proc/sys/fs/inotify/max_user_watches\` on the Linux host (with Remote-SSH: the remote
host, where VS Code's watcher and gopls run) is below 524288, the value VS Code's Linux setup docs
tell users to set.
- **warning** at 8192 or less: the flat default before Linux 5.11 and the floor of today's default.
- **info** between that and 524288: since Linux 5.11 the default is 1% of low memory / 1080 bytes
  per watch (clamped to 8192…1048576), so smaller machines get less than VS Code recommends.

**Why it matters:** inotify watches are per directory and the limit is per user, shared by every
watcher (VS Code, gopls's own watcher when enabled, other tools). When it runs out, VS Code shows
"Unable to watch for file changes. Please follow the instructions link to resolve this issue." and
edits made outside the editor (git checkout, go generate) are missed.

**Fix:** raise the limit (needs root). Where \`/etc/sysctl.d\` is used (Arch, Ubuntu 24.10+, and
fine elsewhere): \`echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/60-go-doctor-inotify.conf && sudo sysctl --system\`;
classic: add \`fs.inotify.max_user_watches=524288\` to \`/etc/sysctl.conf\`, then \`sudo sysctl -p\`.
Each watch costs up to 1,080 bytes of kernel memory (524,288 watches ≈ 540 MiB at most).

**Facts:** the kernel defaults (\`inotify_user.c\` in [fs/notify/inotify](https://github.com/torvalds/linux/blob/master/fs/notify/inotify/inotify_user.c));
the fix and the 1,080 bytes per watch: VS Code's [Linux setup docs](https://code.visualstudio.com/docs/setup/linux#_visual-studio-code-is-unable-to-watch-for-file-changes-in-this-large-workspace-error-enospc);
the ENOSPC notification: VS Code's [workspaceWatcher.ts](https://github.com/microsoft/vscode/blob/03ed752969eb6200fba7891c6324ef6bbcad02e2/src/vs/workbench/contrib/files/browser/workspaceWatcher.ts).`,
  check({ machine }) {
    const watches = machine.linux?.inotify?.maxUserWatches;
    if (machine.platform !== 'linux' || watches === undefined || watches >= RECOMMENDED_MAX_USER_WATCHES) return [];
    const severity: Severity = watches <= KERNEL_FLOOR_MAX_USER_WATCHES ? 'warning' : 'info';
    return [
      {
        severity,
        message: `inotify max_user_watches is ${watches}, below the ${RECOMMENDED_MAX_USER_WATCHES} VS Code recommends: watches are per directory and shared by all of this user's watchers, so in a large workspace VS Code stops seeing file changes ("Unable to watch for file changes") and edits made outside the editor are missed.`,
        evidence: [{ kind: 'file', file: INOTIFY_FILES.maxUserWatches, excerpt: String(watches) }],
        fixes: [
          {
            kind: 'command',
            title: 'Raise the limit (sysctl.d)',
            command: `echo fs.inotify.max_user_watches=${RECOMMENDED_MAX_USER_WATCHES} | sudo tee /etc/sysctl.d/60-go-doctor-inotify.conf && sudo sysctl --system`,
            outsideWorkspace: true,
            needsAdmin: true,
          },
          {
            kind: 'command',
            title: 'Raise the limit (/etc/sysctl.conf)',
            command: `echo fs.inotify.max_user_watches=${RECOMMENDED_MAX_USER_WATCHES} | sudo tee -a /etc/sysctl.conf && sudo sysctl -p`,
            outsideWorkspace: true,
            needsAdmin: true,
          },
        ],
      },
    ];
  },
};
