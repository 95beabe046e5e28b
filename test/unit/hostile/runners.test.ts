// The corpus's judge catches what it claims to: a hang, a crash, a process left behind, a canary
// printed or read, too much memory. Small fake CLIs stand in for go-doctor.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { HostileCategory } from './categories.js';
import { judge } from './corpus.js';
import { LIMITS, markedProcesses, runCli, type Limits } from './runners.js';
import { atimeRecordsReads, HostileWorkspace } from './workspace.js';

const category: HostileCategory = { id: 'fake', what: 'fake CLI', build: () => undefined };
const limits: Limits = { ...LIMITS, wallMs: 3000 };

// Concurrent: most of the time is waiting (the hang's kill timer); each run has its own workspace and canaries.
describe('hostile corpus runner', { concurrency: true }, () => {
  const workspaces: HostileWorkspace[] = [];
  after(() => {
    for (const w of workspaces) w.cleanup();
  });
  const atimeWorks = atimeRecordsReads(tmpdir());

  /** Runs a fake CLI (`source`, given the workspace) on a fresh workspace. */
  async function run(source: string | ((w: HostileWorkspace) => string), overrides: Partial<Limits> = {}) {
    const w = new HostileWorkspace('runner-self-test');
    workspaces.push(w);
    const script = join(w.out, 'fake-cli.cjs');
    writeFileSync(script, typeof source === 'string' ? source : source(w));
    const result = await runCli(w, category, script, 'check', { ...limits, ...overrides });
    judge(category, result, { ...limits, ...overrides }, w);
    return result;
  }

  it('passes a well-behaved run and measures its memory', async () => {
    const r = await run(`process.stdout.write('{}'); process.exit(1);`);
    assert.deepEqual(r.problems, []);
    assert.equal(r.exitCode, 1);
    assert.ok(r.peakRssKiB !== undefined && r.peakRssKiB > 1024, `peak RSS ${r.peakRssKiB} KiB`);
  });

  it('kills a hang with its process group', async () => {
    const r = await run(`setInterval(() => {}, 1000);`);
    assert.equal(r.timedOut, true);
    assert.match(r.problems.join('\n'), /^hang/m);
  });

  it('calls an internal error or an unexpected exit code a crash', async () => {
    const r = await run(`process.stderr.write('go-doctor: internal error: x is not a function\\n'); process.exit(2);`);
    assert.match(r.problems.join('\n'), /crash: exit code 2/);
    assert.match(r.problems.join('\n'), /crash: go-doctor: internal error/);
    const aborted = await run(`process.abort();`);
    assert.match(aborted.problems.join('\n'), /crash: killed by SIGABRT/);
  });

  it('finds and ends a process left behind', async () => {
    const r = await run(`require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { detached: true, stdio: 'ignore' }).unref(); process.exit(0);`);
    assert.equal(r.orphans, 1);
    assert.match(r.problems.join('\n'), /orphans: 1/);
  });

  it('sees the canary printed, and read', { skip: atimeWorks ? false : 'this file system does not record reads (noatime)' }, async () => {
    const printed = await run((w) => `process.stdout.write(require('fs').readFileSync(${JSON.stringify(join(w.secret, 'id_rsa'))}, 'utf8'));`);
    assert.equal(printed.canaryInOutput, true);
    assert.ok(printed.canaryBytesRead > 0);
    const read = await run((w) => `require('fs').readFileSync(${JSON.stringify(join(w.secret, 'Makefile'))});`);
    assert.equal(read.canaryInOutput, false);
    assert.ok(read.canaryBytesRead > 0);
    assert.match(read.problems.join('\n'), /bytes outside the workspace were read/);
  });

  it('reports memory over the limit', async () => {
    const r = await run(`const keep = []; for (let i = 0; i < 64; i++) keep.push(Buffer.alloc(1024 * 1024, 1)); process.exit(0);`, { rssMiB: 32 });
    assert.match(r.problems.join('\n'), /memory: peak RSS/);
  });

  it('finds no marked process for an unknown marker', () => {
    assert.deepEqual(markedProcesses('no-such-marker'), []);
  });
});
