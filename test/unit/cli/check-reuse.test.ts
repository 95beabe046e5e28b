// `go-doctor check` reuses the report of an unchanged workspace. The CLI environment is the fake
// one (recorded machine snapshots), the workspace is real (temp dir, old mtimes), and so are the
// listing, fingerprint and result store (a temp cache dir). A counting rule shows whether the
// workspace was diagnosed again.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { WorkspaceResults } from '../../../src/cli/cli-environment.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { isDoctorReport, type DoctorReport } from '../../../src/core/report/model.js';
import type { Rule } from '../../../src/core/rule.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { fingerprintListing } from '../../../src/probe/workspace/fingerprint.js';
import { WorkspaceResultCache } from '../../../src/probe/workspace/result-cache.js';
import { listWorkspace, scanAndFingerprint } from '../../../src/probe/workspace/scan.js';
import { emptySnapshot } from '../../support/snapshots.js';
import { fakeEnvironment, type FakeEnvironment } from './fake-environment.js';

let root: string;
let cacheDir: string;
const HOUR_AGO = (Date.now() - 3600_000) / 1000;

function write(rel: string, content: string): void {
  const p = join(root, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  utimesSync(p, HOUR_AGO, HOUR_AGO);
}

/** Counts its runs; one warning per Makefile that sets GOOS=visionos. */
function countingRule(): Rule & { runs: number } {
  const rule = {
    id: 'cross/unknown-goos',
    reads: 'files' as const,
    defaultSeverity: 'warning' as const,
    summary: 'test rule',
    docs: 'test rule',
    runs: 0,
    check: ({ snapshot }: { snapshot: Snapshot }) => {
      rule.runs++;
      return (snapshot.workspace?.files ?? [])
        .filter((f) => f.path.endsWith('Makefile') && f.content.includes('GOOS=visionos'))
        .map((f) => ({ rule: 'cross/unknown-goos', severity: 'warning' as const, message: `visionos in ${f.path}`, location: { file: join(root, f.path), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, evidence: [], fixes: [] }));
    },
  };
  return rule;
}

interface Probed {
  results: WorkspaceResults;
  scans: number;
  stores: number;
  /** Fingerprint passes (stat of every file) made for a lookup. */
  fingerprints: number;
}

function realResults(buildId = 'build-1'): Probed {
  const cache = new WorkspaceResultCache<DoctorReport>(cacheDir, isDoctorReport);
  const probed: Probed = {
    scans: 0,
    stores: 0,
    fingerprints: 0,
    results: {
      buildId,
      prepare(dir) {
        const listing = listWorkspace(dir);
        return Promise.resolve({
          fingerprint: () => {
            probed.fingerprints++;
            return fingerprintListing(listing);
          },
          scan: () => {
            probed.scans++;
            return scanAndFingerprint(dir, listing);
          },
        });
      },
      lookup: (dir, key, fp) => cache.lookup(dir, key, fp),
      store: async (dir, key, fp, report) => {
        const stored = await cache.store(dir, key, fp, report);
        if (stored) probed.stores++;
        return stored;
      },
    },
  };
  return probed;
}

function environment(rule: Rule, probed: Probed, snapshot: Snapshot = emptySnapshot()): FakeEnvironment {
  const env = fakeEnvironment({ rules: [rule], snapshot: () => Promise.resolve({ ...structuredClone(snapshot), createdAt: new Date().toISOString() }), dirs: [root] });
  env.workspaceResults = probed.results;
  return env;
}

async function checkJson(env: FakeEnvironment, ...flags: string[]): Promise<DoctorReport> {
  await runCli(['check', root, '--json', ...flags], env);
  return JSON.parse(env.out()) as DoctorReport;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'go-doctor-reuse-'));
  cacheDir = mkdtempSync(join(tmpdir(), 'go-doctor-reuse-cache-'));
  write('go.mod', 'module example.com/r\n\ngo 1.24\n');
  write('Makefile', 'build:\n\tGOOS=visionos go build .\n');
  write('tools/Makefile', 'build:\n\tGOOS=linux go build .\n');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('check: results of an unchanged workspace are reused', () => {
  it('diagnoses once, then reuses: the same report but for createdAt and reusedFrom', async () => {
    const rule = countingRule();
    const probed = realResults();
    const first = await checkJson(environment(rule, probed));
    const second = await checkJson(environment(rule, probed));
    assert.equal(rule.runs, 1);
    assert.equal(probed.scans, 1);
    assert.equal(probed.fingerprints, 1, 'the first check fingerprints while it reads; only the lookup of the second stats');
    assert.equal(first.snapshot.reusedFrom, undefined);
    assert.match(second.snapshot.reusedFrom ?? '', /^\d{4}-\d\d-\d\dT/);
    const strip = (r: DoctorReport) => ({ ...r, snapshot: { ...r.snapshot, createdAt: '', reusedFrom: undefined } });
    assert.deepEqual(JSON.parse(JSON.stringify(strip(second))), JSON.parse(JSON.stringify(strip(first))));
    assert.equal(second.findings.length, 1);
  });

  it('says so in the human report', async () => {
    const rule = countingRule();
    const probed = realResults();
    await runCli(['check', root], environment(rule, probed));
    const env = environment(rule, probed);
    await runCli(['check', root], env);
    assert.match(env.out(), /workspace unchanged since .*: results reused \(--no-cache checks again\)/);
  });

  it('checks again after a change to a file the scan reads', async () => {
    const rule = countingRule();
    const probed = realResults();
    await checkJson(environment(rule, probed));
    write('tools/Makefile', 'build:\n\tGOOS=visionos go build ./...\n');
    const after = await checkJson(environment(rule, probed));
    assert.equal(rule.runs, 2);
    assert.equal(after.snapshot.reusedFrom, undefined);
    assert.deepEqual(after.findings.map((f) => f.message).sort(), ['visionos in Makefile', 'visionos in tools/Makefile']);
  });

  it('checks again when the machine facts, the rule settings or the doctor build differ', async () => {
    const rule = countingRule();
    const probed = realResults();
    await checkJson(environment(rule, probed));
    await checkJson(environment(rule, probed, emptySnapshot({ env: { GOFLAGS: '-mod=mod' } })));
    assert.equal(rule.runs, 2, 'machine facts');
    await checkJson(environment(rule, probed), '--rule', 'cross/unknown-goos=error');
    assert.equal(rule.runs, 3, 'rule settings');
    await checkJson(environment(rule, realResults('build-2')));
    assert.equal(rule.runs, 4, 'another build');
  });

  it('--no-cache neither reuses nor needs the store', async () => {
    const rule = countingRule();
    const probed = realResults();
    await checkJson(environment(rule, probed));
    const env = environment(rule, probed);
    const report = await checkJson(env, '--no-cache');
    assert.equal(rule.runs, 2);
    assert.equal(report.snapshot.reusedFrom, undefined);
    assert.equal(env.requests.at(-1)?.workspace, root, '--no-cache scans through collectSnapshot as before');
  });

  it('does not keep results of a workspace with a file modified moments ago', async () => {
    const rule = countingRule();
    const probed = realResults();
    writeFileSync(join(root, 'fresh.sh'), '#!/bin/sh\nGOOS=linux go build\n');
    await checkJson(environment(rule, probed));
    await checkJson(environment(rule, probed));
    assert.equal(probed.stores, 0);
    assert.equal(rule.runs, 2);
  });

  it('reports a walk that fails as the scan failing, and keeps nothing', async () => {
    const rule = countingRule();
    const probed = realResults();
    probed.results.prepare = () => Promise.reject(new Error('boom'));
    const report = await checkJson(environment(rule, probed));
    assert.equal(rule.runs, 1);
    assert.equal(probed.stores, 0);
    assert.equal(report.snapshot.workspace, root);
  });
});
