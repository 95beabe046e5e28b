import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoVersionLine, parseGoVersionString } from '../../../src/core/facts/index.js';
import { compareGoVersions, goVersionAtLeast, toolchainForGoLine } from '../../../src/core/knowledge/index.js';

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
