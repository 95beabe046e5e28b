// The probe against real toolchains from $GO_DOCTOR_TOOLCHAINS on a constructed PATH:
// go1.27 before go1.21, and two real Go-built `gopls` binaries of different builds (the packaged
// gopls v0.24, and a tiny main package built here with go1.21 into a directory of its own).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ProbeCache } from '../../../src/probe/cache.js';
import { probeMachine, type ProbeMachineOptions } from '../../../src/probe/machine.js';
import { processRunner } from '../../../src/probe/run-command.js';
import { CountingRunner } from '../../support/fake-runner.js';

const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const go127 = join(toolchains, 'go1.27', 'bin');
const go121 = join(toolchains, 'go1.21', 'bin');
const packagedGopls = join(toolchains, 'bin');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const need = [join(go127, 'go'), join(go121, 'go'), join(packagedGopls, 'gopls')].filter((p) => !existsSync(p));
const missing = need.length ? `missing ${need.join(', ')} (install: bash tools/go-toolchains.sh ${toolchains})` : undefined;
if (missing && ci) throw new Error(`CI: ${missing}`);

describe('probeMachine with real toolchains on a constructed PATH', { skip: missing }, () => {
  let root = '';
  let builtGoplsDir = '';
  let workspace = '';
  let options: ProbeMachineOptions;
  let cache: ProbeCache;
  const originalCwd = process.cwd();

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'go-doctor-probe-'));
    const src = join(root, 'src');
    builtGoplsDir = join(root, 'old-gopls');
    mkdirSync(src);
    writeFileSync(join(src, 'go.mod'), 'module example.com/oldgopls\n\ngo 1.21\n');
    writeFileSync(join(src, 'main.go'), 'package main\n\nfunc main() { println("not really gopls") }\n');
    execFileSync(join(go121, 'go'), ['build', '-o', join(builtGoplsDir, 'gopls'), '.'], {
      cwd: src,
      env: { PATH: '/usr/bin:/bin', HOME: root, GOCACHE: join(root, 'gocache'), GOPATH: join(root, 'gopath'), GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-modcacherw' },
      stdio: 'pipe',
    });
    // A workspace whose go.mod no local Go can satisfy: the probe must not be influenced by it.
    workspace = join(root, 'workspace');
    mkdirSync(workspace);
    writeFileSync(join(workspace, 'go.mod'), 'module example.com/ws\n\ngo 1.99\n');
    process.chdir(workspace);
    cache = new ProbeCache({ file: join(root, 'cache', 'probe-cache-v1.json') });
    options = {
      env: {
        PATH: [go127, go121, packagedGopls, builtGoplsDir, '/usr/bin', '/bin'].join(':'),
        HOME: join(root, 'home'),
        GOTOOLCHAIN: 'auto',
        GOFLAGS: '-modcacherw',
      },
      cache,
    };
  });

  after(() => {
    process.chdir(originalCwd);
    rmSync(root, { recursive: true, force: true });
  });

  it('records both go and both gopls builds, in PATH order, and one go version -m naming both', async (t) => {
    const runner = new CountingRunner(processRunner);
    const started = Date.now();
    const snapshot = await probeMachine({ ...options, runner });
    t.diagnostic(`cold probe: ${Date.now() - started} ms, ${runner.calls.length} commands`);
    assert.equal(snapshot.options.cache, 'miss');

    const gos = snapshot.tools.filter((tool) => tool.name === 'go' && tool.source.kind === 'path');
    assert.deepEqual(gos.map((tool) => tool.dir), [go127, go121]);
    assert.notEqual(gos[0]?.realPath, gos[1]?.realPath);
    const gopls = snapshot.tools.filter((tool) => tool.name === 'gopls');
    assert.deepEqual(gopls.map((tool) => [tool.path, tool.source]), [
      [join(packagedGopls, 'gopls'), { kind: 'path', index: 2 }],
      [join(builtGoplsDir, 'gopls'), { kind: 'path', index: 3 }],
    ]);
    assert.notEqual(gopls[0]?.size, gopls[1]?.size);

    assert.deepEqual(snapshot.commands['go.version']?.argv, [join(go127, 'go'), 'version']);
    assert.match(snapshot.commands['go.version']?.stdout ?? '', /^go version go1\.27\.3 /);
    const versionM = snapshot.commands['go.versionM'];
    assert.deepEqual(versionM?.argv, [join(go127, 'go'), 'version', '-m', join(packagedGopls, 'gopls'), join(builtGoplsDir, 'gopls')]);
    assert.equal(versionM?.exitCode, 0, versionM?.stderr);
    assert.ok(versionM?.stdout.includes(`${join(packagedGopls, 'gopls')}: go1.`), versionM?.stdout);
    assert.match(versionM?.stdout ?? '', /\tpath\tgolang\.org\/x\/tools\/gopls\n/);
    assert.ok(versionM?.stdout.includes(`${join(builtGoplsDir, 'gopls')}: go1.21.13\n\tpath\texample.com/oldgopls`), versionM?.stdout);

    const goEnv = JSON.parse(snapshot.commands['go.env']?.stdout ?? '{}') as Record<string, string>;
    assert.equal(snapshot.commands['go.env']?.exitCode, 0, snapshot.commands['go.env']?.stderr);
    assert.equal(goEnv.GOTOOLCHAIN, 'local', 'the probe ran go with GOTOOLCHAIN=local');
    assert.equal(snapshot.env.GOTOOLCHAIN, 'auto', "the user's GOTOOLCHAIN is recorded untouched");
    assert.equal(goEnv.GOMOD, '/dev/null', `the workspace's go.mod (go 1.99) was not seen: ${goEnv.GOMOD}`);
    assert.equal(goEnv.GOROOT, join(toolchains, 'root', 'usr', 'lib', 'go-1.27'));
    assert.ok('GOGCCFLAGS' in goEnv, 'on Linux the full go env -json runs');

    const ports = JSON.parse(snapshot.commands['go.distList']?.stdout ?? '[]') as { GOOS: string; GOARCH: string }[];
    const broken = JSON.parse(snapshot.commands['go.distListBroken']?.stdout ?? '[]') as { GOOS: string; GOARCH: string }[];
    assert.equal(ports.length, 47, 'go1.27 has 47 ports (facts §1.1)');
    assert.ok(broken.some((p) => p.GOOS === 'linux' && p.GOARCH === 'sparc64'), '-broken adds linux/sparc64');
    for (const record of Object.values(snapshot.commands)) assert.equal(record?.timedOut, undefined);
  });

  it('the workspace go.mod would have changed what go prints had the probe run there', () => {
    const env = { PATH: '/usr/bin:/bin', HOME: join(root, 'home'), GOPROXY: 'off' };
    const gomod = execFileSync(join(go127, 'go'), ['env', 'GOMOD'], { cwd: workspace, env: { ...env, GOTOOLCHAIN: 'local' }, encoding: 'utf8' });
    assert.equal(gomod.trim(), join(workspace, 'go.mod'), 'run in the workspace, go env reports its module');
    let stderr = '';
    try {
      execFileSync(join(go127, 'go'), ['version'], { cwd: workspace, env: { ...env, GOTOOLCHAIN: 'auto' }, stdio: 'pipe', timeout: 30_000 });
    } catch (error) {
      stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    }
    assert.match(stderr, /go: downloading go1\.99/, 'with GOTOOLCHAIN=auto, go version in the workspace tries to download a toolchain');
  });

  it('re-checks an unchanged machine without spawning anything (memory, then the cache file)', async (t) => {
    const warm = new CountingRunner(processRunner);
    const times: number[] = [];
    let memory = await probeMachine({ ...options, runner: warm });
    for (let i = 0; i < 5; i++) {
      const begin = performance.now();
      memory = await probeMachine({ ...options, runner: warm });
      times.push(performance.now() - begin);
    }
    t.diagnostic(`warm (in-process) probe: ${times.map((ms) => ms.toFixed(1)).join(', ')} ms`);
    assert.equal(warm.calls.length, 0, 'no process spawned');
    assert.equal(memory.options.cache, 'memory');
    // The < 20 ms target is measured by `npm run bench` (bench/probe.bench.mjs), not asserted here.

    const fromDisk = new CountingRunner(processRunner);
    const started = performance.now();
    const disk = await probeMachine({ ...options, runner: fromDisk, cache: new ProbeCache({ file: cache.options.file }) });
    t.diagnostic(`warm (cache file) probe: ${(performance.now() - started).toFixed(1)} ms`);
    assert.equal(fromDisk.calls.length, 0);
    assert.equal(disk.options.cache, 'disk');
    assert.deepEqual(disk.commands, memory.commands);
  });

  it('a rebuilt gopls (new mtime) is looked at again', async () => {
    const when = new Date(Date.now() + 60_000);
    utimesSync(join(builtGoplsDir, 'gopls'), when, when);
    const runner = new CountingRunner(processRunner);
    const snapshot = await probeMachine({ ...options, runner });
    assert.equal(snapshot.options.cache, 'miss');
    assert.ok(runner.calls.some((argv) => argv[1] === 'version' && argv[2] === '-m'));
  });
});
