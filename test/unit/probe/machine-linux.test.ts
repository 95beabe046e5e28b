import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SNAPSHOT_SCHEMA, SNAPSHOT_VERSION } from '../../../src/core/snapshot.js';
import { probeMachine } from '../../../src/probe/machine.js';
import { FakeFileSystem, directory, executable, symlink, textFile } from '../../support/fake-filesystem.js';
import { FakeRunner } from '../../support/fake-runner.js';

const HOME = '/home/ada';
const GO = '/usr/lib/go-1.27/bin/go';

function linuxFileSystem(): FakeFileSystem {
  return new FakeFileSystem({
    [GO]: executable(14_000_000),
    '/usr/lib/go-1.27/bin/gofmt': executable(),
    '/usr/bin/go': symlink('../lib/go-1.27/bin/go'),
    '/usr/bin/gcc': executable(),
    '/usr/bin/cc': symlink('gcc'),
    '/usr/bin/ccache': executable(),
    '/usr/bin/gopls': { kind: 'file', mode: 0o644, size: 10 }, // not executable: not a tool
    [`${HOME}/bin`]: directory(0o777),
    [`${HOME}/bin/gopls`]: executable(31_000_000),
    [`${HOME}/bin/dlv`]: executable(),
    [`${HOME}/bin/mytool`]: executable(),
    '/tmp': directory(0o1777),
    [`${HOME}/work/relative/bin/go`]: executable(),
    [`${HOME}/gobin/staticcheck`]: executable(),
    '/proc/sys/fs/inotify/max_user_watches': textFile('8192\n'),
    '/proc/sys/fs/inotify/max_user_instances': textFile('128\n'),
  });
}

const env = {
  PATH: `/usr/bin:${HOME}/bin::relative/bin:/tmp:/does/not/exist`,
  HOME,
  USER: 'ada',
  GOBIN: `${HOME}/gobin`,
  GOFLAGS: '-mod=mod',
  GOTOOLCHAIN: 'go1.27.3+auto',
  CC: 'ccache gcc',
  SSH_CONNECTION: '10.0.0.1 5555 10.0.0.2 22',
  SECRET_TOKEN: 'never-recorded',
};

function linuxRunner(): FakeRunner {
  return new FakeRunner([
    [['/usr/bin/go', 'version'], { stdout: 'go version go1.27.3 linux/amd64\n' }],
    [['/usr/bin/go', 'env', '-json'], { stdout: JSON.stringify({ GOROOT: '/usr/lib/go-1.27', GOTOOLDIR: '/usr/lib/go-1.27/pkg/tool/linux_amd64' }) }],
    [['/usr/bin/go', 'tool', 'dist', 'list', '-json'], { stdout: '[]\n' }],
    [['/usr/bin/go', 'version', '-m'], { stdout: `${HOME}/bin/gopls: go1.27.3\n`, delayMs: 2 }],
  ]);
}

async function probeLinux(runner = linuxRunner(), extra: Partial<Parameters<typeof probeMachine>[0]> = {}) {
  return probeMachine({
    runner,
    fs: linuxFileSystem(),
    env,
    host: { platform: 'linux', arch: 'x64', release: '6.1.0-28-amd64' },
    cache: false,
    workingDirectory: '/tmp/neutral',
    currentDirectory: `${HOME}/work`,
    extraTools: ['mytool'],
    producer: { name: 'go-doctor', version: 'test' },
    now: () => new Date('2026-11-25T12:00:00Z'),
    ...extra,
  });
}

describe('probeMachine on Linux (fake runner and file system)', () => {
  it('records the snapshot header, the relevant env only, and the host', async () => {
    const snapshot = await probeLinux();
    assert.equal(snapshot.schema, SNAPSHOT_SCHEMA);
    assert.equal(snapshot.version, SNAPSHOT_VERSION);
    assert.equal(snapshot.createdAt, '2026-11-25T12:00:00.000Z');
    assert.equal(snapshot.redacted, false);
    assert.deepEqual(snapshot.host, { platform: 'linux', arch: 'x64', release: '6.1.0-28-amd64' });
    assert.equal(snapshot.env.GOTOOLCHAIN, 'go1.27.3+auto');
    assert.equal(snapshot.env.GOFLAGS, '-mod=mod');
    assert.equal(snapshot.env.SSH_CONNECTION, env.SSH_CONNECTION);
    assert.equal(snapshot.env.SECRET_TOKEN, undefined, 'unrelated variables are not recorded');
    assert.deepEqual(snapshot.options, { timeoutMs: 5000, toolNames: snapshot.options.toolNames, cache: 'off' });
    assert.ok(snapshot.options.toolNames.includes('gopls') && snapshot.options.toolNames.includes('mytool'));
  });

  it('describes every PATH entry: empty, relative, missing, world-writable, sticky', async () => {
    const { path } = await probeLinux();
    assert.deepEqual(path.map((e) => e.raw), ['/usr/bin', `${HOME}/bin`, '', 'relative/bin', '/tmp', '/does/not/exist']);
    assert.deepEqual(path.map((e) => e.index), [0, 1, 2, 3, 4, 5]);
    assert.equal(path[1]?.worldWritable, true, 'mode 0777');
    assert.equal(path[4]?.worldWritable, false, '/tmp is sticky (1777)');
    assert.equal(path[0]?.worldWritable, false);
    assert.deepEqual(path[5], { index: 5, raw: '/does/not/exist', exists: false, isDirectory: false, worldWritable: false });
    assert.equal(path[2]?.realPath, `${HOME}/work`, 'empty entry = current directory');
    assert.equal(path[3]?.realPath, `${HOME}/work/relative/bin`);
  });

  it('finds Go tools by PATH order with identity; skips relative entries and non-executables; adds GOBIN and GOROOT/bin', async () => {
    const { tools } = await probeLinux();
    assert.deepEqual(
      tools.map((t) => [t.name, t.path, t.source]),
      [
        ['go', '/usr/bin/go', { kind: 'path', index: 0 }],
        ['gopls', `${HOME}/bin/gopls`, { kind: 'path', index: 1 }],
        ['dlv', `${HOME}/bin/dlv`, { kind: 'path', index: 1 }],
        ['mytool', `${HOME}/bin/mytool`, { kind: 'path', index: 1 }],
        ['staticcheck', `${HOME}/gobin/staticcheck`, { kind: 'gobin' }],
        // GOROOT/bin (from go env) is not on PATH: /usr/bin/go is a symlink into it
        ['go', GO, { kind: 'goroot' }],
        ['gofmt', '/usr/lib/go-1.27/bin/gofmt', { kind: 'goroot' }],
      ],
    );
    const go = tools[0];
    assert.equal(go?.realPath, GO);
    assert.equal(go?.size, 14_000_000);
    assert.equal(go?.dir, '/usr/bin');
    assert.equal(typeof go?.mtimeMs, 'number');
  });

  it('runs the go commands with the exact ids and argv, GOTOOLCHAIN=local, from the neutral dir', async () => {
    const runner = linuxRunner();
    const snapshot = await probeLinux(runner);
    assert.deepEqual(snapshot.commands['go.version']?.argv, ['/usr/bin/go', 'version']);
    assert.deepEqual(snapshot.commands['go.env']?.argv, ['/usr/bin/go', 'env', '-json']);
    assert.deepEqual(snapshot.commands['go.distList']?.argv, ['/usr/bin/go', 'tool', 'dist', 'list', '-json']);
    assert.deepEqual(snapshot.commands['go.distListBroken']?.argv, ['/usr/bin/go', 'tool', 'dist', 'list', '-json', '-broken']);
    assert.deepEqual(snapshot.commands['go.versionM']?.argv, [
      '/usr/bin/go', 'version', '-m', `${HOME}/bin/gopls`, `${HOME}/bin/dlv`, `${HOME}/bin/mytool`, `${HOME}/gobin/staticcheck`,
    ]);
    assert.deepEqual(Object.keys(snapshot.commands), ['go.version', 'go.env', 'go.distList', 'go.distListBroken', 'go.versionM']);
    assert.equal(runner.calls.length, 5, 'no macOS command on Linux');
    for (const call of runner.calls) {
      assert.equal(call.options.env.GOTOOLCHAIN, 'local');
      assert.equal(call.options.env.GOFLAGS, '-mod=mod', "the user's GOFLAGS reach go unchanged");
      assert.equal(call.options.cwd, '/tmp/neutral');
      assert.equal(call.options.timeoutMs, 5000);
    }
  });

  it('runs independent commands in parallel', async () => {
    const runner = linuxRunner();
    await probeLinux(runner);
    const firstEnd = runner.events.findIndex((e) => e.type === 'end');
    assert.ok(firstEnd >= 3, `go version, go env and both dist lists start before any ends (first end at ${firstEnd})`);
  });

  it('looks up the C compilers on PATH without running them, including the program in $CC', async () => {
    const { which } = await probeLinux();
    assert.deepEqual(which, { gcc: '/usr/bin/gcc', cc: '/usr/bin/cc', clang: null, brew: null, ccache: '/usr/bin/ccache' });
  });

  it('records the inotify limits raw (missing ones as absent)', async () => {
    const { files } = await probeLinux();
    assert.deepEqual(files['/proc/sys/fs/inotify/max_user_watches'], { exists: true, isDirectory: false, content: '8192\n' });
    assert.deepEqual(files['/proc/sys/fs/inotify/max_user_instances'], { exists: true, isDirectory: false, content: '128\n' });
    assert.deepEqual(files['/proc/sys/fs/inotify/max_queued_events'], { exists: false });
  });

  it('with no go on PATH records skipped go commands and spawns nothing', async () => {
    const runner = linuxRunner();
    const snapshot = await probeLinux(runner, { env: { ...env, PATH: `${HOME}/bin` } });
    assert.equal(runner.calls.length, 0);
    for (const id of ['go.version', 'go.env', 'go.distList', 'go.distListBroken', 'go.versionM']) {
      assert.match(snapshot.commands[id]?.skipped ?? '', /no go binary/, id);
    }
  });

  it('timeouts and a throwing runner become records, never a rejection', async () => {
    const runner = linuxRunner()
      .set(['/usr/bin/go', 'env', '-json'], { timedOut: true, error: 'timed out after 5000 ms', stdout: '{"GOR' })
      .set(['/usr/bin/go', 'tool', 'dist', 'list', '-json'], { throws: 'boom' });
    const snapshot = await probeLinux(runner);
    assert.equal(snapshot.commands['go.env']?.timedOut, true);
    assert.equal(snapshot.commands['go.env']?.exitCode, null);
    assert.match(snapshot.commands['go.distList']?.error ?? '', /runner failed: Error: boom/);
    assert.equal(snapshot.commands['go.version']?.exitCode, 0);
  });

  it('reports progress for every command, and survives a throwing callback', async () => {
    const events: string[] = [];
    await probeLinux(linuxRunner(), { onProgress: (e) => events.push(e.kind === 'cache' ? `cache:${e.result}` : `${e.kind}:${e.id}`) });
    assert.equal(events[0], 'cache:off');
    assert.equal(events.filter((e) => e.startsWith('command-start')).length, 5);
    assert.equal(events.filter((e) => e.startsWith('command-end')).length, 5);
    const snapshot = await probeLinux(linuxRunner(), { onProgress: () => { throw new Error('bad callback'); } });
    assert.equal(snapshot.commands['go.version']?.exitCode, 0);
  });

  it('skips go version -m when there is no tool but go and gofmt', async () => {
    const runner = linuxRunner();
    const snapshot = await probeLinux(runner, { env: { ...env, PATH: '/usr/bin', GOBIN: '/nowhere' }, extraTools: [] });
    assert.match(snapshot.commands['go.versionM']?.skipped ?? '', /no tool binaries/);
    assert.equal(runner.callsTo(['/usr/bin/go', 'version', '-m']).length, 0);
  });
});
