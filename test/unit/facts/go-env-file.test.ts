/**
 * The go env files (`go env -w` file and $GOROOT/go.env) as cmd/go's cfg.readEnvFile reads them
 * (go1.21.13 / go1.27.3 source), the paths the rules look them up at, and the program of a CC value.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  commandLineProgram,
  deriveMachineFacts,
  goEnvFileSetting,
  gorootGoEnvPath,
  parseGoEnvFile,
  userGoEnvFilePath,
} from '../../../src/core/facts/index.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { emptySnapshot } from '../../support/snapshots.js';

/** The go1.27.3 $GOROOT/go.env, verbatim. */
const STANDARD_GO_ENV = `# This file contains the initial defaults for go command configuration.
# Values set by 'go env -w' and written to the user's go/env file override these.
# The environment overrides everything else.

# Use the Go module mirror and checksum database by default.
# See https://proxy.golang.org for details.
GOPROXY=https://proxy.golang.org,direct
GOSUMDB=sum.golang.org

# Automatically download newer toolchains as directed by go.mod files.
# See https://go.dev/doc/toolchain for details.
GOTOOLCHAIN=auto
`;

function withGoEnv(over: Partial<Snapshot>, goEnv: Record<string, string> | undefined): Snapshot {
  return emptySnapshot({
    ...over,
    commands: goEnv ? { 'go.env': { argv: ['/usr/bin/go', 'env', '-json'], stdout: JSON.stringify(goEnv), stderr: '', exitCode: 0, durationMs: 1 } } : {},
  });
}

describe('parseGoEnvFile', () => {
  it('reads the standard go.env: comments and blank lines ignored', () => {
    const settings = parseGoEnvFile(STANDARD_GO_ENV);
    assert.deepEqual([...settings], [['GOPROXY', 'https://proxy.golang.org,direct'], ['GOSUMDB', 'sum.golang.org'], ['GOTOOLCHAIN', 'auto']]);
  });
  it('follows cmd/go: a later line wins, keys are not trimmed, lines must start with A-Z, empty values count', () => {
    assert.equal(parseGoEnvFile('GOTOOLCHAIN=auto\nGOTOOLCHAIN=local\n').get('GOTOOLCHAIN'), 'local');
    assert.equal(parseGoEnvFile(' GOTOOLCHAIN=local\n').get('GOTOOLCHAIN'), undefined, 'leading space: not a setting');
    assert.equal(parseGoEnvFile('GOTOOLCHAIN =local\n').get('GOTOOLCHAIN'), undefined, 'the key would be "GOTOOLCHAIN "');
    assert.equal(parseGoEnvFile('# GOTOOLCHAIN=local\ngotoolchain=local\n').get('GOTOOLCHAIN'), undefined);
    assert.equal(parseGoEnvFile('GOTOOLCHAIN=\n').get('GOTOOLCHAIN'), '');
    assert.equal(parseGoEnvFile('GOFLAGS=-tags=a=b').get('GOFLAGS'), '-tags=a=b', 'split at the first =, no final newline needed');
    assert.equal(parseGoEnvFile('__proto__=x\nX=1').get('X'), '1');
  });
  it('property: never throws, every key starts with A-Z and has no "=" or newline', () => {
    const text = fc.array(fc.oneof(fc.constantFrom('GOTOOLCHAIN', '=', '\n', '\r', ' ', '#', 'local', 'auto', '__proto__', 'A'), fc.string({ unit: 'binary', maxLength: 10 })), { maxLength: 60 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (content) => {
        for (const [key, value] of parseGoEnvFile(content)) {
          assert.match(key, /^[A-Z][^=\n]*$/);
          assert.ok(!value.includes('\n'));
        }
      }),
      { numRuns: 500 },
    );
    // Huge inputs: how long they take is measured by `npm run bench` (bench/parsers.bench.mjs).
    assert.equal(parseGoEnvFile('A='.repeat(500_000)).size, 1);
    assert.equal(parseGoEnvFile('\n'.repeat(2_000_000)).size, 0);
  });
});

describe('goEnvFileSetting', () => {
  it('reads a recorded file, ignores missing / unreadable ones, and drops the cut last line of a truncated one', () => {
    assert.equal(goEnvFileSetting({ exists: true, content: STANDARD_GO_ENV }, 'GOTOOLCHAIN'), 'auto');
    assert.equal(goEnvFileSetting({ exists: false }, 'GOTOOLCHAIN'), undefined);
    assert.equal(goEnvFileSetting({ exists: true, error: 'unreadable' }, 'GOTOOLCHAIN'), undefined);
    assert.equal(goEnvFileSetting(undefined, 'GOTOOLCHAIN'), undefined);
    assert.equal(goEnvFileSetting({ exists: true, content: 'GOTOOLCHAIN=local\nGOTOOLCHAIN=go1.2', truncated: true }, 'GOTOOLCHAIN'), 'local');
    assert.equal(goEnvFileSetting({ exists: true, content: 'GOTOOLCHAIN=go1.2', truncated: true }, 'GOTOOLCHAIN'), undefined);
  });
});

describe('where the go env files are looked up', () => {
  it('the user file: go env GOENV first, else the probe rule from the recorded env', () => {
    const linux = (env: Record<string, string>, goEnv?: Record<string, string>) => {
      const s = withGoEnv({ env, host: { platform: 'linux', arch: 'x64', release: '6.1.0' } }, goEnv);
      return userGoEnvFilePath(s, deriveMachineFacts(s));
    };
    assert.equal(linux({ HOME: '/home/dev' }, { GOENV: '/etc/my-go-env' }), '/etc/my-go-env');
    assert.equal(linux({ HOME: '/home/dev' }), '/home/dev/.config/go/env');
    assert.equal(linux({ HOME: '/home/dev/', XDG_CONFIG_HOME: '/cfg' }), '/cfg/go/env');
    assert.equal(linux({ HOME: '/home/dev', XDG_CONFIG_HOME: 'relative' }), '/home/dev/.config/go/env', 'as the probe does');
    assert.equal(linux({ HOME: '~' }), '~/.config/go/env', 'a redacted snapshot keeps matching its redacted keys');
    assert.equal(linux({ HOME: '/home/dev', GOENV: '/x/env' }), '/x/env');
    assert.equal(linux({ HOME: '/home/dev', GOENV: 'off' }), undefined);
    assert.equal(linux({}), undefined);
    const mac = withGoEnv({ env: { HOME: '/Users/ada' }, host: { platform: 'darwin', arch: 'arm64', release: '25.1.0' } }, undefined);
    assert.equal(userGoEnvFilePath(mac, deriveMachineFacts(mac)), '/Users/ada/Library/Application Support/go/env');
  });
  it('$GOROOT/go.env from go env GOROOT', () => {
    const s = withGoEnv({}, { GOROOT: '/usr/lib/go-1.27/' });
    assert.equal(gorootGoEnvPath(deriveMachineFacts(s)), '/usr/lib/go-1.27/go.env');
    assert.equal(gorootGoEnvPath(deriveMachineFacts(withGoEnv({}, {}))), undefined);
  });
});

describe('commandLineProgram (cmd/go splits CC with quoted.Split)', () => {
  it('takes the first field, honouring a quoted one', () => {
    assert.equal(commandLineProgram('x86_64-linux-gnu-gcc'), 'x86_64-linux-gnu-gcc');
    assert.equal(commandLineProgram('ccache gcc -m64'), 'ccache');
    assert.equal(commandLineProgram(`'/opt/my cc/bin/cc' -x`), '/opt/my cc/bin/cc');
    assert.equal(commandLineProgram(''), undefined);
  });
  it('property: never throws; the result is a non-empty part of the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const p = commandLineProgram(s);
        assert.ok(p === undefined || (p.length > 0 && s.includes(p)));
      }),
    );
  });
});
