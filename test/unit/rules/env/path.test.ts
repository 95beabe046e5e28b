import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { command, homebrewArm64, intelHomebrewOnAppleSilicon, officialPkgArm64, pathEntries, versionMOutput } from '../../../support/mac-fixtures.js';
import { findings, linuxSnapshot, of, withGoEnv } from './env-context.js';

describe('path/shadowed-tool', () => {
  it('fires for gopls in /opt/homebrew/bin and ~/go/bin: says which wins and both versions', () => {
    const [f] = of(findings(homebrewArm64()), 'path/shadowed-tool');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /^gopls is on PATH 2 times with different builds: \/opt\/homebrew\/bin\/gopls \(golang\.org\/x\/tools\/gopls v0\.21\.0, built with go1\.24\.3\) runs because \/opt\/homebrew\/bin comes first on PATH; shadowed: \/Users\/alice\/go\/bin\/gopls \(golang\.org\/x\/tools\/gopls v0\.23\.0, built with go1\.24\.3\)/);
    assert.match(f?.message ?? '', /The newer build \(\/Users\/alice\/go\/bin\/gopls\) is the one that never runs/);
    const excerpts = f?.evidence.map((e) => (e.kind === 'command' ? e.excerpt : '')).join('\n') ?? '';
    assert.ok(excerpts.includes('/opt/homebrew/Cellar/gopls/0.21.0/bin/gopls: go1.24.3'));
  });
  it('compares builds: same build through two paths or copies is not reported; differing Go versions are', () => {
    const s = homebrewArm64();
    // make ~/go/bin/gopls the same build as Homebrew's
    s.commands['go.versionM']!.stdout = versionMOutput([
      { file: '/opt/homebrew/bin/gopls', goVersion: 'go1.24.3', path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', 'v0.21.0'] },
      { file: '/Users/alice/go/bin/gopls', goVersion: 'go1.24.3', path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', 'v0.21.0'] },
    ]);
    assert.deepEqual(of(findings(s), 'path/shadowed-tool'), []);
    s.commands['go.versionM']!.stdout = versionMOutput([
      { file: '/opt/homebrew/bin/gopls', goVersion: 'go1.24.3', path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', 'v0.21.0'] },
      { file: '/Users/alice/go/bin/gopls', goVersion: 'go1.21.13', path: 'golang.org/x/tools/gopls', mod: ['golang.org/x/tools/gopls', 'v0.21.0'] },
    ]);
    assert.match(of(findings(s), 'path/shadowed-tool')[0]?.message ?? '', /built with go1\.21\.13/);
  });
  it('is silent with one copy, or two PATH entries resolving to the same file', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'path/shadowed-tool'), []);
    const s = officialPkgArm64();
    s.path = pathEntries([...s.path.map((p) => p.raw), '/Users/alice/bin']);
    s.tools.push({ ...s.tools[2]!, dir: '/Users/alice/bin', path: '/Users/alice/bin/gopls', source: { kind: 'path', index: s.path.length - 1 } });
    assert.deepEqual(of(findings(s), 'path/shadowed-tool'), []);
  });
});

describe('path/multiple-go', () => {
  it('fires for Homebrew go shadowing the official one, labelled by install kind', () => {
    const [f] = of(findings(homebrewArm64()), 'path/multiple-go');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /2 different go commands are on PATH: \/opt\/homebrew\/bin\/go \(go1\.24\.3, Homebrew, Apple Silicon prefix/);
    assert.match(f?.message ?? '', /shadowed: \/usr\/local\/go\/bin\/go \(official installer, \/usr\/local\/go/);
  });
  it('is silent with a single go', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'path/multiple-go'), []);
  });
});

describe('path/gobin-not-on-path', () => {
  it('fires (warning) when GOPATH/bin holds tools but is not on PATH', () => {
    const s = officialPkgArm64();
    s.path = pathEntries(s.path.map((p) => p.raw).filter((r) => r !== '/Users/alice/go/bin'));
    s.env.PATH = s.path.map((p) => p.raw).join(':');
    s.tools = s.tools.map((t) => (t.name === 'gopls' ? { ...t, source: { kind: 'gobin' } } : t));
    const [f] = of(findings(s), 'path/gobin-not-on-path');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /^\/Users\/alice\/go\/bin \(where go install puts binaries\) is not on PATH, so the tools installed there \(gopls\)/);
    assert.deepEqual(f?.fixes[0], { kind: 'command', title: 'Add /Users/alice/go/bin to PATH in ~/.zprofile', command: `printf '%s\\n' 'export PATH="$PATH":/Users/alice/go/bin' >> ~/.zprofile`, outsideWorkspace: true });
  });
  it('uses GOBIN when set, and is info when the directory is still empty', () => {
    const s = withGoEnv(officialPkgArm64(), { GOBIN: '/Users/alice/bin/' });
    const [f] = of(findings(s), 'path/gobin-not-on-path');
    assert.equal(f?.severity, 'info');
    assert.match(f?.message ?? '', /^\/Users\/alice\/bin \(where go install/);
  });
  it('is silent when the directory is on PATH (as written or resolved)', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'path/gobin-not-on-path'), []);
    const s = withGoEnv(officialPkgArm64(), { GOPATH: '/Volumes/data/go:/Users/alice/go' });
    s.path = s.path.map((p) => (p.raw === '/Users/alice/go/bin' ? { ...p, raw: '/Users/alice/gobin-link', realPath: '/Volumes/data/go/bin' } : p));
    assert.deepEqual(of(findings(s), 'path/gobin-not-on-path'), []);
  });
});

describe('path/unsafe-entry', () => {
  it('fires for empty, relative, ~ and world-writable entries', () => {
    const s = officialPkgArm64();
    s.path = pathEntries([...s.path.map((p) => p.raw), '', '.', '~/bin', { raw: '/tmp/shared', worldWritable: true }]);
    const msgs = of(findings(s), 'path/unsafe-entry').map((f) => f.message);
    assert.equal(msgs.length, 4);
    assert.match(msgs[0] ?? '', /is empty, which means the current directory/);
    assert.match(msgs[1] ?? '', /\("\."\) is relative/);
    assert.match(msgs[2] ?? '', /literal "~"/);
    assert.match(msgs[3] ?? '', /\("\/tmp\/shared"\) is writable by every user/);
  });
  it('is silent for the fixtures’ absolute, owner-only PATH', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'path/unsafe-entry'), []);
  });
});

describe('path/missing-dir', () => {
  it('fires (info) for an absolute entry that does not exist or is a file', () => {
    const s = officialPkgArm64();
    s.path = pathEntries([...s.path.map((p) => p.raw), { raw: '/opt/homebrew/bin', exists: false }, { raw: '/etc/hosts', exists: true, isDirectory: false }]);
    const list = of(findings(s), 'path/missing-dir');
    assert.deepEqual(list.map((f) => f.severity), ['info', 'info']);
    assert.match(list[0]?.message ?? '', /\/opt\/homebrew\/bin does not exist/);
    assert.match(list[1]?.message ?? '', /\/etc\/hosts exists but is not a directory/);
  });
  it('is silent when every entry exists; relative entries are left to path/unsafe-entry', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'path/missing-dir'), []);
    const s = officialPkgArm64();
    s.path = pathEntries([...s.path.map((p) => p.raw), { raw: 'bin', exists: false }]);
    assert.deepEqual(of(findings(s), 'path/missing-dir'), []);
  });
  it('is silent for the absent node_modules/.bin entries npm run adds for every parent folder', () => {
    const s = officialPkgArm64();
    s.path = pathEntries([{ raw: '/work/node_modules/.bin', exists: false }, { raw: '/node_modules/.bin', exists: false }, ...s.path.map((p) => p.raw), { raw: '/opt/node_modules/.bin-old', exists: false }]);
    assert.deepEqual(of(findings(s), 'path/missing-dir').map((f) => f.message.split(' ')[2]), ['/opt/node_modules/.bin-old']);
  });
});

describe('path/intel-homebrew', () => {
  it('fires for /usr/local Homebrew on Apple Silicon without /opt/homebrew/bin first', () => {
    const [f] = of(findings(intelHomebrewOnAppleSilicon()), 'path/intel-homebrew');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /Intel Homebrew under \/usr\/local is on PATH \(and \/opt\/homebrew\/bin is not\)/);
    assert.ok(f?.evidence.some((e) => e.kind === 'file' && e.excerpt === '→ /usr/local/Cellar/go/1.23.4/libexec/bin/go'));
  });
  it('fires on Cellar symlinks alone (no brew lookup recorded)', () => {
    const s = intelHomebrewOnAppleSilicon();
    delete s.which.brew;
    assert.equal(of(findings(s), 'path/intel-homebrew').length, 1);
  });
  it('is silent when /opt/homebrew/bin comes first, on Intel Macs, and with a plain /usr/local/bin', () => {
    const first = intelHomebrewOnAppleSilicon();
    first.path = pathEntries(['/opt/homebrew/bin', ...first.path.map((p) => p.raw)]);
    first.tools = first.tools.map((t) => (t.source.kind === 'path' ? { ...t, source: { kind: 'path', index: t.source.index + 1 } } : t));
    assert.deepEqual(of(findings(first), 'path/intel-homebrew'), []);
    const intelMac = intelHomebrewOnAppleSilicon();
    intelMac.host.arch = 'x64';
    intelMac.commands['sysctl.arm64'] = command(['/usr/sbin/sysctl', '-n', 'hw.optional.arm64'], '0\n');
    assert.deepEqual(of(findings(intelMac), 'path/intel-homebrew'), []);
    assert.deepEqual(of(findings(officialPkgArm64()), 'path/intel-homebrew'), []);
    assert.deepEqual(of(findings(linuxSnapshot()), 'path/intel-homebrew'), []);
  });
});
