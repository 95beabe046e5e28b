import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { BuildInfo } from '../../../../src/core/machine.js';
import { compareBuilds, compareModuleVersions } from '../../../../src/core/rules/path/tool-identity.js';
import { homebrewArm64, versionMOutput } from '../../../support/mac-fixtures.js';
import { findings, of } from './env-context.js';

/**
 * An independent oracle: Go's module-version precedence (semver 2.0.0 §11 with the `v` prefix Go
 * requires), written from the spec. Numeric identifiers compare by length, then digit by digit, so
 * it holds for any length; build metadata is ignored.
 */
function goCompare(a: string, b: string): number {
  const split = (v: string): { nums: string[]; pre: string[] } => {
    const noBuild = v.slice(1).split('+')[0]!;
    const dash = noBuild.indexOf('-');
    const core = dash < 0 ? noBuild : noBuild.slice(0, dash);
    return { nums: core.split('.'), pre: dash < 0 ? [] : noBuild.slice(dash + 1).split('.') };
  };
  const numeric = (x: string): boolean => /^\d+$/.test(x);
  const cmpNum = (x: string, y: string): number => (x.length !== y.length ? x.length - y.length : x < y ? -1 : x > y ? 1 : 0);
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++) {
    const c = cmpNum(x.nums[i]!, y.nums[i]!);
    if (c) return Math.sign(c);
  }
  if (x.pre.length === 0 || y.pre.length === 0) return Math.sign(y.pre.length - x.pre.length);
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i]!;
    const q = y.pre[i]!;
    if (p === q) continue;
    if (numeric(p) && numeric(q)) return Math.sign(cmpNum(p, q));
    if (numeric(p)) return -1;
    if (numeric(q)) return 1;
    return p < q ? -1 : 1;
  }
  return Math.sign(x.pre.length - y.pre.length);
}

const num = fc.nat({ max: 30 }).map(String);
/** Pre-release identifiers: small numbers (no leading zero) or alphanumerics with a non-digit. */
const ident = fc.oneof(num, fc.stringMatching(/^[0-9A-Za-z-]{0,6}[A-Za-z-][0-9A-Za-z-]{0,6}$/));
const timestamp = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString().replace(/\D/g, '').slice(0, 14));
const hash = fc.stringMatching(/^[0-9a-f]{12}$/);
/** Real shapes of Go module versions: releases, pre-releases, the three pseudo-version forms, +incompatible. */
const goVersion = fc.oneof(
  fc.tuple(num, num, num, fc.array(ident, { maxLength: 3 })).map(([a, b, c, pre]) => `v${a}.${b}.${c}${pre.length ? `-${pre.join('.')}` : ''}`),
  fc.tuple(num, timestamp, hash).map(([major, t, h]) => `v${major}.0.0-${t}-${h}`),
  fc.tuple(num, num, num, timestamp, hash).map(([a, b, c, t, h]) => `v${a}.${b}.${c}-0.${t}-${h}`),
  fc.tuple(num, num, num, ident, timestamp, hash).map(([a, b, c, pre, t, h]) => `v${a}.${b}.${c}-${pre}.0.${t}-${h}`),
  fc.tuple(fc.integer({ min: 2, max: 30 }), num, num).map(([a, b, c]) => `v${a}.${b}.${c}+incompatible`),
);

describe('module versions compare as Go compares them (semver)', () => {
  it('agrees with an independent implementation of Go semver precedence', () => {
    fc.assert(
      fc.property(goVersion, goVersion, (a, b) => {
        assert.equal(compareModuleVersions(a, b), goCompare(a, b), `${a} vs ${b}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('is an order: antisymmetric, reflexive, transitive', () => {
    fc.assert(
      fc.property(goVersion, goVersion, goVersion, (a, b, c) => {
        assert.equal(compareModuleVersions(a, a), 0);
        assert.equal(compareModuleVersions(a, b), -compareModuleVersions(b, a)! || 0);
        const sorted = [a, b, c].sort((x, y) => compareModuleVersions(x, y)!);
        assert.ok(compareModuleVersions(sorted[0], sorted[2])! <= 0);
      }),
    );
  });

  it('a later pseudo-version is newer; a pseudo-version after vX.Y.Z sits between it and the next patch', () => {
    fc.assert(
      fc.property(num, num, num, timestamp, timestamp, hash, hash, (a, b, c, t1, t2, h1, h2) => {
        fc.pre(t1 !== t2);
        const [early, late] = t1 < t2 ? [t1, t2] : [t2, t1];
        const next = `v${a}.${b}.${Number(c) + 1}`;
        assert.equal(compareModuleVersions(`${next}-0.${late}-${h1}`, `${next}-0.${early}-${h2}`), 1);
        assert.equal(compareModuleVersions(`${next}-0.${early}-${h1}`, `v${a}.${b}.${c}`), 1);
        assert.equal(compareModuleVersions(`${next}-0.${late}-${h1}`, next), -1);
      }),
    );
  });

  it('never throws, and anything that is not a v-prefixed semver is unknown', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('(devel)', '', ' v1.2.3', 'v1.2.3 ', 'vv1.2.3', '=v1.2.3', 'v1.2', 'v01.2.3', '1.2.3', 'V1.2.3', '__proto__')), goVersion, (junk, v) => {
        fc.pre(!/^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(junk));
        assert.equal(compareModuleVersions(junk, v), undefined);
        assert.equal(compareModuleVersions(v, junk), undefined);
      }),
    );
  });

  it('real gopls versions', () => {
    const cases: [string, string | undefined, number | undefined][] = [
      ['v0.21.0', 'v0.20.0', 1],
      ['v0.21.0', 'v0.21.0-pre.1', 1], // a release is newer than its pre-releases
      ['v0.21.0-pre.2', 'v0.21.0-pre.1', 1],
      ['v0.16.2', 'v0.16.10', -1], // numeric, not lexical
      ['v0.0.0-20250115180523-0a1b2c3d4e5f', 'v0.0.0-20241231235959-ffffffffffff', 1], // gopls@master before any tag
      ['v0.21.1-0.20250107000000-abcdefabcdef', 'v0.21.0', 1], // gopls@master after v0.21.0
      ['v0.21.1-0.20250107000000-abcdefabcdef', 'v0.21.1', -1],
      ['v0.22.0-pre.1.0.20250107000000-abcdefabcdef', 'v0.22.0-pre.1', 1], // after a pre-release tag
      ['v2.0.0+incompatible', 'v2.0.0', 0],
      ['(devel)', 'v0.21.0', undefined], // built inside its own module: no version to order
      ['v0.21.0', undefined, undefined],
    ];
    for (const [a, b, want] of cases) assert.equal(compareModuleVersions(a, b), want, `${a} vs ${b}`);
  });

  it('compareBuilds: module version first, then the Go version when the module version is unknown or equal', () => {
    const build = (mainVersion: string | undefined, goVersion: string): BuildInfo => ({ goVersion, path: 'golang.org/x/tools/gopls', mainVersion, settings: {} });
    assert.ok(compareBuilds(build('v0.21.0', 'go1.24.3'), build('v0.21.0-pre.1', 'go1.27.3')) > 0, 'release beats its pre-release built with a newer Go');
    assert.ok(compareBuilds(build('(devel)', 'go1.27.3'), build('v0.21.0', 'go1.24.3')) > 0, '(devel) falls back to the Go version');
    assert.ok(compareBuilds(build('v0.21.0', 'go1.24.3'), build('v0.21.0', 'go1.27.3')) < 0);
    assert.equal(compareBuilds(undefined, build('v0.21.0', 'go1.24.3')), 0);
  });
});

describe('path/shadowed-tool names the newer build by module version, pre-releases included', () => {
  const withVersions = (first: [string, string], second: [string, string]) => {
    const s = homebrewArm64();
    s.commands['go.versionM']!.stdout = versionMOutput([
      { file: '/opt/homebrew/bin/gopls', goVersion: first[1], path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', first[0]] },
      { file: '/Users/alice/go/bin/gopls', goVersion: second[1], path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', second[0]] },
    ]);
    return of(findings(s), 'path/shadowed-tool')[0]?.message ?? '';
  };
  it('a shadowed pre-release of the winning release is not "the newer build", even when built with a newer Go', () => {
    const message = withVersions(['v0.21.0', 'go1.24.3'], ['v0.21.0-pre.1', 'go1.27.3']);
    assert.match(message, /shadowed: \/Users\/alice\/go\/bin\/gopls \(golang\.org\/x\/tools\/gopls v0\.21\.0-pre\.1, built with go1\.27\.3\)/);
    assert.doesNotMatch(message, /newer build/);
  });
  it('a shadowed later pre-release is the newer build', () => {
    assert.match(withVersions(['v0.22.0-pre.1', 'go1.24.3'], ['v0.22.0-pre.2', 'go1.24.3']), /The newer build \(\/Users\/alice\/go\/bin\/gopls\) is the one that never runs/);
  });
  it('a shadowed gopls@master pseudo-version after the winning release is the newer build', () => {
    assert.match(withVersions(['v0.21.0', 'go1.24.3'], ['v0.21.1-0.20250107000000-abcdefabcdef', 'go1.24.3']), /The newer build/);
  });
});
