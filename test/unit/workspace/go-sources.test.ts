import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evalConstraint, parseGoBuildLine, parsePlusBuildLine } from '../../../src/core/parse/build-constraint.js';
import { goHeaderEnd, parseGoFileHeader } from '../../../src/core/parse/go-file-header.js';
import { parseGoMod } from '../../../src/core/parse/go-mod.js';
import { fileBuilt, nameMatches, tagTruth } from '../../../src/core/workspace/go-packages.js';

describe('Go file headers', () => {
  const src = [
    '// Copyright 2026 Example.',
    '',
    '//go:build (darwin || visionos) && !cgo',
    '// +build darwin visionos',
    '',
    '// Package x does things.',
    'package x',
    '',
    'import (',
    '\t"fmt"',
    '\tfoo "example.com/foo"',
    ')',
    '',
    '/*',
    '#cgo darwin LDFLAGS: -framework OpenCL',
    '#include <stdio.h>',
    '*/',
    'import "C"',
    '',
    'func F() { fmt.Println(foo.X) }',
  ].join('\n');

  it('finds the //go:build line, its tags, the package clause, imports and #cgo lines, and where the header ends', () => {
    const f = parseGoFileHeader('/w/x/a_darwin.go', 'x/a_darwin.go', src);
    assert.equal(f.goBuild?.text, '//go:build (darwin || visionos) && !cgo');
    assert.deepEqual(f.constraintTags.map((t) => `${t.tag}@${t.range.start.line}:${t.range.start.character}`), ['darwin@2:12', 'visionos@2:22', 'cgo@2:36']);
    assert.equal(f.plusBuild.length, 1);
    assert.equal(f.packageName, 'x');
    assert.deepEqual(f.packageRange, { start: { line: 6, character: 0 }, end: { line: 6, character: 9 } });
    assert.deepEqual(f.imports, ['fmt', 'example.com/foo', 'C']);
    assert.deepEqual(f.importC, { start: { line: 17, character: 7 }, end: { line: 17, character: 10 } });
    assert.deepEqual(f.cgoDirectives.map((d) => d.text), ['#cgo darwin LDFLAGS: -framework OpenCL']);
    assert.equal(f.dir, 'x');
    const end = goHeaderEnd(src);
    assert.equal(src.slice(end), 'func F() { fmt.Println(foo.X) }');
  });

  it('ignores a //go:build after the package clause, and a comment separated from import "C" by a blank line', () => {
    const f = parseGoFileHeader('/w/a.go', 'a.go', 'package a\n\n//go:build linux\n\n// #cgo LDFLAGS: -lx\n\nimport "C"\n');
    assert.equal(f.goBuild, undefined);
    assert.deepEqual(f.cgoDirectives, []);
    assert.ok(f.importC);
  });

  it('needs more text when the imports are cut (goHeaderEnd undefined), and marks such a header incomplete', () => {
    const cut = 'package a\n\nimport (\n\t"fmt"\n\t"o';
    assert.equal(goHeaderEnd(cut), undefined);
    assert.equal(parseGoFileHeader('/w/a.go', 'a.go', cut, false).incomplete, true);
  });
});

describe('build constraints', () => {
  it('parses and evaluates //go:build with three-valued logic', () => {
    const p = parseGoBuildLine('//go:build (linux || darwin) && !ios && go1.21');
    assert.ok(p.expr && !p.error);
    const known = tagTruth({ goos: 'darwin', goarch: 'arm64', cgo: true, tags: new Set(), minor: 24 });
    assert.equal(evalConstraint(p.expr, known), true);
    assert.equal(evalConstraint(p.expr, tagTruth({ goos: 'ios', goarch: 'arm64', cgo: true, tags: new Set(), minor: 24 })), false);
    assert.equal(evalConstraint(p.expr, tagTruth({ cgo: true, tags: new Set() })), undefined, 'GOOS unknown');
    assert.match(parseGoBuildLine('//go:build linux &&').error ?? '', /unexpected end/);
  });
  it('parses // +build (space = or, comma = and)', () => {
    const p = parsePlusBuildLine('// +build linux,amd64 darwin');
    assert.ok(p.expr);
    assert.equal(evalConstraint(p.expr, tagTruth({ goos: 'linux', goarch: 'arm64', cgo: false, tags: new Set() })), false);
    assert.equal(evalConstraint(p.expr, tagTruth({ goos: 'darwin', goarch: 'arm64', cgo: false, tags: new Set() })), true);
  });
  it('applies file-name constraints as go/build does (ios builds _darwin files, unknown suffixes always build)', () => {
    const ios = tagTruth({ goos: 'ios', goarch: 'arm64', cgo: true, tags: new Set() });
    assert.equal(nameMatches('a_darwin.go', ios), true);
    assert.equal(nameMatches('a_linux_test.go', ios), false);
    assert.equal(nameMatches('a_visionos.go', ios), true);
    assert.equal(nameMatches('a_visionos_amd64.go', ios), false);
    assert.equal(nameMatches('linux.go', ios), true);
    const f = parseGoFileHeader('/w/a_unix.go', 'a_unix.go', '//go:build cgo\n\npackage a\n');
    assert.equal(fileBuilt(f, tagTruth({ goos: 'js', goarch: 'wasm', cgo: false, tags: new Set() })), false);
  });
});

describe('go.mod and go.work', () => {
  it('reads module, go and toolchain with value ranges, and go.work use directories', () => {
    const mod = parseGoMod('/w/sub/go.mod', 'sub/go.mod', 'module example.com/m // comment\n\ngo 1.24.0\n\ntoolchain go1.25.3\n\nrequire (\n\tgo 1.0.0\n)\n');
    assert.equal(mod.module, 'example.com/m');
    assert.equal(mod.dir, 'sub');
    assert.deepEqual(mod.go, { file: '/w/sub/go.mod', value: '1.24.0', range: { start: { line: 2, character: 3 }, end: { line: 2, character: 9 } } });
    assert.equal(mod.toolchain?.value, 'go1.25.3');
    const work = parseGoMod('/w/go.work', 'go.work', 'go 1.24\n\nuse (\n\t./a\n\t"./b"\n)\nuse ./c\n');
    assert.equal(work.kind, 'go.work');
    assert.deepEqual(work.use, ['./a', './b', './c']);
  });
});
