import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCommand } from '../../../src/probe/run-command.js';

const env = { PATH: '/usr/bin:/bin' };

/** Whether a process is gone (or a zombie nobody reaped yet: it runs no more). */
async function isGone(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^State:\s+Z/m.test(await readFile(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

async function waitUntilGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await isGone(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return isGone(pid);
}

describe('runCommand (real processes)', () => {
  let dir = '';
  const strays: number[] = [];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-doctor-run-'));
  });
  after(async () => {
    for (const pid of strays) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('on timeout kills the whole process group: sh and its sleep grandchild', async () => {
    const started = Date.now();
    const record = await runCommand(['sh', '-c', 'sleep 100 & echo $!; wait'], { timeoutMs: 300, env, cwd: dir });
    const elapsed = Date.now() - started;
    const grandchild = Number(record.stdout.trim());
    assert.ok(Number.isInteger(grandchild) && grandchild > 1, `sh printed the sleep pid: ${JSON.stringify(record.stdout)}`);
    strays.push(grandchild);
    assert.equal(record.timedOut, true);
    assert.equal(record.exitCode, null);
    assert.match(record.error ?? '', /timed out after 300 ms/);
    assert.ok(elapsed < 3000, `returned promptly (${elapsed} ms)`);
    assert.ok(record.durationMs >= 250, `duration recorded (${record.durationMs} ms)`);
    assert.equal(await waitUntilGone(grandchild, 3000), true, `grandchild ${grandchild} was killed`);
  });

  it('a direct `sleep 100` child times out too', async () => {
    const record = await runCommand(['sleep', '100'], { timeoutMs: 200, env, cwd: dir });
    assert.equal(record.timedOut, true);
    assert.ok(record.durationMs < 2500);
  });

  it('caps the output, marks it truncated, and kills the writer', async () => {
    const record = await runCommand(['sh', '-c', 'head -c 3000000 /dev/zero | tr "\\0" a; sleep 100'], { timeoutMs: 10_000, maxOutputBytes: 1000, env, cwd: dir });
    assert.equal(record.stdout.length, 1000);
    assert.ok(/^a+$/.test(record.stdout));
    assert.equal(record.truncated, true);
    assert.match(record.error ?? '', /output exceeded 1000 bytes/);
    assert.ok(record.durationMs < 5000, 'killed at the cap, not at the timeout');
  });

  it('a missing program is ENOENT in `error`, never a throw', async () => {
    const record = await runCommand([join(dir, 'no-such-program')], { env, cwd: dir });
    assert.match(record.error ?? '', /^ENOENT/);
    assert.equal(record.exitCode, null);
    assert.equal(record.timedOut, undefined);
  });

  it('a non-executable file is EACCES in `error`', async () => {
    const file = join(dir, 'not-executable');
    await writeFile(file, '#!/bin/sh\necho hi\n');
    await chmod(file, 0o644);
    const record = await runCommand([file], { env, cwd: dir });
    assert.match(record.error ?? '', /^EACCES/);
  });

  it('records stdout, stderr and a non-zero exit raw (no trimming, no shell)', async () => {
    const record = await runCommand(['sh', '-c', 'printf "out\\n\\n"; printf "err" >&2; exit 3'], { env, cwd: dir });
    assert.deepEqual([record.stdout, record.stderr, record.exitCode, record.error], ['out\n\n', 'err', 3, undefined]);
    const literal = await runCommand(['echo', '$HOME', '`id`', ';', 'ls'], { env, cwd: dir });
    assert.equal(literal.stdout, '$HOME `id` ; ls\n', 'arguments reach the program verbatim');
  });

  it('uses exactly the given environment and working directory', async () => {
    const record = await runCommand(['sh', '-c', 'echo "$GOTOOLCHAIN|$HOME|$(pwd)"'], { env: { ...env, GOTOOLCHAIN: 'local' }, cwd: dir });
    assert.equal(record.stdout, `local||${dir}\n`, 'HOME is not inherited');
  });

  it('an empty argv is an error record', async () => {
    const record = await runCommand([]);
    assert.match(record.error ?? '', /empty argv/);
  });
});
