import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultProbeCacheFile, ProbeCache } from '../../../src/probe/cache.js';
import { probeMachine, type ProbeMachineOptions } from '../../../src/probe/machine.js';
import { executable, FakeFileSystem, textFile } from '../../support/fake-filesystem.js';
import { FakeRunner } from '../../support/fake-runner.js';
import { HOME, macEnv, macFileSystem, macHost, macRunner, pkgutilClt, xcodeSelect } from './mac-recordings.js';

const linuxEnv = { PATH: '/usr/local/go/bin:/home/ada/bin', HOME: '/home/ada', GOFLAGS: '' };

function linuxFs(): FakeFileSystem {
  return new FakeFileSystem({
    '/usr/local/go/bin/go': executable(14_000_000, 1000),
    '/usr/local/go/go.env': textFile('GOTOOLCHAIN=auto\n'),
    '/home/ada/bin/gopls': executable(30_000_000, 2000),
    '/home/ada/.config/go/env': textFile('GOPRIVATE=example.com\n', 3000),
  });
}

function linuxRunner(): FakeRunner {
  return new FakeRunner([
    [['/usr/local/go/bin/go', 'version'], { stdout: 'go version go1.24.4 linux/amd64\n' }],
    [['/usr/local/go/bin/go', 'env', '-json'], { stdout: JSON.stringify({ GOROOT: '/usr/local/go', GOTOOLDIR: '/usr/local/go/pkg/tool/linux_amd64' }) }],
    [['/usr/local/go/bin/go', 'tool'], { stdout: '[]' }],
    [['/usr/local/go/bin/go', 'version', '-m'], { stdout: '/home/ada/bin/gopls: go1.24.4\n' }],
  ]);
}

function options(fs: FakeFileSystem, runner: FakeRunner, cache: ProbeCache, extra: Partial<ProbeMachineOptions> = {}): ProbeMachineOptions {
  return {
    fs,
    runner,
    cache,
    env: linuxEnv,
    host: { platform: 'linux', arch: 'x64', release: '6.1.0' },
    workingDirectory: '/tmp/neutral',
    currentDirectory: '/',
    ...extra,
  };
}

describe('probe cache', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-doctor-cache-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // How long it takes is measured by `npm run bench` (bench/probe.bench.mjs), not asserted here.
  it('a warm re-check in the same process spawns nothing and replays the same records', async () => {
    const fs = linuxFs();
    const cache = new ProbeCache({ file: join(dir, 'warm.json') });
    const cold = linuxRunner();
    const first = await probeMachine(options(fs, cold, cache));
    assert.equal(first.options.cache, 'miss');
    assert.equal(cold.calls.length, 5);

    const warm = linuxRunner();
    const second = await probeMachine(options(fs, warm, cache));
    assert.equal(warm.calls.length, 0, 'no process spawned');
    assert.equal(second.options.cache, 'memory');
    assert.deepEqual(second.commands, first.commands, 'same records replayed');
    assert.deepEqual(second.tools, first.tools);
  });

  it('a new process (new ProbeCache on the same file) reuses the persistent layer', async () => {
    const file = join(dir, 'disk.json');
    const fs = linuxFs();
    await probeMachine(options(fs, linuxRunner(), new ProbeCache({ file })));
    const runner = linuxRunner();
    const snapshot = await probeMachine(options(fs, runner, new ProbeCache({ file })));
    assert.equal(runner.calls.length, 0);
    assert.equal(snapshot.options.cache, 'disk');
    const stored = JSON.parse(await readFile(file, 'utf8')) as { schema: string; entries: { key: string }[] };
    assert.equal(stored.schema, 'go-doctor/probe-cache');
    assert.equal(stored.entries.length, 1);
    assert.match(stored.entries[0]?.key ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual((await readdir(dir)).filter((f) => f.endsWith('.tmp')), [], 'no temp file left behind');
  });

  it('a replaced tool binary (new mtime or size) means running again', async () => {
    const fs = linuxFs();
    const cache = new ProbeCache();
    await probeMachine(options(fs, linuxRunner(), cache));
    fs.set('/home/ada/bin/gopls', executable(30_000_000, 9999));
    const runner = linuxRunner();
    const snapshot = await probeMachine(options(fs, runner, cache));
    assert.equal(snapshot.options.cache, 'miss');
    assert.equal(runner.calls.length, 5);
  });

  it('a new tool on PATH, a changed variable or an edited go env file means running again', async () => {
    const changes: [string, (fs: FakeFileSystem) => Partial<ProbeMachineOptions>][] = [
      ['new tool', (fs) => (fs.set('/home/ada/bin/dlv', executable()), {})],
      ['GOFLAGS', () => ({ env: { ...linuxEnv, GOFLAGS: '-mod=vendor' } })],
      ['CGO_ENABLED', () => ({ env: { ...linuxEnv, CGO_ENABLED: '0' } })],
      ['go env -w', (fs) => (fs.set('/home/ada/.config/go/env', textFile('GOPRIVATE=example.org\n', 4000)), {})],
      ['GOROOT/go.env', (fs) => (fs.set('/usr/local/go/go.env', textFile('GOTOOLCHAIN=local\n', 5000)), {})],
    ];
    for (const [what, change] of changes) {
      const fs = linuxFs();
      const cache = new ProbeCache();
      await probeMachine(options(fs, linuxRunner(), cache));
      const extra = change(fs);
      const runner = linuxRunner();
      const snapshot = await probeMachine(options(fs, runner, cache, extra));
      assert.equal(snapshot.options.cache, 'miss', what);
      assert.ok(runner.calls.length > 0, `${what}: ran again`);
    }
  });

  it('an unrelated variable does not invalidate', async () => {
    const fs = linuxFs();
    const cache = new ProbeCache();
    await probeMachine(options(fs, linuxRunner(), cache));
    const runner = linuxRunner();
    await probeMachine(options(fs, runner, cache, { env: { ...linuxEnv, EDITOR: 'vim', TERM: 'xterm' } }));
    assert.equal(runner.calls.length, 0);
  });

  it('does not keep a run with a timed-out command', async () => {
    const fs = linuxFs();
    const cache = new ProbeCache();
    await probeMachine(options(fs, linuxRunner().set(['/usr/local/go/bin/go', 'env', '-json'], { timedOut: true }), cache));
    const runner = linuxRunner();
    await probeMachine(options(fs, runner, cache));
    assert.equal(runner.calls.length, 5, 'ran again: a timeout may be transient');
  });

  it('cache: false runs every time', async () => {
    const fs = linuxFs();
    for (let i = 0; i < 2; i++) {
      const runner = linuxRunner();
      const snapshot = await probeMachine({ ...options(fs, runner, new ProbeCache()), cache: false });
      assert.equal(runner.calls.length, 5);
      assert.equal(snapshot.options.cache, 'off');
    }
  });

  it('a corrupt or foreign cache file is ignored and then replaced', async () => {
    for (const junk of ['{not json', '[]', '{"schema":"go-doctor/probe-cache","format":1,"entries":[{"key":1}]}', '\u0000\u0001']) {
      const file = join(dir, 'corrupt.json');
      await writeFile(file, junk);
      const runner = linuxRunner();
      const snapshot = await probeMachine(options(linuxFs(), runner, new ProbeCache({ file })));
      assert.equal(runner.calls.length, 5, JSON.stringify(junk));
      assert.equal(snapshot.options.cache, 'miss');
      const rewritten = JSON.parse(await readFile(file, 'utf8')) as { entries: unknown[] };
      assert.equal(rewritten.entries.length, 1);
    }
  });

  it('entries older than the max age are not used', async () => {
    let now = 1_000_000;
    const cache = new ProbeCache({ maxAgeMs: 1000, now: () => now });
    const fs = linuxFs();
    await probeMachine(options(fs, linuxRunner(), cache));
    now += 5000;
    const runner = linuxRunner();
    await probeMachine(options(fs, runner, cache));
    assert.equal(runner.calls.length, 5);
  });

  it('an unwritable cache location loses only the cache', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'x');
    const cache = new ProbeCache({ file: join(blocker, 'sub', 'cache.json') });
    const snapshot = await probeMachine(options(linuxFs(), linuxRunner(), cache));
    assert.equal(snapshot.commands['go.version']?.exitCode, 0);
  });

  it('on macOS a changed developer directory or CLT receipt means running again', async () => {
    const scenario = { xcodeSelect: xcodeSelect.clt, pkgutilClt: pkgutilClt.present, developerFiles: 'clt' as const };
    const macOptions = (fs: FakeFileSystem, runner: FakeRunner, cache: ProbeCache): ProbeMachineOptions => ({
      fs, runner, cache, env: macEnv, host: macHost, workingDirectory: '/tmp/neutral', currentDirectory: HOME,
    });
    const changes: [string, (fs: FakeFileSystem) => void][] = [
      ['CLT removed', (fs) => fs.remove('/Library/Developer/CommandLineTools/usr/bin/clang')],
      ['CLT receipt', (fs) => fs.set('/var/db/receipts/com.apple.pkg.CLTools_Executables.plist', textFile('<plist/>'))],
      ['macOS updated', (fs) => fs.set('/System/Library/CoreServices/SystemVersion.plist', textFile('<plist>26.2</plist>', 1_800_000_000_000))],
    ];
    for (const [what, change] of changes) {
      const fs = macFileSystem('clt');
      const cache = new ProbeCache();
      await probeMachine(macOptions(fs, macRunner(scenario), cache));
      const unchanged = macRunner(scenario);
      await probeMachine(macOptions(fs, unchanged, cache));
      assert.equal(unchanged.calls.length, 0, `${what}: warm before the change`);
      change(fs);
      const runner = macRunner(scenario);
      await probeMachine(macOptions(fs, runner, cache));
      assert.ok(runner.calls.length > 0, `${what}: ran again`);
    }
  });

  it('the default file lives in the user cache dir', () => {
    assert.equal(defaultProbeCacheFile('linux', { HOME: '/home/ada' }), '/home/ada/.cache/go-doctor/probe-cache-v2.json');
    assert.equal(defaultProbeCacheFile('linux', { HOME: '/home/ada', XDG_CACHE_HOME: '/xdg' }), '/xdg/go-doctor/probe-cache-v2.json');
    assert.equal(defaultProbeCacheFile('linux', { HOME: '/home/ada', XDG_CACHE_HOME: 'relative' }), '/home/ada/.cache/go-doctor/probe-cache-v2.json');
    assert.equal(defaultProbeCacheFile('darwin', { HOME: '/Users/ada' }), '/Users/ada/Library/Caches/go-doctor/probe-cache-v2.json');
  });
});
