/**
 * `go-doctor check --from (go-doctor snapshot)` must give exactly the findings of the live check:
 * same rule, severity, location, and message once the home folder is written `~`. Random machines
 * (PATH entries under and outside the home, literal `~`, relative, empty, missing, world-writable;
 * go and gopls in several places; go env; a workspace with findings and secrets) and user names
 * that are common words or regex metacharacters.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseSavedSnapshot } from '../../../src/cli/saved-snapshot.js';
import { diagnose } from '../../../src/core/diagnose.js';
import { redactSnapshot } from '../../../src/core/redact.js';
import type { PathEntry, Snapshot, ToolBinary } from '../../../src/core/snapshot.js';
import { liveAndReplay } from '../../support/replay-compare.js';
import { emptySnapshot } from '../../support/snapshots.js';

const USERS = ['go', 'dev', 'bin', 'usr', 'local', 'user', 'root', 'alice', 'mod', 'null', 'version', '.*', '$&', 'a+b', '(x)', '[go]', '\\d', 'ö', 'go-dev', 'a.b'];
const user = fc.oneof(fc.constantFrom(...USERS), fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,7}$/));

interface EntrySpec {
  raw: string;
  exists: boolean;
  isDirectory: boolean;
  worldWritable: boolean;
}

function pathPool(home: string, name: string): string[] {
  return [
    `${home}/go/bin`,
    `${home}/bin`,
    `${home}/.local/bin`,
    `${home}/sdk/go1.22.5/bin`,
    `${home}/gone`,
    '~/go/bin',
    '~',
    'bin',
    './node_modules/.bin',
    '',
    '/usr/local/go/bin',
    '/usr/local/bin',
    '/usr/bin',
    '/bin',
    '/opt/homebrew/bin',
    '/tmp/shared',
    '/dev/null',
    `/usr/local/${name}/bin`,
    `/opt/${name}`,
    `/opt/${name}/bin`,
  ];
}

const entrySpec = (pool: string[]) =>
  fc.record({
    raw: fc.constantFrom(...pool),
    exists: fc.boolean(),
    isDirectory: fc.boolean(),
    worldWritable: fc.boolean(),
  });

const GO_DIRS = (home: string, name: string) => ['/usr/local/go/bin', `${home}/sdk/go1.22.5/bin`, `/usr/local/${name}/bin`, '/usr/bin'];
const GOPLS_DIRS = (home: string) => [`${home}/go/bin`, '/usr/local/bin', '/opt/homebrew/bin'];

function machine(name: string, platform: 'linux' | 'darwin', specs: EntrySpec[], goDirs: string[], goplsDirs: string[], goVersion: string, workspace: boolean): Snapshot {
  const home = platform === 'darwin' ? `/Users/${name}` : `/home/${name}`;
  const path: PathEntry[] = [];
  specs.forEach((s, index) => {
    const exists = s.exists || s.raw === '';
    path.push({ index, raw: s.raw, exists, isDirectory: exists && s.isDirectory, worldWritable: exists && s.worldWritable, ...(exists ? { realPath: s.raw.startsWith('/') ? s.raw : `/cwd/${s.raw}` } : {}) });
  });
  const tools: ToolBinary[] = [];
  const addTool = (toolName: string, dir: string, realPath: string, size: number) => {
    const index = path.findIndex((p) => p.raw === dir && p.exists && p.isDirectory);
    if (index >= 0 && !tools.some((t) => t.name === toolName && t.dir === dir)) tools.push({ name: toolName, dir, path: `${dir}/${toolName}`, realPath, size, mtimeMs: 1, source: { kind: 'path', index } });
  };
  for (const dir of goDirs) addTool('go', dir, `${dir === '/usr/bin' ? '/usr/lib/go' : dir.replace(/\/bin$/, '')}/bin/go`, 100 + dir.length);
  goplsDirs.forEach((dir, i) => addTool('gopls', dir, `${dir}/gopls`, 200 + i));
  tools.sort((a, b) => (a.source.kind === 'path' && b.source.kind === 'path' ? a.source.index - b.source.index : 0));
  const go = tools.find((t) => t.name === 'go');
  const goos = platform;
  const goEnv = {
    CC: platform === 'darwin' ? 'clang' : 'gcc',
    CGO_ENABLED: '1',
    GOARCH: 'arm64',
    GOBIN: '',
    GOENV: platform === 'darwin' ? `${home}/Library/Application Support/go/env` : `${home}/.config/go/env`,
    GOHOSTARCH: 'arm64',
    GOHOSTOS: goos,
    GOOS: goos,
    GOPATH: `${home}/go`,
    GOMODCACHE: `${home}/go/pkg/mod`,
    GOPRIVATE: 'git.corp.example.com/*,github.com/secret-org',
    GONOSUMDB: 'git.corp.example.com',
    GOPROXY: 'https://build:p@ss@proxy.corp.example.com/go,direct',
    GOROOT: go ? go.realPath.replace(/\/bin\/go$/, '') : '',
    GOTOOLCHAIN: 'local',
    GOVERSION: goVersion,
  };
  const gopls = tools.filter((t) => t.name === 'gopls');
  const versionM = gopls.map((t, i) => `${t.path}: go1.2${4 + i}.1\n\tpath\tgolang.org/x/tools/gopls\n\tmod\tgolang.org/x/tools/gopls\tv0.2${i}.0\th1:x=\n`).join('');
  const snapshot = emptySnapshot({
    host: { platform, arch: 'arm64', release: platform === 'darwin' ? '25.2.0' : '6.1.0' },
    env: { PATH: path.map((p) => p.raw).join(':'), HOME: home, USER: name, LOGNAME: name, SHELL: '/bin/zsh', TMPDIR: `/tmp/${name}` },
    path,
    tools,
    commands: go
      ? {
          'go.version': { argv: [go.path, 'version'], stdout: `go version ${goVersion} ${goos}/arm64\n`, stderr: '', exitCode: 0, durationMs: 1 },
          'go.env': { argv: [go.path, 'env', '-json'], stdout: JSON.stringify(goEnv, null, '\t'), stderr: '', exitCode: 0, durationMs: 1 },
          ...(gopls.length ? { 'go.versionM': { argv: [go.path, 'version', '-m', ...gopls.map((t) => t.path)], stdout: versionM, stderr: '', exitCode: 0, durationMs: 1 } } : {}),
        }
      : {},
    which: { gcc: '/usr/bin/gcc', cc: '/usr/bin/cc', clang: platform === 'darwin' ? '/usr/bin/clang' : null, brew: null },
    files: { [goEnv.GOENV]: { exists: true, content: `GOPRIVATE=git.corp.example.com\nGOTOOLCHAIN=go1.27.3+auto\nGOPATH=${home}/go\n` } },
  });
  if (workspace) {
    snapshot.workspace = {
      root: `${home}/src/${name}`,
      files: [
        { path: 'go.mod', content: `module example.com/${name}/app\n\ngo 1.30\n` },
        { path: 'main_visionos.go', content: `//go:build visionos || (${name} && osx)\n\npackage main\n\nimport "C"\n`, partial: true },
        {
          path: 'Makefile',
          content: `HOMEBIN := ${home}/bin\nGITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz\nexport AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG bPxRfiCYEXAMPLEKEY"\n\nbuild:\n\tcurl -H "Authorization: Bearer abc.def-ghi" https://${name}:hunter2@git.corp/x\n\tGOOS=visionos GOARCH=arm64 go build ./...\n\tGOOS=ios CGO_ENABLED=0 go build -ldflags=-ld_classic ./...\n`,
        },
        { path: '.vscode/settings.json', content: `{\n  "go.toolsEnvVars": { "GOOS": "visionos" },\n  "go.goroot": "${home}/sdk/go1.22.5"\n}\n` },
      ],
      skipped: [],
    };
  }
  return snapshot;
}

const machines = user.chain((name) => {
  const home = `/home/${name}`;
  return fc.tuple(
    fc.constant(name),
    fc.constantFrom<'linux' | 'darwin'>('linux', 'darwin'),
    fc.array(entrySpec(pathPool(home, name)), { maxLength: 10 }),
    fc.subarray(GO_DIRS(home, name)),
    fc.subarray(GOPLS_DIRS(home)),
    fc.constantFrom('go1.27.3', 'go1.22.5', 'go1.24.0'),
    fc.boolean(),
  );
});

/** The machine for a platform: PATH specs are written for /home/<name> and moved to /Users/<name> on macOS. */
function build([name, platform, specs, goDirs, goplsDirs, version, workspace]: [string, 'linux' | 'darwin', EntrySpec[], string[], string[], string, boolean]): { snapshot: Snapshot; home: string } {
  const home = platform === 'darwin' ? `/Users/${name}` : `/home/${name}`;
  const move = (p: string) => (p.startsWith(`/home/${name}/`) ? home + p.slice(`/home/${name}`.length) : p);
  const snapshot = machine(name, platform, specs.map((s) => ({ ...s, raw: move(s.raw) })), goDirs.map(move), goplsDirs.map(move), version, workspace);
  return { snapshot, home };
}

describe('replay of a redacted snapshot equals the live check', () => {
  it('property: random machines and user names (go, dev, bin, usr, local, regex metacharacters)', () => {
    fc.assert(
      fc.property(machines, (spec) => {
        const { snapshot, home } = build(spec);
        const { live, replay } = liveAndReplay(snapshot, { home, user: spec[0] });
        assert.deepEqual(replay, live);
      }),
      { numRuns: 300 },
    );
  });

  it('the issue\'s machine: user go keeps go.mod, /usr/local/go/bin/go and `go version`; user dev keeps /dev/null', () => {
    for (const name of ['go', 'dev']) {
      const { snapshot, home } = build([name, 'darwin', [
        { raw: '/usr/local/go/bin', exists: true, isDirectory: true, worldWritable: false },
        { raw: '/opt/homebrew/bin', exists: true, isDirectory: true, worldWritable: false },
        { raw: `/home/${name}/go/bin`, exists: true, isDirectory: true, worldWritable: false },
        { raw: `/home/${name}/gone`, exists: false, isDirectory: false, worldWritable: false },
        { raw: '/dev/null', exists: true, isDirectory: false, worldWritable: true },
        { raw: '~/go/bin', exists: false, isDirectory: false, worldWritable: false },
      ], ['/usr/local/go/bin', '/opt/homebrew/bin'], [`/home/${name}/go/bin`, '/opt/homebrew/bin'], 'go1.27.3', true]);
      const { live, replay, saved } = liveAndReplay(snapshot, { home, user: name });
      assert.ok(live.length >= 8, `a machine with findings (${live.length})`);
      assert.deepEqual(replay, live);
      assert.deepEqual(saved.workspace?.files.map((f) => f.path), ['go.mod', 'main_visionos.go', 'Makefile', '.vscode/settings.json']);
      assert.equal(saved.commands['go.version']?.argv[0], '/usr/local/go/bin/go');
      assert.equal(saved.commands['go.version']?.stdout, 'go version go1.27.3 darwin/arm64\n');
      assert.equal(saved.path.find((p) => p.raw === '~/go/bin' && p.absolute === true)?.index, 2, 'the redacted home entry is absolute');
      assert.equal(saved.path.find((p) => p.raw === '~/go/bin' && p.absolute === false)?.index, 5, 'the literal ~ entry is not');
      const strictLive = live.some((f) => f.severity !== 'info');
      assert.equal(replay.some((f) => f.severity !== 'info'), strictLive, 'check --strict exits alike');
    }
  });

  it('secrets and GOPRIVATE hosts do not reach the snapshot; every other character keeps its line and column', () => {
    const { snapshot, home } = build(['alice', 'linux', [{ raw: '/usr/local/go/bin', exists: true, isDirectory: true, worldWritable: false }], ['/usr/local/go/bin'], [], 'go1.27.3', true]);
    const saved = redactSnapshot(snapshot, { home, user: 'alice' });
    const text = JSON.stringify(saved);
    for (const secret of ['ghp_0123456789abcdefghijklmnopqrstuvwxyz', 'wJalrXUtnFEMI', 'bPxRfiCYEXAMPLEKEY', 'abc.def-ghi', 'hunter2', 'p@ss', 'git.corp.example.com', 'secret-org']) {
      assert.ok(!text.includes(secret), `${secret} leaked`);
    }
    const before = snapshot.workspace!.files.find((f) => f.path === 'Makefile')!.content.split('\n');
    const after = saved.workspace!.files.find((f) => f.path === 'Makefile')!.content.split('\n');
    assert.equal(after.length, before.length);
    before.forEach((line, i) => {
      if (!line.includes(home)) assert.equal(after[i]!.length, line.length, `line ${i} keeps its length`);
    });
    assert.equal(after[6], '\tGOOS=visionos GOARCH=arm64 go build ./...');
  });
});

describe('recorded machine snapshots replay exactly after redaction', () => {
  const dir = join(__dirname, '../../testdata/snapshots');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    it(file, () => {
      const original = readFileSync(join(dir, file), 'utf8');
      for (const name of ['alice', 'go', 'dev', 'bin', 'usr', 'local', 'user', '.*']) {
        const home = `/Users/${name}`;
        const snapshot = parseSavedSnapshot(original.split('/Users/alice').join(home), file);
        const { live, replay } = liveAndReplay(snapshot, { home, user: name });
        assert.deepEqual(replay, live, `${file} as user ${name}`);
        assert.ok(diagnose(snapshot).findings.length > 0);
      }
    });
  }
});
