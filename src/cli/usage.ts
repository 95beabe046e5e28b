/** `go-doctor --help` and `go-doctor <command> --help`. */
import type { CommandName } from './command-line.js';

const overview = `go-doctor — finds what is wrong with your Go toolchain and build settings

Usage:
  go-doctor [check] [DIR] [options]   check this machine and the folder DIR (default: .)
  go-doctor snapshot [DIR] [--out FILE] [--no-redact]
                                      record the raw facts as JSON (redacted by default)
  go-doctor rules [--json]            list every rule: id, severity, one-line summary
  go-doctor lsp --stdio|--node-ipc    run the language server (for any editor)
  go-doctor help [COMMAND]            show help for a command
  go-doctor --version                 print the version

Exit status: 0 no errors, 1 errors found (with --strict: warnings too), 2 usage or internal error.
Documentation: docs/cli.md, rules in docs/rules.md.
`;

const perCommand: Record<CommandName, string> = {
  check: `Usage: go-doctor check [DIR] [options]

Checks this machine's Go toolchain and the build settings in DIR (default: the current folder).

Options:
  -v, --verbose         show the evidence, the fixes and a docs link for each finding
      --json            print the report as JSON (schema go-doctor/report, version 1)
      --sarif           print SARIF 2.1.0 (for GitHub code scanning)
      --markdown        print the report as Markdown (for pasting into an issue)
      --strict          exit 1 on warnings too, not only on errors
      --from FILE       re-run every rule on a saved snapshot (from 'go-doctor snapshot'),
                        offline; FILE '-' reads standard input
      --rule ID=LEVEL   turn a rule off or change its severity; LEVEL is off, error, warning
                        or info; repeatable
      --timeout MS      timeout for each probe command in milliseconds (default 5000)
      --no-cache        probe and scan everything again instead of reusing results for
                        unchanged binaries and an unchanged folder
      --no-color        no colour even on a terminal (NO_COLOR=1 does the same)
  -h, --help            show this help

Exit status: 0 no errors, 1 errors found (with --strict: warnings too), 2 usage or internal error.
`,
  snapshot: `Usage: go-doctor snapshot [DIR] [options]

Records the raw facts the rules read — commands run and their output, PATH, Go tools, the
workspace files in DIR (default: .) — as versioned JSON. Replay it with 'go-doctor check --from FILE'.
Redacted by default: your home folder becomes ~ and your user name is removed, so the file can be
attached to a bug report.

Options:
  -o, --out FILE        write to FILE instead of standard output
      --no-redact       keep home folder and user name as they are
      --timeout MS      timeout for each probe command in milliseconds (default 5000)
      --no-cache        probe everything again
  -h, --help            show this help
`,
  rules: `Usage: go-doctor rules [--json]

Lists every rule with its id, default severity and a one-line summary.

Options:
      --json            print the list as JSON (schema go-doctor/rules, version 1)
  -h, --help            show this help
`,
  lsp: `Usage: go-doctor lsp --stdio | --node-ipc

Runs the Go Toolchain Doctor language server: diagnostics for the environment and the workspace's
build settings, with quick fixes.

Options:
      --stdio           talk LSP over standard input/output (what most editors use)
      --node-ipc        talk LSP over the Node IPC channel (parent started us with fork)
  -h, --help            show this help
`,
  help: `Usage: go-doctor help [COMMAND]

Shows the help for COMMAND (check, snapshot, rules, lsp), or the overview.

Options:
  -h, --help            show this help
`,
};

export function usageText(topic?: CommandName): string {
  return topic ? perCommand[topic] : overview;
}
