import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  mergePorts,
  parseClangVersion,
  parseDistList,
  parseGoEnvJson,
  parsePkgInfo,
  parseProcNumber,
  parseSwVers,
  parseSysctlFlag,
  parseVersionM,
  parseXcodeSelect,
  findInvalidDeveloperPath,
} from '../../../src/core/facts/index.js';
import { QUOTED, distListJson, officialGoEnv, versionMOutput } from '../../support/mac-fixtures.js';

describe('parseGoEnvJson', () => {
  it('reads the §6.2 darwin sample', () => {
    const env = parseGoEnvJson(JSON.stringify(officialGoEnv(), null, '\t'));
    assert.equal(env?.GOROOT, '/usr/local/go');
    assert.equal(env?.GOHOSTARCH, 'arm64');
    assert.equal(Object.keys(env ?? {}).length, Object.keys(officialGoEnv()).length);
  });
  it('drops non-string values and hostile keys, rejects non-objects', () => {
    assert.deepEqual(parseGoEnvJson('{"GOOS":"linux","X":1,"__proto__":"p","a b":"c"}'), { GOOS: 'linux' });
    assert.equal(Object.getPrototypeOf(parseGoEnvJson('{"__proto__":{"polluted":"yes"}}')), Object.prototype);
    for (const bad of ['', '[]', 'null', '"x"', '{', 'go: GOROOT cannot be modified']) assert.equal(parseGoEnvJson(bad), undefined, bad);
  });
});

describe('parseDistList / mergePorts', () => {
  it('reads dist list -json and marks the -broken extras broken (facts §1.1: 1.27 has 47 + 2 broken)', () => {
    const defaults = parseDistList(distListJson('1.27', false));
    const all = parseDistList(distListJson('1.27', true));
    assert.equal(defaults?.length, 47);
    const merged = mergePorts(defaults ?? [], all);
    assert.equal(merged.length, 49);
    assert.deepEqual(merged.filter((p) => p.broken).map((p) => `${p.goos}/${p.goarch}`).sort(), ['freebsd/riscv64', 'linux/sparc64']);
    assert.deepEqual(merged.find((p) => p.goos === 'darwin' && p.goarch === 'arm64'), { goos: 'darwin', goarch: 'arm64', cgoSupported: true, firstClass: true, broken: false });
  });
  it('skips malformed entries and rejects non-arrays', () => {
    assert.deepEqual(parseDistList('[{"GOOS":"x"},null,{"GOOS":"a","GOARCH":"b"}]'), [{ goos: 'a', goarch: 'b', cgoSupported: false, firstClass: false, broken: false }]);
    assert.equal(parseDistList('{}'), undefined);
    assert.equal(parseDistList('not json'), undefined);
  });
});

describe('parseVersionM', () => {
  it('reads the multi-file §6.3 layout, including quoted settings', () => {
    const out = versionMOutput([
      { file: '/Users/alice/go/bin/dlv', goVersion: 'go1.22.5', path: 'github.com/go-delve/delve/cmd/dlv', mod: ['github.com/go-delve/delve', 'v1.22.1'] },
      { file: '/Users/alice/go/bin/staticcheck', goVersion: 'go1.23.4', path: 'honnef.co/go/tools/cmd/staticcheck', extraSettings: [['-ldflags', '"-B gobuildid"']] },
    ]);
    const info = parseVersionM(out);
    assert.deepEqual(Object.keys(info), ['/Users/alice/go/bin/dlv', '/Users/alice/go/bin/staticcheck']);
    assert.equal(info['/Users/alice/go/bin/dlv']?.goVersion, 'go1.22.5');
    assert.equal(info['/Users/alice/go/bin/dlv']?.mainVersion, 'v1.22.1');
    assert.equal(info['/Users/alice/go/bin/dlv']?.settings.GOOS, 'darwin');
    assert.equal(info['/Users/alice/go/bin/staticcheck']?.settings['-ldflags'], '-B gobuildid');
  });
  it('reads the real go1.27.3 output for Debian gopls (no mod line) and a devel header', () => {
    const real = '/root/.cache/go-doctor/toolchains/bin/gopls: go1.27.3\n\tpath\tgolang.org/x/tools/gopls\n\tbuild\t-buildmode=exe\n\tbuild\t-compiler=gc\n\tbuild\t-trimpath=true\n\tbuild\tCGO_ENABLED=1\n\tbuild\tGOARCH=amd64\n\tbuild\tGOOS=linux\n\tbuild\tGOAMD64=v1\n';
    const info = parseVersionM(`${real}/x/y: devel go1.28-abc Wed Oct 11 16:50:15 2026 +0000\n`);
    assert.equal(info['/root/.cache/go-doctor/toolchains/bin/gopls']?.path, 'golang.org/x/tools/gopls');
    assert.equal(info['/root/.cache/go-doctor/toolchains/bin/gopls']?.mainVersion, undefined);
    assert.equal(info['/root/.cache/go-doctor/toolchains/bin/gopls']?.settings['-trimpath'], 'true');
    assert.equal(info['/x/y']?.goVersion, 'devel go1.28-abc Wed Oct 11 16:50:15 2026 +0000');
  });
  it('ignores stray indented lines and a __proto__ file name', () => {
    const info = parseVersionM('\tbuild\tGOOS=linux\n__proto__: go1.2\n/a: go1.21.13\n\tbuild\t__proto__=x\n');
    assert.deepEqual(Object.keys(info), ['/a']);
    assert.equal(Object.getPrototypeOf(info), Object.prototype);
  });
});

describe('parseSwVers / parseSysctlFlag / parseProcNumber', () => {
  it('reads sw_vers in tab and space layouts', () => {
    assert.deepEqual(parseSwVers('ProductName:\t\tmacOS\nProductVersion:\t\t26.2\n'), { productName: 'macOS', productVersion: '26.2', major: 26, minor: 2, patch: 0 });
    assert.deepEqual(parseSwVers('ProductName:    Mac OS X\nProductVersion: 10.15.7\nBuildVersion:   19H2\n'), {
      productName: 'Mac OS X',
      productVersion: '10.15.7',
      buildVersion: '19H2',
      major: 10,
      minor: 15,
      patch: 7,
    });
    assert.equal(parseSwVers('ProductName: macOS\n'), undefined);
    assert.equal(parseSwVers('ProductVersion: fourteen'), undefined);
  });
  it('reads sysctl flags (facts §5.2) and /proc numbers', () => {
    assert.equal(parseSysctlFlag('1\n'), true);
    assert.equal(parseSysctlFlag('0'), false);
    assert.equal(parseSysctlFlag(''), undefined);
    assert.equal(parseProcNumber('192536\n'), 192536);
    assert.equal(parseProcNumber('-1'), undefined);
    assert.equal(parseProcNumber(undefined), undefined);
  });
});

describe('parseXcodeSelect', () => {
  it('reads the installed paths (facts §4)', () => {
    assert.deepEqual(parseXcodeSelect('/Library/Developer/CommandLineTools\n', '', 0), { kind: 'path', dir: '/Library/Developer/CommandLineTools' });
    assert.deepEqual(parseXcodeSelect('/Applications/Xcode.app/Contents/Developer/\n', '', 0), { kind: 'path', dir: '/Applications/Xcode.app/Contents/Developer' });
  });
  it('recognises all three quoted "no developer directory" errors, case-insensitively', () => {
    for (const text of QUOTED.xcodeSelectUnset) {
      assert.deepEqual(parseXcodeSelect('', `${text}\n`, 2), { kind: 'unset', message: text });
      assert.equal(parseXcodeSelect('', text.toUpperCase(), 2).kind, 'unset');
    }
  });
  it('recognises the xcrun "invalid active developer path" error', () => {
    assert.deepEqual(parseXcodeSelect('', `# runtime/cgo\n${QUOTED.xcrunInvalid}\n`, 1), { kind: 'invalid', dir: '/Library/Developer/CommandLineTools', message: QUOTED.xcrunInvalid });
    assert.equal(findInvalidDeveloperPath('nothing here'), undefined);
  });
  it('does not guess on anything else', () => {
    assert.deepEqual(parseXcodeSelect('relative/dir\n', '', 0), { kind: 'unknown' });
    assert.deepEqual(parseXcodeSelect('/x\n', 'killed', 1), { kind: 'unknown' });
  });
});

describe('parsePkgInfo', () => {
  it('reads the quoted present and absent receipts (facts §4)', () => {
    const present = parsePkgInfo(QUOTED.pkgutilCltPresent, '');
    assert.ok(present?.present);
    assert.equal(present.version, '15.3.0.0.1.1708646388');
    assert.equal(present.installTime?.toISOString(), '2024-06-25T05:39:57.000Z');
    assert.deepEqual(parsePkgInfo('', QUOTED.pkgutilCltAbsent), { present: false, packageId: 'com.apple.pkg.CLTools_Executables' });
  });
  it('accepts a receipt without the groups line and rejects garbage', () => {
    assert.ok(parsePkgInfo('package-id: org.golang.go\nversion: 1.24.3\n', '')?.present);
    assert.equal(parsePkgInfo('version: 1\n', ''), undefined);
  });
});

describe('parseClangVersion', () => {
  it('reads the quoted Apple clang output (facts §4)', () => {
    assert.deepEqual(parseClangVersion(QUOTED.clang17), {
      raw: 'Apple clang version 17.0.0 (clang-1700.6.3.2)',
      apple: true,
      version: '17.0.0',
      major: 17,
      build: 'clang-1700.6.3.2',
      target: 'arm64-apple-darwin25.2.0',
      installedDir: '/Library/Developer/CommandLineTools/usr/bin',
    });
  });
  it('reads other quoted first lines, the Configured-with prefix and non-Apple clang', () => {
    for (const [line, major] of [[QUOTED.clangFirstLines[0], 16], [QUOTED.clangFirstLines[1], 15], [QUOTED.clangFirstLines[2], 10]] as const) {
      const v = parseClangVersion(`Configured with: --prefix=/Library/Developer/CommandLineTools/usr --with-gxx-include-dir=/x\n${line}\nTarget: x86_64-apple-darwin18.7.0\n`);
      assert.equal(v?.major, major);
      assert.equal(v?.apple, true);
      assert.equal(v?.target, 'x86_64-apple-darwin18.7.0');
    }
    const brew = parseClangVersion('Homebrew clang version 18.1.8\nTarget: arm64-apple-darwin24.1.0\n');
    assert.equal(brew?.apple, false);
    assert.equal(brew?.version, '18.1.8');
    assert.equal(parseClangVersion('gcc (Debian 12.2.0-14) 12.2.0'), undefined);
  });
});
