import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderJson } from '../../../src/core/report/json.js';
import { REPORT_SCHEMA, REPORT_VERSION, countSeverities } from '../../../src/core/report/model.js';
import { ruleDocsUrl } from '../../../src/core/rule.js';
import { emptySnapshot } from '../../support/snapshots.js';
import { note, reportWith, ROOT, shadowed, visionos } from './report-builders.js';

describe('renderJson (the documented go-doctor/report v1 shape)', () => {
  const parsed = JSON.parse(renderJson(reportWith([shadowed, visionos, note]))) as Record<string, unknown>;

  it('has the documented top-level keys, in order', () => {
    assert.deepEqual(Object.keys(parsed), ['schema', 'version', 'tool', 'snapshot', 'summary', 'findings', 'unchecked']);
    assert.equal(parsed.schema, REPORT_SCHEMA);
    assert.equal(parsed.schema, 'go-doctor/report');
    assert.equal(parsed.version, REPORT_VERSION);
    assert.deepEqual(parsed.tool, { name: 'go-doctor', version: '1.2.3' });
  });

  it('summarizes the snapshot', () => {
    assert.deepEqual(parsed.snapshot, {
      createdAt: '2026-11-25T00:00:00.000Z',
      producer: { name: 'go-doctor', version: 'test' },
      source: 'live',
      redacted: false,
      platform: 'linux',
      arch: 'x64',
      release: '6.1.0',
      go: {},
      workspace: ROOT,
      moduleFile: `${ROOT}/go.mod`,
      timeoutMs: 5000,
    });
  });

  it('counts severities', () => {
    assert.deepEqual(parsed.summary, { errors: 1, warnings: 1, infos: 1, total: 3 });
    assert.deepEqual(countSeverities([]), { errors: 0, warnings: 0, infos: 0, total: 0 });
  });

  it('keeps each finding whole, with a docs link and a stable key order', () => {
    const findings = parsed.findings as Record<string, unknown>[];
    assert.equal(findings.length, 3);
    const cross = findings.find((f) => f.rule === 'cross/unknown-goos')!;
    assert.deepEqual(Object.keys(cross), ['rule', 'severity', 'message', 'docsUrl', 'location', 'evidence', 'fixes']);
    assert.equal(cross.docsUrl, ruleDocsUrl('cross/unknown-goos'));
    assert.deepEqual(cross.location, visionos.location);
    assert.deepEqual(cross.fixes, visionos.fixes);
    const path = findings.find((f) => f.rule === 'path/shadowed-tool')!;
    assert.deepEqual(Object.keys(path), ['rule', 'severity', 'message', 'docsUrl', 'evidence', 'fixes']);
    assert.deepEqual(path.evidence, shadowed.evidence);
  });

  it('says null for the workspace when the snapshot has none', () => {
    const bare = JSON.parse(renderJson(reportWith([], emptySnapshot()))) as { snapshot: Record<string, unknown> };
    assert.equal(bare.snapshot.workspace, null);
    assert.equal('moduleFile' in bare.snapshot, false);
  });

  it('ends with a newline and is pretty-printed', () => {
    const text = renderJson(reportWith([]));
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^{\n {2}"schema"/);
  });
});
