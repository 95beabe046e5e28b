import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { toolNameGlob, watchablePathDirs } from '../../../src/extension/path-dirs.js';

describe('PATH directories to watch', () => {
  it('keeps absolute, existing directories once, in PATH order', () => {
    const exists = (d: string) => !d.includes('missing');
    assert.deepEqual(watchablePathDirs('/usr/local/go/bin::relative/bin:/opt/missing:/usr/bin:/usr/local/go/bin/:.:/usr/bin', exists), ['/usr/local/go/bin', '/usr/bin']);
    assert.deepEqual(watchablePathDirs(undefined, exists), []);
  });

  it('checks existence on the real file system by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gd-path-'));
    try {
      assert.deepEqual(watchablePathDirs(`${dir}:${join(dir, 'nope')}`), [dir]);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('builds a glob of exactly the tool names, dropping anything glob-like', () => {
    assert.equal(toolNameGlob(['go', 'gopls', 'golangci-lint']), '{go,gopls,golangci-lint}');
    assert.equal(toolNameGlob(['go']), 'go');
    assert.equal(toolNameGlob(['go', '{x,y}', 'a*', 'b,c']), 'go');
    assert.equal(toolNameGlob([]), '', 'no glob at all rather than one that matches nothing or everything');
  });
});
