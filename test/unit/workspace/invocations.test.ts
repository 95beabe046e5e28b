/**
 * Files run by other files (issue 9, patterns 5 and 9): a script or Makefile goal is read in its
 * caller's folder, environment, machine and conditions; Dockerfile RUN of a COPY'd script; macOS-only
 * scripts; `go env -w` in a script or recipe.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { runRules } from '../../../src/core/engine.js';
import type { Finding } from '../../../src/core/finding.js';
import { cgoWorkspaceRules } from '../../../src/core/rules/cgo/workspace.js';
import { crossRules } from '../../../src/core/rules/cross/index.js';
import type { RuleContext } from '../../../src/core/rule.js';
import type { WorkspaceFileRecord } from '../../../src/core/snapshot.js';
import { buildWorkspaceModel, configsOfCalls, WorkspaceModelBuilder } from '../../../src/core/workspace/build.js';
import type { SettingValue } from '../../../src/core/workspace/build-config.js';
import type { WorkspaceModel } from '../../../src/core/workspace/model.js';
import { emptySnapshot } from '../../support/snapshots.js';
import { timed } from '../../support/timings.js';
import { machine, type MachineOptions } from '../rules/workspace/harness.js';

const ROOT = '/ws';
const GO_MOD = 'module example.com/app\n\ngo 1.24\n';
const MAIN = 'package main\n\nfunc main() {}\n';

function record(files: Record<string, string>): { root: string; files: WorkspaceFileRecord[]; skipped: [] } {
  const list = Object.entries({ 'go.mod': GO_MOD, 'cmd/app/main.go': MAIN, ...files })
    .map(([path, content]) => ({ path, content }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return { root: ROOT, files: list, skipped: [] };
}

function findingsOf(workspace: WorkspaceModel, m: MachineOptions = { go: '1.24.4' }): Finding[] {
  const ctx: RuleContext = { snapshot: emptySnapshot({ workspace: { root: ROOT, files: [], skipped: [] } }), machine: machine(m), workspace };
  return runRules([...crossRules, ...cgoWorkspaceRules], ctx);
}

/** `rule severity file:line` (1-based) of each finding. */
function brief(fs: readonly Finding[]): string[] {
  return fs.map((f) => `${f.rule} ${f.severity} ${f.location ? `${f.location.file.slice(ROOT.length + 1)}:${f.location.range.start.line + 1}` : '-'}`).sort();
}

function check(files: Record<string, string>, m?: MachineOptions): Finding[] {
  return findingsOf(buildWorkspaceModel(record(files)), m);
}

const ANDROID_SCRIPT = '#!/bin/sh\nset -e\nGOOS=android GOARCH=arm CGO_ENABLED=0 go build -o out/app ./cmd/app\n';
const CGO_MAIN = 'package main\n\n// #include <stdio.h>\nimport "C"\n\nfunc main() {}\n';

describe('a script run by a Makefile recipe (pattern 5)', () => {
  it('resolves the script\'s packages from the root, where make runs it, and finds the android-without-cgo failure', () => {
    const found = check({ Makefile: 'release:\n\t./scripts/build-android.sh\n', 'scripts/build-android.sh': ANDROID_SCRIPT });
    assert.deepEqual(brief(found), ['cross/needs-cgo error scripts/build-android.sh:3']);
    assert.match(found[0]!.message, /The `go build` command on line 3 of scripts\/build-android\.sh, run by `make release` \(Makefile line 2\)/);
  });

  it('is silent when the script runs by hand (its folder has no cmd/app) or make runs it from scripts/ (`cd scripts && ./x.sh`)', () => {
    assert.deepEqual(brief(check({ 'scripts/build-android.sh': ANDROID_SCRIPT })), []);
    assert.deepEqual(brief(check({ Makefile: 'release:\n\tcd scripts && ./build-android.sh\n', 'scripts/build-android.sh': ANDROID_SCRIPT })), []);
  });

  it('reads `bash scripts/x.sh`, `sh x.sh` after `cd`, and `cd dir; ./x.sh` the same way', () => {
    const mobile = { 'mobile/cmd/app/main.go': MAIN, 'mobile/build.sh': ANDROID_SCRIPT };
    assert.deepEqual(brief(check({ Makefile: 'a:\n\tbash scripts/build-android.sh\n', 'scripts/build-android.sh': ANDROID_SCRIPT })), ['cross/needs-cgo error scripts/build-android.sh:3']);
    assert.deepEqual(brief(check({ Makefile: 'a:\n\tcd mobile && sh build.sh\n', ...mobile })), ['cross/needs-cgo error mobile/build.sh:3']);
    assert.deepEqual(brief(check({ Makefile: 'a:\n\tcd mobile; ./build.sh\n', ...mobile })), ['cross/needs-cgo error mobile/build.sh:3']);
  });

  it('passes exported make variables to the script: the caller\'s CGO_ENABLED=0 is the anchor', () => {
    const found = check({ Makefile: 'export CGO_ENABLED = 0\nrelease:\n\t./scripts/android.sh\n', 'scripts/android.sh': '#!/bin/sh\nGOOS=android GOARCH=arm go build ./cmd/app\n' });
    assert.deepEqual(brief(found), ['cross/needs-cgo error Makefile:1']);
    // Not exported: the script does not see it, and CGO_ENABLED is unset (a warning, as before).
    const unexported = check({ Makefile: 'CGO_ENABLED = 0\nrelease:\n\t./scripts/android.sh\n', 'scripts/android.sh': '#!/bin/sh\nGOOS=android GOARCH=arm go build ./cmd/app\n' });
    assert.deepEqual(brief(unexported), ['cross/needs-cgo warning scripts/android.sh:2']);
  });

  it('follows `cd dir && go build` in a recipe, `go -C dir build` and `$(MAKE) -C dir goal`', () => {
    assert.deepEqual(brief(check({ Makefile: 'a:\n\tcd cmd/app && GOOS=android GOARCH=arm CGO_ENABLED=0 go build .\n' })), ['cross/needs-cgo error Makefile:2']);
    assert.deepEqual(brief(check({ Makefile: 'a:\n\tcd cmd && GOOS=android GOARCH=arm CGO_ENABLED=0 go build .\n' })), []);
    assert.deepEqual(brief(check({ Makefile: 'a:\n\tGOOS=android GOARCH=arm CGO_ENABLED=0 go -C cmd/app build .\n' })), ['cross/needs-cgo error Makefile:2']);
    const sub = { Makefile: 'all:\n\t$(MAKE) -C mobile android\n', 'mobile/Makefile': 'android:\n\tGOOS=android GOARCH=arm CGO_ENABLED=0 go build ./app\nother:\n\tGOOS=android GOARCH=arm CGO_ENABLED=0 go build ./app\n', 'mobile/app/main.go': MAIN };
    const found = check(sub);
    assert.deepEqual(brief(found), ['cross/needs-cgo error mobile/Makefile:2', 'cross/needs-cgo error mobile/Makefile:4']);
    assert.match(found.find((f) => f.location!.range.start.line === 1)!.message, /of mobile\/Makefile, run by `make all` \(Makefile line 2\)/);
    // Target "other" is not run by `make all`: it stays as read on its own.
    assert.doesNotMatch(found.find((f) => f.location!.range.start.line === 3)!.message, /run by/);
  });

  it('stops at call cycles and bounded depth', () => {
    const model = buildWorkspaceModel(record({ 'a.sh': '#!/bin/sh\n./b.sh\nGOOS=android GOARCH=arm CGO_ENABLED=0 go build ./cmd/app\n', 'b.sh': '#!/bin/sh\n./a.sh\n', Makefile: 'all:\n\t$(MAKE) all\n\t./a.sh\n' }));
    const configs = model.buildConfigs!.filter((c) => c.file === '/ws/a.sh');
    assert.ok(configs.length >= 1 && configs.length <= 8, String(configs.length));
  });
});

describe('a script run by a workflow step (a call the workflow reader records)', () => {
  const setting = (name: string, value: string, line: number): SettingValue => ({ name, value, file: '/ws/.github/workflows/ci.yml', range: { start: { line, character: 10 }, end: { line, character: 10 + value.length } } });
  const files = { 'mobile/app/main.go': MAIN, 'mobile/build.sh': '#!/bin/sh\nGOOS=android GOARCH=arm go build ./app\n' };
  const call = (cwd: string, env: Record<string, SettingValue>, conditions?: string[]) =>
    configsOfCalls(record(files), [
      {
        tool: 'github-workflow',
        from: '.github/workflows/ci.yml',
        invocation: { file: '/ws/.github/workflows/ci.yml', range: { start: { line: 9, character: 8 }, end: { line: 9, character: 20 } }, target: 'mobile/build.sh', cwd, env, host: { goos: 'linux', goarch: 'amd64', from: 'the ubuntu-latest runner' }, goVersion: { value: '1.23', file: '/ws/.github/workflows/ci.yml', range: { start: { line: 7, character: 20 }, end: { line: 7, character: 24 } } }, label: 'job "build", step "Android"', ...(conditions ? { conditions } : {}) },
      },
    ]);

  it('runs it in the step\'s working-directory with the step env, runner and Go', () => {
    const [config, ...rest] = call('mobile', { CGO_ENABLED: setting('CGO_ENABLED', '0', 5) });
    assert.equal(rest.length, 0);
    assert.equal(config!.dir, 'mobile');
    assert.equal(config!.tool, 'github-workflow');
    assert.equal(config!.env.CGO_ENABLED?.file, '/ws/.github/workflows/ci.yml');
    assert.equal(config!.goVersion?.value, '1.23');
    assert.equal(config!.label, 'the `go build` command on line 2 of mobile/build.sh, run by job "build", step "Android"');
    const found = findingsOf({ ...buildWorkspaceModel(record(files)), buildConfigs: [config!] });
    assert.deepEqual(brief(found), ['cross/needs-cgo error .github/workflows/ci.yml:6']);
  });

  it('a step condition caps the finding at a warning that names it; the root as working directory finds no main package', () => {
    const [config] = call('mobile', { CGO_ENABLED: setting('CGO_ENABLED', '0', 5) }, ["`if: runner.os == 'Linux'` holds"]);
    const found = findingsOf({ ...buildWorkspaceModel(record(files)), buildConfigs: [config!] });
    assert.deepEqual(brief(found), ['cross/needs-cgo warning .github/workflows/ci.yml:6']);
    assert.match(found[0]!.message, /Uncertain: `if: runner.os == 'Linux'` holds/);
    const [atRoot] = call('', { CGO_ENABLED: setting('CGO_ENABLED', '0', 5) });
    assert.deepEqual(brief(findingsOf({ ...buildWorkspaceModel(record(files)), buildConfigs: [atRoot!] })), []);
  });
});

describe('environment set outside the file (pattern 9)', () => {
  const DOCKER = 'FROM golang:1.22 AS build\nENV CGO_ENABLED=0 GOOS=android GOARCH=arm\nWORKDIR /src\nCOPY . .\nRUN ./scripts/build.sh\n';
  const SCRIPT = '#!/bin/sh\ngo build -o /out/app ./cmd/app\n';

  it('a script a Dockerfile COPYs and RUNs runs with the stage ENV, in the image (linux, its Go)', () => {
    const model = buildWorkspaceModel(record({ Dockerfile: DOCKER, 'scripts/build.sh': SCRIPT }));
    const configs = model.buildConfigs!.filter((c) => c.file === '/ws/scripts/build.sh');
    assert.equal(configs.length, 1);
    assert.equal(configs[0]!.tool, 'dockerfile');
    assert.equal(configs[0]!.host?.goos, 'linux');
    assert.equal(configs[0]!.goVersion?.value, '1.22');
    assert.equal(configs[0]!.dir, '');
    const found = findingsOf(model);
    assert.deepEqual(brief(found), ['cross/needs-cgo error Dockerfile:2']);
    assert.match(found[0]!.message, /of scripts\/build\.sh, run by `RUN \.\/scripts\/build\.sh` \(Dockerfile line 5\)/);
  });

  it('maps the script through COPY and WORKDIR: a script COPY\'d elsewhere and run by absolute path, or never copied', () => {
    const copied = 'FROM golang:1.22\nENV CGO_ENABLED=0 GOOS=android GOARCH=arm\nCOPY scripts/build.sh /usr/local/bin/build.sh\nCOPY cmd /src/cmd\nWORKDIR /src\nRUN /usr/local/bin/build.sh\n';
    assert.deepEqual(brief(check({ Dockerfile: copied, 'scripts/build.sh': SCRIPT })), ['cross/needs-cgo error Dockerfile:2']);
    const notCopied = 'FROM golang:1.22\nENV CGO_ENABLED=0 GOOS=android GOARCH=arm\nRUN ./scripts/build.sh\n';
    const model = buildWorkspaceModel(record({ Dockerfile: notCopied, 'scripts/build.sh': SCRIPT }));
    assert.equal(model.buildConfigs!.filter((c) => c.file === '/ws/scripts/build.sh' && c.tool === 'dockerfile').length, 0);
  });

  it('a script no file runs, in a repository whose build image sets Go settings, is uncertain: at most a warning naming why', () => {
    const image = 'FROM golang:1.22\nENV CGO_ENABLED=1 CC=aarch64-linux-gnu-gcc\n';
    const script = '#!/bin/sh\nCGO_ENABLED=0 GOOS=android GOARCH=arm go build ./cmd/app\n';
    assert.deepEqual(brief(check({ 'build.sh': script })), ['cross/needs-cgo error build.sh:2']);
    const found = check({ Dockerfile: image, 'build.sh': script });
    assert.deepEqual(brief(found), ['cross/needs-cgo warning build.sh:2']);
    assert.match(found[0]!.message, /Uncertain: the script runs on this machine, not in the repository's build image \(Dockerfile sets CGO_ENABLED, CC\)/);
    // A Dockerfile whose RUN line sets CGO_ENABLED for its own go build is no build image for scripts.
    assert.deepEqual(brief(check({ Dockerfile: 'FROM golang:1.22\nRUN CGO_ENABLED=0 go build ./cmd/app\n', 'build.sh': script })), ['cross/needs-cgo error build.sh:2']);
    assert.deepEqual(brief(check({ Dockerfile: 'FROM golang:1.22\nENV A=1 \\\n    CGO_ENABLED=1\n', 'build.sh': script })), ['cross/needs-cgo warning build.sh:2']);
  });

  it('a script run on its own that leaves a setting to its caller is uncertain about it', () => {
    const model = buildWorkspaceModel(record({ 'build.sh': '#!/bin/sh\nGOOS=windows go build ./cmd/app\nGOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build ./cmd/app\n' }));
    const [first, second] = model.buildConfigs!;
    assert.deepEqual(first!.conditions, ['whoever runs build.sh does not set GOARCH or CGO_ENABLED']);
    assert.equal(second!.conditions, undefined);
  });

  it('a macOS-only script (lipo, codesign …) runs on a Mac: no cross-compiler warning for its darwin cgo builds on this Linux machine', () => {
    const builds = '#!/bin/bash\nCGO_ENABLED=1 GOOS=darwin GOARCH=arm64 go build -o out/a ./cmd/app\nCGO_ENABLED=1 GOOS=darwin GOARCH=amd64 go build -o out/b ./cmd/app\n';
    const cgo = { 'cmd/app/main.go': CGO_MAIN };
    assert.deepEqual(brief(check({ ...cgo, 'mac.sh': builds })), ['cross/cgo-without-cc warning mac.sh:2', 'cross/cgo-without-cc warning mac.sh:3']);
    assert.deepEqual(brief(check({ ...cgo, 'mac.sh': `${builds}lipo -create -output out/app out/a out/b\n` })), []);
    assert.deepEqual(brief(check({ ...cgo, 'mac.sh': `#!/bin/sh\n[ "$(uname)" = "Darwin" ] || exit 1\n${builds.slice(builds.indexOf('\n') + 1)}` })), []);
    assert.deepEqual(brief(check({ ...cgo, 'mac.sh': `${builds}CGO_CFLAGS="-isysroot $(xcrun --sdk macosx --show-sdk-path)" go build ./cmd/app\n` })), []);
    assert.deepEqual(brief(check({ ...cgo, Makefile: `mac:\n\tCGO_ENABLED=1 GOOS=darwin GOARCH=arm64 go build ./cmd/app\n\tcodesign -s - app\nlinux:\n\tCGO_ENABLED=1 GOOS=darwin GOARCH=arm64 go build ./cmd/app\n` })), ['cross/cgo-without-cc warning Makefile:5']);
    // A script that branches on Linux too, or only probes for xcrun, is not macOS-only.
    assert.equal(brief(check({ ...cgo, 'mac.sh': `${builds}if [ "$(uname)" = "Linux" ]; then echo; fi\ncodesign -s - out/a\n` })).length, 2);
    assert.equal(brief(check({ ...cgo, 'mac.sh': `${builds}command -v xcrun >/dev/null && echo mac\n` })).length, 2);
    const model = buildWorkspaceModel(record({ 'mac.sh': `${builds}codesign -s - out/a\n` }));
    assert.equal(model.buildConfigs![0]!.host?.goos, 'darwin');
    assert.equal(model.buildConfigs![0]!.host?.goarch, undefined);
    assert.deepEqual(model.buildConfigs![0]!.conditions, ['mac.sh runs on a Mac (it runs `codesign`)', 'whoever runs mac.sh does not set CC']);
  });

  it('`go env -w` earlier in a recipe or script applies to later go commands; `go env -u` and a set variable win over it', () => {
    assert.deepEqual(brief(check({ Makefile: 'android:\n\tgo env -w CGO_ENABLED=0\n\tGOOS=android GOARCH=arm go build ./cmd/app\n' })), ['cross/needs-cgo error Makefile:2']);
    assert.deepEqual(brief(check({ Makefile: 'android:\n\tgo env -w CGO_ENABLED=0\n\tgo env -u CGO_ENABLED\n\tGOOS=android GOARCH=arm go build ./cmd/app\n' })), ['cross/needs-cgo warning Makefile:4']);
    assert.deepEqual(brief(check({ Makefile: 'android:\n\tgo env -w CGO_ENABLED=0\n\tCGO_ENABLED=1 CC=clang GOOS=android GOARCH=arm go build ./cmd/app\n' })), []);
    assert.deepEqual(brief(check({ 'build.sh': '#!/bin/sh\ngo env -w CGO_ENABLED=0 GOOS=android GOARCH=arm\ngo build ./cmd/app\n' })), ['cross/needs-cgo error build.sh:2']);
  });
});

describe('incremental re-analysis of calls', () => {
  const rec = (files: Record<string, string>) => record(files);

  it('a change to the called script or to the caller updates the caller-context configurations; unchanged ones are the same objects', () => {
    const builder = new WorkspaceModelBuilder(ROOT);
    builder.reset(rec({ Makefile: 'release:\n\t./scripts/build-android.sh\n', 'scripts/build-android.sh': ANDROID_SCRIPT, 'other.sh': '#!/bin/sh\ngo build ./...\n' }));
    const first = builder.model();
    assert.deepEqual(brief(findingsOf(first)), ['cross/needs-cgo error scripts/build-android.sh:3']);
    // The called script changes: the finding follows it.
    builder.update({ path: 'scripts/build-android.sh', content: '#!/bin/sh\n\nset -e\nGOOS=android GOARCH=arm CGO_ENABLED=0 go build -o out/app ./cmd/app\n' });
    const second = builder.model();
    assert.deepEqual(brief(findingsOf(second)), ['cross/needs-cgo error scripts/build-android.sh:4']);
    const other = (m: WorkspaceModel) => m.buildConfigs!.find((c) => c.file === '/ws/other.sh');
    assert.equal(other(second), other(first), 'an unrelated configuration is the same object');
    // The caller changes: runs it from scripts/ now, so ./cmd/app is not the app.
    builder.update({ path: 'Makefile', content: 'release:\n\tcd scripts && ./build-android.sh\n' });
    assert.deepEqual(brief(findingsOf(builder.model())), []);
    // The caller goes away: the script is read on its own again.
    builder.remove('Makefile');
    const alone = builder.model().buildConfigs!.filter((c) => c.file === '/ws/scripts/build-android.sh');
    assert.equal(alone.length, 1);
    assert.doesNotMatch(alone[0]!.label, /run by/);
    // The same caller again reuses the reading of the unchanged script.
    builder.update({ path: 'Makefile', content: 'release:\n\t./scripts/build-android.sh\n' });
    const a = builder.model().buildConfigs!.find((c) => /run by/.test(c.label));
    builder.update({ path: 'other.sh', content: '#!/bin/sh\ngo vet ./...\n' });
    const b = builder.model().buildConfigs!.find((c) => /run by/.test(c.label));
    assert.ok(a && a === b);
  });
});

describe('calls on hostile input', () => {
  const RUNS = Number(process.env.GO_DOCTOR_PROPERTY_RUNS ?? 150);
  const names = ['a.sh', 'b.sh', 'sub/c.sh', 'Makefile', 'sub/Makefile', 'Dockerfile'];
  const pieces = [
    './a.sh', './b.sh', 'bash sub/c.sh', 'sh ../a.sh', '. ./b.sh', 'source a.sh', 'make', '$(MAKE) -C sub', 'make -f Makefile all', 'cd sub && ', 'cd ..; ', 'go env -w CGO_ENABLED=0',
    'go env -u GOOS', 'GOOS=android GOARCH=arm ', 'go build ./cmd/app', 'go -C cmd build .', 'export CGO_ENABLED=1', 'xcrun ', 'all:', '\n\t', '\n', ' ', 'RUN ', 'COPY . /src', 'WORKDIR /src', 'FROM golang:1.22', '$', '"', "'", '\\',
  ];
  const body = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((p) => p.join(''));

  it('never throws, and every called file\'s configuration lies inside that file (time: npm run bench, parsers)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...names), body), { minLength: 1, maxLength: 6 }), (entries) => {
        const files = new Map(entries);
        const rec = record(Object.fromEntries(files));
        const model = timed('workspace model builder, scripts calling scripts', () => buildWorkspaceModel(rec));
        for (const c of model.buildConfigs ?? []) {
          const content = rec.files.find((f) => `${ROOT}/${f.path}` === c.file)?.content;
          assert.ok(content !== undefined, c.file);
          const lines = content.split('\n');
          assert.ok(c.range.end.line < lines.length && c.range.end.character <= lines[c.range.end.line]!.length, `${c.label} outside ${c.file}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('package patterns stop at nested modules', () => {
  it('`go build ./...` at the root does not build a nested module\'s cgo package (as cmd/go: the pattern stops at its go.mod)', () => {
    const nested = { 'tools/fuzz/go.mod': 'module example.com/fuzz\n\ngo 1.24\n', 'tools/fuzz/lib/extern.go': CGO_MAIN, Makefile: 'check:\n\tGOOS=android GOARCH=arm go build ./...\n\tGOOS=android GOARCH=arm go build ./tools/fuzz/lib\n' };
    const found = check(nested);
    // Only the second command names the package itself (from the root module it is outside; cmd/go refuses it, the doctor stays silent on ./...).
    assert.ok(!found.some((f) => f.location?.range.start.line === 1 && f.rule === 'cgo/disabled-with-c-imports'), JSON.stringify(brief(found)));
    const single = check({ 'tools/fuzz/lib/extern.go': CGO_MAIN, Makefile: 'check:\n\tGOOS=android GOARCH=arm go build ./...\n' });
    assert.ok(single.some((f) => f.rule === 'cgo/disabled-with-c-imports'), JSON.stringify(brief(single)));
  });
});
