/**
 * The Go header parser reads common import specs, white space and line breaks with native
 * string searches and memoises constraint lines; these tests generate headers from a grammar
 * (so the expected facts are known) and check every path gives what the grammar says.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Position } from '../../../src/core/finding.js';
import { goHeaderEnd, parseGoFileHeader } from '../../../src/core/parse/go-file-header.js';
import { PositionCursor } from '../../../src/core/parse/position-cursor.js';

const RUNS = Number(process.env.GO_DOCTOR_PROPERTY_RUNS ?? 300);

/** An import path: plain, or needing the slow path (an escaped quote, a raw string). */
const importPath = fc.oneof(
  fc.constantFrom('fmt', 'C', 'net/http', 'example.com/a/b', 'é/ü', '日本/x'),
  fc.stringMatching(/^[a-z][a-z0-9./_-]{0,12}$/),
);

interface Spec {
  path: string;
  /** How it is written. */
  form: 'plain' | 'named' | 'dot' | 'blank' | 'raw' | 'escaped';
  /** Comments in front of it (kept as its doc unless `detached`). */
  doc: string[];
  detached: boolean;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  path: importPath,
  form: fc.constantFrom('plain', 'named', 'dot', 'blank', 'raw', 'escaped'),
  doc: fc.array(fc.constantFrom('// #cgo LDFLAGS: -lm', '/* #cgo CFLAGS: -O2 */', '// a note', '/*\n#cgo darwin LDFLAGS: -framework OpenCL\n*/'), { maxLength: 2 }),
  detached: fc.boolean(),
});

function written(s: Spec): string {
  const quoted = s.form === 'raw' ? `\`${s.path}\`` : s.form === 'escaped' ? `"${s.path.replace(/\//g, '\\/')}"` : `"${s.path}"`;
  const name = s.form === 'named' ? 'alias ' : s.form === 'dot' ? '. ' : s.form === 'blank' ? '_ ' : '';
  const doc = s.doc.length > 0 ? `${s.doc.join('\n')}\n${s.detached ? '\n' : ''}` : '';
  return `${doc}${name}${quoted}`;
}

/** The path as the parser reports it (escapes are kept as written, as go/build's ImportPath is not needed). */
function reported(s: Spec): string {
  return s.form === 'escaped' ? s.path.replace(/\//g, '\\/') : s.path;
}

const header = fc.record({
  lead: fc.constantFrom('', '//go:build linux\n\n', '// +build darwin\n\n', '// Copyright\n\n', '\ufeff', '/* block */\n'),
  newline: fc.constantFrom('\n', '\r\n'),
  decls: fc.array(fc.record({ grouped: fc.boolean(), specs: fc.array(spec, { minLength: 1, maxLength: 4 }), separator: fc.constantFrom('\n', ';', '\n\n', '\n\t// between\n') }), { maxLength: 3 }),
});

describe('Go header parser fast paths (headers generated from a grammar)', () => {
  it('reports every import path, in order, and ends the header at the first declaration', () => {
    fc.assert(
      fc.property(header, ({ lead, newline, decls }) => {
        const parts = [`${lead}package p${newline}`];
        const expected: string[] = [];
        for (const d of decls) {
          if (d.grouped) parts.push(`import (${newline}${d.specs.map(written).join(d.separator)}${newline})${newline}`);
          else for (const s of d.specs) parts.push(`import ${written(s)}${newline}`);
          expected.push(...d.specs.map(reported));
        }
        const head = parts.join('');
        const text = `${head}func main() {}${newline}`;
        const facts = parseGoFileHeader('/w/p/a.go', 'p/a.go', text);
        assert.deepEqual(facts.imports, expected);
        assert.equal(facts.packageName, 'p');
        assert.equal(goHeaderEnd(text), head.length);
        assert.equal(facts.importC !== undefined, expected.includes('C'));
      }),
      { numRuns: RUNS },
    );
  });

  it('takes the #cgo lines of the comments attached to import "C" (not of a detached one)', () => {
    const directives: Record<string, string[]> = {
      '// #cgo LDFLAGS: -lm': ['#cgo LDFLAGS: -lm'],
      '/* #cgo CFLAGS: -O2 */': ['#cgo CFLAGS: -O2'],
      '// a note': [],
      '/*\n#cgo darwin LDFLAGS: -framework OpenCL\n*/': ['#cgo darwin LDFLAGS: -framework OpenCL'],
    };
    fc.assert(
      fc.property(spec, fc.constantFrom('\n', '\r\n'), fc.boolean(), (s, nl, grouped) => {
        const doc = s.doc.length > 0 ? `${s.doc.join('\n')}\n${s.detached ? '\n' : ''}` : '';
        const text = grouped ? `package p${nl}import (${nl}"fmt"${nl}${doc}"C"${nl})${nl}var x = 1${nl}` : `package p${nl}${doc}import "C"${nl}var x = 1${nl}`;
        const facts = parseGoFileHeader('/w/a.go', 'a.go', text);
        const expected = s.detached ? [] : s.doc.flatMap((d) => directives[d]!);
        assert.deepEqual(
          facts.cgoDirectives.map((d) => d.text),
          expected,
        );
        for (const d of facts.cgoDirectives) assert.equal(text.split(/\r?\n/)[d.range.start.line]?.slice(d.range.start.character, d.range.end.character), d.text);
        assert.ok(facts.importC);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives each file its own constraint lists, and identical lines the same verdict', () => {
    const a = parseGoFileHeader('/w/a.go', 'a.go', '//go:build linux && amd64\n\npackage a\n');
    const b = parseGoFileHeader('/w/b.go', 'b.go', '//go:build linux && amd64\n\npackage b\n');
    const plain = parseGoFileHeader('/w/c.go', 'c.go', 'package c\n');
    assert.notEqual(a.constraintTags, b.constraintTags);
    assert.deepEqual(
      a.constraintTags.map((t) => t.tag),
      ['linux', 'amd64'],
    );
    assert.deepEqual(a.goBuild?.expr, b.goBuild?.expr);
    assert.deepEqual([plain.plusBuild, plain.constraintTags, plain.cgoDirectives], [[], [], []]);
  });
});

/** Positions the slow way: walk every character (\n, \r\n and a lone \r end a line). */
function referencePosition(text: string, offset: number): Position {
  const target = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < target; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: target - lineStart };
}

describe('PositionCursor', () => {
  it('agrees with a character-by-character walk, for offsets asked in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', ' ', '\n', '\r', '\r\n', '\t'), { maxLength: 60 }), fc.array(fc.integer({ min: -2, max: 70 }), { maxLength: 12 }), (chars, offsets) => {
        const text = chars.join('');
        const cursor = new PositionCursor(text);
        for (const o of offsets) assert.deepEqual(cursor.position(o), referencePosition(text, o), `offset ${o} in ${JSON.stringify(text)}`);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});
