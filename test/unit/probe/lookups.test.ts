import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { nodeFileSystem } from '../../../src/probe/filesystem.js';
import { neutralDirectory } from '../../../src/probe/neutral-directory.js';
import { splitPath } from '../../../src/probe/path-entries.js';
import { toolNames } from '../../../src/probe/tool-binaries.js';
import { goBinDirectory, goEnvFile } from '../../../src/probe/user-dirs.js';
import { programOfCommandLine } from '../../../src/probe/which.js';

function withTmpdir<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return work().finally(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  });
}

describe('probe lookups', () => {
  it('the neutral directory is an empty private dir under the temp dir, or / when a go.mod is visible', async () => {
    const root = mkdtempSync(join(tmpdir(), 'go-doctor-neutral-test-'));
    try {
      const clean = join(root, 'clean');
      mkdirSync(clean);
      const dir = await withTmpdir(clean, () => neutralDirectory(nodeFileSystem));
      assert.equal(dir, join(clean, `go-doctor-neutral-${process.getuid?.() ?? 'user'}`));

      const module = join(root, 'module');
      mkdirSync(join(module, 'tmp'), { recursive: true });
      writeFileSync(join(module, 'go.mod'), 'module example.com/m\n\ngo 1.99\n');
      assert.equal(await withTmpdir(join(module, 'tmp'), () => neutralDirectory(nodeFileSystem)), '/');

      const shared = join(root, 'shared');
      mkdirSync(join(shared, `go-doctor-neutral-${process.getuid?.() ?? 'user'}`), { recursive: true });
      chmodSync(join(shared, `go-doctor-neutral-${process.getuid?.() ?? 'user'}`), 0o777);
      assert.equal(await withTmpdir(shared, () => neutralDirectory(nodeFileSystem)), '/', 'a dir others can write is not neutral');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('the program of a $CC value', () => {
    assert.equal(programOfCommandLine('gcc'), 'gcc');
    assert.equal(programOfCommandLine('  ccache gcc -m64'), 'ccache');
    assert.equal(programOfCommandLine('"/opt/my cc/bin/cc" -x'), '/opt/my cc/bin/cc');
    assert.equal(programOfCommandLine("'unterminated"), 'unterminated');
    assert.equal(programOfCommandLine('   '), undefined);
    assert.equal(programOfCommandLine('""'), undefined);
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const p = programOfCommandLine(s);
      assert.ok(p === undefined || (p.length > 0 && s.includes(p)));
    }));
  });

  it('GOBIN, the go env file and PATH splitting', () => {
    assert.equal(goBinDirectory({ GOBIN: '/x/bin', GOPATH: '/gp', HOME: '/h' }), '/x/bin');
    assert.equal(goBinDirectory({ GOPATH: '/gp1:/gp2', HOME: '/h' }), '/gp1/bin');
    assert.equal(goBinDirectory({ GOBIN: 'relative', HOME: '/h' }), '/h/go/bin');
    assert.equal(goEnvFile('linux', { HOME: '/h' }), '/h/.config/go/env');
    assert.equal(goEnvFile('linux', { HOME: '/h', XDG_CONFIG_HOME: '/cfg' }), '/cfg/go/env');
    assert.equal(goEnvFile('darwin', { HOME: '/Users/a' }), '/Users/a/Library/Application Support/go/env');
    assert.equal(goEnvFile('darwin', { HOME: '/Users/a', GOENV: '/etc/goenv' }), '/etc/goenv');
    assert.equal(goEnvFile('darwin', { HOME: '/Users/a', GOENV: 'off' }), undefined);
    assert.deepEqual(splitPath('/a::b:'), ['/a', '', 'b', '']);
    assert.deepEqual(splitPath(''), []);
    assert.deepEqual(toolNames(['gopls', 'mine', '', 'a/b', 'mine']).slice(-1), ['mine']);
  });
});
