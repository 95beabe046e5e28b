import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { goExtensionCandidates } from '../../../../src/core/knowledge/go-extension-resolution.js';
import type { ToolBinary } from '../../../../src/core/snapshot.js';
import { probeEditorTools } from '../../../../src/probe/editor-tools.js';
import { nodeFileSystem } from '../../../../src/probe/filesystem.js';
import { readEditor } from '../../../../src/server/configuration.js';
import { emptySnapshot } from '../../../support/snapshots.js';
import { findings, of } from './env-context.js';

const root = mkdtempSync(join(tmpdir(), 'editor-tools-'));
after(() => rmSync(root, { recursive: true, force: true }));

function install(dir: string, version: string, tools = ['go']): void {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  for (const t of tools) {
    writeFileSync(join(dir, 'bin', t), '#!/bin/sh\nexit 99\n');
    chmodSync(join(dir, 'bin', t), 0o755);
  }
  writeFileSync(join(dir, 'VERSION'), `${version}\ntime x\n`);
}

const onPath = (name: string, path: string, realPath = path): ToolBinary => ({ name, dir: path.slice(0, path.lastIndexOf('/')), path, realPath, size: 1, mtimeMs: 0, source: { kind: 'path', index: 0 } });

describe('the go and gopls the Go extension runs', () => {
  it('follows vscode-go’s order: alternateTools, GOBIN, go.goroot/GOROOT, PATH, defaults (go); GOPATH/bin before GOROOT (gopls)', () => {
    const go = goExtensionCandidates('go', { alternateTools: { go: '/opt/go/bin/go' }, goroot: '/usr/lib/go-1.22' }, { GOBIN: '/b', GOROOT: '/ignored' });
    assert.deepEqual(go.map((c) => c.source), ['go.alternateTools["go"]', 'GOBIN', 'go.goroot', 'PATH', 'the default location /usr/local/go/bin', 'the default location /usr/local/bin']);
    assert.equal(go[2]!.path, '/usr/lib/go-1.22/bin/go');
    const gopls = goExtensionCandidates('gopls', { toolsGopath: '/tools' }, { HOME: '/home/a', GOROOT: '/usr/local/go' });
    assert.deepEqual(gopls.map((c) => c.path ?? c.source), ['/tools/bin/gopls', '/home/a/go/bin/gopls', '/usr/local/go/bin/gopls', 'PATH']);
    assert.deepEqual(goExtensionCandidates('go', { alternateTools: { go: 'go1.24.4' } }, { GOBIN: '/b' })[0], { path: '/b/go1.24.4', source: 'GOBIN' });
  });

  it('reports a go.goroot that makes the editor run another Go than the terminal, with both versions', async () => {
    const old = join(root, 'go1.22');
    const sdk = join(root, 'sdk', 'go1.24.4');
    install(old, 'go1.22.1');
    install(sdk, 'go1.24.4');
    const editor = await probeEditorTools({ name: 'vscode', goSettings: { goroot: old } }, { HOME: root }, [onPath('go', join(sdk, 'bin', 'go'))], nodeFileSystem);
    const s = emptySnapshot({ env: { HOME: root }, editor });
    const [f, ...rest] = of(findings(s), 'path/editor-runs-other-tool');
    assert.equal(rest.length, 0);
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.message, 'The Go extension runs go from ~/go1.22/bin/go (go1.22.1, from go.goroot), while terminals and tasks run ~/sdk/go1.24.4/bin/go (go1.24.4, first on PATH): gopls and the editor build with another Go than go build in a terminal.');
  });

  it('reports a gopls in GOPATH/bin that PATH does not run, and is silent when both are one binary', async () => {
    const gopath = join(root, 'gp');
    install(gopath, 'x', ['gopls']);
    mkdirSync(join(root, 'brew', 'bin'), { recursive: true });
    writeFileSync(join(root, 'brew', 'bin', 'gopls'), '');
    chmodSync(join(root, 'brew', 'bin', 'gopls'), 0o755);
    const differs = await probeEditorTools({ name: 'vscode', goSettings: {} }, { GOPATH: gopath }, [onPath('gopls', join(root, 'brew', 'bin', 'gopls'))], nodeFileSystem);
    assert.equal(of(findings(emptySnapshot({ editor: differs })), 'path/editor-runs-other-tool').length, 1);
    mkdirSync(join(root, 'link'), { recursive: true });
    symlinkSync(join(gopath, 'bin', 'gopls'), join(root, 'link', 'gopls'));
    const same = await probeEditorTools({ name: 'vscode', goSettings: {} }, { GOPATH: gopath }, [onPath('gopls', join(root, 'link', 'gopls'), join(gopath, 'bin', 'gopls'))], nodeFileSystem);
    assert.deepEqual(of(findings(emptySnapshot({ editor: same })), 'path/editor-runs-other-tool'), []);
  });

  it('is silent without editor facts (the CLI) and when nothing but PATH exists', async () => {
    assert.deepEqual(of(findings(emptySnapshot()), 'path/editor-runs-other-tool'), []);
    const editor = await probeEditorTools({ name: 'vscode', goSettings: {} }, { HOME: join(root, 'none') }, [onPath('go', '/usr/bin/go')], nodeFileSystem);
    assert.deepEqual(of(findings(emptySnapshot({ editor })), 'path/editor-runs-other-tool'), []);
  });

  it('reads the editor options a client sends defensively', () => {
    assert.equal(readEditor(undefined), undefined);
    assert.equal(readEditor({ name: 'emacs' }), undefined);
    assert.deepEqual(readEditor({ name: 'vscode', remoteName: 42, goSettings: { alternateTools: { go: 7, gopls: '/x/gopls' }, goroot: ['x'], toolsGopath: 'y'.repeat(5000) } }), {
      name: 'vscode',
      goSettings: { alternateTools: { gopls: '/x/gopls' } },
    });
  });
});
