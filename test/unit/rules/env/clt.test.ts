import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLT_DIR, QUOTED, cltBrokenSnapshot, cltMissingSnapshot, command, officialPkgArm64, tahoeOldTools } from '../../../support/mac-fixtures.js';
import { ROOT, cgoWorkspace, findings, linuxSnapshot, of, withMacOS } from './env-context.js';

describe('clt/missing', () => {
  it('is info for a pure-Go workspace and names xcode-select --install', () => {
    const [f] = of(findings(cltMissingSnapshot()), 'clt/missing');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /Pure-Go code builds without them \(since Go 1\.20\)/);
    assert.deepEqual(f?.fixes, [{ kind: 'command', title: 'Install the Command Line Tools', command: 'xcode-select --install', outsideWorkspace: true }]);
    assert.equal(f?.evidence[0]?.kind === 'command' ? f.evidence[0].excerpt : '', QUOTED.xcodeSelectUnset[0]);
  });
  it('is an error at the import "C" line when the workspace has cgo code, for every xcode-select wording', () => {
    for (const variant of [0, 1, 2] as const) {
      const [f] = of(findings(cltMissingSnapshot(variant), cgoWorkspace(['main.go', 'c.go'])), 'clt/missing');
      assert.equal(f?.severity, 'error');
      assert.match(f?.message ?? '', /import "C" in main\.go and 1 more file/);
      assert.match(f?.message ?? '', /Go does not turn cgo off while that shim exists/);
      assert.equal(f?.location?.file, `${ROOT}/main.go`);
    }
  });
  it('does not also report cgo/disabled-silently or cgo/no-compiler (the shim counts as a compiler)', () => {
    const all = findings(cltMissingSnapshot(), cgoWorkspace());
    assert.deepEqual(of(all, 'cgo/disabled-silently'), []);
    assert.deepEqual(of(all, 'cgo/no-compiler'), []);
  });
  it('is silent with a working CLT, a broken one, and on Linux', () => {
    assert.deepEqual(of(findings(officialPkgArm64(), cgoWorkspace()), 'clt/missing'), []);
    assert.deepEqual(of(findings(cltBrokenSnapshot()), 'clt/missing'), []);
    assert.deepEqual(of(findings(linuxSnapshot(), cgoWorkspace()), 'clt/missing'), []);
  });
});

describe('clt/broken', () => {
  it('fires after the upgrade (xcrun gone), quoting the xcrun error; warning without cgo', () => {
    const [f] = of(findings(cltBrokenSnapshot()), 'clt/broken');
    assert.equal(f?.severity, 'warning');
    assert.ok(f?.message.includes(`"${QUOTED.xcrunInvalid}"`));
    assert.ok(f?.evidence.some((e) => e.kind === 'file' && e.file === `${CLT_DIR}/usr/bin/xcrun` && e.excerpt === 'does not exist'));
    assert.deepEqual(
      f?.fixes.map((x) => (x.kind === 'command' ? x.command : '')),
      ['xcode-select --install', 'sudo xcode-select --reset', 'sudo xcode-select --switch /Applications/Xcode.app/Contents/Developer'],
    );
  });
  it('is an error when the workspace has cgo code', () => {
    assert.equal(of(findings(cltBrokenSnapshot(), cgoWorkspace()), 'clt/broken')[0]?.severity, 'error');
  });
  it('fires when a clang run printed the xcrun error, and when the developer dir is gone', () => {
    const s = officialPkgArm64();
    s.commands['clang.version'] = command([`${CLT_DIR}/usr/bin/clang`, '--version'], '', 1, `${QUOTED.xcrunInvalid}\n`);
    assert.equal(of(findings(s), 'clt/broken').length, 1);
    const gone = officialPkgArm64();
    gone.files[CLT_DIR] = { exists: false };
    assert.match(of(findings(gone), 'clt/broken')[0]?.message ?? '', /does not exist/);
  });
  it('is silent with a working CLT or none at all', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'clt/broken'), []);
    assert.deepEqual(of(findings(cltMissingSnapshot()), 'clt/broken'), []);
  });
});

describe('clt/outdated (conservative: two macOS generations behind)', () => {
  it('fires for CLT 15.3 on macOS 26 (info; warning with cgo code)', () => {
    const [f] = of(findings(tahoeOldTools()), 'clt/outdated');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /version 15\.3\.0\.0\.1\.1708646388, installed 2024-06-25, older than the ones that came with macOS 15 \(16\.x\), while this Mac runs macOS 26\.2 Tahoe/);
    assert.equal(of(findings(tahoeOldTools(), cgoWorkspace()), 'clt/outdated')[0]?.severity, 'warning');
  });
  it('is silent for CLT 15 on macOS 15 or 14, for Xcode, for a broken CLT, and for a macOS not on record', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'clt/outdated'), []);
    assert.deepEqual(of(findings(withMacOS(officialPkgArm64(), '14.6')), 'clt/outdated'), []);
    assert.deepEqual(of(findings(cltBrokenSnapshot()), 'clt/outdated'), []);
    const xcode = tahoeOldTools();
    xcode.commands.xcodeSelect = command(['/usr/bin/xcode-select', '-p'], '/Applications/Xcode.app/Contents/Developer\n');
    xcode.files['/Applications/Xcode.app/Contents/Developer/usr/bin/xcrun'] = { exists: true };
    assert.deepEqual(of(findings(xcode), 'clt/outdated'), []);
    assert.deepEqual(of(findings(withMacOS(tahoeOldTools(), '27.0')), 'clt/outdated'), []);
  });
});
