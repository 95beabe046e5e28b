import { pathEntryIsAbsolute, pathEvidence } from '../../facts/index.js';
import type { Rule, RuleFinding } from '../../rule.js';

/**
 * `npm run`/`npx` (and yarn, pnpm) prepend `<dir>/node_modules/.bin` for the package folder and
 * every folder above it, whether or not it exists: an absent one there is normal, not a leftover.
 */
function isScriptRunnerEntry(raw: string): boolean {
  return /\/node_modules\/\.bin\/?$/.test(raw);
}

export const pathMissingDir: Rule = {
  id: 'path/missing-dir',
  reads: 'machine',
  defaultSeverity: 'info',
  summary: 'A PATH entry does not exist (or is not a directory), often left behind by a removed Go or Homebrew.',
  docs: `**What:** an absolute PATH entry that does not exist, or exists but is not a directory. (Empty and
relative entries are path/unsafe-entry's job. Absent \`…/node_modules/.bin\` entries are not
reported: \`npm run\` and \`npx\` add one for every folder above the package, present or not.)

**Why it matters:** lookups skip it, so it is harmless by itself, but it usually marks an install
that is gone — an uninstalled Homebrew (\`/opt/homebrew/bin\`), a removed \`/usr/local/go/bin\`, a
GOPATH that moved — and the tool you expect from it is not what runs.

**Fix:** remove the entry from your shell profile (or \`/etc/paths.d/go\` for the official
installer's entry), or reinstall what should be there.

**Facts:** where the official \`.pkg\` ([go.dev/doc/install](https://go.dev/doc/install)) and Homebrew
([docs.brew.sh/Installation](https://docs.brew.sh/Installation)) put PATH entries:
[knowledge/macos.md](knowledge/macos.md#where-go-is-installed-and-path).`,
  check({ snapshot }) {
    const out: RuleFinding[] = [];
    for (const entry of snapshot.path) {
      if (entry.raw === '' || !pathEntryIsAbsolute(snapshot, entry)) continue;
      if (entry.exists && entry.isDirectory) continue;
      if (isScriptRunnerEntry(entry.raw)) continue;
      const what = entry.exists ? 'exists but is not a directory' : 'does not exist';
      const hint = entry.raw === '/usr/local/go/bin' ? ' (the official installer adds it through /etc/paths.d/go)' : '';
      out.push({
        message: `PATH entry ${entry.raw} ${what}${hint}: lookups skip it, so whatever was installed there (a removed Go, Homebrew or GOPATH) no longer runs.`,
        evidence: [{ kind: 'file', file: entry.raw, excerpt: what }, pathEvidence(snapshot, entry.index)],
        fixes: [{ kind: 'text', title: `Remove ${entry.raw} from PATH`, text: `Remove ${entry.raw} from your shell profile${hint ? ' or delete /etc/paths.d/go' : ''}, or reinstall what belongs there.` }],
      });
    }
    return out;
  },
};
