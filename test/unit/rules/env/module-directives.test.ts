/**
 * go/module-needs-newer quotes what the Go that runs really prints when go.mod uses directives it
 * does not know (godebug 1.23+, tool 1.24+, ignore 1.25+). Every quote is re-run with go1.21,
 * go1.24 and go1.27 by test/toolchain/env-rules.test.ts ("newer go.mod directives").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseGoMod } from '../../../../src/core/parse/go-mod.js';
import type { WorkspaceModel } from '../../../../src/core/workspace/model.js';
import { ROOT, findings, linuxSnapshot, of } from './env-context.js';

const ws = (text: string): WorkspaceModel => ({ root: ROOT, modules: [parseGoMod('go.mod', 'go.mod', text)], cgoFiles: [] });
const local = (version: string) => {
  const s = linuxSnapshot({ version });
  s.env.GOTOOLCHAIN = 'local';
  return s;
};
const check = (version: string, text: string) => of(findings(local(version), ws(text)), 'go/module-needs-newer');

describe('go/module-needs-newer: directives the running Go does not know', () => {
  it('go1.21 stops at `unknown directive: ignore` even when the go line is too new as well', () => {
    const found = check('go1.21.13', 'module ex\n\ngo 1.25.0\n\nignore ./x\n');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'error');
    assert.match(found[0]!.message, /"go: errors parsing go\.mod: go\.mod:5: unknown directive: ignore"/);
    assert.doesNotMatch(found[0]!.message, /requires go >=/);
    assert.deepEqual(found[0]!.location?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 6 } });
  });
  it('go1.24 compares the go line first: "go.mod requires go >= 1.25.0"', () => {
    const found = check('go1.24.4', 'module ex\n\ngo 1.25.0\n\nignore ./x\n');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /"go: go\.mod requires go >= 1\.25\.0 \(running go 1\.24\.4; GOTOOLCHAIN=local\)"/);
  });
  it('a go line the local Go satisfies does not help: go1.24 fails on `ignore`, go1.21 on `tool` and a `godebug` block, one line each', () => {
    const ignore = check('go1.24.4', 'module ex\n\ngo 1.21\n\nignore ./x\n');
    assert.equal(ignore.length, 1);
    assert.match(ignore[0]!.message, /uses `ignore` \(Go 1\.25\+\), which the local Go 1\.24\.4 does not know/);
    assert.match(ignore[0]!.message, /"go: errors parsing go\.mod: go\.mod:5: unknown directive: ignore"/);
    const old = check('go1.21.13', 'module ex\n\ngo 1.21\n\n// c\ntool  example.com/t\ngodebug (\n\tpanicnil=1\n)\n');
    assert.equal(old.length, 1);
    assert.match(old[0]!.message, /"go: errors parsing go\.mod: go\.mod:6: unknown directive: tool go\.mod:7: unknown block type: godebug"/);
  });
  it('is silent when the running Go knows every directive', () => {
    assert.deepEqual(check('go1.24.4', 'module ex\n\ngo 1.21\n\ntool example.com/t\ngodebug default=go1.21\n'), []);
    assert.deepEqual(check('go1.27.3', 'module ex\n\ngo 1.21\n\nignore ./x\ntool example.com/t\ngodebug (\n\tpanicnil=1\n)\n'), []);
  });
});
