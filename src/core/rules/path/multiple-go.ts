import { commandEvidence, pathEvidence, pathToolsNamed } from '../../facts/index.js';
import type { Rule } from '../../rule.js';
import { buildInfoOf, distinctByRealPath, installLabel, toolEvidence } from './tool-identity.js';

export const pathMultipleGo: Rule = {
  id: 'path/multiple-go',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'More than one different go command is on PATH; which one runs depends on PATH order.',
  docs: `**What:** two or more PATH directories contain a \`go\` that is a different file (after resolving
symlinks): e.g. Homebrew's \`/opt/homebrew/bin/go\` and the official \`/usr/local/go/bin/go\`.

**Why it matters:** terminals, tasks and the editor each get their own PATH (macOS path_helper puts
\`/etc/paths\` and \`/etc/paths.d\` entries first in login shells; VS Code resolves a login shell's
environment), so they can run different Go versions without saying so.

**Fix:** uninstall the Go you do not use (official: remove \`/usr/local/go\` and \`/etc/paths.d/go\`;
Homebrew: \`brew uninstall go\`), or make sure the wanted one comes first everywhere.

**Facts:** path_helper's order, the \`.pkg\` and Homebrew locations, and how VS Code and the Go extension
pick \`go\`: [knowledge/macos.md](knowledge/macos.md#where-go-is-installed-and-path).`,
  check({ snapshot, machine }) {
    const copies = distinctByRealPath(pathToolsNamed(snapshot, 'go'));
    const winner = copies[0];
    if (!winner || copies.length < 2) return [];
    const describe = (realPath: string, version?: string) => {
      const parts = [version, installLabel(realPath), realPath].filter(Boolean);
      return parts.join(', ');
    };
    const winnerVersion = machine.go.version?.raw ?? buildInfoOf(machine, winner)?.goVersion;
    const others = copies.slice(1).map((t) => `${t.path} (${describe(t.realPath, buildInfoOf(machine, t)?.goVersion)})`);
    return [
      {
        message: `${copies.length} different go commands are on PATH: ${winner.path} (${describe(winner.realPath, winnerVersion)}) runs because ${winner.dir} comes first; shadowed: ${others.join('; ')}. A terminal, a task or the editor with a differently ordered PATH silently uses another Go.`,
        evidence: [commandEvidence(snapshot, 'go.version'), ...copies.map((t) => toolEvidence(snapshot, machine, t)), pathEvidence(snapshot)],
        fixes: [
          {
            kind: 'text',
            title: 'Keep one Go on PATH',
            text: 'Uninstall the Go you do not use (official installer: sudo rm -rf /usr/local/go /etc/paths.d/go; Homebrew: brew uninstall go), or put the wanted one first on PATH in your shell profile.',
          },
        ],
      },
    ];
  },
};
