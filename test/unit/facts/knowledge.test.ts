import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoVersionString } from '../../../src/core/facts/index.js';
import {
  defaultCCFor,
  isKnownPort,
  isSupportedRelease,
  knownPortMinors,
  macOSLabel,
  macOSMajorForDarwin,
  minMacOSFor,
  newestGoMinorFor,
  oldestAcceptedCltMajor,
  portsFor,
  supportedMinors,
} from '../../../src/core/knowledge/index.js';

describe('knowledge: Go releases', () => {
  it('supports the two newest releases, taking the newer of the table and the live toolchain', () => {
    assert.deepEqual(supportedMinors(), [27, 26]);
    assert.equal(isSupportedRelease('go1.26.10'), true);
    assert.equal(isSupportedRelease('go1.25.12'), false);
    assert.equal(isSupportedRelease('go1.21.13'), false);
    const live129 = parseGoVersionString('go1.29.1')!;
    assert.deepEqual(supportedMinors(live129), [29, 28]);
    assert.equal(isSupportedRelease('go1.27.3', live129), false);
    // A 1.28 release candidate does not prove 1.28 is released.
    assert.deepEqual(supportedMinors(parseGoVersionString('go1.28rc1')), [27, 26]);
    assert.equal(isSupportedRelease(parseGoVersionString('devel go1.28-abc Wed Oct 1 00:00:00 2026 +0000')!), true);
    assert.equal(isSupportedRelease('banana'), undefined);
  });
  it('knows the minimum macOS per release (facts §3.1)', () => {
    const table: [string, string][] = [
      ['go1.20.1', 'macOS 10.13 High Sierra'],
      ['go1.21.13', 'macOS 10.15 Catalina'],
      ['go1.22.12', 'macOS 10.15 Catalina'],
      ['go1.23.5', 'macOS 11 Big Sur'],
      ['go1.24.4', 'macOS 11 Big Sur'],
      ['go1.25.12', 'macOS 12 Monterey'],
      ['go1.26.10', 'macOS 12 Monterey'],
      ['go1.27.3', 'macOS 13 Ventura'],
      ['go1.28.0', 'macOS 13 Ventura'],
    ];
    for (const [go, mac] of table) assert.equal(macOSLabel(minMacOSFor(go)!), mac, go);
    assert.equal(minMacOSFor('go1.19'), undefined);
    assert.equal(newestGoMinorFor({ major: 12, minor: 7 }), 26);
    assert.equal(newestGoMinorFor({ major: 10, minor: 15 }), 22);
    assert.equal(newestGoMinorFor({ major: 10, minor: 12 }), undefined);
  });
  it('maps Darwin to macOS only for the rows on record', () => {
    assert.deepEqual([22, 23, 24, 25].map(macOSMajorForDarwin), [13, 14, 15, 26]);
    assert.equal(macOSMajorForDarwin(21), undefined);
    assert.equal(macOSLabel({ major: 26, minor: 2 }), 'macOS 26.2 Tahoe');
  });
  it('names the default C compiler per GOOS (facts §1.4)', () => {
    assert.deepEqual(['darwin', 'ios', 'freebsd', 'openbsd', 'linux', 'windows'].map(defaultCCFor), ['clang', 'clang', 'clang', 'clang', 'gcc', 'gcc']);
  });
  it('accepts CLT from the previous macOS and no older (conservative clt/outdated threshold)', () => {
    assert.deepEqual(oldestAcceptedCltMajor(26), { cltMajor: 16, previousMacOS: 15 });
    assert.deepEqual(oldestAcceptedCltMajor(15), { cltMajor: 15, previousMacOS: 14 });
    assert.equal(oldestAcceptedCltMajor(11), undefined);
    assert.equal(oldestAcceptedCltMajor(27), undefined);
  });
});

describe('knowledge: ports per release (facts §1.1)', () => {
  const counts: Record<number, number> = { 21: 47, 22: 48, 23: 49, 24: 48, 25: 48, 26: 47, 27: 47 };
  it('has the default-list sizes the facts file gives', () => {
    assert.deepEqual(knownPortMinors(), [21, 22, 23, 24, 25, 26, 27]);
    for (const [minor, n] of Object.entries(counts)) assert.equal(portsFor(`go1.${minor}.0`)?.filter((p) => !p.broken).length, n, `1.${minor}`);
  });
  it('has the broken ports of the facts table and the per-release changes', () => {
    const broken = (v: string) => portsFor(v)!.filter((p) => p.broken).map((p) => `${p.goos}/${p.goarch}`).sort();
    assert.deepEqual(broken('1.21'), ['linux/sparc64', 'openbsd/mips64', 'openbsd/ppc64']);
    assert.deepEqual(broken('1.27'), ['freebsd/riscv64', 'linux/sparc64']);
    assert.equal(isKnownPort('1.22', 'openbsd', 'ppc64'), true);
    assert.equal(isKnownPort('1.21', 'openbsd', 'ppc64'), false);
    assert.equal(isKnownPort('1.23', 'openbsd', 'riscv64'), true);
    assert.equal(isKnownPort('1.24', 'windows', 'arm'), false);
    assert.ok(broken('1.24').includes('windows/arm'));
    assert.equal(portsFor('1.26')!.some((p) => p.goos === 'windows' && p.goarch === 'arm'), false);
    assert.equal(portsFor('1.27')!.find((p) => p.goos === 'linux' && p.goarch === 'ppc64')?.cgoSupported, true);
    assert.equal(portsFor('1.26')!.find((p) => p.goos === 'linux' && p.goarch === 'ppc64')?.cgoSupported, false);
    assert.equal(isKnownPort('1.27', 'visionos', 'arm64'), false);
    assert.equal(portsFor('1.20'), undefined);
  });
  it('has the same darwin/ios/js/wasip1 flags in every release (facts §1.1 table)', () => {
    for (const minor of knownPortMinors()) {
      const ports = portsFor(`1.${minor}`)!;
      const flags = (k: string) => {
        const p = ports.find((q) => `${q.goos}/${q.goarch}` === k)!;
        return [p.firstClass, p.cgoSupported];
      };
      assert.deepEqual(flags('darwin/amd64'), [true, true]);
      assert.deepEqual(flags('darwin/arm64'), [true, true]);
      assert.deepEqual(flags('ios/arm64'), [false, true]);
      assert.deepEqual(flags('js/wasm'), [false, false]);
      assert.deepEqual(flags('wasip1/wasm'), [false, false]);
      assert.deepEqual(ports.filter((p) => p.firstClass).map((p) => `${p.goos}/${p.goarch}`), ['darwin/amd64', 'darwin/arm64', 'linux/386', 'linux/amd64', 'linux/arm', 'linux/arm64', 'windows/386', 'windows/amd64']);
    }
  });
});
