import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commandOutcome, outcomeReason } from '../../../src/core/facts/command-outcome.js';
import { deriveMachineFacts } from '../../../src/core/facts/index.js';
import type { CommandRecord } from '../../../src/core/snapshot.js';
import { runCommand } from '../../../src/probe/run-command.js';
import { emptySnapshot } from '../../support/snapshots.js';

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
    assert.match(record.error ?? '', /did not finish within 300 ms/);
    assert.ok(elapsed < 30_000, `returned at the limit, not when the 100 s sleep ended (${elapsed} ms)`);
    assert.ok(record.durationMs >= 250, `duration recorded (${record.durationMs} ms)`);
    assert.equal(await waitUntilGone(grandchild, 3000), true, `grandchild ${grandchild} was killed`);
  });

  it('a direct `sleep 100` child times out too', async () => {
    const record = await runCommand(['sleep', '100'], { timeoutMs: 200, env, cwd: dir });
    assert.equal(record.timedOut, true);
    assert.match(record.error ?? '', /did not finish within 200 ms/);
  });

  it('caps the output, marks it truncated, and kills the writer', async () => {
    const record = await runCommand(['sh', '-c', 'head -c 3000000 /dev/zero | tr "\\0" a; sleep 100'], { timeoutMs: 10_000, maxOutputBytes: 1000, env, cwd: dir });
    assert.equal(record.stdout.length, 1000);
    assert.ok(/^a+$/.test(record.stdout));
    assert.equal(record.truncated, true);
    assert.match(record.error ?? '', /output exceeded 1000 bytes/);
    assert.equal(record.timedOut, undefined, 'killed at the cap, not at the timeout');
    assert.equal(record.exitCode, null);
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

  /** A fake `go` in the temp dir: a shell script with `body`. */
  async function fakeGo(name: string, body: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  }

  function reasonFor(record: CommandRecord): string {
    const snapshot = emptySnapshot();
    snapshot.commands['go.version'] = record;
    return outcomeReason(commandOutcome(snapshot, 'go.version'));
  }

  it('a go that exits normally but leaves background children: every child is killed after the exit', async () => {
    const pidFile = join(dir, 'sleepers');
    // Eight sleepers with their output elsewhere (they would not hold our pipes open), one per loop.
    const go = await fakeGo('go-forks', `for i in 1 2 3 4 5 6 7 8; do sleep 100 >/dev/null 2>&1 </dev/null & echo $! >> '${pidFile}'; done\necho 'go version go1.27.3 linux/amd64'\nexit 0`);
    const record = await runCommand([go, 'version'], { timeoutMs: 20_000, env, cwd: dir });
    const pids = (await readFile(pidFile, 'utf8')).split('\n').filter(Boolean).map(Number);
    strays.push(...pids);
    assert.equal(pids.length, 8);
    assert.equal(record.exitCode, 0);
    assert.equal(record.timedOut, undefined);
    assert.equal(record.stdout, 'go version go1.27.3 linux/amd64\n');
    for (const pid of pids) assert.equal(await waitUntilGone(pid, 5000), true, `background child ${pid} outlived the go that started it`);
  });

  it('a background child that keeps our stdout open does not hold the run until the timeout', async () => {
    const go = await fakeGo('go-holds-pipe', `sleep 100 &\necho $!\nexit 0`);
    const record = await runCommand([go], { timeoutMs: 60_000, env, cwd: dir });
    const pid = Number(record.stdout.trim());
    strays.push(pid);
    assert.equal(record.timedOut, undefined, 'finished when go exited, not at the time limit');
    assert.equal(record.exitCode, 0);
    assert.equal(await waitUntilGone(pid, 5000), true);
  });

  it('a child that left the process group (setsid) and holds our stdout cannot hold the run past its time limit', { skip: !existsSync('/usr/bin/setsid') && 'no setsid(1) here' }, async () => {
    // go exits only once the escapee has left the group (it wrote its pid after setsid), else the
    // group kill at go's exit could catch it before it escapes.
    const marker = join(dir, 'escaped-pid');
    const go = await fakeGo('go-escapes', `/usr/bin/setsid sh -c 'echo $$ > ${marker}; exec sleep 100' &\nwhile [ ! -s ${marker} ]; do sleep 0.05; done\ncat ${marker}\nexit 0`);
    const record = await runCommand([go], { timeoutMs: 3000, env, cwd: dir });
    const pid = Number(record.stdout.trim());
    if (pid > 1) strays.push(pid);
    assert.ok(pid > 1, `printed the escaped pid: ${JSON.stringify(record.stdout)}`);
    assert.equal(record.timedOut, true, 'the pipe was still open at the time limit');
    assert.match(record.error ?? '', /did not finish within 3000 ms/);
  });

  it('a go that dies of SIGSEGV was started and killed, not "could not be started"', async () => {
    const go = await fakeGo('go-segv', `echo 'go version go1.27.3 linux/amd64'\necho 'unexpected fault address' >&2\nkill -SEGV $$`);
    const record = await runCommand([go, 'version'], { env, cwd: dir });
    assert.equal(record.exitCode, null);
    assert.equal(record.error, 'killed by SIGSEGV');
    const reason = reasonFor(record);
    assert.match(reason, /^was killed by SIGSEGV: unexpected fault address$/);
    assert.doesNotMatch(reason, /could not be started/);
  });

  it('a spawn failure still says "could not be started"', async () => {
    const record = await runCommand([join(dir, 'no-such-go'), 'version'], { env, cwd: dir });
    assert.match(reasonFor(record), /^could not be started \(ENOENT/);
  });

  it('a hanging go is reported with the time limit, not the time the kill took', async () => {
    const go = await fakeGo('go-hangs', 'exec sleep 100');
    const record = await runCommand([go, 'version'], { timeoutMs: 1, env, cwd: dir });
    assert.equal(record.timedOut, true);
    assert.equal(reasonFor(record), 'did not finish within 1 ms');
  });

  for (const [name, body, status] of [
    ['exit 139', "echo 'go version go1.27.3 linux/amd64'; exit 139", /exited with status 139/],
    ['exit 1', "echo 'go version go1.27.3 linux/amd64'; echo 'go: something broke' >&2; exit 1", /exited with status 1: go: something broke/],
    ['SIGSEGV', "echo 'go version go1.27.3 linux/amd64'; kill -SEGV $$", /was killed by SIGSEGV/],
    ['SIGABRT', "echo 'go version go1.27.3 linux/amd64'; kill -ABRT $$", /was killed by SIGABRT/],
  ] as const) {
    it(`a go version that printed a version and then failed (${name}) is not believed`, async () => {
      const go = await fakeGo(`go-fails-${name.replace(/\W/g, '')}`, body);
      const version = await runCommand([go, 'version'], { env, cwd: dir });
      const goEnv = await runCommand([go, 'env', '-json'], { env, cwd: dir });
      const snapshot = emptySnapshot();
      snapshot.commands['go.version'] = version;
      snapshot.commands['go.env'] = { ...goEnv, stdout: '{"GOVERSION": "go1.27.3", "GOROOT": "/usr/local/go"}' };
      const facts = deriveMachineFacts(snapshot);
      assert.equal(facts.go.version, undefined, 'no Go version from a failed go');
      assert.equal(facts.go.env, undefined, 'no go env from a failed go');
      const problem = facts.problems.find((p) => p.what === 'the Go version');
      assert.match(problem?.reason ?? '', status);
    });
  }

  it('an empty argv is an error record', async () => {
    const record = await runCommand([]);
    assert.match(record.error ?? '', /empty argv/);
  });
});
