import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { goInstallLayouts } from '../../../src/core/knowledge/go-install-layouts.js';
import { nodeFileSystem } from '../../../src/probe/filesystem.js';
import { findGoInstallations } from '../../../src/probe/go-installations.js';

const root = mkdtempSync(join(tmpdir(), 'go-installs-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A fake GOROOT: bin/go (executable unless told otherwise) and a VERSION file. */
function goroot(dir: string, version: string | undefined, executable = true): void {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'bin', 'go'), '#!/bin/sh\nexit 99\n');
  chmodSync(join(dir, 'bin', 'go'), executable ? 0o755 : 0o644);
  if (version !== undefined) writeFileSync(join(dir, 'VERSION'), `${version}\ntime 2025-05-29T19:37:36Z\n`);
}

describe('Go installations found by their layouts (no process runs)', () => {
  const home = join(root, 'home');
  const env = { HOME: home };
  it('finds golang.org/dl, toolchain modules, asdf, mise (both layouts), goenv and gvm under the home', async () => {
    goroot(join(home, 'sdk', 'go1.24.4'), 'go1.24.4');
    goroot(join(home, 'go', 'pkg', 'mod', 'golang.org', 'toolchain@v0.0.1-go1.25.3.linux-amd64'), 'go1.25.3');
    goroot(join(home, '.asdf', 'installs', 'golang', '1.23.1', 'go'), 'go1.23.1');
    goroot(join(home, '.local', 'share', 'mise', 'installs', 'go', '1.22.5'), 'go1.22.5');
    goroot(join(home, '.local', 'share', 'mise', 'installs', 'go', '1.21.0', 'go'), 'go1.21.0');
    goroot(join(home, '.goenv', 'versions', '1.20.14'), 'go1.20.14');
    goroot(join(home, '.gvm', 'gos', 'go1.19.13'), 'go1.19.13');
    const found = await findGoInstallations('linux', env, nodeFileSystem);
    const bySource: Record<string, string> = Object.fromEntries(found.map((f) => [f.version ?? '?', f.source]));
    assert.deepEqual(bySource, {
      'go1.24.4': 'golang.org/dl',
      'go1.25.3': 'toolchain-module',
      'go1.23.1': 'asdf',
      'go1.22.5': 'mise',
      'go1.21.0': 'mise',
      'go1.20.14': 'goenv',
      'go1.19.13': 'gvm',
    });
    assert.equal(found.find((f) => f.version === 'go1.24.4')?.goroot, join(home, 'sdk', 'go1.24.4'));
  });
  it('honours the version managers’ variables and GOMODCACHE', async () => {
    const other = join(root, 'elsewhere');
    goroot(join(other, 'asdf', 'installs', 'golang', '1.24.0', 'go'), 'go1.24.0');
    goroot(join(other, 'cache', 'golang.org', 'toolchain@v0.0.1-go1.26.0.linux-amd64'), 'go1.26.0');
    const found = await findGoInstallations('linux', { HOME: join(root, 'nohome'), ASDF_DATA_DIR: join(other, 'asdf'), GOMODCACHE: join(other, 'cache') }, nodeFileSystem);
    assert.deepEqual(found.map((f) => [f.source, f.version]).sort(), [['asdf', 'go1.24.0'], ['toolchain-module', 'go1.26.0']]);
  });
  it('skips entries without an executable bin/go, other names, and a second path to the same go', async () => {
    const h = join(root, 'home2');
    goroot(join(h, 'sdk', 'go1.24.1'), 'go1.24.1', false);
    goroot(join(h, 'sdk', 'notgo'), 'go1.24.2');
    goroot(join(h, 'sdk', 'go1.24.3'), 'garbage version line');
    mkdirSync(join(h, '.goenv', 'versions'), { recursive: true });
    symlinkSync(join(h, 'sdk', 'go1.24.3'), join(h, '.goenv', 'versions', '1.24.3'));
    const found = await findGoInstallations('linux', { HOME: h }, nodeFileSystem);
    assert.deepEqual(found, [{ goroot: join(h, 'sdk', 'go1.24.3'), source: 'golang.org/dl' }]);
  });
  it('has a layout for every source the docs name, and only absolute patterns', () => {
    const sources = new Set([...goInstallLayouts('linux', { HOME: '/h' }), ...goInstallLayouts('darwin', { HOME: '/h' })].map((l) => l.source));
    assert.deepEqual([...sources].sort(), ['asdf', 'distribution', 'goenv', 'golang.org/dl', 'gvm', 'homebrew', 'mise', 'official', 'snap', 'toolchain-module']);
    for (const l of goInstallLayouts('darwin', { HOME: 'relative' })) assert.ok(l.pattern.startsWith('/'), l.pattern);
    assert.ok(dirname('/x') === '/');
  });
});
