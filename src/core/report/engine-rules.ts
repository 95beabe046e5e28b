/**
 * Finding ids emitted outside core/rules (by the engine itself, or by the gopls watchdog, which
 * watches live processes rather than a snapshot): they still need a docs section and a SARIF rule
 * descriptor, since every finding links to its rule.
 */
import { RULE_CRASHED } from '../engine.js';
import type { Rule } from '../rule.js';

/** The gopls watchdog's finding (the extension raises it; the docs and SARIF descriptor live here). */
export const GOPLS_STORM_RULE_ID = 'watch/gopls-storm';

export type RuleDescriptor = Pick<Rule, 'id' | 'defaultSeverity' | 'summary' | 'docs'>;

export const engineRuleDescriptors: readonly RuleDescriptor[] = [
  {
    id: RULE_CRASHED,
    defaultSeverity: 'warning',
    summary: 'A check failed with an internal error, so its result is unknown.',
    docs: `Every rule is a pure function of the snapshot. When one throws, the doctor reports the
others as usual and adds this finding instead of crashing: the message names the rule that failed
and the evidence holds the internal error.

This is a bug in Go Toolchain Doctor, not in your setup. Please report it with the output of
\`go-doctor snapshot --out snapshot.json\` (redacted by default) so it can be replayed with
\`go-doctor check --from snapshot.json\`.`,
  },
  {
    id: GOPLS_STORM_RULE_ID,
    defaultSeverity: 'warning',
    summary: 'gopls stayed busy while a file-watcher event storm was going on (VS Code extension watchdog).',
    docs: `The VS Code extension's watchdog counts the workspace file events VS Code's own watcher
reports (fsevents on macOS, inotify on Linux, also on a Remote-SSH host) per directory, and samples
the CPU of the gopls processes serving the window, **including their \`go list\` children**. CPU
alone is no signal — normal editing drives gopls to 40–150 % for moments — so it alarms only when
both happen together: by default ≥ 20 watched-file events (\`*.go\`, \`go.mod\`, \`go.sum\`,
\`go.work\`) within 10 s spread over ≥ 3 distinct seconds, and gopls ≥ 50 % of a core averaged
over 3 s, within 30 s of the storm. You get one notification per storm, never a stream, naming
the directory that produced the events ("gopls at 180 % CPU for 40 s while \`build/gen/\`
produced 4 800 file events/s").

Fixes: exclude the directory from \`files.watcherExclude\` and gopls \`build.directoryFilters\`
(workspace settings, comments kept); restart gopls (**Go: Restart Language Server**); take a CPU
profile by starting gopls with \`-debug=localhost:6060\` and fetching
\`http://localhost:6060/debug/pprof/profile\`; on Linux raise the inotify limits with
\`sysctl\`. Thresholds are the \`goDoctor.watchdog.*\` settings; measurements behind the
defaults are in docs/watchdog.md.`,
  },
];
