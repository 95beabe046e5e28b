/**
 * What the probe records for the rules since `go env CC`, brew and the go env files were added:
 * PATH lookups done without spawning (also on a cache hit), and the `go env -w` file and
 * $GOROOT/go.env with their content, checked end to end through the rules.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose } from '../../../src/core/diagnose.js';
import { redactSnapshot } from '../../../src/core/redact.js';
import { runRules } from '../../../src/core/engine.js';
import { deriveMachineFacts } from '../../../src/core/facts/index.js';
import { range, type Finding } from '../../../src/core/finding.js';
import { allRules } from '../../../src/core/rules/index.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import type { WorkspaceModel } from '../../../src/core/workspace/model.js';
import { ProbeCache } from '../../../src/probe/cache.js';
import { textFileFact } from '../../../src/probe/file-facts.js';
import type { FileStat, ProbeFileSystem } from '../../../src/probe/filesystem.js';
import { GO_ENV_FILE_MAX_BYTES } from '../../../src/probe/go-env-files.js';
import { probeMachine, type ProbeMachineOptions } from '../../../src/probe/machine.js';
import { directory, executable, FakeFileSystem, symlink, textFile } from '../../support/fake-filesystem.js';
import { FakeRunner } from '../../support/fake-runner.js';
import { HOME as MAC_HOME, macEnv, macFileSystem, macHost, macRunner, pkgutilClt, xcodeSelect } from './mac-recordings.js';

const HOME = '/home/dev';
const GOROOT = '/usr/lib/go-1.27';
const USER_FILE = `${HOME}/.config/go/env`;
const STANDARD_GO_ENV = 'GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n';

/** A Debian machine: /usr/bin/go → go1.27, go env CC = x86_64-linux-gnu-gcc (as go1.27.3 prints it here). */
function debianFs(): FakeFileSystem {
  return new FakeFileSystem({
    [`${GOROOT}/bin/go`]: executable(14_000_000),
    '/usr/bin/go': symlink('../lib/go-1.27/bin/go'),
    [`${GOROOT}/go.env`]: textFile(STANDARD_GO_ENV),
    '/usr/bin/gcc': executable(),
    '/usr/bin/x86_64-linux-gnu-gcc': executable(),
    '/tmp': directory(0o1777),
  });
}

function debianRunner(goEnv: Record<string, string> = {}): FakeRunner {
  const env = { CC: 'x86_64-linux-gnu-gcc', CGO_ENABLED: '1', GOENV: USER_FILE, GOHOSTARCH: 'amd64', GOHOSTOS: 'linux', GOOS: 'linux', GOARCH: 'amd64', GOROOT, GOTOOLCHAIN: 'local', GOTOOLDIR: `${GOROOT}/pkg/tool/linux_amd64`, GOVERSION: 'go1.24.4', ...goEnv };
  return new FakeRunner([
    [['/usr/bin/go', 'version'], { stdout: 'go version go1.24.4 linux/amd64\n' }],
    [['/usr/bin/go', 'env', '-json'], { stdout: JSON.stringify(env) }],
    [['/usr/bin/go', 'tool', 'dist', 'list', '-json'], { stdout: '[]\n' }],
  ]);
}

function debianOptions(fs: ProbeFileSystem, runner: FakeRunner, extra: Partial<ProbeMachineOptions> = {}): ProbeMachineOptions {
  return {
    fs,
    runner,
    env: { PATH: '/usr/bin:/bin', HOME },
    host: { platform: 'linux', arch: 'x64', release: '6.1.0' },
    cache: false,
    workingDirectory: '/tmp/neutral',
    currentDirectory: '/',
    ...extra,
  };
}

const workspaceWith = (over: Partial<WorkspaceModel>): WorkspaceModel => ({ root: '/w', modules: [], cgoFiles: [], ...over });
const cgoFile = workspaceWith({ cgoFiles: [{ file: 'main.go', range: range(3, 0, 3, 10) }] });
const goMod = (go: string) => workspaceWith({ modules: [{ file: 'go.mod', kind: 'go.mod', go: { file: 'go.mod', value: go, range: range(2, 3, 2, 3 + go.length) } }] });
const rule = (snapshot: Snapshot, id: string, workspace?: WorkspaceModel): Finding[] =>
  (workspace ? runRules(allRules, { snapshot, machine: deriveMachineFacts(snapshot), workspace }) : diagnose(snapshot).findings).filter((f) => f.rule === id);

describe('which: go env CC and brew, looked up without spawning', () => {
  it('adds the go env CC program (Debian x86_64-linux-gnu-gcc) and brew to the fixed names', async () => {
    const runner = debianRunner();
    const { which } = await probeMachine(debianOptions(debianFs(), runner));
    assert.deepEqual(which, { gcc: '/usr/bin/gcc', cc: null, clang: null, brew: null, 'x86_64-linux-gnu-gcc': '/usr/bin/x86_64-linux-gnu-gcc' });
    assert.ok(runner.calls.every((c) => c.argv[0] === '/usr/bin/go'), 'only go ran: nothing was spawned for the lookups');
  });

  it('looks it up again on every probe, also when go env came from the cache', async () => {
    const fs = debianFs();
    const cache = new ProbeCache();
    await probeMachine(debianOptions(fs, debianRunner(), { cache }));
    fs.remove('/usr/bin/x86_64-linux-gnu-gcc');
    const warm = debianRunner();
    const snapshot = await probeMachine(debianOptions(fs, warm, { cache }));
    assert.equal(snapshot.options.cache, 'memory');
    assert.equal(warm.calls.length, 0);
    assert.equal(snapshot.which['x86_64-linux-gnu-gcc'], null, 'fresh lookup, not a cached one');
  });

  it('a quoted or absolute go env CC is looked up as cmd/go would run it; $CC and go env CC are not doubled', async () => {
    const fs = debianFs().set('/opt/my cc/bin/cc', executable());
    const quoted = await probeMachine(debianOptions(fs, debianRunner({ CC: '"/opt/my cc/bin/cc" -m64' })));
    assert.equal(quoted.which['/opt/my cc/bin/cc'], '/opt/my cc/bin/cc');
    const absent = await probeMachine(debianOptions(fs, debianRunner({ CC: '/usr/bin/gcc-14' })));
    assert.equal(absent.which['/usr/bin/gcc-14'], null);
    const same = await probeMachine(debianOptions(fs, debianRunner({ CC: 'ccache gcc' }), { env: { PATH: '/usr/bin', HOME, CC: 'ccache gcc' } }));
    assert.deepEqual(Object.keys(same.which), ['gcc', 'cc', 'clang', 'brew', 'ccache']);
  });

  it('cgo/no-compiler end to end: names x86_64-linux-gnu-gcc when only gcc exists; silent when it exists', async () => {
    const env = { PATH: '/usr/bin:/bin', HOME, CGO_ENABLED: '1' };
    const missing = await probeMachine(debianOptions(debianFs().remove('/usr/bin/x86_64-linux-gnu-gcc'), debianRunner(), { env }));
    const [f] = rule(missing, 'cgo/no-compiler', cgoFile);
    assert.match(f?.message ?? '', /C compiler "x86_64-linux-gnu-gcc" is not on PATH/);
    const present = await probeMachine(debianOptions(debianFs().remove('/usr/bin/gcc'), debianRunner(), { env }));
    assert.deepEqual(rule(present, 'cgo/no-compiler', cgoFile), [], 'gcc missing does not matter: go env CC is found');
  });

  it('path/intel-homebrew end to end on Apple Silicon: fires on the recorded brew lookup alone, silent for an arm64 brew', async () => {
    const scenario = { xcodeSelect: xcodeSelect.clt, pkgutilClt: pkgutilClt.present, developerFiles: 'clt' as const };
    const mac = (fs: FakeFileSystem, path: string) =>
      probeMachine({ fs, runner: macRunner(scenario), env: { ...macEnv, PATH: path }, host: macHost, cache: false, workingDirectory: '/tmp/neutral', currentDirectory: MAC_HOME });
    const intelPath = '/usr/local/bin:/usr/local/go/bin:/usr/bin:/bin:/usr/sbin:/sbin';
    const intel = await mac(macFileSystem('clt').set('/usr/local/bin/brew', symlink('../Homebrew/bin/brew')).set('/usr/local/Homebrew/bin/brew', executable()), intelPath);
    assert.equal(intel.which.brew, '/usr/local/bin/brew');
    const [f] = rule(intel, 'path/intel-homebrew');
    assert.equal(f?.severity, 'warning');
    assert.ok(f?.evidence.some((e) => e.kind === 'note' && e.text === 'PATH lookup: brew → /usr/local/bin/brew'));
    const arm = await mac(macFileSystem('clt').set('/opt/homebrew/bin/brew', executable()), `${intelPath}:/opt/homebrew/bin`);
    assert.equal(arm.which.brew, '/opt/homebrew/bin/brew');
    assert.deepEqual(rule(arm, 'path/intel-homebrew'), []);
  });
});

describe('files: the go env -w file and $GOROOT/go.env, with content', () => {
  it('records both (the user file even when missing), and module-needs-newer follows them', async () => {
    const plain = await probeMachine(debianOptions(debianFs(), debianRunner()));
    assert.deepEqual(plain.files[USER_FILE], { exists: false });
    assert.deepEqual(plain.files[`${GOROOT}/go.env`], { exists: true, isDirectory: false, content: STANDARD_GO_ENV });
    assert.equal(rule(plain, 'go/module-needs-newer', goMod('1.25.0'))[0]?.severity, 'info', 'go.env: auto');

    const pinned = await probeMachine(debianOptions(debianFs().set(USER_FILE, textFile('GOTOOLCHAIN=local\n')), debianRunner()));
    assert.deepEqual(pinned.files[USER_FILE], { exists: true, isDirectory: false, content: 'GOTOOLCHAIN=local\n' });
    const [f] = rule(pinned, 'go/module-needs-newer', goMod('1.25.0'));
    assert.equal(f?.severity, 'error', 'go env -w GOTOOLCHAIN=local is seen');
    assert.ok(f?.message.includes('(running go 1.24.4; GOTOOLCHAIN=local)'));

    const overridden = await probeMachine(debianOptions(debianFs().set(USER_FILE, textFile('GOTOOLCHAIN=local\n')), debianRunner(), { env: { PATH: '/usr/bin:/bin', HOME, GOTOOLCHAIN: 'auto' } }));
    assert.equal(rule(overridden, 'go/module-needs-newer', goMod('1.25.0'))[0]?.severity, 'info', 'the environment wins');

    const noLine = await probeMachine(debianOptions(debianFs().set(`${GOROOT}/go.env`, textFile('GOPROXY=direct\n')), debianRunner()));
    assert.equal(rule(noLine, 'go/module-needs-newer', goMod('1.25.0'))[0]?.severity, 'error', 'go.env without GOTOOLCHAIN: local');
  });

  it('a redacted snapshot keeps its keys and values matching: same findings, paths under ~', async () => {
    const env = { PATH: '/usr/bin:/bin', HOME, USER: 'dev', CGO_ENABLED: '1' };
    const fs = debianFs().set(USER_FILE, textFile('GOTOOLCHAIN=local\n')).remove('/usr/bin/x86_64-linux-gnu-gcc');
    const redacted = redactSnapshot(await probeMachine(debianOptions(fs, debianRunner(), { env })), { home: HOME, user: 'dev' });
    assert.equal(redacted.files['~/.config/go/env']?.content, 'GOTOOLCHAIN=local\n');
    const [f] = rule(redacted, 'go/module-needs-newer', goMod('1.25.0'));
    assert.equal(f?.severity, 'error');
    assert.deepEqual(f?.evidence[1], { kind: 'file', file: '~/.config/go/env', excerpt: 'GOTOOLCHAIN=local' });
    assert.match(rule(redacted, 'cgo/no-compiler', cgoFile)[0]?.message ?? '', /"x86_64-linux-gnu-gcc" is not on PATH/);
  });

  it('$GOENV names the user file; GOENV=off records none', async () => {
    const env = { PATH: '/usr/bin:/bin', HOME, GOENV: '/etc/go-env' };
    const custom = await probeMachine(debianOptions(debianFs().set('/etc/go-env', textFile('GOTOOLCHAIN=path\n')), debianRunner(), { env }));
    assert.equal(custom.files['/etc/go-env']?.content, 'GOTOOLCHAIN=path\n');
    assert.equal(custom.files[USER_FILE], undefined);
    const off = await probeMachine(debianOptions(debianFs(), debianRunner(), { env: { ...env, GOENV: 'off' } }));
    assert.deepEqual(Object.keys(off.files).filter((p) => p.includes('go-env') || p.endsWith('/go/env')), []);
  });

  it('go.env comes with the cached go env on a cache hit; the user file is read fresh', async () => {
    const fs = debianFs();
    const cache = new ProbeCache();
    const cold = await probeMachine(debianOptions(fs, debianRunner(), { cache }));
    const warm = await probeMachine(debianOptions(fs, debianRunner(), { cache }));
    assert.equal(warm.options.cache, 'memory');
    assert.deepEqual(warm.files, cold.files);
  });

  it('caps the content at 64 KiB and says so; reads only regular files', async () => {
    const big = `GOTOOLCHAIN=local\n${'GOFLAGS=-x\n'.repeat(7000)}`;
    const fact = await textFileFact('/big', new FakeFileSystem({ '/big': textFile(big) }), GO_ENV_FILE_MAX_BYTES);
    assert.equal(fact.content?.length, GO_ENV_FILE_MAX_BYTES);
    assert.equal(fact.truncated, true);
    const small = await textFileFact('/small', new FakeFileSystem({ '/small': textFile('A=1\n') }), GO_ENV_FILE_MAX_BYTES);
    assert.equal(small.truncated, undefined);
    const fifo: FileStat = { isFile: false, isDirectory: false, isSymbolicLink: false, mode: 0o10644, size: 0, mtimeMs: 1, ino: 1 };
    let reads = 0;
    const fifoFs: ProbeFileSystem = {
      stat: () => Promise.resolve(fifo),
      lstat: () => Promise.resolve(fifo),
      realpath: (p) => Promise.resolve(p),
      readlink: () => Promise.resolve(undefined),
      readText: () => { reads++; return Promise.resolve(''); },
    };
    assert.deepEqual(await textFileFact('/tmp/fifo', fifoFs), { exists: true, isDirectory: false, error: 'not a regular file' });
    assert.equal(reads, 0, 'a FIFO is never opened');
  });
});
