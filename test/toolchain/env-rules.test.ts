// Environment rules against REAL Go toolchains from $GO_DOCTOR_TOOLCHAINS (go1.21.13, go1.24.4,
// go1.27.3, gopls v0.24.0) on this Linux machine. Each snapshot is built here by running the same
// commands the probe runs (go version, go env -json, go tool dist list -json [-broken], one
// go version -m over the tools) on a constructed PATH — not through the probe's code — and the
// rules' claims (error texts, CGO_ENABLED defaults, LC_UUID) are re-checked with real builds.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diagnose } from '../../src/core/diagnose.js';
import { runRules } from '../../src/core/engine.js';
import { deriveMachineFacts } from '../../src/core/facts/index.js';
import { range, type Finding } from '../../src/core/finding.js';
import { portsFor } from '../../src/core/knowledge/index.js';
import { parseGoMod } from '../../src/core/parse/go-mod.js';
import { allRules } from '../../src/core/rules/index.js';
import type { CommandRecord, FileFact, PathEntry, Snapshot, ToolBinary } from '../../src/core/snapshot.js';
import type { WorkspaceModel } from '../../src/core/workspace/model.js';
import { tahoeOldTools } from '../support/mac-fixtures.js';
import { emptySnapshot } from '../support/snapshots.js';

const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const need = ['go1.21/bin/go', 'go1.24/bin/go', 'go1.27/bin/go', 'bin/gopls'].filter((p) => !existsSync(join(toolchains, p)));
const missing = need.length ? `missing ${need.join(', ')} in ${toolchains} (install: bash tools/go-toolchains.sh ${toolchains})` : undefined;
if (missing && ci) throw new Error(`CI: ${missing}`);

const go = (minor: 21 | 24 | 27) => join(toolchains, `go1.${minor}`, 'bin', 'go');
const TOOL_NAMES = ['go', 'gofmt', 'gopls'];

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
}

async function run(argv: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const { execa } = await import('execa');
  const t0 = performance.now();
  const r = await execa(argv[0]!, argv.slice(1), { env, extendEnv: false, cwd, reject: false, timeout: 120_000, stripFinalNewline: false });
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), exitCode: r.exitCode ?? null, timedOut: r.timedOut, durationMs: performance.now() - t0 };
}

async function record(argv: string[], env: Record<string, string>, cwd: string): Promise<CommandRecord> {
  const r = await run(argv, env, cwd);
  return { argv, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, durationMs: r.durationMs, ...(r.timedOut ? { timedOut: true } : {}) };
}

function pathEntry(raw: string, index: number): PathEntry {
  try {
    const st = statSync(raw);
    return { index, raw, exists: true, isDirectory: st.isDirectory(), realPath: realpathSync(raw), worldWritable: (st.mode & 0o002) !== 0 && (st.mode & 0o1000) === 0 };
  } catch {
    return { index, raw, exists: false, isDirectory: false, worldWritable: false };
  }
}

function executable(file: string): boolean {
  try {
    const st = statSync(file);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function toolAt(name: string, dir: string, source: ToolBinary['source']): ToolBinary | undefined {
  const path = join(dir, name);
  if (!executable(path)) return undefined;
  const st = statSync(path);
  return { name, dir, path, realPath: realpathSync(path), size: st.size, mtimeMs: st.mtimeMs, source };
}

function lookPath(name: string, dirs: string[]): string | null {
  if (name.startsWith('/')) return executable(name) ? name : null;
  for (const d of dirs) if (executable(join(d, name))) return join(d, name);
  return null;
}

/** A snapshot of this machine as the probe would record it, for `goBinary` on PATH `dirs`. */
async function realSnapshot(goBinary: string, dirs: string[], userEnv: Record<string, string>, cwd: string): Promise<Snapshot> {
  const env: Record<string, string> = { PATH: dirs.join(':'), HOME: process.env.HOME ?? homedir(), ...userEnv, GOTOOLCHAIN: 'local' };
  const path = dirs.map(pathEntry);
  const tools: ToolBinary[] = [];
  dirs.forEach((d, index) => {
    for (const n of TOOL_NAMES) {
      const t = toolAt(n, d, { kind: 'path', index });
      if (t) tools.push(t);
    }
  });
  const commands: Snapshot['commands'] = {
    'go.version': await record([goBinary, 'version'], env, cwd),
    'go.env': await record([goBinary, 'env', '-json'], env, cwd),
    'go.distList': await record([goBinary, 'tool', 'dist', 'list', '-json'], env, cwd),
    'go.distListBroken': await record([goBinary, 'tool', 'dist', 'list', '-json', '-broken'], env, cwd),
  };
  const goEnv = JSON.parse(commands['go.env']!.stdout) as Record<string, string>;
  for (const n of TOOL_NAMES) {
    const t = goEnv.GOROOT ? toolAt(n, join(goEnv.GOROOT, 'bin'), { kind: 'goroot' }) : undefined;
    if (t && n === 'go') tools.push(t);
  }
  const targets = [...new Set(tools.filter((t) => t.name !== 'go' && t.name !== 'gofmt').map((t) => t.path))];
  if (targets.length) commands['go.versionM'] = await record([goBinary, 'version', '-m', ...targets], env, cwd);
  const which: Record<string, string | null> = {};
  for (const n of ['gcc', 'cc', 'clang', goEnv.CC?.split(/\s+/)[0] ?? '', userEnv.CC ?? ''].filter(Boolean)) which[n] = lookPath(n, dirs);
  const files: Record<string, FileFact> = {};
  for (const f of ['max_user_watches', 'max_user_instances', 'max_queued_events']) {
    const file = `/proc/sys/fs/inotify/${f}`;
    try {
      files[file] = { exists: true, content: readFileSync(file, 'utf8') };
    } catch {
      files[file] = { exists: false };
    }
  }
  const recordedEnv: Record<string, string> = { PATH: env.PATH!, HOME: env.HOME! };
  for (const [k, v] of Object.entries(userEnv)) recordedEnv[k] = v;
  return emptySnapshot({
    host: { platform: 'linux', arch: 'x64', release: '6.1.0' },
    env: recordedEnv,
    path,
    tools,
    commands,
    files,
    which,
    options: { timeoutMs: 120_000, toolNames: TOOL_NAMES },
  });
}

const only = (list: Finding[], rule: string) => list.filter((f) => f.rule === rule);
const withWorkspace = (s: Snapshot, workspace: WorkspaceModel) => runRules(allRules, { snapshot: s, machine: deriveMachineFacts(s), workspace });

describe('environment rules on real Go toolchains', { skip: missing }, () => {
  let tmp = '';
  let neutral = '';
  let emptyBin = '';
  let newGoplsDir = '';
  let oldGoplsDir = '';
  let sameGoplsDir = '';
  let cgoPkg = '';
  let netPkg = '';
  let goBin27 = '';
  const build = { darwin121: '', darwin124: '' };

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'go-doctor-env-rules-'));
    neutral = join(tmp, 'neutral');
    emptyBin = join(tmp, 'empty-bin');
    newGoplsDir = join(tmp, 'new');
    oldGoplsDir = join(tmp, 'old');
    sameGoplsDir = join(tmp, 'same');
    goBin27 = join(toolchains, 'go1.27', 'bin');
    for (const d of [neutral, emptyBin, newGoplsDir, oldGoplsDir, sameGoplsDir]) mkdirSync(d, { recursive: true });
    // the real gopls v0.24.0 (built by Debian with go1.27.3), through a symlink
    symlinkSync(realpathSync(join(toolchains, 'bin', 'gopls')), join(newGoplsDir, 'gopls'));
    symlinkSync(realpathSync(join(toolchains, 'bin', 'gopls')), join(sameGoplsDir, 'gopls'));
    // a second, different Go-built "gopls": a stand-in program built with go1.21.13 (no gopls source offline)
    const standin = join(tmp, 'standin');
    mkdirSync(standin);
    writeFileSync(join(standin, 'go.mod'), 'module example.com/gopls-standin\n\ngo 1.21\n');
    writeFileSync(join(standin, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("stand-in") }\n');
    const env = { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? homedir(), GOTOOLCHAIN: 'local', GOPROXY: 'off', CGO_ENABLED: '0' };
    const b1 = await run([go(21), 'build', '-o', join(oldGoplsDir, 'gopls'), '.'], env, standin);
    assert.equal(b1.exitCode, 0, b1.stderr);
    // darwin/arm64 builds of the same program with go1.21 and go1.24 (for LC_UUID)
    build.darwin121 = join(tmp, 'standin-darwin-1.21');
    build.darwin124 = join(tmp, 'standin-darwin-1.24');
    for (const [minor, out] of [[21, build.darwin121], [24, build.darwin124]] as const) {
      const b = await run([go(minor), 'build', '-o', out, '.'], { ...env, GOOS: 'darwin', GOARCH: 'arm64' }, standin);
      assert.equal(b.exitCode, 0, b.stderr);
    }
    // a cgo-only package and a pure-Go program importing net
    cgoPkg = join(tmp, 'cgo');
    mkdirSync(cgoPkg);
    writeFileSync(join(cgoPkg, 'go.mod'), 'module example.com/cg\n\ngo 1.21\n');
    writeFileSync(join(cgoPkg, 'main.go'), 'package main\n\n// int one(void) { return 1; }\nimport "C"\n\nfunc main() { println(C.one()) }\n');
    netPkg = join(tmp, 'net');
    mkdirSync(netPkg);
    writeFileSync(join(netPkg, 'go.mod'), 'module example.com/n\n\ngo 1.21\n');
    writeFileSync(join(netPkg, 'main.go'), 'package main\n\nimport "net"\n\nfunc main() { _ = net.IPv4len }\n');
  });

  after(() => {
    if (tmp) {
      chmodSync(tmp, 0o755);
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  describe('path/shadowed-tool with two real Go-built gopls binaries', () => {
    it('names the first on PATH as the winner and both builds from real go version -m', async () => {
      const s = await realSnapshot(go(27), [goBin27, newGoplsDir, oldGoplsDir], {}, neutral);
      const [f] = only(diagnose(s).findings, 'path/shadowed-tool');
      assert.ok(f, 'path/shadowed-tool did not fire');
      assert.ok(f.message.startsWith(`gopls is on PATH 2 times with different builds: ${join(newGoplsDir, 'gopls')} (golang.org/x/tools/gopls, built with go1.27.3) runs because ${newGoplsDir} comes first on PATH`), f.message);
      assert.ok(f.message.includes(`shadowed: ${join(oldGoplsDir, 'gopls')} (example.com/gopls-standin, built with go1.21.13)`), f.message);
      const swapped = await realSnapshot(go(27), [goBin27, oldGoplsDir, newGoplsDir], {}, neutral);
      const [g] = only(diagnose(swapped).findings, 'path/shadowed-tool');
      assert.ok(g?.message.includes(`${join(oldGoplsDir, 'gopls')} (example.com/gopls-standin, built with go1.21.13) runs`), g?.message);
    });
    it('is silent when the two PATH entries hold the same binary', async () => {
      const s = await realSnapshot(go(27), [goBin27, newGoplsDir, sameGoplsDir], {}, neutral);
      assert.deepEqual(only(diagnose(s).findings, 'path/shadowed-tool'), []);
    });
  });

  describe('go/unsupported-release', () => {
    for (const minor of [21, 24] as const) {
      it(`fires for the real go1.${minor}`, async () => {
        const s = await realSnapshot(go(minor), [join(toolchains, `go1.${minor}`, 'bin'), '/usr/bin', '/bin'], {}, neutral);
        const [f] = only(diagnose(s).findings, 'go/unsupported-release');
        assert.match(f?.message ?? '', new RegExp(`^Go 1\\.${minor}\\.\\d+ is older than the two supported releases \\(Go 1\\.27 and Go 1\\.26\\)`));
      });
    }
    it('is silent for the real go1.27, whose live dist list matches the embedded port table', async () => {
      const s = await realSnapshot(go(27), [goBin27, '/usr/bin', '/bin'], {}, neutral);
      const d = diagnose(s);
      assert.deepEqual(only(d.findings, 'go/unsupported-release'), []);
      assert.deepEqual(d.context.machine.problems, []);
      assert.equal(d.context.machine.go.portsSource, 'live');
      const key = (p: { goos: string; goarch: string }) => `${p.goos}/${p.goarch}`;
      assert.deepEqual([...(d.context.machine.go.ports ?? [])].sort((a, b) => key(a).localeCompare(key(b))), portsFor('1.27'));
    });
    it('the embedded port table equals the real dist list -json -broken of go1.21 and go1.24', async () => {
      for (const minor of [21, 24] as const) {
        const s = await realSnapshot(go(minor), [join(toolchains, `go1.${minor}`, 'bin')], {}, neutral);
        const live = deriveMachineFacts(s).go.ports ?? [];
        const key = (p: { goos: string; goarch: string }) => `${p.goos}/${p.goarch}`;
        assert.deepEqual([...live].sort((a, b) => key(a).localeCompare(key(b))), portsFor(`1.${minor}`), `1.${minor}`);
      }
    });
  });

  describe('cgo/disabled-silently and cgo/no-compiler (PATH without a C compiler)', () => {
    const cgoModel = (): WorkspaceModel => ({ root: cgoPkg, modules: [], cgoFiles: [{ file: 'main.go', range: range(3, 0, 3, 10) }] });
    for (const minor of [21, 24, 27] as const) {
      it(`go1.${minor}: go env CGO_ENABLED is 0 and the rule fires; a real build then excludes the cgo file`, async () => {
        const s = await realSnapshot(go(minor), [emptyBin], {}, neutral);
        assert.equal(deriveMachineFacts(s).go.env?.CGO_ENABLED, '0');
        const [f] = only(withWorkspace(s, cgoModel()), 'cgo/disabled-silently');
        assert.equal(f?.severity, 'error');
        const b = await run([go(minor), 'build', '-o', join(tmp, 'cg-out'), '.'], { PATH: emptyBin, HOME: process.env.HOME ?? homedir(), GOTOOLCHAIN: 'local' }, cgoPkg);
        assert.notEqual(b.exitCode, 0);
        assert.match(b.stderr, /build constraints exclude all Go files/);
        assert.ok(f?.message.includes('build constraints exclude all Go files'));
      });
    }
    it('is silent with gcc on PATH (real go env CGO_ENABLED=1)', async () => {
      const s = await realSnapshot(go(27), [goBin27, '/usr/bin', '/bin'], {}, neutral);
      assert.equal(deriveMachineFacts(s).go.env?.CGO_ENABLED, '1');
      assert.deepEqual(only(withWorkspace(s, cgoModel()), 'cgo/disabled-silently'), []);
      assert.deepEqual(only(withWorkspace(s, cgoModel()), 'cgo/no-compiler'), []);
    });
    it('CGO_ENABLED=1 without a compiler: cgo/no-compiler, and a real net program fails as the message says', async () => {
      const s = await realSnapshot(go(27), [emptyBin], { CGO_ENABLED: '1' }, neutral);
      const [f] = only(diagnose(s).findings, 'cgo/no-compiler');
      assert.equal(f?.severity, 'warning');
      const cc = deriveMachineFacts(s).go.env?.CC ?? '';
      const b = await run([go(27), 'build', '-o', join(tmp, 'net-out'), '.'], { PATH: emptyBin, HOME: process.env.HOME ?? homedir(), GOTOOLCHAIN: 'local', CGO_ENABLED: '1' }, netPkg);
      assert.notEqual(b.exitCode, 0);
      assert.ok(b.stderr.includes(`cgo: C compiler "${cc}" not found`), b.stderr);
      assert.ok(f?.message.includes(`cgo: C compiler "${cc}" not found`));
      assert.deepEqual(only(diagnose(s).findings, 'cgo/disabled-silently'), []);
    });
  });

  describe('go/goroot-mismatch', () => {
    it('fires for GOROOT set to the go1.21 tree under go1.27, whose builds really fail as the message says', async () => {
      const root121 = realpathSync(join(toolchains, 'go1.21'));
      const s = await realSnapshot(go(27), [goBin27, '/usr/bin', '/bin'], { GOROOT: root121 }, neutral);
      assert.equal(deriveMachineFacts(s).go.env?.GOROOT, root121);
      const [f] = only(diagnose(s).findings, 'go/goroot-mismatch');
      assert.equal(f?.severity, 'error');
      assert.ok(f?.message.includes(`GOROOT is ${root121} (set in the environment)`), f?.message);
      const b = await run([go(27), 'build', '-o', join(tmp, 'h-out'), '.'], { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? homedir(), GOTOOLCHAIN: 'local', GOROOT: root121, CGO_ENABLED: '0' }, netPkg);
      assert.notEqual(b.exitCode, 0);
      assert.match(b.stderr, /compile: version "go1\.21\.13" does not match go tool version "go1\.27\.3"/);
      assert.ok(f?.message.includes('does not match go tool version "go1.27.3"'));
      const w = await run([go(27), 'env', '-w', 'GOROOT=/tmp'], { PATH: '/usr/bin:/bin', HOME: tmp, GOTOOLCHAIN: 'local' }, neutral);
      assert.match(w.stderr, /go: GOROOT cannot be modified/);
    });
    it('is silent without GOROOT, and with GOROOT naming the same tree', async () => {
      const plain = await realSnapshot(go(27), [goBin27], {}, neutral);
      assert.deepEqual(only(diagnose(plain).findings, 'go/goroot-mismatch'), []);
      const same = await realSnapshot(go(27), [goBin27], { GOROOT: join(toolchains, 'go1.27') }, neutral);
      assert.deepEqual(only(diagnose(same).findings, 'go/goroot-mismatch'), []);
    });
  });

  describe('go/module-needs-newer', () => {
    it('quotes exactly what go1.24.4 prints under GOTOOLCHAIN=local', async () => {
      const mod = join(tmp, 'needs-newer');
      mkdirSync(mod, { recursive: true });
      writeFileSync(join(mod, 'go.mod'), 'module example.com/hello\n\ngo 1.25.0\n\ntoolchain go1.25.3\n');
      writeFileSync(join(mod, 'main.go'), 'package main\n\nfunc main() {}\n');
      const b = await run([go(24), 'build', '-o', join(tmp, 'nn-out'), '.'], { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? homedir(), GOTOOLCHAIN: 'local' }, mod);
      const printed = b.stderr.trim();
      assert.equal(printed, 'go: go.mod requires go >= 1.25.0 (running go 1.24.4; GOTOOLCHAIN=local)');
      const s = await realSnapshot(go(24), [join(toolchains, 'go1.24', 'bin')], { GOTOOLCHAIN: 'local' }, neutral);
      const ws: WorkspaceModel = {
        root: mod,
        modules: [{ file: 'go.mod', kind: 'go.mod', go: { file: 'go.mod', value: '1.25.0', range: range(2, 3, 2, 9) }, toolchain: { file: 'go.mod', value: 'go1.25.3', range: range(4, 10, 4, 18) } }],
        cgoFiles: [],
      };
      const [f] = only(withWorkspace(s, ws), 'go/module-needs-newer');
      assert.equal(f?.severity, 'error');
      assert.ok(f?.message.includes(`"${printed}"`), f?.message);
      const auto = await run([go(24), 'build', '-o', join(tmp, 'nn-out'), '.'], { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? homedir(), GOTOOLCHAIN: 'auto', GOPROXY: 'off' }, mod);
      const [i] = only(withWorkspace(await realSnapshot(go(24), [join(toolchains, 'go1.24', 'bin')], {}, neutral), ws), 'go/module-needs-newer');
      assert.equal(i?.severity, 'info');
      for (const line of auto.stderr.trim().split('\n')) assert.ok(i?.message.includes(`"${line}"`), `${line} not in: ${i?.message}`);
    });
  });

  describe('go/module-needs-newer: newer go.mod directives (godebug, tool, ignore)', () => {
    const cases: { minor: 21 | 24 | 27; text: string }[] = [
      { minor: 21, text: 'module example.com/hello\n\ngo 1.25.0\n\nignore ./x\n' },
      { minor: 24, text: 'module example.com/hello\n\ngo 1.25.0\n\nignore ./x\n' },
      { minor: 24, text: 'module example.com/hello\n\ngo 1.21\n\nignore ./x\n' },
      { minor: 21, text: 'module example.com/hello\n\ngo 1.21\n\n// c\ntool  example.com/t\ngodebug (\n\tpanicnil=1\n)\n' },
      { minor: 24, text: 'module example.com/hello\n\ngo 1.21\n\ntool example.com/t\ngodebug default=go1.21\n' },
      { minor: 27, text: 'module example.com/hello\n\ngo 1.21\n\nignore ./x\ntool example.com/t\ngodebug (\n\tpanicnil=1\n)\n' },
    ];
    for (const [k, c] of cases.entries()) {
      it(`go1.${c.minor}, GOTOOLCHAIN=local: the finding quotes every line go prints, and is silent when go succeeds (${JSON.stringify(c.text.split('\n').slice(2).join(' ').trim())})`, async () => {
        const mod = join(tmp, `directives-${k}`);
        mkdirSync(mod, { recursive: true });
        writeFileSync(join(mod, 'go.mod'), c.text);
        writeFileSync(join(mod, 'main.go'), 'package main\n\nfunc main() {}\n');
        const b = await run([go(c.minor), 'build', '-o', join(tmp, `dir-out-${k}`), '.'], { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? homedir(), GOTOOLCHAIN: 'local', GOPROXY: 'off' }, mod);
        const s = await realSnapshot(go(c.minor), [join(toolchains, `go1.${c.minor}`, 'bin')], { GOTOOLCHAIN: 'local' }, neutral);
        const ws: WorkspaceModel = { root: mod, modules: [parseGoMod('go.mod', 'go.mod', c.text)], cgoFiles: [] };
        const found = only(withWorkspace(s, ws), 'go/module-needs-newer');
        if (b.exitCode === 0) {
          assert.deepEqual(found, []);
          return;
        }
        assert.equal(found.length, 1, b.stderr);
        assert.equal(found[0]!.severity, 'error');
        for (const line of b.stderr.trim().split('\n')) assert.ok(found[0]!.message.includes(line.trim()), `${line} not in: ${found[0]!.message}`);
      });
    }
  });

  describe('tools/missing-lc-uuid on real darwin build info', () => {
    /** LC_UUID (0x1b) among the load commands of a 64-bit Mach-O file. */
    function hasLcUuid(file: string): boolean {
      const b = readFileSync(file);
      assert.equal(b.readUInt32LE(0), 0xfeedfacf, 'not a 64-bit Mach-O');
      const ncmds = b.readUInt32LE(16);
      let off = 32;
      for (let i = 0; i < ncmds; i++) {
        if (b.readUInt32LE(off) === 0x1b) return true;
        off += b.readUInt32LE(off + 4);
      }
      return false;
    }
    it('go1.21 darwin binaries lack LC_UUID and go1.24 ones have it; the rule flags exactly the former', async () => {
      assert.equal(hasLcUuid(build.darwin121), false);
      assert.equal(hasLcUuid(build.darwin124), true);
      const vm = await run([go(27), 'version', '-m', build.darwin121, build.darwin124], { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? homedir(), GOTOOLCHAIN: 'local' }, neutral);
      assert.equal(vm.exitCode, 0, vm.stderr);
      // Replay the real build info as if both binaries sat in ~/go/bin on the Tahoe fixture.
      const s = tahoeOldTools();
      const gobin = '/Users/alice/go/bin';
      s.tools = s.tools.filter((t) => t.dir !== gobin);
      s.tools.push(
        { name: 'old', dir: gobin, path: build.darwin121, realPath: build.darwin121, size: 1, mtimeMs: 1, source: { kind: 'gobin' } },
        { name: 'new', dir: gobin, path: build.darwin124, realPath: build.darwin124, size: 1, mtimeMs: 1, source: { kind: 'gobin' } },
      );
      s.commands['go.versionM'] = { argv: ['go', 'version', '-m', build.darwin121, build.darwin124], stdout: vm.stdout, stderr: vm.stderr, exitCode: 0, durationMs: vm.durationMs };
      const list = only(diagnose(s).findings, 'tools/missing-lc-uuid');
      assert.deepEqual(list.map((f) => f.message.split(' ')[0]), [build.darwin121]);
      assert.match(list[0]?.message ?? '', /built with go1\.21\.13/);
    });
  });

  describe('watch/inotify-low on this machine', () => {
    it('agrees with the real /proc value and the 524288 threshold', async () => {
      const s = await realSnapshot(go(27), [goBin27], {}, neutral);
      const watches = deriveMachineFacts(s).linux?.inotify?.maxUserWatches;
      assert.ok(watches !== undefined, 'max_user_watches not readable');
      const fired = only(diagnose(s).findings, 'watch/inotify-low');
      assert.equal(fired.length, watches < 524288 ? 1 : 0);
      if (fired[0]) assert.ok(fired[0].message.includes(`max_user_watches is ${watches}`));
    });
  });
});
