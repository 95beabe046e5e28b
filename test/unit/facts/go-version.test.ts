import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoVersionLine, parseGoVersionString } from '../../../src/core/facts/index.js';
import fc from 'fast-check';
import { compareGoVersions, goVersionAtLeast, isValidGoVersion, toolchainForGoLine } from '../../../src/core/knowledge/index.js';

describe('parseGoVersionLine', () => {
  it('reads the quoted macOS lines (facts §5.2, §6.3)', () => {
    assert.deepEqual(parseGoVersionLine('go version go1.23.4 darwin/arm64\n'), {
      version: { raw: 'go1.23.4', major: 1, minor: 23, patch: 4 },
      goos: 'darwin',
      goarch: 'arm64',
    });
    assert.equal(parseGoVersionLine('go version go1.23.4 darwin/amd64')?.goarch, 'amd64');
  });
  it('reads release candidates, .0-less old releases and experiments', () => {
    assert.deepEqual(parseGoVersionLine('go version go1.21rc1 linux/amd64')?.version, { raw: 'go1.21rc1', major: 1, minor: 21, patch: 0, pre: 'rc1' });
    assert.deepEqual(parseGoVersionLine('go version go1.20 linux/amd64')?.version, { raw: 'go1.20', major: 1, minor: 20, patch: 0 });
    const x = parseGoVersionLine('go version go1.21.0 X:loopvar,rangefunc linux/amd64');
    assert.deepEqual(x?.version.experiments, ['loopvar', 'rangefunc']);
    assert.equal(x?.version.minor, 21);
    assert.equal(x?.goos, 'linux');
  });
  it('reads devel builds, with and without a go1.N marker', () => {
    const d = parseGoVersionLine('go version devel go1.22-4c5517e8e6 Wed Oct 11 16:50:15 2023 +0000 darwin/arm64');
    assert.equal(d?.version.devel, true);
    assert.equal(d?.version.minor, 22);
    assert.equal(d?.goarch, 'arm64');
    const old = parseGoVersionLine('go version devel +b7a9b7f Fri Jan 1 00:00:00 2021 +0000 linux/amd64');
    assert.equal(old?.version.devel, true);
    assert.equal(old?.version.major, 0);
  });
  it('finds the line among other output and rejects what is not one', () => {
    assert.equal(parseGoVersionLine('go: warning\ngo version go1.27.3 linux/amd64\n')?.version.raw, 'go1.27.3');
    for (const bad of ['', 'go version', 'go version go1.24.4', 'go version go1.24.4 linux', 'go version banana linux/amd64', 'version go1.2 linux/amd64', 'go version go1.24.4 a/b/c']) {
      assert.equal(parseGoVersionLine(bad), undefined, bad);
    }
  });
  it('parses runtime.Version() strings alone', () => {
    assert.equal(parseGoVersionString('go1.24.4')?.patch, 4);
    assert.equal(parseGoVersionString('1.25.0')?.minor, 25);
    assert.equal(parseGoVersionString('go1.22beta2')?.pre, 'beta2');
    assert.equal(parseGoVersionString('gopher'), undefined);
  });
});

describe('Go version order (cmd/go gover semantics)', () => {
  it('orders language versions, pre-releases and patches', () => {
    const sorted = ['1.20', '1.21', '1.21rc1', '1.21rc2', '1.21.0', '1.21.1', 'go1.22', '1.22.0', '1.25.0', '1.25.3'];
    for (let i = 1; i < sorted.length; i++) assert.ok(compareGoVersions(sorted[i - 1]!, sorted[i]!) < 0, `${sorted[i - 1]} < ${sorted[i]}`);
    assert.equal(compareGoVersions('go1.24.4', '1.24.4'), 0);
    assert.ok(compareGoVersions('go1.9', 'go1.10') < 0);
  });
  it('answers "at least" and names the toolchain a go line switches to (verified with go1.24.4)', () => {
    assert.equal(goVersionAtLeast('go1.23.4', '1.24'), false);
    assert.equal(goVersionAtLeast('go1.24.0', '1.24'), true);
    assert.equal(goVersionAtLeast('nonsense', '1.0'), false);
    assert.equal(toolchainForGoLine('1.26'), 'go1.26.0');
    assert.equal(toolchainForGoLine('1.25.0'), 'go1.25.0');
    assert.equal(toolchainForGoLine('1.21rc1'), 'go1.21rc1');
  });
});

describe('compareGoVersions at any length (cmd/go/internal/gover compares digit strings)', () => {
  it('orders numbers past 2^53 exactly; leading zeros are invalid (go: "must match format 1.23.0")', () => {
    assert.ok(compareGoVersions('1.27.99999999999999999999999', '1.27.3') > 0);
    assert.ok(compareGoVersions('1.27.99999999999999999999999', '1.27.99999999999999999999998') > 0);
    assert.ok(compareGoVersions('99999999999999999999.0.0', '1.27.3') > 0);
    assert.equal(isValidGoVersion('1.27.03'), false);
    assert.equal(isValidGoVersion('1.027'), false);
    assert.equal(toolchainForGoLine('1.27.99999999999999999999999'), 'go1.27.99999999999999999999999');
    assert.equal(compareGoVersions('1.20', '1.20.0'), 0, 'before 1.21 a missing patch is .0');
    assert.ok(compareGoVersions('1.99beta1', '1.99rc1') < 0);
    assert.equal(isValidGoVersion('1.21.0rc1'), false);
  });
  it('property: agrees with BigInt order, is antisymmetric and never throws', () => {
    const num = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: 40n }));
    fc.assert(
      fc.property(num, num, num, num, num, num, (a1, a2, a3, b1, b2, b3) => {
        const a = `${a1}.${a2}.${a3}`;
        const b = `${b1}.${b2}.${b3}`;
        const expected = a1 !== b1 ? (a1 < b1 ? -1 : 1) : a2 !== b2 ? (a2 < b2 ? -1 : 1) : a3 !== b3 ? (a3 < b3 ? -1 : 1) : 0;
        assert.equal(Math.sign(compareGoVersions(a, b)), expected);
        assert.equal(Math.sign(compareGoVersions(b, a)), -expected);
      }),
    );
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => void compareGoVersions(a, b)));
  });
});
