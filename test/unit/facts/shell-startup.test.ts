import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { filesReadByLoginShell, mentionsOf, recommendedStartupFile, shellKind, startupFileCandidates } from '../../../src/core/facts/shell-startup.js';
import type { FileFact } from '../../../src/core/snapshot.js';

const HOME = '/home/ana';
const file = (content: string): FileFact => ({ exists: true, isDirectory: false, content });
const env = (shell: string, extra: Record<string, string> = {}) => ({ HOME, SHELL: shell, ...extra });
const read = (shell: string, files: Record<string, FileFact>, platform = 'linux') => filesReadByLoginShell(shellKind(shell), env(shell), platform, files).map((f) => f.display);

describe('which startup files the editor’s login shell reads', () => {
  it('bash: /etc/profile and the first of ~/.bash_profile, ~/.bash_login, ~/.profile — not ~/.bashrc', () => {
    const files = { '/etc/profile': file(''), [`${HOME}/.bash_profile`]: file('export EDITOR=vi'), [`${HOME}/.profile`]: file(''), [`${HOME}/.bashrc`]: file('') };
    assert.deepEqual(read('/bin/bash', files), ['/etc/profile', '~/.bash_profile']);
    const noProfile = { '/etc/profile': file(''), [`${HOME}/.bash_login`]: file(''), [`${HOME}/.profile`]: file('') };
    assert.deepEqual(read('/bin/bash', noProfile), ['/etc/profile', '~/.bash_login']);
  });
  it('bash: follows `. ~/.bashrc` / `source "$HOME/.bashrc"` from the login file', () => {
    for (const line of ['. ~/.bashrc', 'source "$HOME/.bashrc"', '[ -f ~/.bashrc ] && . ~/.bashrc', 'if [ -f "${HOME}/.bashrc" ]; then . "${HOME}/.bashrc"; fi']) {
      const files = { [`${HOME}/.bash_profile`]: file(line), [`${HOME}/.bashrc`]: file('') };
      assert.deepEqual(read('/usr/bin/bash', files), ['~/.bash_profile', '~/.bashrc'], line);
    }
    const commented = { [`${HOME}/.bash_profile`]: file('# . ~/.bashrc'), [`${HOME}/.bashrc`]: file('') };
    assert.deepEqual(read('/bin/bash', commented), ['~/.bash_profile']);
  });
  it('zsh reads zshenv, zprofile, zshrc and zlogin (in $ZDOTDIR when set), never ~/.profile', () => {
    const files = { [`${HOME}/.zshrc`]: file(''), [`${HOME}/.zprofile`]: file(''), [`${HOME}/.profile`]: file('') };
    assert.deepEqual(read('/bin/zsh', files), ['~/.zprofile', '~/.zshrc']);
    const z = filesReadByLoginShell('zsh', env('/bin/zsh', { ZDOTDIR: '/cfg/zsh' }), 'linux', { '/cfg/zsh/.zshenv': file(''), [`${HOME}/.zshenv`]: file('') });
    assert.deepEqual(z.map((f) => f.path), ['/cfg/zsh/.zshenv']);
  });
  it('fish reads config.fish and fish_variables; macOS adds /etc/paths for POSIX shells', () => {
    const files = { [`${HOME}/.config/fish/config.fish`]: file(''), [`${HOME}/.config/fish/fish_variables`]: file('') };
    assert.deepEqual(read('/usr/bin/fish', files), ['~/.config/fish/config.fish', '~/.config/fish/fish_variables']);
    assert.deepEqual(read('/bin/zsh', { '/etc/paths': file('/usr/local/bin'), [`${HOME}/.zshrc`]: file('') }, 'darwin'), ['/etc/paths', '~/.zshrc']);
    // the go.dev .pkg's /etc/paths.d/go is read through path_helper by login bash and zsh
    const pkg = { '/etc/paths.d/go': file('/usr/local/go/bin\n'), '/etc/profile': file('') };
    assert.deepEqual(read('/bin/bash', pkg, 'darwin'), ['/etc/paths.d/go', '/etc/profile']);
    const m = mentionsOf(['/usr/local/go/bin'], 'zsh', env('/bin/zsh'), 'darwin', pkg);
    assert.deepEqual(m.map((x) => `${x.file.display}:${x.line}`), ['/etc/paths.d/go:1']);
  });
  it('recommends the file the login shell reads', () => {
    assert.equal(recommendedStartupFile('bash', env('/bin/bash'), 'linux', { [`${HOME}/.bash_profile`]: file('') })?.display, '~/.bash_profile');
    assert.equal(recommendedStartupFile('bash', env('/bin/bash'), 'linux', {})?.display, '~/.profile');
    assert.equal(recommendedStartupFile('zsh', env('/bin/zsh'), 'darwin', {})?.display, '~/.zprofile');
    assert.equal(recommendedStartupFile('fish', env('/bin/fish'), 'linux', {})?.display, '~/.config/fish/config.fish');
  });
});

describe('lines that name a Go directory', () => {
  const bin = `${HOME}/sdk/go1.24.4/bin`;
  const goroot = `${HOME}/sdk/go1.24.4`;
  const at = (content: string, shell = '/bin/bash', name = '.bashrc') =>
    mentionsOf([bin, goroot], shellKind(shell), env(shell), 'linux', { [`${HOME}/${name}`]: file(content) }).map((m) => m.line);
  it('finds literal, ~, $HOME and ${HOME} forms and a GOROOT assignment', () => {
    assert.deepEqual(at(`export PATH=${bin}:$PATH`), [1]);
    assert.deepEqual(at('export PATH="$PATH:~/sdk/go1.24.4/bin"'), [1]);
    assert.deepEqual(at('\nexport PATH="$HOME/sdk/go1.24.4/bin:$PATH"'), [2]);
    assert.deepEqual(at('PATH=${HOME}/sdk/go1.24.4/bin:$PATH'), [1]);
    assert.deepEqual(at('export GOROOT=$HOME/sdk/go1.24.4\nexport PATH=$GOROOT/bin:$PATH'), [1]);
    assert.deepEqual(at('set -U fish_user_paths ~/sdk/go1.24.4/bin', '/usr/bin/fish', '.config/fish/config.fish'), [1]);
  });
  it('ignores comments and longer names that only start the same', () => {
    assert.deepEqual(at(`# export PATH=${bin}:$PATH`), []);
    assert.deepEqual(at('export PATH=$HOME/sdk/go1.24.40/bin:$PATH'), []);
  });
  it('never throws and stays within the recorded lines on any content (property)', () => {
    const candidates = startupFileCandidates('bash', env('/bin/bash'), 'linux');
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom(...candidates.map((c) => c.path)), (content, path) => {
        const files = { [path]: file(content) };
        const lines = content.split(/\r\n|\r|\n/).length;
        for (const m of mentionsOf([bin, goroot], 'bash', env('/bin/bash'), 'linux', files)) assert.ok(m.line >= 1 && m.line <= lines);
        const readFiles = filesReadByLoginShell('bash', env('/bin/bash'), 'linux', files);
        assert.ok(readFiles.every((f) => files[f.path] !== undefined));
      }),
    );
  });
});

describe('what the probe records of a startup file', () => {
  it('keeps PATH and sourcing lines (line numbers intact) and drops the rest', async () => {
    const { keepPathLines } = await import('../../../src/probe/shell-startup-files.js');
    const kept = keepPathLines('export API_TOKEN=s3cret\n[ -f ~/.bashrc ] && . ~/.bashrc\nsource ~/.aliases\nexport PATH="$HOME/sdk/go1.24.4/bin:$PATH"\r\nalias ll=ls');
    assert.equal(kept, '\n[ -f ~/.bashrc ] && . ~/.bashrc\nsource ~/.aliases\nexport PATH="$HOME/sdk/go1.24.4/bin:$PATH"\r\n');
  });
});

describe('the recorded startup files are the same from run to run', () => {
  it('lists them in the shell’s order whatever order the reads finish in (the result-store key depends on it)', async () => {
    const { probeShellStartupFiles } = await import('../../../src/probe/shell-startup-files.js');
    const paths = startupFileCandidates('bash', env('/bin/bash'), 'linux').map((c) => c.path);
    const delays = [paths.map((_, i) => i * 3), paths.map((_, i) => (paths.length - i) * 3)];
    const orders: string[][] = [];
    for (const delay of delays) {
      const wait = (p: string) => new Promise((r) => setTimeout(r, delay[paths.indexOf(p)] ?? 0));
      const fs = {
        stat: async (p: string) => (await wait(p), { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o644, size: 10, mtimeMs: 0, ino: 1 }),
        lstat: () => Promise.resolve(undefined),
        realpath: (p: string) => Promise.resolve(p),
        readlink: () => Promise.resolve(undefined),
        readText: async (p: string) => (await wait(p), 'export PATH=/x:$PATH'),
      };
      orders.push(Object.keys(await probeShellStartupFiles('linux', env('/bin/bash'), fs)));
    }
    assert.deepEqual(orders[0], paths);
    assert.deepEqual(orders[1], paths);
  });
});
