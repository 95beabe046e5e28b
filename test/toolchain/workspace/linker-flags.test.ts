/**
 * build/bad-ldflags: the embedded cmd/link flag tables equal `go tool link -help` of the real
 * toolchains, and an unknown flag really stops the link.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { badLdflags } from '../../../src/core/rules/build/bad-ldflags.js';
import { LINKER_FLAGS_BY_MINOR } from '../../../src/core/workspace/linker-flags.js';
import { run } from '../../unit/rules/workspace/harness.js';
import { go, HELLO, missingToolchains, module, VERSIONS } from './toolchains.js';

const skip = missingToolchains();
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** `go tool link -help` → flag name → takes a value (Go's flag.PrintDefaults format). */
function parseHelp(text: string): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const line of text.split('\n')) {
    const m = /^ {2}-(\S+)(?: (\S+))?/.exec(line);
    if (!m) continue;
    // "  -X definition" takes a value; "  -V\tprint version" and "  -asan" do not.
    out[m[1]!] = m[2] !== undefined && !line.includes('\t');
  }
  return out;
}

describe('build/bad-ldflags against cmd/link', { skip }, () => {
  for (const v of VERSIONS) {
    it(`the go${v} table matches go tool link -help`, async () => {
      const dir = module(HELLO);
      dirs.push(dir);
      const r = await go(v, dir, ['tool', 'link', '-help']);
      const real = parseHelp(r.stderr + r.stdout);
      assert.ok(Object.keys(real).length > 40, `parsed ${Object.keys(real).length} flags`);
      assert.deepEqual(Object.keys(LINKER_FLAGS_BY_MINOR[Number(v.split('.')[1])]!).sort(), Object.keys(real).sort());
      for (const [name, takesValue] of Object.entries(real)) assert.equal(LINKER_FLAGS_BY_MINOR[Number(v.split('.')[1])]![name], takesValue, `-${name}`);
    });
    it(`go${v} rejects -ldflags=-dwarfversion=4 with "flag provided but not defined: -dwarfversion"`, async () => {
      const dir = module(HELLO);
      dirs.push(dir);
      const r = await go(v, dir, ['build', '-o', join(dir, 'out'), '-ldflags=-dwarfversion=4', '.']);
      assert.notEqual(r.exitCode, 0);
      assert.match(r.stderr, /^flag provided but not defined: -dwarfversion$/m);
      const findings = await run(badLdflags, 'ldflags', { go: `${v}.0` });
      assert.ok(findings.some((f) => f.message.includes('flag provided but not defined: -dwarfversion')));
    });
  }
  it('-buildmode inside -ldflags is accepted by the linker (so the rule only warns)', async () => {
    const dir = module(HELLO);
    dirs.push(dir);
    const r = await go('1.27', dir, ['build', '-o', join(dir, 'out'), '-ldflags=-buildmode=exe', '.']);
    assert.equal(r.exitCode, 0, r.stderr);
  });
});
