import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { range } from '../../../../src/core/finding.js';
import { command, homebrewArm64, intelHomebrewOnAppleSilicon, officialPkgArm64, tahoeOldTools } from '../../../support/mac-fixtures.js';
import { emptySnapshot } from '../../../support/snapshots.js';
import { ROOT, findings, linuxSnapshot, modWorkspace, of, withGoEnv, withGoVersion, withMacOS } from './env-context.js';

describe('go/not-found', () => {
  it('fires when go cannot be started (ENOENT) or nothing found one', () => {
    const enoent = emptySnapshot({ commands: { 'go.version': { argv: ['go', 'version'], stdout: '', stderr: '', exitCode: null, durationMs: 1, error: 'spawn go ENOENT' } } });
    const [f] = of(findings(enoent), 'go/not-found');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /No go command was found/);
    assert.equal(of(findings(emptySnapshot()), 'go/not-found').length, 1);
    // what the probe records when no PATH directory has a go: the go commands skipped
    const skippedGo = emptySnapshot({ commands: { 'go.version': { argv: ['go', 'version'], stdout: '', stderr: '', exitCode: null, durationMs: 0, skipped: 'no go binary in an absolute PATH directory' } } });
    const all = findings(skippedGo);
    assert.equal(of(all, 'go/not-found').length, 1);
    assert.equal(of(all, 'doctor/probe-failed').length, 0);
    assert.equal(of(findings(enoent), 'doctor/probe-failed').length, 0);
  });
  it('is silent when go runs (official .pkg fixture) or merely timed out (a probe problem instead)', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'go/not-found'), []);
    const s = officialPkgArm64();
    s.commands['go.version'] = { ...s.commands['go.version']!, stdout: '', exitCode: null, timedOut: true };
    const all = findings(s);
    assert.deepEqual(of(all, 'go/not-found'), []);
    assert.ok(of(all, 'doctor/probe-failed').some((f) => f.message.includes('the Go version')));
  });
});

describe('go/unsupported-release', () => {
  it('fires for go1.24.3 (older than 1.27 and 1.26) with the go version evidence', () => {
    const [f] = of(findings(officialPkgArm64()), 'go/unsupported-release');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /Go 1\.24\.3 is older than the two supported releases \(Go 1\.27 and Go 1\.26\)/);
    assert.deepEqual(f?.evidence[0], { kind: 'command', command: '/usr/local/go/bin/go version', argv: ['/usr/local/go/bin/go', 'version'], excerpt: 'go version go1.24.3 darwin/arm64', exitCode: 0 });
  });
  it('offers brew upgrade for a Homebrew Go', () => {
    const [f] = of(findings(homebrewArm64()), 'go/unsupported-release');
    assert.ok(f?.fixes.some((x) => x.kind === 'command' && x.command === 'brew upgrade go'));
  });
  it('is silent for the two newest releases and devel builds', () => {
    for (const v of ['go1.27.3', 'go1.26.10', 'go1.28rc1']) assert.deepEqual(of(findings(withGoVersion(officialPkgArm64(), v)), 'go/unsupported-release'), [], v);
    const devel = officialPkgArm64();
    devel.commands['go.version']!.stdout = 'go version devel go1.20-abc Wed Oct 11 16:50:15 2023 +0000 darwin/arm64\n';
    devel.commands['go.env'] = undefined;
    assert.deepEqual(of(findings(devel), 'go/unsupported-release'), []);
  });
  it('uses the live toolchain when it is newer than the table: go1.29.0 makes the window 1.29/1.28', () => {
    const [f] = of(findings(linuxSnapshot({ version: 'go1.29.0' })), 'go/unsupported-release');
    assert.equal(f, undefined);
    assert.match(of(findings(linuxSnapshot({ version: 'go1.25.12' })), 'go/unsupported-release')[0]?.message ?? '', /Go 1\.27 and Go 1\.26/);
  });
});

describe('go/host-os-too-old', () => {
  it('fires for Go 1.27 on macOS 12 (needs 13 Ventura) and names Go 1.26 as the fallback', () => {
    const s = withMacOS(withGoVersion(officialPkgArm64(), 'go1.27.3'), '12.7.6', '21.6.0');
    const [f] = of(findings(s), 'go/host-os-too-old');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /Go 1\.27\.3 requires macOS 13 Ventura or later, but this Mac runs macOS 12\.7 Monterey/);
    assert.match(f?.fixes[0]?.kind === 'text' ? f.fixes[0].text : '', /Go 1\.26 is the newest release that supports macOS 12\.7 Monterey/);
  });
  it('fires for Go 1.23 on macOS 10.15 (needs 11)', () => {
    const s = withMacOS(withGoVersion(officialPkgArm64(), 'go1.23.5'), '10.15.7');
    assert.equal(of(findings(s), 'go/host-os-too-old').length, 1);
  });
  it('is silent when the macOS is new enough, and on Linux', () => {
    assert.deepEqual(of(findings(withMacOS(withGoVersion(officialPkgArm64(), 'go1.27.3'), '13.0')), 'go/host-os-too-old'), []);
    assert.deepEqual(of(findings(withMacOS(withGoVersion(officialPkgArm64(), 'go1.22.12'), '10.15')), 'go/host-os-too-old'), []);
    assert.deepEqual(of(findings(tahoeOldTools()), 'go/host-os-too-old'), []);
    assert.deepEqual(of(findings(linuxSnapshot()), 'go/host-os-too-old'), []);
  });
});

describe('go/rosetta', () => {
  it('fires for the Intel Homebrew Go on Apple Silicon, citing go version and sysctl', () => {
    const [f] = of(findings(intelHomebrewOnAppleSilicon()), 'go/rosetta');
    assert.equal(f?.severity, 'warning');
    assert.match(f?.message ?? '', /Intel darwin\/amd64 build running under Rosetta/);
    assert.match(f?.message ?? '', /Intel Homebrew under \/usr\/local/);
    const cmds = f?.evidence.filter((e) => e.kind === 'command').map((e) => (e.kind === 'command' ? e.argv.join(' ') : ''));
    assert.ok(cmds?.includes('/usr/sbin/sysctl -n hw.optional.arm64'));
    assert.ok(cmds?.includes('/usr/local/bin/go version'));
  });
  it('is silent for an arm64 Go, and for an amd64 Go on an Intel Mac', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'go/rosetta'), []);
    const intelMac = intelHomebrewOnAppleSilicon();
    intelMac.host.arch = 'x64';
    intelMac.commands['sysctl.arm64'] = command(['/usr/sbin/sysctl', '-n', 'hw.optional.arm64'], '0\n');
    intelMac.commands['sysctl.translated'] = command(['/usr/sbin/sysctl', '-n', 'sysctl.proc_translated'], '', 1);
    assert.deepEqual(of(findings(intelMac), 'go/rosetta'), []);
  });
});

describe('go/module-needs-newer', () => {
  const local = (s = officialPkgArm64()) => {
    s.env.GOTOOLCHAIN = 'local';
    return s;
  };
  it('GOTOOLCHAIN=local: error at the go line with the exact go message (facts §5.4)', () => {
    const ws = modWorkspace({ go: '1.25.0', toolchain: 'go1.25.3' });
    const [f] = of(findings(local(), ws), 'go/module-needs-newer');
    assert.equal(f?.severity, 'error');
    assert.ok(f?.message.includes('"go: go.mod requires go >= 1.25.0 (running go 1.24.3; GOTOOLCHAIN=local)"'));
    assert.deepEqual(f?.location, { file: `${ROOT}/go.mod`, range: range(2, 3, 2, 9) });
    assert.deepEqual(f?.evidence[1], { kind: 'env', name: 'GOTOOLCHAIN', value: 'local' });
  });
  it('go.work uses its own name in the message (re-run with go1.24.4)', () => {
    const [f] = of(findings(local(), modWorkspace({ go: '1.25.0', kind: 'go.work' })), 'go/module-needs-newer');
    assert.ok(f?.message.includes('"go: go.work requires go >= 1.25.0 (running go 1.24.3; GOTOOLCHAIN=local)"'));
    assert.equal(f?.location?.file, `${ROOT}/go.work`);
  });
  it('GOTOOLCHAIN=local with only a newer toolchain line: silent (go ignores it; verified with go1.24.4)', () => {
    assert.deepEqual(of(findings(local(), modWorkspace({ go: '1.21', toolchain: 'go1.25.3' })), 'go/module-needs-newer'), []);
  });
  it('GOTOOLCHAIN=local set with go env -w (GOENV file) counts too', () => {
    const s = officialPkgArm64();
    s.files['/Users/alice/Library/Application Support/go/env'] = { exists: true, content: 'GOTOOLCHAIN=local\n' };
    assert.equal(of(findings(s, modWorkspace({ go: '1.25.0' })), 'go/module-needs-newer')[0]?.severity, 'error');
  });
  it('default (auto): info at the toolchain line, quoting the download messages', () => {
    const [f] = of(findings(officialPkgArm64(), modWorkspace({ go: '1.25.0', toolchain: 'go1.25.3' })), 'go/module-needs-newer');
    assert.equal(f?.severity, 'info');
    assert.ok(f?.message.includes('"go: downloading go1.25.3 (darwin/arm64)"'));
    assert.ok(f?.message.includes('"go: download go1.25.3 for darwin/arm64: toolchain not available"'));
    assert.deepEqual(f?.location?.range, range(4, 10, 4, 18));
    assert.deepEqual(f?.evidence[1], { kind: 'note', text: 'GOTOOLCHAIN=auto (from go env)' });
  });
  it('a probe-forced GOTOOLCHAIN=local in go env is not the user\'s: the go.env default auto applies', () => {
    const [f] = of(findings(linuxSnapshot({ version: 'go1.24.4', goEnv: { GOTOOLCHAIN: 'local' } }), modWorkspace({ go: '1.25.0' })), 'go/module-needs-newer');
    assert.equal(f?.severity, 'info');
    assert.ok(f?.message.includes('"go: downloading go1.25.0 (linux/amd64)"'));
    assert.deepEqual(f?.evidence[1], { kind: 'note', text: 'GOTOOLCHAIN is not set: the standard $GOROOT/go.env default is auto' });
  });
  it('auto with a go line only: switches to go<line>.0', () => {
    const [f] = of(findings(officialPkgArm64(), modWorkspace({ go: '1.26' })), 'go/module-needs-newer');
    assert.ok(f?.message.includes('"go: downloading go1.26.0 (darwin/arm64)"'));
  });
  it('GOTOOLCHAIN=path: warning quoting the PATH lookup failure', () => {
    const s = officialPkgArm64();
    s.env.GOTOOLCHAIN = 'path';
    const [f] = of(findings(s, modWorkspace({ go: '1.21', toolchain: 'go1.25.3' })), 'go/module-needs-newer');
    assert.equal(f?.severity, 'warning');
    assert.ok(f?.message.includes('"go: cannot find "go1.25.3" in PATH"'));
  });
  it('is silent when the directives are not newer', () => {
    for (const ws of [modWorkspace({ go: '1.21' }), modWorkspace({ go: '1.24.3' }), modWorkspace({ go: '1.24' }), modWorkspace({ go: '1.21', toolchain: 'default' })]) {
      assert.deepEqual(of(findings(local(), ws), 'go/module-needs-newer'), []);
      assert.deepEqual(of(findings(officialPkgArm64(), ws), 'go/module-needs-newer'), []);
    }
  });
});

describe('go/goroot-mismatch', () => {
  it('fires when GOROOT is set to another installation', () => {
    const s = withGoEnv(officialPkgArm64(), { GOROOT: '/usr/local/go1.21' });
    s.env.GOROOT = '/usr/local/go1.21';
    const [f] = of(findings(s), 'go/goroot-mismatch');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /GOROOT is \/usr\/local\/go1\.21 \(set in the environment\), but the go command on PATH \(\/usr\/local\/go\/bin\/go\) belongs to \/usr\/local\/go/);
    assert.match(f?.message ?? '', /does not match go tool version "go1\.24\.3"/);
  });
  it('fires when GOROOT/bin/go is a different file than the go on PATH', () => {
    const s = withGoEnv(officialPkgArm64(), { GOROOT: '/opt/go' });
    s.tools.push({ name: 'go', dir: '/opt/go/bin', path: '/opt/go/bin/go', realPath: '/opt/go/bin/go', size: 1, mtimeMs: 1, source: { kind: 'goroot' } });
    assert.equal(of(findings(s), 'go/goroot-mismatch').length, 1);
  });
  it('is silent for a matching GOROOT, a symlinked install, and GOROOT set to a symlink of the same root', () => {
    assert.deepEqual(of(findings(officialPkgArm64()), 'go/goroot-mismatch'), []);
    assert.deepEqual(of(findings(homebrewArm64()), 'go/goroot-mismatch'), []);
    const symlinked = officialPkgArm64();
    symlinked.tools[0] = { ...symlinked.tools[0]!, realPath: '/usr/local/go1.24.3/bin/go' };
    assert.deepEqual(of(findings(symlinked), 'go/goroot-mismatch'), []);
    const viaOpt = withGoEnv(homebrewArm64(), { GOROOT: '/opt/homebrew/opt/go/libexec' });
    viaOpt.env.GOROOT = '/opt/homebrew/opt/go/libexec';
    viaOpt.tools.push({ name: 'go', dir: '/opt/homebrew/opt/go/libexec/bin', path: '/opt/homebrew/opt/go/libexec/bin/go', realPath: '/opt/homebrew/Cellar/go/1.24.3/libexec/bin/go', size: 1, mtimeMs: 1, source: { kind: 'goroot' } });
    assert.deepEqual(of(findings(viaOpt), 'go/goroot-mismatch'), []);
  });
});

describe('go/gotoolchain-setting (messages re-run with go1.27.3, GOPROXY=off)', () => {
  const withToolchain = (value: string) => linuxSnapshot({ env: { GOTOOLCHAIN: value } });
  it('GOTOOLCHAIN=go1.99.0 in the environment: every go command switches and downloads first', () => {
    const [f] = of(findings(withToolchain('go1.99.0')), 'go/gotoolchain-setting');
    assert.equal(f?.severity, 'warning');
    assert.ok(f?.message.includes('every go command run go1.99.0 instead of the local go1.27.3'), f?.message);
    assert.ok(f?.message.includes('"go: downloading go1.99.0 (linux/amd64)"'), f?.message);
    assert.ok(f?.message.includes('"go: download go1.99.0 for linux/amd64: toolchain not available"'), f?.message);
    assert.ok(f?.message.includes('newer than any Go release the doctor knows of'));
    assert.deepEqual(f?.evidence[0], { kind: 'env', name: 'GOTOOLCHAIN', value: 'go1.99.0' });
    // module-needs-newer takes go1.99.0 as the running version: no second finding for an older go line.
    assert.deepEqual(of(findings(withToolchain('go1.99.0'), modWorkspace({ go: '1.27.0' })), 'go/module-needs-newer'), []);
  });
  it('+path quotes the PATH lookup; an older name switches too', () => {
    assert.ok(of(findings(withToolchain('go1.99.0+path')), 'go/gotoolchain-setting')[0]?.message.includes('"go: cannot find "go1.99.0" in PATH"'));
    const [older] = of(findings(withToolchain('go1.21.0+auto')), 'go/gotoolchain-setting');
    assert.ok(older?.message.includes('"go: downloading go1.21.0 (linux/amd64)"'));
    assert.ok(!older?.message.includes('newer than any Go release'));
  });
  it('invalid values: error quoting exactly what go prints', () => {
    for (const [value, printed] of [
      ['bogus', 'go: invalid GOTOOLCHAIN "bogus"'],
      ['1.99.0', 'go: invalid GOTOOLCHAIN "1.99.0"'],
      ['go1.27.03', 'go: invalid GOTOOLCHAIN "go1.27.03"'],
      ['go1.99/x', 'go: invalid GOTOOLCHAIN "go1.99/x"'],
      ['go1.99.0+local', 'go: invalid GOTOOLCHAIN "go1.99.0+local": only version suffixes are +auto and +path'],
      ['go1.99.0+auto+path', 'go: invalid GOTOOLCHAIN "go1.99.0+auto+path": only version suffixes are +auto and +path'],
      ['local+bogus', 'go: invalid GOTOOLCHAIN "local+bogus": only version suffixes are +auto and +path'],
      ['+auto', 'go: invalid GOTOOLCHAIN "+auto": invalid minimum toolchain ""'],
    ] as const) {
      const [f] = of(findings(withToolchain(value)), 'go/gotoolchain-setting');
      assert.equal(f?.severity, 'error', value);
      assert.ok(f?.message.includes(`"${printed}"`), `${value}: ${f?.message}`);
    }
  });
  it('a language version is refused by go', () => {
    const [f] = of(findings(withToolchain('go1.99')), 'go/gotoolchain-setting');
    assert.equal(f?.severity, 'error');
    assert.ok(f?.message.includes('"go: invalid toolchain: go1.99 is a language version but not a toolchain version (go1.99.x)"'));
  });
  it('set with go env -w: the fix is go env -w GOTOOLCHAIN=auto', () => {
    const s = linuxSnapshot({ files: { '/home/dev/.config/go/env': { exists: true, content: 'GOTOOLCHAIN=go1.99.0\n' } } });
    const [f] = of(findings(s), 'go/gotoolchain-setting');
    assert.equal(f?.fixes[0]?.kind, 'command');
    assert.deepEqual(f?.evidence[0], { kind: 'file', file: '/home/dev/.config/go/env', excerpt: 'GOTOOLCHAIN=go1.99.0' });
  });
  it('silent for auto, local, path, local+auto, the local toolchain itself, and when unset', () => {
    for (const value of ['auto', 'local', 'path', 'local+auto', 'local+path', 'go1.27.3', 'go1.27.3+auto']) assert.deepEqual(of(findings(withToolchain(value)), 'go/gotoolchain-setting'), [], value);
    assert.deepEqual(of(findings(linuxSnapshot()), 'go/gotoolchain-setting'), []);
  });
});

describe('go/module-needs-newer with versions past 9 digits (go1.27.3 reads them exactly)', () => {
  it('go 1.27.99999999999999999999999 is newer than the local go1.27.3', () => {
    const s = linuxSnapshot({ env: { GOTOOLCHAIN: 'local' } });
    const [f] = of(findings(s, modWorkspace({ go: '1.27.99999999999999999999999' })), 'go/module-needs-newer');
    assert.equal(f?.severity, 'error');
    assert.ok(f?.message.includes('"go: go.mod requires go >= 1.27.99999999999999999999999 (running go 1.27.3; GOTOOLCHAIN=local)"'), f?.message);
    const [auto] = of(findings(linuxSnapshot(), modWorkspace({ go: '1.27.99999999999999999999999' })), 'go/module-needs-newer');
    assert.ok(auto?.message.includes('"go: downloading go1.27.99999999999999999999999 (linux/amd64)"'), auto?.message);
  });
});

describe('go/gotoolchain-setting without a go', () => {
  it('is silent when there is no go command at all (go/not-found speaks)', () => {
    const enoent = emptySnapshot({ env: { GOTOOLCHAIN: 'go1.99.0' }, commands: { 'go.version': { argv: ['go', 'version'], stdout: '', stderr: '', exitCode: null, durationMs: 1, error: 'ENOENT: spawn go ENOENT' } } });
    assert.deepEqual(of(findings(enoent), 'go/gotoolchain-setting'), []);
  });
});
