/**
 * cgo/disabled-with-c-imports on deliberate CGO_ENABLED=0 builds (test/testdata/workspaces/cgo-optional):
 * an error only where Go really fails, info where leaving the cgo files out is harmless. Every
 * quoted message and exit status is re-run with go1.21/1.24/1.27 by
 * test/toolchain/workspace/cgo-precision.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disabledWithCImports } from '../../../../src/core/rules/cgo/disabled-with-c-imports.js';
import { needsCgo } from '../../../../src/core/rules/cross/needs-cgo.js';
import { externalLinkWithoutCgo } from '../../../../src/core/rules/cross/external-link-without-cgo.js';
import { run, where } from './harness.js';

const byTarget = async () => {
  const out = new Map<string, { severity: string; message: string; where: string }>();
  for (const f of await run(disabledWithCImports, 'cgo-optional')) out.set(/target "(\w+)"/.exec(f.message)![1]!, { severity: f.severity, message: f.message, where: where(f) });
  return out;
};

describe('cgo/disabled-with-c-imports: optional cgo code left out on purpose', () => {
  it('gives exactly one finding per cgo-off build, with the severity of what Go does', async () => {
    const found = await byTarget();
    assert.deepEqual(
      Object.fromEntries([...found].map(([t, f]) => [t, `${f.severity} ${f.where}`])),
      {
        wild: 'info Makefile:2:14',
        named: 'error Makefile:5:14',
        app: 'error Makefile:8:14',
        files: 'error Makefile:11:14',
        tool: 'info Makefile:14:14',
        cross: 'warning Makefile:17:7',
        ndk: 'info Makefile:20:7',
        iosfiles: 'warning Makefile:23:7',
        so386: 'info Makefile:26:7',
      },
    );
  });
  it('`...` skipping a cgo-only package and packages with other files are info, never a failure', async () => {
    const found = await byTarget();
    assert.match(found.get('wild')!.message, /`\.\.\.` skips cgoonly without a word/);
    assert.match(found.get('wild')!.message, /the others build from their other files/);
    assert.doesNotMatch(found.get('wild')!.message, /fails with/);
    assert.match(found.get('tool')!.message, /the package builds from its other files/);
  });
  it('quotes what Go prints: the package left with no files, and `go: no Go source files` for file arguments', async () => {
    const found = await byTarget();
    assert.match(found.get('named')!.message, /build constraints exclude all Go files in …\/cgoonly/);
    assert.match(found.get('app')!.message, /1 package it needs: needed \(n\.go\)/);
    assert.match(found.get('files')!.message, /fails with `go: no Go source files`/);
    assert.doesNotMatch(found.get('files')!.message, /build constraints exclude/);
  });
  it('an unset CGO_ENABLED in a cross build is at most a warning and says who could override it', async () => {
    assert.match((await byTarget()).get('cross')!.message, /unless whoever runs it exports CGO_ENABLED=1/);
  });
  it('a cross build that sets CC but not CGO_ENABLED is meant for cgo (its caller exports it): info, for needs-cgo too', async () => {
    assert.match((await byTarget()).get('ndk')!.message, /build fails with `build constraints exclude all Go files in …\/needed` — CC is set, so cgo is evidently meant to be on/);
    const needs = (await run(needsCgo, 'cgo-optional')).filter((f) => f.message.includes('target "ndk"'));
    assert.deepEqual(needs.map((f) => `${f.severity} ${where(f)}`), ['info Makefile:20:7']);
    assert.match(needs[0]!.message, /android\/arm must link externally through cgo, but CGO_ENABLED is not set, .*CC is set.* if it does not, this fails\): `go build` fails with `android\/arm requires external \(cgo\) linking, but cgo is not enabled`/);
  });
  it('an iOS build of files that all import "C" stops at "no Go source files": needs-cgo does not quote the link error', async () => {
    assert.match((await byTarget()).get('iosfiles')!.message, /fails with `go: no Go source files`/);
    assert.deepEqual((await run(needsCgo, 'cgo-optional')).filter((f) => f.message.includes('iosfiles')), []);
  });
  it('a cross -buildmode=c-shared build that leaves CGO_ENABLED to its caller is written for cgo: info', async () => {
    assert.match((await byTarget()).get('so386')!.message, /fails with `go: no Go source files` — -buildmode=c-shared is set, so cgo is evidently meant to be on/);
  });
  it('cross/external-link-without-cgo does not quote -buildmode=c-shared when Go stops at "no Go source files" first', async () => {
    const found = await run(externalLinkWithoutCgo, 'cgo-optional');
    assert.deepEqual(found.map(where), []);
  });
});
