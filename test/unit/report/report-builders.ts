/** Hand-built findings, rules and reports for the renderer tests (pure; no machine). */
import { diagnose } from '../../../src/core/diagnose.js';
import type { Finding } from '../../../src/core/finding.js';
import { range } from '../../../src/core/finding.js';
import { buildReport, type DoctorReport } from '../../../src/core/report/model.js';
import type { Rule } from '../../../src/core/rule.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { emptySnapshot } from '../../support/snapshots.js';

export const ROOT = '/home/ada/src/app';

export function rule(id: string, severity: Rule['defaultSeverity'], findings: (s: Snapshot) => Finding[] = () => []): Rule {
  return { id, reads: 'machine', defaultSeverity: severity, summary: `Summary of ${id}.`, docs: `Docs of **${id}**.`, check: ({ snapshot }) => findings(snapshot) };
}

export const shadowed: Finding = {
  rule: 'path/shadowed-tool',
  severity: 'warning',
  message: 'gopls in /usr/local/bin (v0.16.2) shadows gopls in ~/go/bin (v0.24.0).',
  evidence: [
    { kind: 'command', command: 'go version -m /usr/local/bin/gopls', argv: ['go', 'version', '-m', '/usr/local/bin/gopls'], excerpt: '/usr/local/bin/gopls: go1.22.5\n\tpath\tgolang.org/x/tools/gopls', exitCode: 0 },
    { kind: 'env', name: 'PATH', value: '/usr/local/bin:/home/ada/go/bin' },
  ],
  fixes: [{ kind: 'command', title: 'Remove the older gopls', command: 'rm /usr/local/bin/gopls', outsideWorkspace: true, needsAdmin: true }],
};

export const visionos: Finding = {
  rule: 'cross/unknown-goos',
  severity: 'error',
  message: 'GOOS=visionos is not a Go port: go build fails with "go: unsupported GOOS/GOARCH pair visionos/arm64".',
  evidence: [{ kind: 'file', file: `${ROOT}/Makefile`, excerpt: 'GOOS=visionos GOARCH=arm64 go build', line: 11 }],
  location: { file: `${ROOT}/Makefile`, range: range(11, 4, 11, 16) },
  fixes: [
    { kind: 'edit', title: 'Use GOOS=ios', edits: [{ file: `${ROOT}/Makefile`, range: range(11, 9, 11, 16), newText: 'ios' }] },
    { kind: 'text', title: 'No Go release has a visionOS port', text: 'Build for ios/arm64 and package for visionOS.' },
  ],
};

export const note: Finding = {
  rule: 'go/module-needs-newer',
  severity: 'info',
  message: 'go.mod asks for go 1.28; GOTOOLCHAIN=auto will download it.',
  evidence: [{ kind: 'note', text: 'GOTOOLCHAIN=auto' }],
  fixes: [{ kind: 'setting', title: 'Pin the toolchain', section: 'go.toolsEnvVars', key: 'GOTOOLCHAIN', value: 'local', scope: 'workspace' }],
};

export const testRules: Rule[] = [
  rule('go/not-found', 'error'),
  rule('go/module-needs-newer', 'info'),
  rule('path/shadowed-tool', 'warning'),
  rule('clt/missing', 'error'),
  rule('cgo/no-compiler', 'warning'),
  rule('cross/unknown-goos', 'error'),
];

export function workspaceSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return emptySnapshot({
    workspace: { root: ROOT, files: [{ path: 'go.mod', content: 'module example.com/app\n\ngo 1.28\n' }], skipped: [] },
    ...overrides,
  });
}

/** A report as `check` builds it, from a snapshot and the findings its rules produced (any rule ids). */
export function reportWith(findings: Finding[], snapshot: Snapshot = workspaceSnapshot()): DoctorReport {
  const diagnosis = { ...diagnose(snapshot, {}, []), findings };
  return buildReport(snapshot, diagnosis, { tool: { name: 'go-doctor', version: '1.2.3' } });
}
