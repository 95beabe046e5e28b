import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { homebrewArm64, officialPkgArm64, tahoeOldTools, versionMOutput } from '../../../support/mac-fixtures.js';
import { findings, of, withGoVersion, withMacOS } from './env-context.js';

describe('tools/missing-lc-uuid', () => {
  it('fires on macOS 26 for ~/go/bin/dlv built with go1.22.5, with the three fixes (facts §3.5)', () => {
    const list = of(findings(tahoeOldTools()), 'tools/missing-lc-uuid');
    assert.deepEqual(list.map((f) => f.message.split(' ')[0]), ['/Users/alice/go/bin/dlv']);
    const f = list[0]!;
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /built with go1\.22\.5, before Go 1\.24 started writing the Mach-O LC_UUID, so on macOS 26\.2 dyld may abort it/);
    assert.deepEqual(
      f.fixes.map((x) => x.title),
      ['Rebuild dlv with go1.24.3', 'Or, with Go 1.22.9+/1.23.3+: add the UUID with -B gobuildid', 'Or link externally (needs the Command Line Tools)'],
    );
    assert.deepEqual(
      f.fixes.slice(1).map((x) => (x.kind === 'command' ? x.command : '')),
      ["go install -ldflags='-B gobuildid' github.com/go-delve/delve/cmd/dlv@v1.22.1", 'go install -ldflags=-linkmode=external github.com/go-delve/delve/cmd/dlv@v1.22.1'],
    );
  });
  it('offers a one-click rebuild only when the local Go is 1.24 or newer', () => {
    const [f] = of(findings(withGoVersion(tahoeOldTools(), 'go1.27.3')), 'tools/missing-lc-uuid');
    assert.deepEqual(f?.fixes[0], { kind: 'command', title: 'Rebuild dlv with go1.27.3', command: 'go install github.com/go-delve/delve/cmd/dlv@v1.22.1', outsideWorkspace: true });
    const [old] = of(findings(withGoVersion(tahoeOldTools(), 'go1.23.5')), 'tools/missing-lc-uuid');
    assert.equal(old?.fixes[0]?.kind, 'text');
    assert.equal(old?.fixes[0]?.title, 'Rebuild with Go 1.24 or newer');
  });
  it('is silent before macOS 26, for Go ≥ 1.24 builds, -B gobuildid builds and tools outside GOBIN/GOPATH/bin', () => {
    assert.deepEqual(of(findings(withMacOS(tahoeOldTools(), '15.1', '24.1.0')), 'tools/missing-lc-uuid'), []);
    const s = tahoeOldTools();
    s.commands['go.versionM']!.stdout = versionMOutput([{ file: '/Users/alice/go/bin/dlv', goVersion: 'go1.22.5', path: 'github.com/go-delve/delve/cmd/dlv', extraSettings: [['-ldflags', '"-s -w -linkmode=external"']] }]);
    assert.deepEqual(of(findings(s), 'tools/missing-lc-uuid'), []);
    assert.deepEqual(of(findings(officialPkgArm64()), 'tools/missing-lc-uuid'), []);
    const brew = withMacOS(homebrewArm64(), '26.2', '25.2.0');
    brew.commands['go.versionM']!.stdout = versionMOutput([{ file: '/opt/homebrew/bin/gopls', goVersion: 'go1.22.5', path: 'golang.org/x/tools/gopls' }]);
    assert.deepEqual(of(findings(brew), 'tools/missing-lc-uuid'), []);
  });
});
