// SARIF output, validated against the vendored official SARIF 2.1.0 schema (see sarif-validator.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { range, type Finding } from '../../../src/core/finding.js';
import { buildSarif, renderSarif, sarifRuleName } from '../../../src/core/report/sarif.js';
import { ruleDocsUrl } from '../../../src/core/rule.js';
import { emptySnapshot } from '../../support/snapshots.js';
import { note, reportWith, ROOT, shadowed, testRules, visionos } from './report-builders.js';
import { assertValidSarif, sarifValidator } from './sarif-validator.js';

const validate = sarifValidator();
const assertValid = (log: unknown) => assertValidSarif(validate, log);

describe('SARIF schema check itself', () => {
  it('rejects logs that break the schema (so passing means something)', () => {
    const good = buildSarif(reportWith([visionos]), testRules);
    assertValid(good);
    const badLevel = structuredClone(good) as unknown as { runs: { results: { level: string }[] }[] };
    badLevel.runs[0]!.results[0]!.level = 'fatal';
    assert.equal(validate(badLevel), false);
    const badVersion = { ...structuredClone(good), version: '2.0.0' };
    assert.equal(validate(badVersion), false);
    const badUri = structuredClone(good) as unknown as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    badUri.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'has space.mk';
    assert.equal(validate(badUri), false);
    const badRegion = structuredClone(good) as unknown as { runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    badRegion.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    assert.equal(validate(badRegion), false);
  });
});

describe('buildSarif', () => {
  const log = buildSarif(reportWith([shadowed, visionos, note]), testRules);
  const run = log.runs[0];

  it('is valid SARIF 2.1.0', () => {
    assertValid(log);
    assertValid(JSON.parse(renderSarif(reportWith([]), testRules)));
  });

  it('lists the rules in tool.driver.rules with docs links and default levels', () => {
    assert.equal(run.tool.driver.name, 'go-doctor');
    assert.equal(run.tool.driver.semanticVersion, '1.2.3');
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), testRules.map((r) => r.id));
    const cross = run.tool.driver.rules.find((r) => r.id === 'cross/unknown-goos')!;
    assert.equal(cross.helpUri, ruleDocsUrl('cross/unknown-goos'));
    assert.equal(cross.defaultConfiguration?.level, 'error');
    assert.equal(cross.name, 'CrossUnknownGoos');
    assert.equal(cross.help?.markdown, 'Docs of **cross/unknown-goos**.');
    assert.equal(run.tool.driver.rules.find((r) => r.id === 'go/module-needs-newer')?.defaultConfiguration?.level, 'note');
  });

  it('gives each result its rule id, index and level (info → note)', () => {
    for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex ?? -1]?.id, r.ruleId);
    assert.deepEqual(run.results.map((r) => [r.ruleId, r.level]), [
      ['path/shadowed-tool', 'warning'],
      ['cross/unknown-goos', 'error'],
      ['go/module-needs-newer', 'note'],
    ]);
  });

  it('locates workspace findings relative to the checked folder with a 1-based region', () => {
    const result = run.results.find((r) => r.ruleId === 'cross/unknown-goos')!;
    assert.deepEqual(result.locations, [
      { physicalLocation: { artifactLocation: { uri: 'Makefile', uriBaseId: 'SRCROOT' }, region: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 17 } } },
    ]);
    assert.deepEqual(run.originalUriBaseIds?.SRCROOT?.uri, `file://${ROOT}/`);
    assert.deepEqual(result.fixes, [
      {
        description: { text: 'Use GOOS=ios' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'Makefile', uriBaseId: 'SRCROOT' },
            replacements: [{ deletedRegion: { startLine: 12, startColumn: 10, endLine: 12, endColumn: 17 }, insertedContent: { text: 'ios' } }],
          },
        ],
      },
    ]);
  });

  it('anchors machine findings on the first line of go.mod (code scanning needs a location)', () => {
    const result = run.results.find((r) => r.ruleId === 'path/shadowed-tool')!;
    assert.deepEqual(result.locations?.[0]?.physicalLocation, {
      artifactLocation: { uri: 'go.mod', uriBaseId: 'SRCROOT' },
      region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    });
    assert.equal(result.properties.anchored, true);
  });

  it('leaves machine findings unlocated when there is no workspace, and stays valid', () => {
    const bare = buildSarif(reportWith([shadowed], emptySnapshot()), testRules);
    assertValid(bare);
    assert.equal(bare.runs[0].results[0]!.locations, undefined);
    assert.equal(bare.runs[0].originalUriBaseIds, undefined);
  });

  it('encodes paths and uses absolute file URIs outside the folder', () => {
    const outside: Finding = { ...visionos, location: { file: '/etc/go doctor/#x?.mk', range: range(0, 0, 0, 1) }, fixes: [] };
    const inside: Finding = { ...visionos, location: { file: `${ROOT}/sub dir/ü.mk`, range: range(2, 0, 2, 3) }, fixes: [] };
    const s = buildSarif(reportWith([outside, inside]), testRules);
    assertValid(s);
    const uris = s.runs[0].results.map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri);
    assert.deepEqual(uris, ['file:///etc/go%20doctor/%23x%3F.mk', 'sub%20dir/%C3%BC.mk']);
  });

  it('adds a descriptor for a finding whose rule is not in the catalogue (e.g. doctor/rule-crashed)', () => {
    const crashed: Finding = { rule: 'doctor/rule-crashed', severity: 'warning', message: 'The check x failed.', evidence: [], fixes: [] };
    const s = buildSarif(reportWith([crashed]), testRules);
    assertValid(s);
    const d = s.runs[0].tool.driver.rules.at(-1)!;
    assert.equal(d.id, 'doctor/rule-crashed');
    assert.match(d.help?.markdown ?? '', /bug in Go Toolchain Doctor/);
    assert.equal(s.runs[0].results[0]!.ruleIndex, s.runs[0].tool.driver.rules.length - 1);
  });

  it('names rules in PascalCase', () => {
    assert.equal(sarifRuleName('path/gobin-not-on-path'), 'PathGobinNotOnPath');
  });

  it('stays schema-valid for any findings (property)', () => {
    const position = fc.record({ line: fc.nat(100000), character: fc.nat(500) });
    const finding = fc.record({
      rule: fc.constantFrom(...testRules.map((r) => r.id), 'other/x'),
      severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
      message: fc.string(),
      file: fc.oneof(fc.string().map((s) => `${ROOT}/${s}`), fc.string().map((s) => `/${s}`), fc.string()),
      start: position,
      end: position,
      located: fc.boolean(),
      newText: fc.string(),
    });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 8 }), fc.boolean(), (specs, withWorkspace) => {
        const findings: Finding[] = specs.map((s) => ({
          rule: s.rule,
          severity: s.severity,
          message: s.message,
          evidence: [],
          ...(s.located ? { location: { file: s.file, range: { start: s.start, end: s.end } } } : {}),
          fixes: [{ kind: 'edit', title: 't', edits: [{ file: s.file, range: { start: s.start, end: s.end }, newText: s.newText }] }],
        }));
        const log = buildSarif(reportWith(findings, withWorkspace ? undefined : emptySnapshot()), testRules);
        assertValid(log);
      }),
      { numRuns: 150 },
    );
  });
});
