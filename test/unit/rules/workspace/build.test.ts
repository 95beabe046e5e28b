import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { badLdflags } from '../../../../src/core/rules/build/bad-ldflags.js';
import { ignoredFilenameSuffix } from '../../../../src/core/rules/build/ignored-filename-suffix.js';
import { unknownOsTag } from '../../../../src/core/rules/build/unknown-os-tag.js';
import { applyEdits, editFix, FIXTURES, run, textAt, where } from './harness.js';

const read = (fixture: string, file: string) => readFileSync(join(FIXTURES, fixture, file), 'utf8');

describe('build/unknown-os-tag', () => {
  it('flags visionos, macos and !xros at the exact tag, and nothing in correct constraints', async () => {
    const found = await run(unknownOsTag, 'build-tags');
    assert.deepEqual(found.map(where).sort(), ['pkg/desktop.go:3:13', 'pkg/desktop.go:3:33', 'pkg/vision.go:1:12']);
    const vision = found.find((f) => where(f) === 'pkg/vision.go:1:12')!;
    assert.equal(textAt(read('build-tags', 'pkg/vision.go'), vision.location!.range), 'visionos');
    assert.match(vision.message, /never built for any target/);
    assert.match(vision.message, /go vet/);
    const notXros = found.find((f) => where(f) === 'pkg/desktop.go:3:33')!;
    assert.match(notXros.message, /`!xros` is always true/);
  });
  it('replaces macos with darwin (preferred) inside the expression, leaving the rest intact', async () => {
    const found = await run(unknownOsTag, 'build-tags');
    const mac = found.find((f) => where(f) === 'pkg/desktop.go:3:13')!;
    const fix = editFix(mac, /darwin/);
    assert.equal(fix.preferred, true);
    assert.match(applyEdits(read('build-tags', 'pkg/desktop.go'), fix.edits), /^\/\/go:build \(darwin \|\| linux\) && !xros$/m);
    const vision = found.find((f) => where(f) === 'pkg/vision.go:1:12')!;
    assert.ok(vision.fixes.every((f) => f.kind !== 'edit' || !f.preferred));
  });
  it('leaves a tag alone when a build passes it with -tags', async () => {
    const found = await run(unknownOsTag, 'build-tags');
    assert.ok(found.length > 0);
    // The clean fixture passes -tags=integration; integration is not an OS name anyway.
    assert.deepEqual(await run(unknownOsTag, 'clean'), []);
  });
});

describe('build/ignored-filename-suffix', () => {
  it('flags _unix, _macos, _osx_test and _visionos_arm64 files without constraints only', async () => {
    const found = await run(ignoredFilenameSuffix, 'build-tags');
    assert.deepEqual(found.map((f) => where(f).split(':')[0]).sort(), ['pkg/sys_macos.go', 'pkg/sys_osx_test.go', 'pkg/sys_unix.go', 'pkg/sys_visionos_arm64.go']);
    const unix = found.find((f) => where(f).startsWith('pkg/sys_unix.go'))!;
    assert.match(unix.message, /always built, on every target/);
    assert.match(unix.message, /windows and wasip1/);
    const arm = found.find((f) => where(f).startsWith('pkg/sys_visionos_arm64.go'))!;
    assert.match(arm.message, /counts only as `_arm64`/);
  });
  it('offers //go:build unix for a _unix file (never preferred: it may be meant for every target) and renames _macos to _darwin with a rename fix', async () => {
    const found = await run(ignoredFilenameSuffix, 'build-tags');
    const unix = found.find((f) => where(f).startsWith('pkg/sys_unix.go'))!;
    assert.equal(unix.severity, 'info');
    const add = editFix(unix, /go:build unix/);
    assert.equal(add.preferred, undefined);
    assert.match(applyEdits(read('build-tags', 'pkg/sys_unix.go'), add.edits), /^\/\/go:build unix\n\npackage pkg\n/);
    const mac = found.find((f) => where(f).startsWith('pkg/sys_macos.go'))!;
    const rename = editFix(mac, /Rename/);
    assert.equal(rename.preferred, true);
    assert.ok(rename.rename?.from.endsWith('/pkg/sys_macos.go'));
    assert.ok(rename.rename?.to.endsWith('/pkg/sys_darwin.go'));
    const test = found.find((f) => where(f).startsWith('pkg/sys_osx_test.go'))!;
    assert.ok(editFix(test, /Rename/).rename?.to.endsWith('/pkg/sys_darwin_test.go'));
    const vision = found.find((f) => where(f).startsWith('pkg/sys_visionos_arm64.go'))!;
    assert.ok(vision.fixes.every((f) => f.kind !== 'edit' || !f.preferred), 'visionOS has no equivalent');
  });
  it('is silent for _linux, _darwin, and for _unix/_posix files that carry a constraint', async () => {
    const found = await run(ignoredFilenameSuffix, 'build-tags');
    assert.ok(!found.some((f) => where(f).startsWith('ok/')));
    assert.deepEqual(await run(ignoredFilenameSuffix, 'clean'), []);
  });
});

describe('build/bad-ldflags', () => {
  it('flags -dwarfversion across a Makefile line continuation, quoting the linker error, with a removal fix', async () => {
    const found = await run(badLdflags, 'ldflags');
    const dwarf = found.find((f) => /dwarfversion/.test(f.message))!;
    assert.equal(where(dwarf), 'Makefile:2:2');
    assert.equal(textAt(read('ldflags', 'Makefile'), dwarf.location!.range), '-dwarfversion=4');
    assert.match(dwarf.message, /flag provided but not defined: -dwarfversion/);
    assert.match(dwarf.message, /GOEXPERIMENT=nodwarf5/);
    const fix = editFix(dwarf, /Remove/);
    assert.equal(fix.preferred, true);
    assert.doesNotMatch(applyEdits(read('ldflags', 'Makefile'), fix.edits), /dwarfversion/);
  });
  it('flags -buildmode inside -ldflags as redundant (warning), and accepts real flags', async () => {
    const found = await run(badLdflags, 'ldflags');
    const bm = found.find((f) => /-buildmode=exe inside -ldflags/.test(f.message))!;
    assert.equal(bm.severity, 'warning');
    assert.equal(textAt(read('ldflags', 'Makefile'), bm.location!.range), '-buildmode=exe');
    assert.equal(found.length, 2, found.map((f) => f.message).join('\n'));
  });
  it('reports a goreleaser ldflags entry once (not once per target), inside the YAML anchor', async () => {
    const found = await run(badLdflags, 'goreleaser-anchors');
    assert.deepEqual(found.map(where), ['.goreleaser.yaml:8:7']);
  });
  it('is silent on a clean workspace', async () => {
    assert.deepEqual(await run(badLdflags, 'clean'), []);
  });
});
