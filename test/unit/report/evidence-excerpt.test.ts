import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toolIdentity } from '../../../src/cli/version.js';
import { diagnose } from '../../../src/core/diagnose.js';
import { ELLIPSIS, EXCERPT_MAX_CHARS, excerptAround, excerptList } from '../../../src/core/evidence-excerpt.js';
import type { Evidence } from '../../../src/core/finding.js';
import { buildReport } from '../../../src/core/report/model.js';
import { renderJson } from '../../../src/core/report/json.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { emptySnapshot } from '../../support/snapshots.js';

function evidenceText(e: Evidence): string {
  switch (e.kind) {
    case 'command':
    case 'file':
      return e.excerpt;
    case 'env':
      return e.value ?? '';
    case 'note':
      return e.text;
  }
}

/** The whole report as `check --json` prints it, and the longest evidence text in it. */
function checkJson(snapshot: Snapshot): { json: string; findings: number; longest: number } {
  const diagnosis = diagnose(snapshot);
  const json = renderJson(buildReport(snapshot, diagnosis, { tool: toolIdentity, source: 'file' }));
  const longest = Math.max(0, ...diagnosis.findings.flatMap((f) => f.evidence.map((e) => evidenceText(e).length)));
  return { json, findings: diagnosis.findings.length, longest };
}

describe('evidence excerpts', () => {
  it('property: excerptAround is the text when short, else at most the cap and holds the focus', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.nat(), fc.nat({ max: 60 }), fc.integer({ min: 8, max: 400 }), (text, s, len, max) => {
        const start = text.length ? s % text.length : 0;
        const end = Math.min(text.length, start + len);
        const out = excerptAround(text, start, end, max);
        if (text.length <= max) return assert.equal(out, text);
        assert.ok(out.length <= max, `${out.length} > ${max}`);
        const focus = text.slice(start, end);
        const splitsPair = (at: number) => /[\udc00-\udfff]/.test(text.charAt(at));
        if (focus.length <= max - 2 * ELLIPSIS.length - 2 && !splitsPair(start) && !splitsPair(end)) assert.ok(out.includes(focus), 'the focus is shown');
        assert.ok(!/^[\udc00-\udfff]/.test(out.replace(/^…/, '')) || /^[\udc00-\udfff]/.test(text), 'no half surrogate pair at the start');
      }),
      { numRuns: 500 },
    );
  });

  it('property: excerptList keeps the focus item, says how many items it left out, and is bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 300 }).map((s) => s.replace(/[:()…]/g, '')), { minLength: 1, maxLength: 400 }), fc.nat(), (items, f) => {
        const focus = f % items.length;
        const out = excerptList(items, ':', focus, 960);
        if (items.join(':').length <= 960) return assert.equal(out, items.join(':'));
        assert.ok(out.length <= 960 + 2 * (`…(${items.length} more)`.length + 1), `${out.length}`);
        const before = /^…\((\d+) more\):/.exec(out);
        const after = /:\((\d+) more\)…$/.exec(out);
        const shown = out.replace(/^…\(\d+ more\):/, '').replace(/:\(\d+ more\)…$/, '').split(':');
        assert.equal(Number(before?.[1] ?? 0) + shown.length + Number(after?.[1] ?? 0), items.length, 'every item accounted for');
        assert.equal(shown[focus - Number(before?.[1] ?? 0)], excerptAround(items[focus]!, 0, 0, EXCERPT_MAX_CHARS), 'the focus item is shown');
      }),
      { numRuns: 300 },
    );
  });

  it('a 15 000-entry PATH: one finding per bad entry, each with a bounded PATH excerpt naming its entry (was "Invalid string length")', () => {
    const raws = Array.from({ length: 15_000 }, (_, i) => `relative-${i}/with/a/fairly/long/directory/name`);
    const snapshot = emptySnapshot({ env: { PATH: raws.join(':') }, path: raws.map((raw, index) => ({ index, raw, exists: false, isDirectory: false, worldWritable: false })) });
    const { json, findings, longest } = checkJson(snapshot);
    assert.ok(findings >= 15_000);
    assert.ok(longest <= 4 * EXCERPT_MAX_CHARS + 40, `longest evidence ${longest}`);
    const report = JSON.parse(json) as { findings: { rule: string; message: string; evidence: Evidence[] }[] };
    const f = report.findings.find((x) => x.rule === 'path/unsafe-entry' && x.message.startsWith('PATH entry 7000 '));
    assert.ok(f);
    assert.ok(f.evidence.some((e) => e.kind === 'env' && e.value?.includes(`:${raws[7000]}:`)), 'the excerpt shows the entry');
  });

  it('a 7 000-term build constraint: each finding quotes the part of the line around its tag, not the whole line', () => {
    const line = `//go:build ${Array.from({ length: 7000 }, (_, i) => (i === 4321 ? 'macos' : 'visionos')).join(' || ')}`;
    const snapshot = emptySnapshot({ workspace: { root: '/w', files: [{ path: 'go.mod', content: 'module x\n\ngo 1.22\n' }, { path: 'a.go', content: `${line}\n\npackage a\n`, partial: true }], skipped: [] } });
    const { json, findings, longest } = checkJson(snapshot);
    assert.ok(findings >= 7000);
    assert.ok(longest <= EXCERPT_MAX_CHARS, `longest evidence ${longest}`);
    const report = JSON.parse(json) as { findings: { rule: string; message: string; evidence: Evidence[] }[] };
    const macos = report.findings.find((x) => x.rule === 'build/unknown-os-tag' && x.message.startsWith('`macos`'));
    assert.ok(macos?.evidence.some((e) => e.kind === 'file' && e.excerpt.includes('|| macos ||')), 'the excerpt shows the tag');
  });
});
