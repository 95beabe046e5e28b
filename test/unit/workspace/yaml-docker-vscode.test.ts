import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDockerfile } from '../../../src/core/parse/dockerfile.js';
import { parseGithubWorkflow, runnerPlatform } from '../../../src/core/parse/github-workflow.js';
import { parseGoreleaser } from '../../../src/core/parse/goreleaser.js';
import { parseVsCodeLaunch, parseVsCodeSettings, parseVsCodeTasks } from '../../../src/core/parse/vscode-json.js';
import { envInsertionEdit } from '../../../src/core/workspace/env-edit.js';
import { applyEdits } from '../rules/workspace/harness.js';

describe('goreleaser', () => {
  it('builds goos × goarch minus ignore, with the default goos/goarch when absent', () => {
    const text = ['builds:', '  - goos: [linux, windows]', '    goarch: [amd64, arm]', '    ignore:', '      - goos: windows', '        goarch: arm', '  - id: defaults', ''].join('\n');
    const facts = parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', text);
    const first = facts.configs.filter((c) => !/defaults/.test(c.label)).map((c) => c.goreleaser?.target);
    assert.deepEqual(first, ['linux_amd64', 'linux_arm', 'windows_amd64']);
    const defaults = facts.configs.filter((c) => /defaults/.test(c.label)).map((c) => c.goreleaser?.target).sort();
    assert.deepEqual(defaults, ['darwin_386', 'darwin_amd64', 'darwin_arm64', 'linux_386', 'linux_amd64', 'linux_arm64', 'windows_386', 'windows_amd64', 'windows_arm64']);
    assert.equal(facts.configs.find((c) => c.goreleaser?.target === 'darwin_386')?.goreleaser?.skipped, true, 'not a goreleaser target: skipped');
  });
  it('resolves YAML anchors and merge keys to the ranges of the anchored values', () => {
    const text = ['defaults: &d', '  env:', '    - CGO_ENABLED=0', 'builds:', '  - <<: *d', '    goos: [darwin]', '    goarch: [arm64]'].join('\n');
    const [c] = parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', text).configs;
    assert.equal(c?.env.CGO_ENABLED?.value, '0');
    assert.deepEqual(c?.env.CGO_ENABLED?.range, { start: { line: 2, character: 18 }, end: { line: 2, character: 19 } });
    assert.equal(c?.insertion, undefined, 'the env list belongs to the anchor: no insertion into it');
  });
  it('uses explicit targets (go_first_class expands), overrides and templates', () => {
    const text = [
      'builds:',
      '  - targets: [go_first_class, "ios_arm64"]',
      '    env:',
      '      - CGO_ENABLED={{ if eq .Os "darwin" }}1{{ else }}0{{ end }}',
      '    ldflags: -s -w -X main.v={{.Version}}',
      '    overrides:',
      '      - goos: ios',
      '        goarch: arm64',
      '        env: [CGO_ENABLED=1, CC=/opt/clangwrap.sh]',
    ].join('\n');
    const configs = parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', text).configs;
    assert.equal(configs.length, 9);
    assert.ok(configs.every((c) => c.goreleaser?.origin === 'explicit'));
    assert.equal(configs.find((c) => c.goreleaser?.target === 'linux_arm')?.env.CGO_ENABLED?.value, undefined, 'template: run-time value');
    const ios = configs.find((c) => c.goreleaser?.target === 'ios_arm64')!;
    assert.equal(ios.env.CGO_ENABLED?.value, '1');
    assert.equal(ios.env.CC?.value, '/opt/clangwrap.sh');
    assert.deepEqual(ios.linkerFlags.map((f) => f.flag), ['-s', '-w', '-X']);
  });
  it('adds env items in the list style of the file', () => {
    const text = ['builds:', '  - main: .', '    env:', '      - CGO_ENABLED=0', '    goos: [ios]', '  - main: ./x', '    goos: [ios]', ''].join('\n');
    const configs = parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', text).configs;
    const withList = configs.find((c) => c.packages[0] === '.')!;
    assert.equal(applyEdits(text, [envInsertionEdit(withList.insertion!, [['CC', 'x']])]).split('\n')[4], '      - CC=x');
    const without = configs.find((c) => c.packages[0] === './x')!;
    assert.deepEqual(applyEdits(text, [envInsertionEdit(without.insertion!, [['CGO_ENABLED', '1']])]).split('\n').slice(6, 9), ['    goos: [ios]', '    env:', '      - CGO_ENABLED=1']);
  });
  it('notes malformed YAML instead of failing', () => {
    const facts = parseGoreleaser('/w/.goreleaser.yaml', '.goreleaser.yaml', 'builds: [\n  - :');
    assert.equal(facts.configs.length, 0);
    assert.match(facts.notes[0]!.reason, /malformed YAML/);
  });
});

describe('GitHub workflows', () => {
  it('expands the matrix with exclude and include, and maps ${{ matrix.x }} in run: to the matrix value', () => {
    const text = [
      'jobs:',
      '  b:',
      '    runs-on: ubuntu-24.04-arm',
      '    strategy:',
      '      matrix:',
      '        goos: [linux, darwin]',
      '        goarch: [amd64, arm64]',
      '        exclude: [{ goos: darwin, goarch: amd64 }]',
      '        include:',
      '          - goos: linux',
      '            cgo: "1"',
      '    steps:',
      '      - run: |',
      '          CGO_ENABLED=${{ matrix.cgo }} GOOS=${{ matrix.goos }} GOARCH=${{ matrix.goarch }} go build ./...',
    ].join('\n');
    const configs = parseGithubWorkflow('/w/.github/workflows/b.yml', '.github/workflows/b.yml', text).configs;
    assert.deepEqual(configs.map((c) => `${c.env.GOOS?.value}/${c.env.GOARCH?.value}/${c.env.CGO_ENABLED?.value ?? '-'}`).sort(), ['darwin/arm64/', 'linux/amd64/1', 'linux/arm64/1']);
    const linux = configs.find((c) => c.env.GOOS?.value === 'linux')!;
    assert.deepEqual(linux.env.GOOS!.range.start, { line: 5, character: 15 });
    assert.deepEqual(linux.host, { goos: 'linux', goarch: 'arm64', from: 'the runner (ubuntu-24.04-arm)', runner: 'github-hosted' });
    assert.deepEqual(linux.insertion?.at, { line: 13, character: 10 });
  });
  it('reads env at workflow, job and step level, the setup-go version, and skips non-shell steps', () => {
    const text = [
      'env: { GOOS: linux }',
      'jobs:',
      '  a:',
      '    runs-on: windows-latest',
      '    env: { GOARCH: arm64 }',
      '    steps:',
      '      - uses: actions/setup-go@v5',
      '        with: { go-version: "1.22.x" }',
      '      - run: go build .',
      '        shell: bash',
      '        env: { CGO_ENABLED: "0" }',
      '      - run: go build .',
    ].join('\n');
    const configs = parseGithubWorkflow('/w/.github/workflows/a.yml', '.github/workflows/a.yml', text).configs;
    assert.equal(configs.length, 1, 'the second run: uses pwsh on a Windows runner');
    assert.deepEqual(Object.fromEntries(Object.entries(configs[0]!.env).map(([k, v]) => [k, v.value])), { GOOS: 'linux', GOARCH: 'arm64', CGO_ENABLED: '0' });
    assert.equal(configs[0]!.goVersion?.value, '1.22.x');
  });
  it('knows the GitHub-hosted runner labels it maps', () => {
    assert.deepEqual(runnerPlatform('macos-13'), { goos: 'darwin', goarch: 'amd64' });
    assert.deepEqual(runnerPlatform('macos-latest'), { goos: 'darwin', goarch: 'arm64' });
    assert.equal(runnerPlatform('self-hosted'), undefined);
  });
});

describe('Dockerfiles', () => {
  it('reads ENV/ARG per stage, RUN flags and continuations, leaves buildx platform ARGs unresolved', () => {
    const text = [
      'ARG GO_VERSION=1.24',
      'FROM --platform=linux/arm64 golang:1.24-alpine AS b',
      'ARG TARGETOS',
      'ENV CGO_ENABLED=0 \\',
      '    GOARCH=arm64',
      'RUN --mount=type=cache,target=/root/.cache \\',
      '    GOOS=$TARGETOS go build -o /out .',
      'FROM b AS c',
      'RUN go build ./cmd/c',
      'FROM alpine',
      'RUN go build .',
    ].join('\n');
    const configs = parseDockerfile('/w/Dockerfile', 'Dockerfile', text).configs;
    assert.equal(configs.length, 3);
    const [b, c, last] = configs as [typeof configs[0], typeof configs[0], typeof configs[0]];
    assert.equal(b.env.GOOS?.value, undefined, 'TARGETOS comes from buildx');
    assert.equal(b.env.CGO_ENABLED?.value, '0');
    assert.deepEqual(b.env.GOARCH?.range.start, { line: 4, character: 11 });
    assert.deepEqual(b.host, { goos: 'linux', goarch: 'arm64', from: 'the build container (--platform=linux/arm64)' });
    assert.equal(b.goVersion?.value, '1.24');
    assert.equal(c.env.CGO_ENABLED?.value, '0', 'FROM b inherits its ENV');
    assert.equal(c.goVersion?.value, '1.24');
    assert.equal(last.env.CGO_ENABLED, undefined, 'a new stage starts clean');
  });
  it('reads heredoc RUN bodies', () => {
    const text = ['FROM golang:1.23', 'RUN <<EOF', 'GOOS=windows go build .', 'EOF', ''].join('\n');
    const [c] = parseDockerfile('/w/Dockerfile', 'Dockerfile', text).configs;
    assert.deepEqual(c?.env.GOOS?.range.start, { line: 2, character: 5 });
  });
});

describe('VS Code JSON with comments', () => {
  const settings = '{\n  // comment\n  "go.toolsEnvVars": { "GOOS": "darwin", "GOARCH": "arm64" },\n  "go.languageServerFlags": ["-rpc.trace"],\n  "go.buildFlags": ["-tags=a,b", "-ldflags=-s -dwarfversion=4"],\n  "go.alternateTools": { "go": "/opt/go/bin/go" },\n  "gopls": { "build.env": { "GOOS": "js" } },\n}\n';
  it('finds the Go extension settings with ranges and comment-preserving removal edits', () => {
    const facts = parseVsCodeSettings('/w/.vscode/settings.json', settings);
    const vs = facts.vscode!;
    assert.equal(vs.toolsEnvVars.GOOS?.value, 'darwin');
    assert.deepEqual(vs.toolsEnvVars.GOOS?.keyRange.start, { line: 2, character: 23 });
    assert.equal(vs.languageServerFlags[0]?.value, '-rpc.trace');
    assert.equal(vs.alternateGo?.value, '/opt/go/bin/go');
    assert.equal(vs.goplsBuildEnv.GOOS?.value, 'js');
    const removed = applyEdits(settings, vs.toolsEnvVars.GOOS.removeEdits);
    assert.match(removed, /\/\/ comment/);
    assert.match(removed, /"go\.toolsEnvVars": \{ "GOARCH": "arm64" \}/);
    const config = facts.configs[0]!;
    assert.equal(config.action, 'tools');
    assert.equal(config.tags?.value, 'a,b');
    assert.deepEqual(config.linkerFlags.map((f) => f.flag), ['-s', '-dwarfversion']);
  });
  it('reads launch configurations (env, buildFlags string) and shell tasks', () => {
    const launch = '{ "configurations": [ { "type": "go", "name": "dbg", "request": "launch", "env": { "GOOS": "ios" }, "buildFlags": "-ldflags=-linkmode=external" } ] }';
    const [l] = parseVsCodeLaunch('/w/.vscode/launch.json', launch).configs;
    assert.equal(l?.env.GOOS?.value, 'ios');
    assert.deepEqual(l?.linkerFlags.map((f) => `${f.flag}=${f.value}`), ['-linkmode=external']);
    const tasks = '{ "tasks": [ { "label": "x", "type": "shell", "command": "GOOS=visionos go build ./...", "options": { "env": { "CGO_ENABLED": "0" } } } ] }';
    const [t] = parseVsCodeTasks('/w/.vscode/tasks.json', tasks).configs;
    assert.equal(t?.env.GOOS?.value, 'visionos');
    assert.equal(t?.env.CGO_ENABLED?.value, '0');
    assert.equal(tasks.slice(t.env.GOOS.range.start.character, t.env.GOOS.range.end.character), 'visionos');
  });
  it('notes a file that is not JSON', () => {
    assert.match(parseVsCodeSettings('/w/s.json', 'not json at all').notes[0]!.reason, /not valid JSON/);
  });
});
