import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { goHeaderEnd } from '../../../src/core/parse/go-file-header.js';
import { goHeaderEndInBytes } from '../../../src/core/parse/go-header-bytes.js';
import { buildWorkspaceModel } from '../../../src/core/workspace/build.js';
import { scanWorkspace } from '../../../src/probe/workspace/scan.js';

const RUNS = Number(process.env.GO_DOCTOR_PROPERTY_RUNS ?? 300);

const GO = ['//go:build linux\n', '// +build darwin\n', '\ufeff', 'package x\n', 'package ', 'import ', 'import (\n', '"C"', '"fmt"\n', '`raw`', '. ', '_ ', ')\n', '/*', '*/', '//', '\n', '\r\n', '\t', ' ', ';', 'func f() {}\n', 'var x = 1\n', 'é', '日本', '😀', '\u2028', '\\', '"', 'imp', 'ort'];

/** Go-like text, with characters of every UTF-8 length. */
const goText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(fc.oneof(fc.constantFrom(...GO), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 80 }).map((p) => p.join('')),
);

/** The reference: goHeaderEnd on the decoded text, as a byte offset. */
function reference(bytes: Buffer): number | undefined {
  const text = bytes.toString('utf8');
  const end = goHeaderEnd(text);
  return end === undefined ? undefined : Buffer.byteLength(text.slice(0, end));
}

describe('goHeaderEndInBytes (the scanner finds the header end without decoding the file)', () => {
  it('agrees with goHeaderEnd on the decoded text, for any UTF-8 text', () => {
    fc.assert(
      fc.property(goText, (t) => {
        const bytes = Buffer.from(t, 'utf8');
        assert.equal(goHeaderEndInBytes(bytes, bytes.length), reference(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('never looks past `length` (the rest of a reused buffer holds an earlier file)', () => {
    fc.assert(
      fc.property(goText, fc.uint8Array({ maxLength: 40 }), (t, stale) => {
        const bytes = Buffer.from(t, 'utf8');
        assert.equal(goHeaderEndInBytes(Buffer.concat([bytes, stale]), bytes.length), reference(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('with more to read, gives the same end or asks for more (only for a cut `import` or `/`)', () => {
    fc.assert(
      fc.property(goText, (t) => {
        const bytes = Buffer.from(t, 'utf8');
        const whole = goHeaderEndInBytes(bytes, bytes.length);
        const cut = goHeaderEndInBytes(bytes, bytes.length, true);
        if (cut !== undefined) assert.equal(cut, whole);
        else if (whole !== undefined) assert.match(bytes.subarray(whole).toString('latin1'), /^(\/|i|im|imp|impo|impor)$/);
      }),
      { numRuns: RUNS },
    );
  });

  it('counts a byte-order mark as 3 bytes and multi-byte identifiers byte by byte', () => {
    const bom = Buffer.from('\ufeffpackage é\nimport "日本"\nfunc f() {}\n', 'utf8');
    assert.equal(goHeaderEndInBytes(bom, bom.length), bom.indexOf('func'));
    assert.equal(goHeaderEndInBytes(Buffer.from('package x\nimport "a"\nvar é = 1'), 30), 21);
  });

  it('asks for more when a read cut the `import` keyword or a comment', () => {
    const text = Buffer.from('package x\nimport "a"\nimp');
    assert.equal(goHeaderEndInBytes(text, text.length), text.length - 3, 'at the end of the file, `imp` is a declaration');
    assert.equal(goHeaderEndInBytes(text, text.length, true), undefined);
    const slash = Buffer.from('package x\nimport "a"\n/');
    assert.equal(goHeaderEndInBytes(slash, slash.length, true), undefined);
    const fn = Buffer.from('package x\nimport "a"\nfun');
    assert.equal(goHeaderEndInBytes(fn, fn.length, true), fn.length - 3, '`fun…` can never be import');
  });
});

describe('scanWorkspace around the first 4 KiB read', () => {
  let root: string;
  const files: Record<string, Buffer> = {};
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'go-doctor-header-bytes-'));
    // Headers that end just before, on and after byte 4096, with multi-byte characters cut there.
    for (const [k, ch] of ['', 'é', '日', '😀'].entries()) {
      for (let shift = 0; shift < 24; shift += 1) {
        const line = `\t"x/${ch}${ch}"\n`;
        const head = `package p\n\n// ${ch.repeat(3)}\nimport (\n`;
        const count = Math.floor((4096 - 48 - Buffer.byteLength(head)) / Buffer.byteLength(line));
        const text = `${head}\t"${'a'.repeat(shift)}"\n${line.repeat(count)}${line.repeat(shift % 6)})\n\nfunc g() {}\n${'// body\n'.repeat(600)}`;
        files[`b${k}_${shift}.go`] = Buffer.from(text, 'utf8');
      }
    }
    // The second `import` keyword straddles byte 4096: its import "C" must not be lost.
    const first = 'package p\n\nimport (\n';
    const body = '\t"a/b"\n'.repeat(580);
    const lead = `${first}${body})\n\n`;
    const pad = ' '.repeat(4096 - 3 - Buffer.byteLength(lead));
    files['straddle.go'] = Buffer.from(`${lead}${pad}import "C"\n\nfunc h() {}\n${'// body\n'.repeat(100)}`, 'utf8');
    files['bom.go'] = Buffer.from('\ufeff//go:build linux\n\npackage p\n\nimport "C"\n\nfunc i() {}\n', 'utf8');
    for (const [name, content] of Object.entries(files)) writeFileSync(join(root, name), content);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('records exactly the header (as decoding the whole file and cutting it at goHeaderEnd would)', async () => {
    const record = await scanWorkspace(root);
    assert.equal(record.skipped.length, 0);
    for (const [name, bytes] of Object.entries(files)) {
      const text = bytes.toString('utf8');
      const end = goHeaderEnd(text);
      assert.ok(end !== undefined, name);
      const got = record.files.find((f) => f.path === name);
      assert.equal(got?.content, text.slice(0, end), name);
      assert.equal(got?.partial, true, name);
    }
  });

  it('keeps an import declaration whose keyword the first read cut in half', async () => {
    const straddle = files['straddle.go']!;
    const at = straddle.indexOf('import "C"');
    assert.ok(at < 4096 && at + 6 > 4096, 'the fixture straddles the boundary');
    const model = buildWorkspaceModel(await scanWorkspace(root));
    const f = model.goFiles?.find((g) => g.name === 'straddle.go');
    assert.ok(f?.importC, 'import "C" found');
    assert.ok(model.cgoFiles.some((c) => c.file.endsWith('/straddle.go')));
    assert.ok(model.goFiles?.find((g) => g.name === 'bom.go')?.goBuild, 'a BOM before //go:build');
  });
});
