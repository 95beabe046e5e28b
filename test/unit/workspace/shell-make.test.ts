import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BuildConfig } from '../../../src/core/workspace/build-config.js';
import { parseMakefile } from '../../../src/core/parse/makefile.js';
import { parseShellFile } from '../../../src/core/parse/shell-file.js';
import { lexShell } from '../../../src/core/parse/shell-lexer.js';
import { sourceText } from '../../../src/core/parse/mapped-text.js';

/** `NAME=value@line:col` (0-based) of a config's environment. */
function env(c: BuildConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, `${v.value ?? '?'}@${v.range.start.line}:${v.range.start.character}`]));
}

describe('shell lexer', () => {
  it('removes quotes and escapes, keeps expansions literal, and maps every character to the source', () => {
    const text = `GOOS="win"'dows' FLAGS=\\$HOME go build -o "$OUT" \\\n  ./...`;
    const [cmd] = lexShell(sourceText(text, 0));
    assert.ok(cmd);
    assert.deepEqual(cmd.words.map((w) => w.value.text), ['GOOS=windows', 'FLAGS=$HOME', 'go', 'build', '-o', '$OUT', './...']);
    const goos = cmd.words[0]!;
    assert.equal(goos.assignNameLength, 4);
    // 'd' of 'dows' comes from inside the single quotes.
    assert.equal(text[goos.value.origins[8]!], 'd');
    assert.deepEqual(cmd.words[5]!.expansions.map((e) => e.kind), ['var']);
    assert.equal(cmd.words[1]!.expansions.length, 0, 'an escaped $ is not an expansion');
  });
  it('splits commands on ; && || | and newlines, skips comments and heredoc bodies', () => {
    const text = 'a=1; b && c || d | e # note\ncat <<EOF\nGOOS=visionos go build\nEOF\nf';
    const cmds = lexShell(sourceText(text, 0)).map((c) => c.words.map((w) => w.value.text).join(' '));
    assert.deepEqual(cmds, ['a=1', 'b', 'c', 'd', 'e', 'cat', 'f']);
  });
});

describe('shell scripts', () => {
  it('gives each go command the exported variables and its prefixes, with the ranges where they are written', () => {
    const text = ['#!/bin/sh', 'export CGO_ENABLED=0', 'GOARCH=arm64', 'GOOS=ios go build ./...', 'export GOARCH', 'go test .'].join('\n');
    const facts = parseShellFile('/w/b.sh', 'b.sh', text);
    assert.equal(facts.configs.length, 2);
    assert.deepEqual(env(facts.configs[0]!), { CGO_ENABLED: '0@1:19', GOOS: 'ios@3:5' }, 'GOARCH is not exported yet');
    assert.deepEqual(env(facts.configs[1]!), { CGO_ENABLED: '0@1:19', GOARCH: 'arm64@2:7' });
    assert.equal(facts.configs[0]!.action, 'build');
    assert.equal(facts.configs[1]!.action, 'test');
    assert.deepEqual(facts.configs[0]!.insertion?.at, { line: 3, character: 0 });
  });
  it('expands nested for loops over literal words into one configuration per combination', () => {
    const text = 'for os in linux darwin; do\n  for arch in amd64 arm64; do\n    GOOS=$os GOARCH=$arch go build -o "bin/$os-$arch"\n  done\ndone\n';
    const facts = parseShellFile('/w/b.sh', 'b.sh', text);
    assert.deepEqual(facts.configs.map((c) => `${c.env.GOOS?.value}/${c.env.GOARCH?.value}`).sort(), ['darwin/amd64', 'darwin/arm64', 'linux/amd64', 'linux/arm64']);
    const darwin = facts.configs.find((c) => c.env.GOOS?.value === 'darwin')!;
    assert.deepEqual(darwin.env.GOOS!.range.start, { line: 0, character: 16 });
  });
  it('reads env NAME=value prefixes, line continuations, -ldflags in quotes and values only known at run time', () => {
    const text = 'env GOOS=linux \\\n  CGO_ENABLED="$CGO" go build -ldflags "-s -w -X main.v=$(git describe) -linkmode=external" -buildmode=c-shared ./cmd/x';
    const [c] = parseShellFile('/w/b.sh', 'b.sh', text).configs;
    assert.ok(c);
    assert.equal(c.env.GOOS?.value, 'linux');
    assert.equal(c.env.CGO_ENABLED?.value, undefined, 'run-time value');
    assert.deepEqual(c.linkerFlags.map((f) => f.flag + (f.value !== undefined ? `=${f.value.replace(/\uFFFF/g, '…')}` : '')), ['-s', '-w', '-X=main.v=…', '-linkmode=external']);
    assert.equal(c.buildmode?.value, 'c-shared');
    assert.deepEqual(c.packages, ['./cmd/x']);
    assert.deepEqual(c.linkerFlags[3]!.range, { start: { line: 1, character: 72 }, end: { line: 1, character: 90 } });
  });
  it('records go env -w settings and ignores commands that are not go', () => {
    const facts = parseShellFile('/w/b.sh', 'b.sh', 'go env -w GOOS=visionos\nGOOS=ios make build\n');
    assert.deepEqual(facts.settings.map((s) => `${s.name}=${s.value}`).sort(), ['GOOS=ios', 'GOOS=visionos']);
    assert.deepEqual(facts.configs.map((c) => c.action), ['other']);
  });
});

describe('Makefiles', () => {
  it('expands $(VAR) to the definition (recursive and simple), handles $$ and recipe prefixes', () => {
    const text = ['GO ?= go', 'OS = $(TARGET_OS)', 'TARGET_OS := windows', 'build:', '\t@GOOS=$(OS) $(GO) build -o $@ .', '\techo $$GOOS'].join('\n');
    const facts = parseMakefile('/w/Makefile', 'Makefile', text);
    assert.equal(facts.configs.length, 1);
    assert.deepEqual(env(facts.configs[0]!), { GOOS: 'windows@2:13' });
    assert.match(facts.configs[0]!.label, /line 5 \(target "build"\)/);
    assert.deepEqual(facts.configs[0]!.insertion, { file: '/w/Makefile', at: { line: 4, character: 2 }, style: 'shell-prefix', indent: '', make: true });
  });
  it('exports with `export`, target-specific variables and .EXPORT_ALL_VARIABLES', () => {
    const text = ['export CGO_ENABLED := 0', 'GOARCH = arm64', 'ios: export GOOS = ios', 'ios:', '\tgo build .', 'plain:', '\tgo build .'].join('\n');
    const facts = parseMakefile('/w/Makefile', 'Makefile', text);
    const ios = facts.configs.find((c) => /ios/.test(c.label))!;
    assert.deepEqual(env(ios), { CGO_ENABLED: '0@0:22', GOOS: 'ios@2:19' });
    const plain = facts.configs.find((c) => /plain/.test(c.label))!;
    assert.deepEqual(env(plain), { CGO_ENABLED: '0@0:22' }, 'GOARCH is not exported');
    const all = parseMakefile('/w/Makefile', 'Makefile', `${text}\n.EXPORT_ALL_VARIABLES:`);
    assert.equal(all.configs.find((c) => /plain/.test(c.label))!.env.GOARCH?.value, 'arm64');
  });
  it('treats values set under a conditional or by $(shell …) as unknown, and keeps line continuations', () => {
    const text = ['ifeq ($(OS),Windows_NT)', 'GOOS := windows', 'else', 'GOOS := $(shell uname -s)', 'endif', 'export GOOS', 'FLAGS = -s \\', '\t-w', 'b:', '\tgo build -ldflags "$(FLAGS)" \\', '\t\t./...'].join('\n');
    const facts = parseMakefile('/w/Makefile', 'Makefile', text);
    const c = facts.configs[0]!;
    assert.equal(c.env.GOOS?.value, undefined);
    assert.deepEqual(c.linkerFlags.map((f) => f.flag), ['-s', '-w']);
    assert.deepEqual(c.packages, ['./...']);
    assert.deepEqual(c.linkerFlags[1]!.range.start, { line: 7, character: 1 });
  });
  it('never throws on broken input', () => {
    for (const text of ['\t\t\t', 'a:=$(', 'define X\n', 'x: y ; go build $(', '$$$$(((', 'export', 'ifeq (\nendif\nendif']) {
      assert.doesNotThrow(() => parseMakefile('/w/Makefile', 'Makefile', text));
    }
  });
});
