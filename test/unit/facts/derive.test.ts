import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveMachineFacts } from '../../../src/core/facts/index.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { command, cltMissingSnapshot, cltBrokenSnapshot, homebrewArm64, intelHomebrewOnAppleSilicon, officialPkgArm64, skipped, tahoeOldTools } from '../../support/mac-fixtures.js';
import { emptySnapshot } from '../../support/snapshots.js';

function without(s: Snapshot, ...ids: string[]): Snapshot {
  const commands = { ...s.commands };
  for (const id of ids) delete commands[id];
  return { ...s, commands };
}

describe('deriveMachineFacts on the recorded-macOS fixtures', () => {
  it('official .pkg: Go, its root, ports, macOS, Apple Silicon, a working CLT', () => {
    const f = deriveMachineFacts(officialPkgArm64());
    assert.equal(f.go.version?.raw, 'go1.24.3');
    assert.equal(f.go.hostArch, 'arm64');
    assert.equal(f.go.binary, '/usr/local/go/bin/go');
    assert.equal(f.go.binaryRoot, '/usr/local/go');
    assert.equal(f.go.env?.GOROOT, '/usr/local/go');
    assert.equal(f.go.ports?.filter((p) => !p.broken).length, 48);
    assert.equal(f.mac?.major, 15);
    assert.equal(f.mac?.appleSilicon, true);
    assert.equal(f.mac?.translated, false);
    assert.equal(f.mac?.darwinMajor, 24);
    assert.deepEqual({ state: f.mac?.clt.state, major: f.mac?.clt.major, receipt: f.mac?.clt.receipt, dir: f.mac?.clt.developerDir }, { state: 'ok', major: 15, receipt: true, dir: '/Library/Developer/CommandLineTools' });
    assert.equal(f.mac?.clt.clang?.major, 15);
    assert.equal(f.buildInfo['/Users/alice/go/bin/gopls']?.mainVersion, 'v0.21.0');
  });
  it('Homebrew: the root is the Cellar libexec the symlink resolves to; build info is keyed by real path', () => {
    const f = deriveMachineFacts(homebrewArm64());
    assert.equal(f.go.binaryRoot, '/opt/homebrew/Cellar/go/1.24.3/libexec');
    assert.equal(f.buildInfo['/opt/homebrew/Cellar/gopls/0.21.0/bin/gopls']?.mainVersion, 'v0.21.0');
    assert.equal(f.buildInfo['/Users/alice/go/bin/gopls']?.mainVersion, 'v0.23.0');
  });
  it('Intel Homebrew: go is amd64 on Apple Silicon', () => {
    const f = deriveMachineFacts(intelHomebrewOnAppleSilicon());
    assert.equal(f.go.hostArch, 'amd64');
    assert.equal(f.mac?.appleSilicon, true);
  });
  it('CLT missing / broken states', () => {
    for (const variant of [0, 1, 2] as const) {
      const m = deriveMachineFacts(cltMissingSnapshot(variant)).mac?.clt;
      assert.equal(m?.state, 'missing');
      assert.equal(m?.receipt, false);
    }
    const b = deriveMachineFacts(cltBrokenSnapshot()).mac?.clt;
    assert.equal(b?.state, 'broken');
    assert.equal(b?.developerDirValid, false);
    assert.match(b?.stateDetail ?? '', /missing xcrun at: \/Library\/Developer\/CommandLineTools\/usr\/bin\/xcrun/);
  });
  it('a clang run that hits the xcrun error marks the CLT broken', () => {
    const s = officialPkgArm64();
    s.commands['clang.version'] = command(['/Library/Developer/CommandLineTools/usr/bin/clang', '--version'], '', 1, 'xcrun: error: invalid active developer path (/Library/Developer/CommandLineTools), missing xcrun at: /Library/Developer/CommandLineTools/usr/bin/xcrun\n');
    const clt = deriveMachineFacts(s).mac?.clt;
    assert.equal(clt?.state, 'broken');
  });
  it('Tahoe: macOS 26 and Darwin 25; without sw_vers, the Darwin table gives the major', () => {
    assert.equal(deriveMachineFacts(tahoeOldTools()).mac?.major, 26);
    const f = deriveMachineFacts(without(tahoeOldTools(), 'sw_vers'));
    assert.equal(f.mac?.major, 26);
    assert.deepEqual(f.problems, []);
  });
});

describe('deriveMachineFacts: probe problems', () => {
  it('a timed-out or failing command becomes a problem naming the command; the fact stays undefined', () => {
    const s = officialPkgArm64();
    s.commands['go.env'] = { ...s.commands['go.env']!, stdout: '', exitCode: null, timedOut: true, durationMs: 5000 };
    s.commands.sw_vers = command(['/usr/bin/sw_vers'], '', 1, 'sw_vers: boom\n');
    const f = deriveMachineFacts(s);
    assert.equal(f.go.env, undefined);
    const byWhat = Object.fromEntries(f.problems.map((p) => [p.what, p]));
    assert.match(byWhat['the Go environment (go env)']?.reason ?? '', /did not finish within 5000 ms/);
    assert.equal(byWhat['the Go environment (go env)']?.command, '/usr/local/go/bin/go env -json');
    // sw_vers failed, but the Darwin table fills the major for Darwin 24: no problem then.
    assert.equal(byWhat['the macOS version'], undefined);
    assert.equal(f.mac?.major, 15);
  });
  it('missing expected commands are problems; sw_vers without a known Darwin release is one', () => {
    const s = without(officialPkgArm64(), 'go.distList', 'go.versionM', 'sw_vers', 'xcodeSelect', 'pkgutil.clt');
    s.host.release = '21.6.0';
    const f = deriveMachineFacts(s);
    const whats = f.problems.map((p) => p.what).sort();
    assert.deepEqual(whats, [
      'the Command Line Tools package receipt',
      'the active developer directory (Xcode Command Line Tools)',
      'the list of GOOS/GOARCH ports',
      'the macOS version',
      'which Go version built each tool (go version -m)',
    ]);
    // the ports fall back to the embedded table for go1.24
    assert.equal(f.go.portsSource, 'knowledge');
    assert.equal(f.go.ports?.filter((p) => !p.broken).length, 48);
  });
  it('commands skipped for safety are not problems', () => {
    const f = deriveMachineFacts(cltMissingSnapshot());
    assert.equal(f.problems.length, 0);
    const s = officialPkgArm64();
    s.commands['go.versionM'] = skipped(['go', 'version', '-m'], 'no tool binaries besides go and gofmt');
    assert.equal(deriveMachineFacts(s).problems.length, 0);
  });
  it('go not found (ENOENT) is a fact for go/not-found, not a probe problem', () => {
    const s = emptySnapshot({ commands: { 'go.version': { argv: ['go', 'version'], stdout: '', stderr: '', exitCode: null, durationMs: 1, error: 'spawn go ENOENT' } } });
    const f = deriveMachineFacts(s);
    assert.deepEqual(f.problems, []);
    assert.equal(f.go.version, undefined);
  });
  it('go version -m exiting 1 because one file is not a Go binary still yields the others', () => {
    const s = officialPkgArm64();
    const rec = s.commands['go.versionM']!;
    s.commands['go.versionM'] = { ...rec, exitCode: 1, stderr: '/usr/local/bin/brew: could not read Go build info from /usr/local/bin/brew: not a Go executable\n' };
    const f = deriveMachineFacts(s);
    assert.equal(f.problems.length, 0);
    assert.equal(f.buildInfo['/Users/alice/go/bin/gopls']?.goVersion, 'go1.24.3');
  });
  it('Linux: inotify limits and the C compiler; unreadable limits are problems', () => {
    const s = emptySnapshot({
      which: { gcc: null, cc: '/usr/bin/cc', clang: null },
      files: {
        '/proc/sys/fs/inotify/max_user_watches': { exists: true, content: '8192\n' },
        '/proc/sys/fs/inotify/max_user_instances': { exists: true, content: 'garbage' },
        '/proc/sys/fs/inotify/max_queued_events': { exists: false, error: 'EACCES: permission denied' },
      },
    });
    const f = deriveMachineFacts(s);
    assert.deepEqual(f.linux, { cCompiler: '/usr/bin/cc', inotify: { maxUserWatches: 8192 } });
    assert.equal(f.problems.length, 2);
    assert.ok(f.problems.some((p) => p.reason.includes('EACCES')));
  });
});
