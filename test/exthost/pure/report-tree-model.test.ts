import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildReportTree, type ReportNode } from '../../../src/extension/report-tree-model.js';
import { allRules } from '../../../src/core/rules/index.js';
import { ruleCatalog } from '../../../src/server/report.js';
import { finding, folderReport, t } from './builders.js';

const SHOWN = ['go/not-found', 'go/rosetta', 'path/shadowed-tool', 'clt/missing', 'cross/unknown-goos', 'build/unknown-os-tag', 'cgo/deprecated-framework', 'cgo/disabled-with-c-imports', 'doctor/probe-failed'];
/** The server's own catalog (what the extension is sent), cut to a few rules of each kind. */
const RULES = ruleCatalog(allRules).filter((r) => SHOWN.includes(r.id));

function all(nodes: readonly ReportNode[]): ReportNode[] {
  return nodes.flatMap((n) => [n, ...('children' in n ? all(n.children) : [])]);
}
const checks = (nodes: readonly ReportNode[]) => all(nodes).filter((n): n is Extract<ReportNode, { kind: 'check' }> => n.kind === 'check');
const statusOf = (nodes: readonly ReportNode[], id: string) => checks(nodes).find((c) => c.rule.id === id)?.status;

describe('report tree', () => {
  it('starts with the toolchain line and lists every applicable check once, passed ones too', () => {
    const nodes = buildReportTree({ report: folderReport({ goVersion: 'go1.24.4' }), rules: RULES, settings: {}, trusted: true }, t);
    assert.equal(nodes[0]?.kind, 'toolchain');
    assert.ok(nodes[0]?.kind === 'toolchain' && nodes[0].label.startsWith('Go 1.24.4'));
    const ids = checks(nodes).map((c) => c.rule.id);
    assert.deepEqual([...ids].sort(), ['build/unknown-os-tag', 'cgo/deprecated-framework', 'cgo/disabled-with-c-imports', 'cross/unknown-goos', 'go/not-found', 'go/rosetta', 'path/shadowed-tool'].sort(), 'clt is macOS-only, doctor only with findings');
    assert.ok(checks(nodes).every((c) => c.status === 'passed'));
  });

  it('gives a failing check its finding: location, evidence and fixes as children', () => {
    const f = finding('cross/unknown-goos', 'error', {
      location: { file: '/home/ada/project/Makefile', range: { start: { line: 4, character: 6 }, end: { line: 4, character: 14 } } },
      evidence: [{ kind: 'file', file: 'Makefile', excerpt: 'GOOS=visionos', line: 4 }],
      fixes: [{ kind: 'edit', title: 'Use GOOS=ios', edits: [{ file: '/home/ada/project/Makefile', range: { start: { line: 4, character: 6 }, end: { line: 4, character: 14 } }, newText: 'ios' }] }],
    });
    const nodes = buildReportTree({ report: folderReport({ findings: [f] }), rules: RULES, settings: {}, trusted: true }, t);
    const check = checks(nodes).find((c) => c.rule.id === 'cross/unknown-goos');
    assert.equal(check?.status, 'error');
    assert.equal(check?.description, 'cross/unknown-goos is wrong.', 'first line of the message');
    assert.deepEqual(check?.children.map((c) => c.kind), ['location', 'evidence', 'fix']);
    assert.ok(check?.children[0]?.kind === 'location' && check.children[0].label === 'Open Makefile:5:7');
    const group = nodes.find((n) => n.kind === 'group' && n.children.includes(check));
    assert.ok(group?.kind === 'group' && group.status === 'error' && group.description === '1 error');
  });

  it('nests findings under their check when a check has several', () => {
    const nodes = buildReportTree({ report: folderReport({ findings: [finding('path/shadowed-tool'), finding('path/shadowed-tool', 'error')] }), rules: RULES, settings: {}, trusted: true }, t);
    const check = checks(nodes).find((c) => c.rule.id === 'path/shadowed-tool');
    assert.equal(check?.status, 'error');
    assert.equal(check?.description, '1 error, 1 warning');
    assert.deepEqual(check?.children.map((c) => c.kind), ['finding', 'finding']);
  });

  it('marks checks disabled in settings, and machine checks not run in Restricted Mode', () => {
    const untrusted = buildReportTree(
      { report: folderReport({ trusted: false, skipped: [{ what: 'Probing', reason: 'untrusted' }] }), rules: RULES, settings: { 'go/rosetta': { enabled: false } }, trusted: false },
      t,
    );
    assert.equal(statusOf(untrusted, 'go/rosetta'), 'disabled');
    assert.equal(statusOf(untrusted, 'go/not-found'), 'notChecked');
    assert.equal(statusOf(untrusted, 'cross/unknown-goos'), 'passed', 'static checks still run');
    assert.equal(statusOf(untrusted, 'cgo/disabled-with-c-imports'), 'passed', 'a cgo rule that reads only files runs untrusted too');
    assert.equal(statusOf(untrusted, 'cgo/deprecated-framework'), 'passed');
    const skipped = untrusted.find((n) => n.kind === 'skipped');
    assert.ok(skipped?.kind === 'skipped' && skipped.children.length === 1 && skipped.label === 'Skipped (1)');
  });

  it('shows findings of checks this build does not know, and doctor problems', () => {
    const nodes = buildReportTree({ report: folderReport({ findings: [finding('watch/gopls-storm', 'warning'), finding('doctor/probe-failed', 'warning')] }), rules: RULES, settings: {}, trusted: true }, t);
    assert.equal(statusOf(nodes, 'watch/gopls-storm'), 'warning');
    assert.equal(statusOf(nodes, 'doctor/probe-failed'), 'warning');
  });

  it('shows the CLT group on macOS', () => {
    const nodes = buildReportTree({ report: folderReport({ platform: 'darwin', arch: 'arm64' }), rules: RULES, settings: {}, trusted: true }, t);
    assert.equal(statusOf(nodes, 'clt/missing'), 'passed');
  });

  it('gives every node a unique id (VS Code requires it), whatever the findings', () => {
    const ruleIds = RULES.map((r) => r.id).concat('x/unknown');
    const arbFinding = fc.record({
      rule: fc.constantFrom(...ruleIds),
      severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
      evidence: fc.array(fc.constant({ kind: 'note' as const, text: 'n' }), { maxLength: 3 }),
      fixes: fc.array(fc.constant({ kind: 'text' as const, title: 'do it', text: 'how' }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(arbFinding, { maxLength: 12 }), fc.boolean(), (fs, trusted) => {
        const nodes = buildReportTree({ report: folderReport({ findings: fs.map((f) => finding(f.rule, f.severity, f)), trusted }), rules: RULES, settings: {}, trusted }, t);
        const ids = all(nodes).map((n) => n.id);
        assert.equal(new Set(ids).size, ids.length);
        for (const f of fs) assert.ok(checks(nodes).some((c) => c.rule.id === f.rule), `${f.rule} missing`);
      }),
      { numRuns: 200 },
    );
  });
});
