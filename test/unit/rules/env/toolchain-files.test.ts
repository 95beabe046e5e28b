/**
 * Rules that read the files and lookups the probe records since the go env files and `go env CC`
 * landed: GOTOOLCHAIN from environment → GOENV file → $GOROOT/go.env → local (cmd/go cfg.Getenv,
 * go1.21.13/go1.27.3 source; facts §5.4), and the cgo compiler looked up by its `go env CC` name.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveMachineFacts } from '../../../../src/core/facts/index.js';
import { userGoToolchain } from '../../../../src/core/rules/go/gotoolchain-setting.js';
import type { Snapshot } from '../../../../src/core/snapshot.js';
import { cgoWorkspace, findings, linuxSnapshot, modWorkspace, of } from './env-context.js';

const USER_FILE = '/home/dev/.config/go/env';
const GO_ENV = '/usr/lib/go-1.27/go.env';
const standardGoEnv = { exists: true, isDirectory: false, content: 'GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n' };

/** go1.24.4 (forced GOTOOLCHAIN=local in go env, as the probe runs it) with the given files. */
function recorded(files: Snapshot['files'], env: Record<string, string> = {}): Snapshot {
  return linuxSnapshot({ version: 'go1.24.4', files, env });
}

const setting = (s: Snapshot) => userGoToolchain(s, deriveMachineFacts(s));
const needsNewer = (s: Snapshot) => of(findings(s, modWorkspace({ go: '1.25.0' })), 'go/module-needs-newer');

describe('GOTOOLCHAIN precedence (environment, GOENV file, $GOROOT/go.env, local)', () => {
  it('go env -w GOTOOLCHAIN=local in the GOENV file beats the go.env auto: error with the exact go message', () => {
    const s = recorded({ [USER_FILE]: { exists: true, content: 'GOPRIVATE=example.com\nGOTOOLCHAIN=local\n' }, [GO_ENV]: standardGoEnv });
    assert.deepEqual(setting(s), { raw: 'local', name: 'local', mode: 'local', source: 'GOENV file', file: USER_FILE });
    const [f] = needsNewer(s);
    assert.equal(f?.severity, 'error');
    assert.ok(f?.message.includes('"go: go.mod requires go >= 1.25.0 (running go 1.24.4; GOTOOLCHAIN=local)"'));
    assert.deepEqual(f?.evidence[1], { kind: 'file', file: USER_FILE, excerpt: 'GOTOOLCHAIN=local' });
    assert.ok(f?.fixes.some((x) => x.kind === 'command' && x.command === 'go env -w GOTOOLCHAIN=auto'));
  });
  it('the environment variable beats the GOENV file; an empty one does not (cmd/go ignores "")', () => {
    const files = { [USER_FILE]: { exists: true, content: 'GOTOOLCHAIN=local\n' }, [GO_ENV]: standardGoEnv };
    assert.equal(setting(recorded(files, { GOTOOLCHAIN: 'auto' })).source, 'environment');
    assert.equal(needsNewer(recorded(files, { GOTOOLCHAIN: 'auto' }))[0]?.severity, 'info');
    assert.equal(setting(recorded(files, { GOTOOLCHAIN: '' })).source, 'GOENV file');
  });
  it('without a GOENV setting, $GOROOT/go.env decides: auto → info, with the file as evidence', () => {
    const s = recorded({ [USER_FILE]: { exists: false }, [GO_ENV]: standardGoEnv });
    assert.deepEqual(setting(s), { raw: 'auto', name: 'local', mode: 'auto', source: 'GOROOT go.env', file: GO_ENV });
    const [f] = needsNewer(s);
    assert.equal(f?.severity, 'info');
    assert.deepEqual(f?.evidence[1], { kind: 'file', file: GO_ENV, excerpt: 'GOTOOLCHAIN=auto' });
  });
  it('a go.env without a GOTOOLCHAIN line, or no go.env at all, means local (facts §5.4): error', () => {
    for (const goEnv of [{ exists: true, content: 'GOPROXY=direct\n' }, { exists: false }]) {
      const s = recorded({ [USER_FILE]: { exists: false }, [GO_ENV]: goEnv });
      assert.deepEqual(setting(s), { raw: '', name: 'local', mode: 'local', source: 'unset', file: GO_ENV });
      const [f] = needsNewer(s);
      assert.equal(f?.severity, 'error');
      // what go1.27.3 prints then (no "; GOTOOLCHAIN=" part; re-run in test/toolchain/probe/go-env-files.test.ts)
      assert.ok(f?.message.includes('"go: go.mod requires go >= 1.25.0 (running go 1.24.4)"'), f?.message);
      assert.ok(f?.message.includes('an empty GOTOOLCHAIN (set nowhere, not even in /usr/lib/go-1.27/go.env) forbids switching'), f?.message);
      assert.match(JSON.stringify(f?.evidence[1]), /set neither in the environment, nor with go env -w, nor in \/usr\/lib\/go-1\.27\/go\.env: the go command uses local/);
    }
  });
  it('a go.env the probe could not read (or cut) is unknown: the standard auto is assumed, as for snapshots without it', () => {
    assert.equal(setting(recorded({ [GO_ENV]: { exists: true, isDirectory: false, error: 'unreadable' } })).source, 'default');
    assert.equal(setting(recorded({ [GO_ENV]: { exists: true, content: 'GOPROXY=direct\nGOTOOL', truncated: true } })).source, 'default');
    assert.equal(setting(recorded({})).source, 'default');
    assert.equal(needsNewer(recorded({}))[0]?.severity, 'info');
  });
  it('GOENV file forms: later line wins, path → warning, a commented line is ignored, an empty value means local', () => {
    const file = (content: string) => recorded({ [USER_FILE]: { exists: true, content }, [GO_ENV]: standardGoEnv });
    const [empty] = needsNewer(file('GOTOOLCHAIN=\n'));
    assert.equal(empty?.severity, 'error', 'GOTOOLCHAIN= in the user file hides go.env (verified with go1.27.3)');
    assert.ok(empty?.message.includes(`an empty GOTOOLCHAIN (set so in ${USER_FILE}) forbids switching`), empty?.message);
    assert.equal(setting(file('GOTOOLCHAIN=local\nGOTOOLCHAIN=path\n')).mode, 'path');
    assert.equal(needsNewer(file('GOTOOLCHAIN=path\n'))[0]?.severity, 'warning');
    assert.equal(setting(file('# GOTOOLCHAIN=local\n')).source, 'GOROOT go.env');
  });
});

describe('cgo rules with the go env CC lookup', () => {
  const explicit = { env: { CGO_ENABLED: '1' }, goEnv: { CGO_ENABLED: '1' } };
  it('no-compiler names the go env CC program when its own lookup says missing, even with gcc present', () => {
    const s = linuxSnapshot({ ...explicit, which: { gcc: '/usr/bin/gcc', 'x86_64-linux-gnu-gcc': null } });
    const [f] = of(findings(s, cgoWorkspace()), 'cgo/no-compiler');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /C compiler "x86_64-linux-gnu-gcc" is not on PATH/);
    assert.ok(f?.evidence.some((e) => e.kind === 'note' && e.text === 'PATH lookup: x86_64-linux-gnu-gcc → not found'));
  });
  it('no-compiler and disabled-silently stay silent when the go env CC program is found, even with gcc missing', () => {
    const found = { gcc: null, cc: null, clang: null, 'x86_64-linux-gnu-gcc': '/usr/bin/x86_64-linux-gnu-gcc' };
    assert.deepEqual(of(findings(linuxSnapshot({ ...explicit, which: found }), cgoWorkspace()), 'cgo/no-compiler'), []);
    assert.deepEqual(of(findings(linuxSnapshot({ which: found, goEnv: { CGO_ENABLED: '0' } }), cgoWorkspace()), 'cgo/disabled-silently'), []);
  });
  it('disabled-silently uses the go env CC lookup (Homebrew-style cc missing on Linux)', () => {
    const s = linuxSnapshot({ goEnv: { CGO_ENABLED: '0', CC: 'cc' }, which: { gcc: '/usr/bin/gcc', cc: null } });
    const [f] = of(findings(s, cgoWorkspace()), 'cgo/disabled-silently');
    assert.match(f?.message ?? '', /the default C compiler "cc" is not on PATH/);
  });
  it('a quoted go env CC is looked up by its whole quoted program, as the probe records it', () => {
    const quoted = { env: { CGO_ENABLED: '1', CC: '"/opt/my cc/bin/cc" -m64' }, goEnv: { CGO_ENABLED: '1', CC: '"/opt/my cc/bin/cc" -m64' } };
    const missing = linuxSnapshot({ ...quoted, which: { '/opt/my cc/bin/cc': null } });
    assert.match(of(findings(missing, cgoWorkspace()), 'cgo/no-compiler')[0]?.message ?? '', /C compiler "\/opt\/my cc\/bin\/cc" is not on PATH/);
    const present = linuxSnapshot({ ...quoted, which: { '/opt/my cc/bin/cc': '/opt/my cc/bin/cc' } });
    assert.deepEqual(of(findings(present, cgoWorkspace()), 'cgo/no-compiler'), []);
  });
});
