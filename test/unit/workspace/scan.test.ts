import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WorkspaceModelBuilder, buildWorkspaceModel } from '../../../src/core/workspace/build.js';
import { scanFile, scanWorkspace } from '../../../src/probe/workspace/scan.js';

let root: string;

function write(rel: string, content: string | Buffer): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'go-doctor-scan-'));
  write('go.mod', 'module example.com/s\n\ngo 1.24\n');
  write('main.go', `//go:build linux\n\npackage main\n\nimport "fmt"\n\n${'func f() {}\n'.repeat(2000)}`);
  // Imports longer than the first 4 KiB chunk: the header must still be read to its end.
  write('big/imports.go', `package big\n\nimport (\n${Array.from({ length: 400 }, (_, i) => `\t_ "example.com/pkg${i}"`).join('\n')}\n)\n\nfunc g() {}\n`);
  write('Makefile', 'build:\n\tgo build .\n');
  write('scripts/release', '#!/usr/bin/env bash\nGOOS=linux go build .\n');
  write('scripts/LICENSE', 'MIT\n');
  write('.github/workflows/ci.yml', 'on: push\n');
  write('.github/ISSUE_TEMPLATE/bug.yml', 'name: bug\n');
  write('.vscode/settings.json', '{}\n');
  write('.idea/Makefile', 'x:\n');
  write('node_modules/m/Makefile', 'x:\n');
  write('vendor/example.com/v/v.go', 'package v\n');
  write('testdata/bad.go', 'package bad\n');
  write('_tools/t.go', 'package t\n');
  write('gen/skip.go', 'package gen\n');
  write('huge.sh', `#!/bin/sh\n${'# padding\n'.repeat(120_000)}`);
  write('blob.sh', Buffer.from([0x23, 0x21, 0x2f, 0x62, 0x69, 0x6e, 0x2f, 0x73, 0x68, 0x0a, 0x00, 0x01, 0x02]));
  write('latin1.go', Buffer.concat([Buffer.from('package x\n// caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  write('unreadable.mk', 'x:\n');
  chmodSync(join(root, 'unreadable.mk'), 0o000);
  mkdirSync(join(root, 'loop'));
  symlinkSync(root, join(root, 'loop', 'back'));
  symlinkSync(join(root, 'nowhere'), join(root, 'dangling.go'));
});

after(() => {
  chmodSync(join(root, 'unreadable.mk'), 0o644);
  rmSync(root, { recursive: true, force: true });
});

describe('scanWorkspace', () => {
  it('records build files in full and .go files up to the end of their imports', async () => {
    const record = await scanWorkspace(root, { exclude: ['gen/**'] });
    const paths = record.files.map((f) => f.path);
    // root reads a mode-000 file anyway.
    const unreadable = process.getuid?.() === 0 ? ['unreadable.mk'] : [];
    assert.deepEqual(paths, ['.github/workflows/ci.yml', '.vscode/settings.json', 'Makefile', 'big/imports.go', 'go.mod', 'main.go', 'scripts/release', ...unreadable]);
    const main = record.files.find((f) => f.path === 'main.go')!;
    assert.equal(main.partial, true);
    assert.equal(main.content, '//go:build linux\n\npackage main\n\nimport "fmt"\n\n');
    const big = record.files.find((f) => f.path === 'big/imports.go')!;
    assert.match(big.content, /"example\.com\/pkg399"\n\)\n\n$/);
    assert.ok(big.content.length > 4096);
  });
  it('notes what it skipped and why, and ends symlink loops', async () => {
    const record = await scanWorkspace(root);
    const reasons = Object.fromEntries(record.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons['huge.sh'] ?? '', /larger than 1 MiB/);
    assert.match(reasons['blob.sh'] ?? '', /binary/);
    assert.match(reasons['latin1.go'] ?? '', /not valid UTF-8/);
    assert.match(reasons['dangling.go'] ?? '', /broken symbolic link/);
    // A loop hides nothing: it is a link not followed, not a file left unchecked.
    assert.equal(reasons['loop/back'], undefined);
    assert.match(record.unfollowedLinks?.find((l) => l.path === 'loop/back')?.reason ?? '', /symbolic link loop/);
    if (process.getuid?.() !== 0) assert.match(reasons['unreadable.mk'] ?? '', /permission denied/);
    assert.ok(!record.files.some((f) => /node_modules|vendor|testdata|_tools|\.idea|ISSUE_TEMPLATE/.test(f.path)));
  });
  it('builds a model from the record without throwing on what it could not read', async () => {
    const model = buildWorkspaceModel(await scanWorkspace(root));
    assert.equal(model.modules[0]?.module, 'example.com/s');
    assert.equal(model.goFiles?.find((f) => f.name === 'main.go')?.goBuild?.text, '//go:build linux');
    assert.ok((model.buildConfigs ?? []).some((c) => c.tool === 'shell' && c.env.GOOS?.value === 'linux'));
  });
});

describe('scanFile and the incremental model', () => {
  it('reads one file as the scanner would, and ignores files the doctor does not read', async () => {
    const r = await scanFile(root, 'main.go');
    assert.ok(r && 'file' in r && r.file.partial === true);
    assert.equal(await scanFile(root, 'scripts/LICENSE'), undefined);
    assert.equal(await scanFile(root, 'node_modules/m/Makefile'), undefined);
    assert.equal(await scanFile(root, 'gen/skip.go', { exclude: ['gen/**'] }), undefined);
    const huge = await scanFile(root, 'huge.sh');
    assert.ok(huge && 'skipped' in huge);
  });
  it('re-parses only the changed file (the other files keep their parsed objects)', async () => {
    const record = await scanWorkspace(root);
    const builder = new WorkspaceModelBuilder(root);
    builder.reset(record);
    const first = builder.model();
    const goFileBefore = first.goFiles!.find((f) => f.name === 'main.go');
    builder.update({ path: 'Makefile', content: 'build:\n\tGOOS=darwin go build .\n' });
    const second = builder.model();
    assert.notEqual(first, second);
    assert.equal(second.goFiles!.find((f) => f.name === 'main.go'), goFileBefore, 'unchanged file: same parse');
    assert.ok(second.buildConfigs!.some((c) => c.tool === 'make' && c.env.GOOS?.value === 'darwin'));
    builder.remove('Makefile');
    assert.ok(!builder.model().buildConfigs!.some((c) => c.tool === 'make'));
    assert.equal(builder.model(), builder.model(), 'cached until something changes');
  });
});
