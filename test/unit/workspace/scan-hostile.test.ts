// The workspace scanner on a repository from the internet: symbolic links out of the workspace
// are never read through, links inside never loop nor walk twice, FIFOs and devices are never
// read (nor block), and everything not checked is listed with why.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { fingerprintListing } from '../../../src/probe/workspace/fingerprint.js';
import { listWorkspace, OUTSIDE_LINK_REASON, readWorkspaceText, scanAndFingerprint, scanFile, scanFileSystem, scanWorkspace } from '../../../src/probe/workspace/scan.js';
import type { WorkspaceRecord } from '../../../src/core/snapshot.js';
import { fifoReleaser, makeFifo, makeZeroDevice } from '../../support/hostile-files.js';

/** A marker that exists only outside the workspace: no byte of it may reach a record. */
const SECRET = 'OUTSIDE-SECRET-7f3a9c';

let base: string;
let outside: string;
let root: string;

function write(rel: string, content: string | Buffer, at = root): void {
  const p = join(at, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
}

function reasons(record: WorkspaceRecord): Record<string, string> {
  return Object.fromEntries(record.skipped.map((s) => [s.path, s.reason]));
}

before(() => {
  base = mkdtempSync(join(tmpdir(), 'go-doctor-hostile-'));
  outside = join(base, 'outside');
  root = join(base, 'ws');
  write('secret.sh', `#!/bin/sh\nGOOS=${SECRET} go build\n`, outside);
  write('Makefile', `build:\n\tGOOS=${SECRET} go build\n`, outside);
  write('pkg/x.go', `package x // ${SECRET}\n`, outside);
  write('go.mod', 'module example.com/w\n\ngo 1.24\n');
  write('real/Makefile', 'build:\n\tgo build .\n');
  write('real/deep/a.go', 'package deep\n');
  write('_hidden/tool.sh', '#!/bin/sh\ngo build\n');
  // Out of the workspace: a file, a directory, the whole disk, a device, a relative escape.
  symlinkSync(join(outside, 'secret.sh'), join(root, 'build.sh'));
  symlinkSync(outside, join(root, 'vendored'));
  symlinkSync('/', join(root, 'disk'));
  symlinkSync('/dev/zero', join(root, 'zero.mk'));
  symlinkSync('../outside/Makefile', join(root, 'Makefile'));
  // Inside: a loop, a second path to a walked directory, a link into an ignored directory, a file link.
  symlinkSync('..', join(root, 'real', 'up'));
  symlinkSync('real', join(root, 'again'));
  symlinkSync('_hidden', join(root, 'tools'));
  symlinkSync('real/Makefile', join(root, 'linked.mk'));
  write('node_modules/pkg/Makefile', 'x:\n');
  symlinkSync('node_modules/pkg', join(root, 'pkg'));
  // Two links pointing at each other.
  symlinkSync('ping.sh', join(root, 'pong.sh'));
  symlinkSync('pong.sh', join(root, 'ping.sh'));
});

after(() => rmSync(base, { recursive: true, force: true }));

describe('scanner: symbolic links', () => {
  it('never reads through a link whose target is outside the workspace, and lists it', async () => {
    const record = await scanWorkspace(root);
    assert.ok(!JSON.stringify(record).includes(SECRET), 'a byte from outside the workspace reached the record');
    const why = reasons(record);
    for (const link of ['build.sh', 'vendored', 'disk', 'zero.mk', 'Makefile']) assert.equal(why[link], OUTSIDE_LINK_REASON, link);
    // The link to / is not walked: nothing is recorded under it.
    assert.ok(!record.files.some((f) => f.path.startsWith('disk/') || f.path.startsWith('vendored/')));
  });

  it('walks a directory reached by links once, under its own path, and ends loops', async () => {
    const record = await scanWorkspace(root);
    const paths = record.files.map((f) => f.path);
    assert.deepEqual(
      paths.filter((p) => p.endsWith('a.go') || p.endsWith('Makefile')),
      ['real/Makefile', 'real/deep/a.go'],
    );
    const unfollowed = Object.fromEntries((record.unfollowedLinks ?? []).map((l) => [l.path, l.reason]));
    assert.match(unfollowed['real/up'] ?? '', /symbolic link loop/);
    assert.match(unfollowed.again ?? '', /scanned under that path/);
    // A linked directory nothing else walks is walked through the link (tools → _hidden).
    assert.ok(paths.includes('tools/tool.sh'));
    // A link into node_modules does not walk it.
    assert.ok(!paths.some((p) => p.startsWith('pkg/')));
    assert.match(unfollowed.pkg ?? '', /never walks/);
    // A file link inside is read (under its own name).
    assert.ok(paths.includes('linked.mk'));
    // Links that point at each other are a loop, named as such.
    assert.match(reasons(record)['ping.sh'] ?? '', /loop/);
    // The loop and the second path are not "not checked": nothing was missed because of them.
    assert.equal(reasons(record)['real/up'], undefined);
    assert.equal(reasons(record).again, undefined);
  });

  it('scanFile (the one-file re-read) refuses a link out of the workspace too', async () => {
    assert.deepEqual(await scanFile(root, 'build.sh'), { skipped: { path: 'build.sh', reason: OUTSIDE_LINK_REASON } });
    assert.deepEqual(await scanFile(root, 'Makefile'), { skipped: { path: 'Makefile', reason: OUTSIDE_LINK_REASON } });
    assert.deepEqual(await scanFile(root, 'vendored/pkg/x.go'), { skipped: { path: 'vendored/pkg/x.go', reason: OUTSIDE_LINK_REASON } });
    const viaDisk = `disk${outside}/secret.sh`;
    assert.deepEqual(await scanFile(root, viaDisk), { skipped: { path: viaDisk, reason: OUTSIDE_LINK_REASON } });
    const inside = await scanFile(root, 'linked.mk');
    assert.ok(inside && 'file' in inside && inside.file.content.includes('go build .'));
  });

  it('fingerprints the links it did not follow (a retargeted link changes the digest)', () => {
    const before = fingerprintListing(listWorkspace(root)).digest;
    unlinkSync(join(root, 'again'));
    symlinkSync('_hidden', join(root, 'again'));
    try {
      assert.notEqual(fingerprintListing(listWorkspace(root)).digest, before);
    } finally {
      unlinkSync(join(root, 'again'));
      symlinkSync('real', join(root, 'again'));
    }
  });
});

describe('scanner: files that are not regular files', () => {
  let ws: string;
  let releaser: { stop(): void } | undefined;
  before(() => {
    ws = join(base, 'fifo-ws');
    write('go.mod', 'module example.com/f\n', ws);
    for (const name of ['Makefile', 'build.sh', 'main.go', 'release']) makeFifo(join(ws, name));
  });
  afterEach(() => {
    releaser?.stop();
    releaser = undefined;
  });

  it('lists a FIFO under a build file name as not a regular file, never reading it', async () => {
    releaser = fifoReleaser(['Makefile', 'build.sh', 'main.go'].map((n) => join(ws, n)));
    const record = await scanWorkspace(ws);
    const why = reasons(record);
    for (const name of ['Makefile', 'build.sh', 'main.go']) assert.match(why[name] ?? '', /not a regular file \(a FIFO\)/, name);
    // An extension-less FIFO is not a script the doctor knows of: nothing to report.
    assert.equal(why.release, undefined);
    assert.deepEqual(record.files.map((f) => f.path), ['go.mod']);
  });

  it('scanFile opens a FIFO without blocking and does not read it', async () => {
    releaser = fifoReleaser(['Makefile', 'build.sh', 'main.go'].map((n) => join(ws, n)));
    for (const name of ['Makefile', 'build.sh', 'main.go']) {
      const result = await scanFile(ws, name);
      assert.deepEqual(result, { skipped: { path: name, reason: 'not a regular file (a FIFO), not read' } }, name);
    }
    assert.equal(await scanFile(ws, 'release'), undefined);
  });

  it('readWorkspaceText (the text a fix edits) does not block on a FIFO either', () => {
    releaser = fifoReleaser([join(ws, 'Makefile')]);
    assert.equal(readWorkspaceText(join(ws, 'Makefile')), undefined);
    assert.equal(readWorkspaceText(join(ws, 'go.mod')), 'module example.com/f\n');
  });

  it('a file replaced by a FIFO between the walk and the read is not read', async () => {
    const dir = join(base, 'swap-ws');
    write('Makefile', 'build:\n\tgo build\n', dir);
    const listing = listWorkspace(dir);
    renameSync(join(dir, 'Makefile'), join(dir, 'Makefile.old'));
    makeFifo(join(dir, 'Makefile'));
    releaser = fifoReleaser([join(dir, 'Makefile')]);
    const { record } = await scanAndFingerprint(dir, listing);
    assert.match(reasons(record).Makefile ?? '', /not a regular file \(a FIFO\)/);
  });

  it('a character device (like /dev/zero) in the workspace, or linked to from inside it, is not read', async (t) => {
    const dir = join(base, 'dev-ws');
    mkdirSync(dir, { recursive: true });
    if (!makeZeroDevice(join(dir, 'zero.mk'))) {
      t.skip('mknod needs root on Linux');
      return;
    }
    symlinkSync('zero.mk', join(dir, 'Makefile'));
    const record = await scanWorkspace(dir);
    assert.match(reasons(record)['zero.mk'] ?? '', /not a regular file \(a character device\)/);
    assert.match(reasons(record).Makefile ?? '', /not a regular file \(a character device\)/);
    assert.deepEqual(await scanFile(dir, 'zero.mk'), { skipped: { path: 'zero.mk', reason: 'not a regular file (a character device), not read' } });
  });
});

describe('scanner: contents it does not read', () => {
  let ws: string;
  before(() => {
    ws = join(base, 'content-ws');
    write('go.mod', 'module example.com/c\n', ws);
    write('utf16.sh', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('#!/bin/sh\nGOOS=linux go build\n', 'utf16le')]), ws);
    write('utf16be.go', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('package x\n', 'utf16le').swap16()]), ws);
    write('blob.mk', Buffer.from([0x61, 0x3a, 0x0a, 0x00, 0xff]), ws);
    write('big.mk', `all:\n${'\t@true\n'.repeat(200_000)}`, ws);
    write('locked/Makefile', 'x:\n', ws);
    write('secret.mk', 'x:\n', ws);
  });

  it('says why: UTF-16, binary, over 1 MiB', async () => {
    const why = reasons(await scanWorkspace(ws));
    assert.equal(why['utf16.sh'], 'UTF-16 text (only UTF-8 is read)');
    assert.equal(why['utf16be.go'], 'UTF-16 text (only UTF-8 is read)');
    assert.match(why['blob.mk'] ?? '', /binary/);
    assert.match(why['big.mk'] ?? '', /larger than 1 MiB/);
  });

  describe('unreadable files and directories (simulated: the tests run as root)', () => {
    const real = { ...scanFileSystem };
    afterEach(() => Object.assign(scanFileSystem, real));
    const denied = (path: string) => Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });

    it('lists a file it may not open as unreadable', async () => {
      scanFileSystem.open = (path, flags) => {
        if (path.endsWith('/secret.mk')) throw denied(path);
        return real.open(path, flags);
      };
      assert.equal(reasons(await scanWorkspace(ws))['secret.mk'], 'unreadable (permission denied)');
      assert.deepEqual(await scanFile(ws, 'secret.mk'), { skipped: { path: 'secret.mk', reason: 'unreadable (permission denied)' } });
    });

    it('lists a directory it may not list as unreadable', async () => {
      scanFileSystem.readdir = (path) => {
        if (path.endsWith('/locked')) throw denied(path);
        return real.readdir(path);
      };
      assert.equal(reasons(await scanWorkspace(ws)).locked, 'directory unreadable (permission denied)');
    });

    it('lists the workspace root as unreadable when it cannot be listed', async () => {
      scanFileSystem.readdir = (path) => {
        if (!path.includes('/locked') && path.endsWith('content-ws')) throw denied(path);
        return real.readdir(path);
      };
      const record = await scanWorkspace(ws);
      assert.deepEqual(record.skipped, [{ path: '.', reason: 'workspace root unreadable (permission denied)' }]);
      assert.deepEqual(record.files, []);
    });
  });

  it('lists a workspace root that does not exist or is not a directory', async () => {
    assert.deepEqual((await scanWorkspace(join(base, 'no-such-dir'))).skipped, [{ path: '.', reason: 'workspace root does not exist' }]);
    assert.deepEqual((await scanWorkspace(join(ws, 'go.mod'))).skipped, [{ path: '.', reason: 'workspace root is not a directory' }]);
  });
});
