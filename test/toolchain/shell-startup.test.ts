/**
 * The doctor's explanation of "Go is installed but not on PATH" against REAL shells: for each
 * constructed home, bash, zsh and fish are started as VS Code starts them (`$SHELL -i -l -c`) and
 * the PATH they really produce is compared with the doctor's verdict, which it reaches by reading
 * the startup files only (it never runs a shell). Needs bash, zsh and fish (.ci/run installs them).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { explainInvisibleGo } from '../../src/core/facts/go-visibility.js';
import { probeMachine } from '../../src/probe/machine.js';

const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const realGoroot = join(toolchains, 'go1.24');
const SHELLS: Record<string, string> = { bash: '/bin/bash', zsh: '/usr/bin/zsh', fish: '/usr/bin/fish' };
const missing = Object.values(SHELLS).filter((s) => !existsSync(s));
if (missing.length > 0) throw new Error(`missing shells ${missing.join(', ')} (apt-get install zsh fish)`);

const roots: string[] = [];
after(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

interface Case {
  name: string;
  shell: keyof typeof SHELLS;
  /** Files relative to the home; `GO` is replaced by the Go's bin directory written with $HOME. */
  files: Record<string, string>;
}

const CASES: Case[] = [
  { name: 'bash: PATH in ~/.bashrc, ~/.bash_profile does not source it', shell: 'bash', files: { '.bash_profile': 'export EDITOR=vi\n', '.bashrc': 'export PATH="GO:$PATH"\n' } },
  { name: 'bash: PATH in ~/.bashrc, ~/.bash_profile sources it', shell: 'bash', files: { '.bash_profile': '[ -f ~/.bashrc ] && . ~/.bashrc\n', '.bashrc': 'export PATH="GO:$PATH"\n' } },
  { name: 'bash: PATH in ~/.profile, shadowed by an existing ~/.bash_profile', shell: 'bash', files: { '.bash_profile': '# nothing\n', '.profile': 'PATH="GO:$PATH"\n' } },
  { name: 'bash: PATH in ~/.profile, no ~/.bash_profile', shell: 'bash', files: { '.profile': 'PATH="GO:$PATH"\nexport PATH\n' } },
  { name: 'bash: no file adds it', shell: 'bash', files: { '.bashrc': 'alias ll="ls -l"\n' } },
  { name: 'zsh: PATH in ~/.zshrc', shell: 'zsh', files: { '.zshrc': 'export PATH="GO:$PATH"\n' } },
  { name: 'zsh: PATH only in ~/.profile and ~/.bashrc (zsh reads neither)', shell: 'zsh', files: { '.zshenv': '\n', '.profile': 'export PATH="GO:$PATH"\n', '.bashrc': 'export PATH="GO:$PATH"\n' } },
  { name: 'zsh: PATH in ~/.zprofile', shell: 'zsh', files: { '.zprofile': 'path=("GO" $path)\nexport PATH\n' } },
  { name: 'fish: fish_add_path in config.fish', shell: 'fish', files: { '.config/fish/config.fish': 'fish_add_path GO\n' } },
  { name: 'fish: PATH only in ~/.profile (fish does not read it)', shell: 'fish', files: { '.config/fish/config.fish': '# empty\n', '.profile': 'export PATH="GO:$PATH"\n' } },
];

function constructHome(c: Case): { home: string; bin: string } {
  const root = mkdtempSync(join(tmpdir(), 'go-doctor-shell-'));
  roots.push(root);
  const home = join(root, 'home');
  mkdirSync(join(home, 'sdk'), { recursive: true });
  symlinkSync(realGoroot, join(home, 'sdk', 'go1.24.4'));
  const bin = join(home, 'sdk', 'go1.24.4', 'bin');
  for (const [rel, content] of Object.entries(c.files)) {
    mkdirSync(dirname(join(home, rel)), { recursive: true });
    const goBin = c.shell === 'fish' ? '~/sdk/go1.24.4/bin' : '$HOME/sdk/go1.24.4/bin';
    writeFileSync(join(home, rel), content.replace(/GO/g, goBin));
  }
  return { home, bin };
}

/** What the real login shell puts on PATH: the ground truth. */
function realLoginPath(shell: string, home: string): string[] {
  const r = spawnSync(shell, ['-i', '-l', '-c', 'printf "%s" "$PATH"'], {
    env: { HOME: home, SHELL: shell, PATH: '/usr/bin:/bin', TERM: 'dumb', XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') },
    encoding: 'utf8',
    timeout: 20_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  assert.equal(r.error, undefined, String(r.error));
  const out = r.stdout.split('\n').pop() ?? '';
  return out.split(/[: ]/);
}

describe('installed-but-not-on-PATH explanations agree with real login shells', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const { home, bin } = constructHome(c);
      const shell = SHELLS[c.shell]!;
      const env = { HOME: home, SHELL: shell, PATH: '/usr/bin:/bin', XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share') };
      const snapshot = await probeMachine({ env, cache: false, currentDirectory: home });
      assert.ok(snapshot.goInstallations?.some((i) => i.version === 'go1.24.4'), 'the ~/sdk Go is found');
      assert.ok(!Object.keys(snapshot.commands).some((id) => snapshot.commands[id]?.exitCode !== undefined && snapshot.commands[id]?.skipped === undefined), 'no go command ran: there is none on PATH');
      const x = explainInvisibleGo(snapshot);
      assert.ok(x);
      const doctorSaysLoginShellHasIt = x.reason === 'read';
      const reallyHasIt = realLoginPath(shell, home).includes(bin) || realLoginPath(shell, home).some((d) => d.endsWith('/sdk/go1.24.4/bin'));
      assert.equal(doctorSaysLoginShellHasIt, reallyHasIt, `doctor: ${x.reason} (${x.readFiles.map((f) => f.display).join(', ')}); real ${shell} -i -l: ${realLoginPath(shell, home).join(':')}`);
    });
  }
});
