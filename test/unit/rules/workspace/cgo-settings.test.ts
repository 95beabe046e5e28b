import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import { deprecatedFramework } from '../../../../src/core/rules/cgo/deprecated-framework.js';
import { disabledWithCImports } from '../../../../src/core/rules/cgo/disabled-with-c-imports.js';
import { ldClassic } from '../../../../src/core/rules/cgo/ld-classic.js';
import { gorootAndToolchain } from '../../../../src/core/rules/settings/goroot-and-toolchain.js';
import { rpcTrace } from '../../../../src/core/rules/settings/rpc-trace.js';
import { toolsEnvGoos } from '../../../../src/core/rules/settings/tools-env-goos.js';
import { applyEdits, editFix, FIXTURES, run, textAt, where } from './harness.js';

const read = (fixture: string, file: string) => readFileSync(join(FIXTURES, fixture, file), 'utf8');

describe('cgo/disabled-with-c-imports', () => {
  it('follows ./cmd/app → p → c (import "C" only) and says the build fails', async () => {
    const found = await run(disabledWithCImports, 'cgo-disabled');
    const app = found.find((f) => /target "app"/.test(f.message))!;
    assert.equal(app.severity, 'error');
    assert.match(app.message, /build constraints exclude all Go files in …\/c/);
    assert.equal(where(app), 'Makefile:1:22', 'the exported CGO_ENABLED = 0');
    const fixed = applyEdits(read('cgo-disabled', 'Makefile'), editFix(app, /CGO_ENABLED=1/).edits);
    assert.match(fixed, /\tCGO_ENABLED=1 go build -o bin\/app \.\/cmd\/app/);
    assert.ok(app.fixes.every((f) => f.kind !== 'edit' || !f.preferred));
  });
  it('leaves a package with its own //go:build !cgo fallback and an explicit CGO_ENABLED=1 build alone', async () => {
    const found = await run(disabledWithCImports, 'cgo-disabled');
    assert.ok(!found.some((f) => /target "fallback"/.test(f.message)));
    assert.ok(!found.some((f) => /target "with-cgo"/.test(f.message)));
    // `app` and `all` share the anchor (the exported CGO_ENABLED = 0): one finding.
    assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
    assert.equal(where(found[0]!), 'Makefile:1:22');
  });
  it('is silent without cgo files', async () => {
    assert.deepEqual(await run(disabledWithCImports, 'clean'), []);
  });
});

describe('cgo/ld-classic', () => {
  it('flags -Wl,-ld_classic in a Makefile variable and in a #cgo directive', async () => {
    const found = await run(ldClassic, 'ldflags');
    assert.deepEqual(found.map(where).sort(), ['Makefile:3:14', 'main.go:5:22']);
    const directive = found.find((f) => where(f) === 'main.go:5:22')!;
    assert.equal(textAt(read('ldflags', 'main.go'), directive.location!.range), '-Wl,-ld_classic');
    assert.match(directive.message, /deprecated since Xcode 16/);
    const fixed = applyEdits(read('ldflags', 'main.go'), editFix(directive, /Remove/).edits);
    assert.match(fixed, /^#cgo darwin LDFLAGS:$/m);
  });
  it('is an error when the Mac has Xcode/CLT 27 (ld64 removed)', async () => {
    const found = await run(ldClassic, 'ldflags', { go: '1.27.3', hostOs: 'darwin', hostArch: 'arm64', xcode: 27 });
    assert.ok(found.every((f) => f.severity === 'error'));
  });
  it('is silent on a clean workspace', async () => {
    assert.deepEqual(await run(ldClassic, 'clean'), []);
  });
});

describe('cgo/deprecated-framework', () => {
  it('reports -framework OpenCL as deprecated (info), not removed, and not -framework Foundation', async () => {
    const found = await run(deprecatedFramework, 'ldflags');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'info');
    assert.equal(textAt(read('ldflags', 'main.go'), found[0]!.location!.range), '-framework OpenCL');
    assert.match(found[0]!.message, /deprecated since macOS 10\.14/);
    assert.match(found[0]!.message, /not removed/);
  });
  it('is silent on a clean workspace', async () => {
    assert.deepEqual(await run(deprecatedFramework, 'clean'), []);
  });
});

describe('settings/tools-env-goos', () => {
  it('flags GOOS=windows in go.toolsEnvVars with two fixes that keep comments', async () => {
    const found = await run(toolsEnvGoos, 'vscode-settings');
    assert.equal(found.length, 1);
    assert.equal(where(found[0]!), '.vscode/settings.json:4:3');
    const text = read('vscode-settings', '.vscode/settings.json');
    const moved = applyEdits(text, editFix(found[0]!, /gopls only/).edits);
    assert.ok(moved.includes('// keep this comment') && moved.includes('/* pinned while migrating */') && moved.includes('// Analyse the Windows code paths.'));
    const tree = parseTree(moved, [], { allowTrailingComma: true });
    assert.ok(tree);
    assert.match(moved, /"gopls": \{\s*"build\.env": \{\s*"GOOS": "windows"/);
    assert.doesNotMatch(moved.slice(0, moved.indexOf('"gopls"')), /"GOOS"/);
    const removed = applyEdits(text, editFix(found[0]!, /Remove GOOS/).edits);
    assert.doesNotMatch(removed, /"GOOS"/);
    assert.ok(removed.includes('"CGO_ENABLED": "0"'));
    assert.ok(found[0]!.fixes.every((f) => f.kind !== 'edit' || !f.preferred));
  });
  it('is silent when the value is this machine\'s own, and for gopls build.env', async () => {
    assert.deepEqual(await run(toolsEnvGoos, 'vscode-settings', { go: '1.27.3', hostOs: 'windows', hostArch: 'amd64' }), []);
    assert.deepEqual(await run(toolsEnvGoos, 'clean'), []);
  });
});

describe('settings/rpc-trace', () => {
  it('flags -rpc.trace and removes exactly that element (preferred)', async () => {
    const found = await run(rpcTrace, 'vscode-settings');
    assert.equal(found.length, 1);
    assert.equal(where(found[0]!), '.vscode/settings.json:8:3');
    const fix = editFix(found[0]!, /Remove/);
    assert.equal(fix.preferred, true);
    const fixed = applyEdits(read('vscode-settings', '.vscode/settings.json'), fix.edits);
    assert.match(fixed, /"go\.languageServerFlags": \[\n\t\t"-debug=localhost:6060"\n\t\]/);
  });
  it('is silent for other flags', async () => {
    assert.deepEqual(await run(rpcTrace, 'clean'), []);
  });
});

describe('settings/goroot-and-toolchain', () => {
  it('flags go.goroot with a go.mod toolchain line and removes the setting (preferred)', async () => {
    const found = await run(gorootAndToolchain, 'vscode-settings');
    assert.equal(found.length, 1);
    assert.equal(where(found[0]!), '.vscode/settings.json:12:2');
    assert.match(found[0]!.message, /toolchain go1\.25\.3/);
    const fixed = applyEdits(read('vscode-settings', '.vscode/settings.json'), editFix(found[0]!, /Remove go\.goroot/).edits);
    assert.doesNotMatch(fixed, /"go\.goroot"/);
    assert.ok(parseTree(fixed, [], { allowTrailingComma: true }));
  });
  it('is silent without a toolchain line', async () => {
    assert.deepEqual(await run(gorootAndToolchain, 'clean'), []);
  });
});
