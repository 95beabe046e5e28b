import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileFact, Snapshot } from '../../../../src/core/snapshot.js';
import { emptySnapshot } from '../../../support/snapshots.js';
import { officialPkgArm64 } from '../../../support/mac-fixtures.js';
import { findings, of } from './env-context.js';

const HOME = '/home/ana';
const file = (content: string): FileFact => ({ exists: true, isDirectory: false, content });
const noGo = { 'go.version': { argv: ['go', 'version'], stdout: '', stderr: '', exitCode: null, durationMs: 0, skipped: 'no go binary in an absolute PATH directory' } };

function machine(files: Record<string, FileFact>, extra: Partial<Snapshot> = {}): Snapshot {
  return emptySnapshot({
    env: { HOME, SHELL: '/bin/bash', PATH: '/usr/bin:/bin' },
    commands: noGo,
    files,
    goInstallations: [
      { goroot: `${HOME}/sdk/go1.24.4`, source: 'golang.org/dl', version: 'go1.24.4' },
      { goroot: `${HOME}/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.25.3.linux-amd64`, source: 'toolchain-module', version: 'go1.25.3' },
    ],
    ...extra,
  });
}

describe('go/installed-not-on-path', () => {
  it('names the Go, the ~/.bashrc line a login bash does not read, and offers to source it', () => {
    const s = machine({ [`${HOME}/.bash_profile`]: file('export EDITOR=vi'), [`${HOME}/.bashrc`]: file('\nexport PATH="$HOME/sdk/go1.24.4/bin:$PATH"') });
    const [f, ...rest] = of(findings(s), 'go/installed-not-on-path');
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'error');
    assert.match(f.message, /go1\.24\.4 in ~\/sdk\/go1\.24\.4 \(golang\.org\/dl\) \(and 1 more: go1\.25\.3/);
    assert.match(f.message, /The PATH line is in ~\/\.bashrc \(line 2\), which a login bash does not read/);
    assert.match(f.message, /open a new terminal/);
    assert.ok(f.fixes.some((x) => x.kind === 'text' && x.text.includes('[ -f ~/.bashrc ] && . ~/.bashrc')));
    const cmd = f.fixes.find((x) => x.kind === 'command');
    assert.equal(cmd?.kind === 'command' && cmd.outsideWorkspace, true);
    assert.equal(of(findings(s), 'go/not-found').length, 0, 'go/not-found is for machines without Go');
  });
  it('says the process started before the line when the login file adds it (VS Code over Remote-SSH: restart the server)', () => {
    const s = machine({ [`${HOME}/.profile`]: file('PATH="$HOME/sdk/go1.24.4/bin:$PATH"') }, { editor: { name: 'vscode', remoteName: 'ssh-remote' } });
    const [f] = of(findings(s), 'go/installed-not-on-path');
    assert.match(f!.message, /~\/\.profile line 1 puts it on PATH/);
    assert.match(f!.message, /Kill VS Code Server on Host/);
  });
  it('offers the PATH line for the login file when no file adds it; local VS Code on macOS is told to quit and reopen', () => {
    const s = machine({}, { host: { platform: 'darwin', arch: 'arm64', release: '25.0.0' }, editor: { name: 'vscode' }, env: { HOME, SHELL: '/bin/zsh', PATH: '/usr/bin:/bin' } });
    const [f] = of(findings(s), 'go/installed-not-on-path');
    assert.match(f!.message, /No startup file of \/bin\/zsh adds ~\/sdk\/go1\.24\.4\/bin to PATH/);
    assert.match(f!.message, /quit VS Code and open it again/);
    const text = f!.fixes.find((x) => x.kind === 'text');
    assert.equal(text?.kind === 'text' && text.text, 'Add this line to ~/.zprofile: export PATH="$HOME/sdk/go1.24.4/bin:$PATH"');
  });
  it('is silent when go is on PATH, and when nothing is installed (go/not-found then)', () => {
    const onPath = officialPkgArm64();
    onPath.goInstallations = [{ goroot: '/usr/local/go', source: 'official', version: 'go1.24.4' }];
    assert.deepEqual(of(findings(onPath), 'go/installed-not-on-path'), []);
    const none = machine({}, { goInstallations: [] });
    assert.deepEqual(of(findings(none), 'go/installed-not-on-path'), []);
    assert.equal(of(findings(none), 'go/not-found').length, 1);
  });
  it('quotes a home with a quote in the append command', () => {
    const home = "/home/o'neil";
    const s = machine({}, { env: { HOME: home, SHELL: '/bin/bash' }, goInstallations: [{ goroot: `${home}/sdk/go1.24.4`, source: 'golang.org/dl', version: 'go1.24.4' }] });
    const cmd = of(findings(s), 'go/installed-not-on-path')[0]!.fixes.find((x) => x.kind === 'command');
    assert.ok(cmd?.kind === 'command');
    assert.ok(cmd.command.endsWith(`>> '/home/o'\\''neil/.profile'`), cmd.command);
  });
});
