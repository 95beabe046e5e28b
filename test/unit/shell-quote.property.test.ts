/**
 * Command fixes quote every path with one function (src/core/shell-quote.ts). These tests hand the
 * produced commands to real shells (dash, bash, zsh, fish; each one that is installed) through
 * argument arrays and check that hostile names (quotes, spaces, `$()`, backticks, newlines, `;`, a
 * leading `-`, unicode) come back exactly and that nothing they hold is run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { displayCommand } from '../../src/core/facts/command-outcome.js';
import { addToPathFix } from '../../src/core/rules/path/gobin-not-on-path.js';
import { shellCommand, shellQuote } from '../../src/core/shell-quote.js';
import { profileFix } from '../../src/watchdog/storm-fixes.js';

const SHELLS = [...new Set(['/bin/sh', '/usr/bin/dash', '/usr/bin/bash', '/usr/bin/zsh', '/usr/bin/fish'].filter((s) => existsSync(s)).map((s) => realpathSync(s)))];
const work = mkdtempSync(join(tmpdir(), 'go-doctor-quote-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Something a hostile directory name could run, were it ever unquoted: it creates `pwned` in the cwd. */
const PAYLOADS = ["'", '"', '$(touch pwned)', '`touch pwned`', '; touch pwned', '\n touch pwned\n', '&& touch pwned', '| touch pwned', '$HOME', '${HOME}', '\\', "\\'", "'\\''", '~', '*', '?', '[a]', '{a,b}', '#', '!', '%self', '=ls', '(x)', ' ', '\t', '-', '--', '-rf', 'é', '日本', '😀', '\u202e', ':'];

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ maxLength: 6 })), { maxLength: 6 })
  .map((parts) => parts.join(''))
  .filter((s) => !s.includes('\0') && !/[\uD800-\uDFFF]/u.test(s)); // no NUL (never in a path), no lone surrogate (not UTF-8)

function runShell(shell: string, script: string, env: Record<string, string> = {}): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(shell, ['-c', script], { cwd: work, env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', ...env }, encoding: 'utf8', timeout: 20_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function assertNothingRan(): void {
  assert.deepEqual(readdirSync(work).filter((f) => f.startsWith('pwned')), [], 'a quoted word ran a command');
}

describe('shellQuote', () => {
  it('plain words stay as they are; everything else is one quoted word', () => {
    assert.equal(shellQuote('/usr/local/go/bin'), '/usr/local/go/bin');
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
    assert.equal(shellQuote('a\\b'), "'a'\\\\'b'");
    assert.equal(shellQuote('=x'), "'=x'");
    assert.equal(shellQuote('%self'), "'%self'", 'fish expands a leading %self to its pid');
    assert.equal(shellQuote('a%self'), 'a%self');
    assert.equal(shellCommand(['go', 'version', '-m', '/a b/gopls']), "go version -m '/a b/gopls'");
    assert.equal(displayCommand(['echo', '$(id)']), "echo '$(id)'");
  });

  for (const shell of SHELLS) {
    it(`${shell}: every hostile word is read back exactly, as one argument, and runs nothing`, () => {
      fc.assert(
        fc.property(fc.array(hostile, { minLength: 1, maxLength: 15 }), (words) => {
          // printf %s\0 prints each argument it receives, NUL-terminated: the words come back one by one.
          const r = runShell(shell, `printf '%s\\000' ${words.map(shellQuote).join(' ')}`);
          assert.equal(r.status, 0, r.stderr);
          assert.deepEqual(r.stdout.split('\0').slice(0, -1), words);
          assertNothingRan();
        }),
        { numRuns: 6 },
      );
    });
  }
});

describe('path/gobin-not-on-path: the "add to PATH" command with hostile directory names', () => {
  const posixProfileShells = SHELLS.filter((s) => !s.endsWith('fish'));
  for (const shell of SHELLS) {
    it(`run in ${shell}, each command appends one line that, sourced by sh, bash and zsh, adds exactly its directory to PATH`, () => {
      fc.assert(
        fc.property(fc.array(hostile.filter((d) => !d.includes(':') && !d.startsWith('~')), { minLength: 1, maxLength: 8 }), (tails) => {
          const dirs = tails.map((tail) => `/Users/o'brien/${tail}`);
          const home = mkdtempSync(join(work, 'home-'));
          const commands = dirs.map((dir) => {
            const fix = addToPathFix(dir, '~/.profile');
            assert.equal(fix.kind, 'command');
            return fix.kind === 'command' ? fix.command : '';
          });
          // One command per line, as a user pasting them one after the other would run them.
          const r = runShell(shell, commands.join('\n'), { HOME: home });
          assert.equal(r.status, 0, `${commands.join('\n')}\n${r.stderr}`);
          assertNothingRan();
          const profile = readFileSync(join(home, '.profile'), 'utf8');
          assert.ok(profile.endsWith('\n'));
          for (const reader of posixProfileShells) {
            const sourced = runShell(reader, `. "$HOME/.profile" && printf %s "$PATH"`, { HOME: home });
            assert.equal(sourced.status, 0, `${reader}: ${sourced.stderr}\n${profile}`);
            assert.equal(sourced.stdout, ['/usr/bin:/bin', ...dirs].join(':'), `${reader} read back the profile ${JSON.stringify(profile)}`);
            assertNothingRan();
          }
        }),
        { numRuns: 3 },
      );
    });
  }

  it('a directory with ":" cannot be on PATH: advice instead of a command', () => {
    assert.equal(addToPathFix('/Users/a:b/go/bin', '~/.zprofile').kind, 'text');
  });

  it('a redacted home (~) stays the home directory', () => {
    const fix = addToPathFix("~/go w/bin'x", '~/.profile');
    assert.equal(fix.kind, 'command');
    if (fix.kind !== 'command') return;
    const home = join(work, 'home-tilde');
    mkdirSync(home);
    assert.equal(runShell('/bin/sh', fix.command, { HOME: home }).status, 0);
    const sourced = runShell('/bin/sh', '. "$HOME/.profile" && printf %s "$PATH"', { HOME: home });
    assert.equal(sourced.stdout, `/usr/bin:/bin:${home}/go w/bin'x`);
  });
});

describe('watchdog: the gopls profile command quotes the debug address', () => {
  it('a hostile -debug address is one word of the curl command', () => {
    const fix = profileFix([['gopls', "-debug=localhost:6060/'$(touch pwned)'"]]);
    assert.equal(fix.kind, 'text');
    if (fix.kind !== 'text') return;
    const curl = /^curl .*$/m.exec(fix.text)?.[0] ?? '';
    const argsOnly = curl.replace(/^curl /, "printf '%s\\000' ").replace(/\s+# while gopls is busy$/, '');
    const r = runShell('/bin/sh', argsOnly);
    assert.deepEqual(r.stdout.split('\0').slice(0, -1), ['-o', 'gopls-cpu.pprof', "http://localhost:6060/'$(touch pwned)'/debug/pprof/profile?seconds=30"]);
    assertNothingRan();
  });
});
