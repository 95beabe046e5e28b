import { commandEvidence, goEnvEvidence, normalizeDir } from '../../facts/index.js';
import type { Evidence } from '../../finding.js';
import type { Rule } from '../../rule.js';

export const goGorootMismatch: Rule = {
  id: 'go/goroot-mismatch',
  reads: 'machine',
  defaultSeverity: 'error',
  summary: 'GOROOT points at a different Go installation than the go command on PATH.',
  docs: `**What:** the GOROOT the go command uses (\`go env GOROOT\`) is not the installation the \`go\` on PATH
belongs to (its real path minus \`/bin/go\`). \`go env -w GOROOT=…\` is refused ("go: GOROOT cannot be
modified"), so such a difference comes from a GOROOT environment variable. The rule fires when
- GOROOT/bin/go is a different file than the go on PATH (the probe resolved both), or
- GOROOT is set in the environment and names another directory (and the probe could not resolve
  GOROOT/bin/go to show it is the same file through a symlink).
Without a GOROOT variable a differing path is a symlinked install (e.g. \`/usr/local/go\` → a
versioned directory), which is fine, and the rule stays silent.

**Why it matters:** the go command then compiles with the other installation's compiler and
standard library; with go1.27.3 on PATH and GOROOT set to a go1.21.13 tree every build fails with
\`compile: version "go1.21.13" does not match go tool version "go1.27.3"\`.

**Fix:** remove the GOROOT setting (shell profile, launchd/IDE environment): the go command finds
its own root. Since Go 1.21 the Go extension's \`go.goroot\` setting is no longer needed either.

**Facts:** verified with real go1.27.3 and go1.21.13 in test/toolchain/env-rules.test.ts (the
error text and \`go env -w GOROOT\` refusal); \`go.goroot\` no longer needed: vscode-go's
[docs/ui.md](https://github.com/golang/vscode-go/blob/master/docs/ui.md) ("Managing Your Go Version").`,
  check({ snapshot, machine }) {
    const goroot = machine.go.env?.GOROOT;
    const root = machine.go.binaryRoot;
    if (!goroot || !root || normalizeDir(goroot) === normalizeDir(root)) return [];
    const gorootGo = snapshot.tools.find((t) => t.name === 'go' && t.source.kind === 'goroot');
    const envGoroot = snapshot.env.GOROOT;
    if (gorootGo && machine.go.binaryRealPath && gorootGo.realPath === machine.go.binaryRealPath) return [];
    if (!gorootGo && envGoroot === undefined) return [];
    const evidence: Evidence[] = [goEnvEvidence(snapshot, machine, ['GOROOT', 'GOVERSION']), commandEvidence(snapshot, 'go.version')];
    if (envGoroot !== undefined) evidence.push({ kind: 'env', name: 'GOROOT', value: envGoroot });
    if (gorootGo) evidence.push({ kind: 'file', file: gorootGo.path, excerpt: `→ ${gorootGo.realPath} (${gorootGo.size} bytes), not ${machine.go.binaryRealPath ?? machine.go.binary ?? 'the go on PATH'}` });
    const version = machine.go.version?.raw;
    return [
      {
        message: `GOROOT is ${goroot}${envGoroot !== undefined ? ' (set in the environment)' : ''}, but the go command on PATH${machine.go.binary ? ` (${machine.go.binary})` : ''} belongs to ${root}: it compiles with the other installation's tools and standard library, so builds fail with errors like 'compile: version "…" does not match go tool version "${version ?? '…'}"'.`,
        evidence,
        fixes: [
          {
            kind: 'text',
            title: 'Remove the GOROOT setting',
            text: 'Delete the GOROOT export from your shell profile (and any GOROOT in the editor or launchd environment), then open a new terminal: the go command finds its own root.',
          },
          { kind: 'command', title: 'Unset GOROOT in this shell', command: 'unset GOROOT', outsideWorkspace: true },
        ],
      },
    ];
  },
};
