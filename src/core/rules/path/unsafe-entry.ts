import { pathEntryIsAbsolute, pathEvidence } from '../../facts/index.js';
import type { Rule, RuleFinding } from '../../rule.js';

export const pathUnsafeEntry: Rule = {
  id: 'path/unsafe-entry',
  reads: 'machine',
  defaultSeverity: 'warning',
  summary: 'PATH has an empty, relative or world-writable entry: commands can be picked up from an untrusted place.',
  docs: `**What:** a PATH entry that is
- empty (\`::\`, or a leading/trailing \`:\`) — it means the current directory;
- relative (\`.\`, \`bin\`, \`./node_modules/.bin\`, or \`~/go/bin\` written literally: only some shells
  expand \`~\` inside PATH) — it resolves against whatever directory a command runs in;
- world-writable without the sticky bit — any local user can drop a \`go\` or \`gopls\` there.

**Why it matters:** a \`go\`, \`gopls\` or \`git\` in a cloned repository or a shared directory can run
in place of the real one.

**Fix:** remove the entry from PATH in your shell profile (use an absolute path such as
\`$HOME/go/bin\` instead of \`~/go/bin\`), or \`chmod o-w\` the directory.

**Facts:** PATH search semantics (POSIX \`execvp\`: an empty prefix means the current directory); the
world-writable bit is read by the probe (mode & 0o002 without the sticky bit).`,
  check({ snapshot }) {
    const out: RuleFinding[] = [];
    for (const entry of snapshot.path) {
      let what: string | undefined;
      const absolute = pathEntryIsAbsolute(snapshot, entry);
      if (entry.raw === '') what = 'is empty, which means the current directory';
      else if (!absolute) what = entry.raw.startsWith('~') ? `("${entry.raw}") starts with a literal "~", which most programs do not expand: it is a relative path` : `("${entry.raw}") is relative, so it resolves against whatever directory a command runs in`;
      else if (entry.exists && entry.worldWritable) what = `("${entry.raw}") is writable by every user`;
      if (!what) continue;
      out.push({
        message: `PATH entry ${entry.index} ${what}: a go, gopls or git placed there can run instead of the real one.`,
        evidence: [pathEvidence(snapshot, entry.index)],
        fixes: [
          {
            kind: 'text',
            title: entry.worldWritable && absolute ? `Remove or lock down ${entry.raw}` : 'Remove the entry from PATH',
            text:
              entry.worldWritable && absolute
                ? `Remove ${entry.raw} from PATH in your shell profile, or make it writable only by its owner (chmod o-w ${entry.raw}).`
                : `Edit the PATH assignment in your shell profile to drop this entry${!absolute && entry.raw.startsWith('~') ? ' (write $HOME instead of ~)' : ''}, then open a new terminal.`,
          },
        ],
      });
    }
    return out;
  },
};
