// An editor's unsaved text is judged exactly as the scanner judges the same bytes on disk.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { scanFileFromDisk, scanFileText } from '../../../src/server/file-scan.js';
import { makeWorkspace } from './harness.js';

/** Pieces that matter to the judgement: shebangs, NUL, line ends, Go header tokens, multi-byte characters, chunk-crossing filler. */
const PIECES = [
  '#!/bin/sh\n',
  '#!/usr/bin/env -S bash -e\r\n',
  '#!/usr/bin/python3\n',
  '#!',
  '\u0000',
  '\r\n',
  '\n',
  '\uFEFF',
  '//go:build linux && cgo\n',
  '// +build darwin\n',
  '/* block\n comment */',
  'package demo\n',
  'import "C"\n',
  'import (\n\t"fmt"\n\t"os"\n)\n',
  'imp',
  'ort "strings"\n',
  'func F() {}\n',
  'var x = 1\n',
  'GOOS=linux go build ./...\n',
  'é',
  '😀',
  'x'.repeat(1500),
  '\t'.repeat(4093),
];
/** A whole record, a record cut after the Go header, and a skipped (binary) file. */
const OUTCOME_EXAMPLES: [string, string[]][] = [
  ['build.sh', ['#!/bin/sh\n', 'GOOS=linux go build ./...\n']],
  ['a/demo.go', ['package demo\n', 'func F() {}\n', 'x'.repeat(1500)]],
  ['build.sh', ['#!/bin/sh\n', '\u0000']],
];
const NAMES = ['a/demo.go', 'demo_test.go', 'Makefile', 'build.sh', 'tools/release', '.github/workflows/ci.yml', 'notes.txt'];

describe('server: the scan of an editor text', () => {
  const ws = makeWorkspace({});
  after(() => ws.cleanup());

  it('equals the scan of the same content on disk (records, header cuts, skips, shebangs)', async () => {
    let recorded = 0;
    let skipped = 0;
    let cut = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), async (name, pieces) => {
        const text = pieces.join('');
        ws.write(name, text);
        const fromDisk = await scanFileFromDisk(ws.root, name);
        const fromText = scanFileText(name, text);
        assert.deepEqual(fromText, fromDisk, `${name}: ${JSON.stringify(text.slice(0, 200))}`);
        if (fromText.kind === 'record') recorded++;
        if (fromText.kind === 'record' && fromText.record.partial) cut++;
        if (fromText.kind === 'skipped') skipped++;
      }),
      // One input per outcome always runs first, so every outcome is compared whatever the random
      // inputs turn out to be (counting on them to reach each one failed once).
      { numRuns: 400, examples: OUTCOME_EXAMPLES },
    );
    assert.ok(recorded > 0 && skipped > 0 && cut > 0, `recorded ${recorded}, skipped ${skipped}, header cuts ${cut}`);
  });

  it('looks for NUL bytes in a .go file only as far as the scanner reads it', async () => {
    const past = `package demo\n\nfunc F() {}\n${'x'.repeat(5000)}\u0000`;
    ws.write('nul/past.go', past);
    const fromText = scanFileText('nul/past.go', past);
    assert.deepEqual(fromText, { kind: 'record', record: { path: 'nul/past.go', content: 'package demo\n\n', partial: true } });
    assert.deepEqual(fromText, await scanFileFromDisk(ws.root, 'nul/past.go'));
    const within = `package demo\n\nfunc F() {}\n\u0000`;
    ws.write('nul/within.go', within);
    assert.deepEqual(scanFileText('nul/within.go', within), { kind: 'skipped', reason: 'binary (contains NUL bytes)' });
    assert.deepEqual(scanFileText('nul/within.go', within), await scanFileFromDisk(ws.root, 'nul/within.go'));
  });

  it('judges a file over 1 MiB as the scanner does', async () => {
    const big = `build:\n${'\t@echo x\n'.repeat(150_000)}`;
    ws.write('big/Makefile', big);
    const fromText = scanFileText('big/Makefile', big);
    assert.equal(fromText.kind, 'skipped');
    assert.deepEqual(fromText, await scanFileFromDisk(ws.root, 'big/Makefile'));
    const goFile = `package big\n\nimport "fmt"\n\nvar s = "${'y'.repeat(1_200_000)}"\n`;
    ws.write('big/big.go', goFile);
    const goFromText = scanFileText('big/big.go', goFile);
    assert.equal(goFromText.kind === 'record' && goFromText.record.content, 'package big\n\nimport "fmt"\n\n', 'a big .go file: only its header is kept');
    assert.deepEqual(goFromText, await scanFileFromDisk(ws.root, 'big/big.go'));
  });
});
