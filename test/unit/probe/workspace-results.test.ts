// The workspace fingerprint and the store of check results reused while it is unchanged.
// Real files in a temp dir: every change a scan could see must change the digest, and nothing a
// scan ignores may. Old mtimes are set with utimes (a file written moments ago is "racy").
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { fingerprintListing, RACY_WINDOW_MS, type WorkspaceFingerprint } from '../../../src/probe/workspace/fingerprint.js';
import { resultKey, WorkspaceResultCache } from '../../../src/probe/workspace/result-cache.js';
import { listWorkspace, scanAndFingerprint, scanWorkspace } from '../../../src/probe/workspace/scan.js';

let root: string;
let cacheDir: string;
const HOUR_AGO = (Date.now() - 3600_000) / 1000;

function write(rel: string, content: string, old = true): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  if (old) utimesSync(p, HOUR_AGO, HOUR_AGO);
}

function fingerprint(): WorkspaceFingerprint {
  return fingerprintListing(listWorkspace(root));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'go-doctor-fp-'));
  cacheDir = mkdtempSync(join(tmpdir(), 'go-doctor-results-'));
  write('go.mod', 'module example.com/fp\n\ngo 1.24\n');
  write('main.go', 'package main\n\nfunc main() {}\n');
  write('Makefile', 'build:\n\tGOOS=linux go build .\n');
  write('node_modules/m/Makefile', 'x:\n');
  write('README.md', 'hello\n');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('fingerprintListing', () => {
  it('is stable while nothing changes, and not racy for files older than the window', () => {
    const a = fingerprint();
    const b = fingerprint();
    assert.equal(a.digest, b.digest);
    assert.equal(a.racy, false);
    assert.equal(a.files, 3);
  });

  it('changes when a read file changes, even with the same size and the old mtime put back (ctime)', () => {
    const before = fingerprint();
    write('Makefile', 'build:\n\tGOOS=ios   go build .\n'.slice(0, 'build:\n\tGOOS=linux go build .\n'.length));
    assert.equal(before.digest === fingerprint().digest, false);
  });

  it('changes when a file is added, removed, renamed or its mode changes', () => {
    const digests = new Set([fingerprint().digest]);
    write('cmd/tool/tool.go', 'package main\n');
    digests.add(fingerprint().digest);
    unlinkSync(join(root, 'cmd/tool/tool.go'));
    write('x.go', 'package main\n');
    digests.add(fingerprint().digest);
    renameSync(join(root, 'x.go'), join(root, 'y.go'));
    digests.add(fingerprint().digest);
    chmodSync(join(root, 'y.go'), 0o600);
    digests.add(fingerprint().digest);
    assert.equal(digests.size, 5);
  });

  it('does not change for files a scan never reads (node_modules, README)', () => {
    const before = fingerprint();
    write('node_modules/m/Makefile', 'y:\n\tGOOS=visionos go build\n');
    write('README.md', 'changed and longer\n');
    write('docs/notes.txt', 'new\n');
    assert.equal(fingerprint().digest, before.digest);
  });

  it('is racy when a file was modified within the window (or in the future)', () => {
    write('fresh.go', 'package main\n', false);
    assert.equal(fingerprint().racy, true);
    const future = (Date.now() + 3600_000) / 1000;
    utimesSync(join(root, 'fresh.go'), future, future);
    assert.equal(fingerprint().racy, true);
    const justOld = (Date.now() - RACY_WINDOW_MS - 1000) / 1000;
    utimesSync(join(root, 'fresh.go'), justOld, justOld);
    assert.equal(fingerprint().racy, false);
  });

  it('is racy for a truncated walk', () => {
    const listing = listWorkspace(root, { maxEntries: 2 });
    assert.equal(listing.truncated, true);
    assert.equal(fingerprintListing(listing).racy, true);
  });

  it('a scan fingerprinting as it reads gives the digest a stat pass gives', async () => {
    write('scripts/release', '#!/bin/sh\nGOOS=linux go build\n');
    write('scripts/NOTES', 'not a script\n');
    write('locked.mk', 'x:\n');
    chmodSync(join(root, 'locked.mk'), 0o000);
    symlinkSync(join(root, 'main.go'), join(root, 'alias.go'));
    const listing = listWorkspace(root);
    const { record, fingerprint: whileReading } = await scanAndFingerprint(root, listing);
    const byStat = fingerprintListing(listing);
    chmodSync(join(root, 'locked.mk'), 0o644);
    assert.ok(record.files.some((f) => f.path === 'scripts/release'));
    assert.equal(whileReading.files, listing.candidates.length);
    assert.equal(whileReading.digest, byStat.digest);
    assert.equal(whileReading.racy, false);
  });

  it('a file that vanishes between walk and scan changes the digest either way', async () => {
    write('gone.go', 'package main\n');
    const listing = listWorkspace(root);
    const before = fingerprintListing(listing);
    unlinkSync(join(root, 'gone.go'));
    const { fingerprint } = await scanAndFingerprint(root, listing);
    assert.notEqual(fingerprint.digest, before.digest);
    assert.equal(fingerprint.digest, fingerprintListing(listing).digest);
  });

  it('a scan cut short by its time budget is racy (never stored)', async () => {
    for (let k = 0; k < 2100; k++) write(`many/f${k}.go`, 'package many\n');
    const listing = { ...listWorkspace(root), deadline: Date.now() - 1 };
    const { record, fingerprint } = await scanAndFingerprint(root, listing);
    assert.equal(record.truncated, true);
    assert.equal(fingerprint.racy, true);
  });

  it('scanWorkspace reads exactly the listed files (one walk for both)', async () => {
    const listing = listWorkspace(root);
    write('late.go', 'package main\n');
    const record = await scanWorkspace(root, {}, listing);
    assert.deepEqual(
      record.files.map((f) => f.path),
      ['Makefile', 'go.mod', 'main.go'],
    );
  });
});

describe('fingerprint soundness (property)', () => {
  // Random edits, each followed by putting the file's old mtime back (the hardest case: same
  // size, same mtime): whenever the digest says "unchanged", a scan must record exactly what it
  // recorded before.
  const names = ['a.go', 'b/b.go', 'Makefile', 'b/build.sh', 'c/Dockerfile', 'tool'];
  const op = fc.oneof(
    fc.record({ kind: fc.constant('write' as const), name: fc.constantFrom(...names), text: fc.constantFrom('package a\n', 'package b\n', '//go:build linux\n\npackage a\n', '#!/bin/sh\nGOOS=ios go build\n', 'x:\n') }),
    fc.record({ kind: fc.constant('remove' as const), name: fc.constantFrom(...names) }),
    fc.record({ kind: fc.constant('chmod' as const), name: fc.constantFrom(...names), mode: fc.constantFrom(0o600, 0o644, 0o755) }),
    fc.record({ kind: fc.constant('touch' as const), name: fc.constantFrom(...names), back: fc.integer({ min: 3, max: 5000 }) }),
  );

  it('an equal digest always means an equal scan record', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        const p = (n: string) => join(root, n);
        for (const n of names) write(n, 'package a\n');
        const before = fingerprint();
        const recorded = await scanWorkspace(root);
        for (const o of ops) {
          if (o.kind === 'write') {
            mkdirSync(dirname(p(o.name)), { recursive: true });
            writeFileSync(p(o.name), o.text);
            utimesSync(p(o.name), HOUR_AGO, HOUR_AGO);
          } else if (o.kind === 'remove') rmSync(p(o.name), { force: true });
          else if (o.kind === 'chmod') {
            try {
              chmodSync(p(o.name), o.mode);
            } catch {
              // removed earlier in this sequence
            }
          } else {
            const t = (Date.now() - o.back * 1000) / 1000;
            try {
              utimesSync(p(o.name), t, t);
            } catch {
              // removed earlier in this sequence
            }
          }
        }
        const after = fingerprint();
        if (after.digest === before.digest) assert.deepEqual(await scanWorkspace(root), recorded);
        for (const n of names) rmSync(p(n), { force: true });
      }),
      { numRuns: 60 },
    );
  });
});

type Payload = { n: number };
const isPayload = (v: unknown): v is Payload => typeof v === 'object' && v !== null && typeof (v as Payload).n === 'number';

describe('WorkspaceResultCache', () => {
  it('gives back what was stored for the same root, key and fingerprint only', async () => {
    const cache = new WorkspaceResultCache<Payload>(cacheDir, isPayload);
    const fp = fingerprint();
    const key = resultKey({ machine: 'a' });
    assert.equal(await cache.store(root, key, fp, { n: 7 }), true);
    const hit = await cache.lookup(root, key, fp);
    assert.deepEqual(hit?.results, { n: 7 });
    assert.equal(hit?.scannedAt, fp.takenAt);
    assert.equal(await cache.lookup(root, resultKey({ machine: 'b' }), fp), undefined, 'another key');
    assert.equal(await cache.lookup(`${root}-other`, key, fp), undefined, 'another root');
    write('main.go', 'package main\n\nimport "C"\n');
    assert.equal(await cache.lookup(root, key, fingerprint()), undefined, 'a changed file');
  });

  it('never stores or reuses on a racy fingerprint', async () => {
    const cache = new WorkspaceResultCache<Payload>(cacheDir, isPayload);
    const key = resultKey('k');
    const fp = fingerprint();
    await cache.store(root, key, fp, { n: 1 });
    assert.equal(await cache.lookup(root, key, { ...fp, racy: true }), undefined);
    write('new.go', 'package main\n', false);
    const racy = fingerprint();
    assert.equal(racy.racy, true);
    assert.equal(await cache.store(root, key, racy, { n: 2 }), false);
    assert.deepEqual((await cache.lookup(root, key, fp))?.results, { n: 1 }, 'the earlier entry is untouched');
  });

  it('ignores corrupt, foreign and invalid entries', async () => {
    const cache = new WorkspaceResultCache<Payload>(cacheDir, isPayload);
    const key = resultKey('k');
    const fp = fingerprint();
    await cache.store(root, key, fp, { n: 1 });
    const file = cache.fileFor(root);
    writeFileSync(file, '{ not json');
    assert.equal(await cache.lookup(root, key, fp), undefined);
    writeFileSync(file, JSON.stringify({ schema: 'go-doctor/workspace-results', format: 1, root, key, digest: fp.digest, scannedAt: 1, results: { n: 'x' } }));
    assert.equal(await cache.lookup(root, key, fp), undefined, 'results that fail validation');
    writeFileSync(file, JSON.stringify({ schema: 'go-doctor/workspace-results', format: 999, root, key, digest: fp.digest, scannedAt: 1, results: { n: 1 } }));
    assert.equal(await cache.lookup(root, key, fp), undefined, 'another format');
    writeFileSync(file, JSON.stringify({ schema: 'go-doctor/workspace-results', format: 1, root, key, digest: fp.digest, scannedAt: 1, results: { n: 1 } }));
    assert.deepEqual((await cache.lookup(root, key, fp))?.results, { n: 1 }, 'a well-formed entry');
  });

  it('loses only the cache when the directory cannot be written', async () => {
    const blocked = join(cacheDir, 'file-not-dir');
    writeFileSync(blocked, '');
    const cache = new WorkspaceResultCache<Payload>(join(blocked, 'sub'), isPayload);
    assert.equal(await cache.store(root, resultKey('k'), fingerprint(), { n: 1 }), false);
    assert.equal(await cache.lookup(root, resultKey('k'), fingerprint()), undefined);
  });

  it('keeps at most 32 workspaces, dropping the least recently stored', async () => {
    const cache = new WorkspaceResultCache<Payload>(cacheDir, isPayload);
    const fp = fingerprint();
    for (let k = 0; k < 40; k++) {
      await cache.store(`/ws/${k}`, 'key', fp, { n: k });
      // Distinct mtimes, oldest first.
      utimesSync(cache.fileFor(`/ws/${k}`), HOUR_AGO + k, HOUR_AGO + k);
    }
    const left = readdirSync(cacheDir).filter((n) => n.endsWith('.json'));
    assert.equal(left.length, 32);
    assert.deepEqual((await cache.lookup('/ws/39', 'key', fp))?.results, { n: 39 });
    assert.equal(await cache.lookup('/ws/0', 'key', fp), undefined);
  });
});
