// `go env CC` as the real toolchains report it (Debian's go1.27: x86_64-linux-gnu-gcc, go1.21: gcc)
// ends up in snapshot.which, looked up on PATH without running it, also when go env came from the
// cache; with the compiler missing from PATH cgo/no-compiler names exactly that program.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diagnose } from '../../../src/core/diagnose.js';
import { commandLineProgram, parseGoEnvJson } from '../../../src/core/facts/index.js';
import { ProbeCache } from '../../../src/probe/cache.js';
import { probeMachine } from '../../../src/probe/machine.js';

const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const versions = ['go1.21', 'go1.27'];
const ci = process.env.CI === 'true' || process.env.CI === '1';
const need = versions.map((v) => join(toolchains, v, 'bin', 'go')).filter((p) => !existsSync(p));
const missing = need.length ? `missing ${need.join(', ')} (install: bash tools/go-toolchains.sh ${toolchains})` : undefined;
if (missing && ci) throw new Error(`CI: ${missing}`);

describe('which holds the program of the real go env CC', { skip: missing }, () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'go-doctor-goenv-cc-lookup-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const version of versions) {
    it(`${version}: looked up after go env, and again on a cache hit`, async () => {
      const env = { PATH: `${join(toolchains, version, 'bin')}:/usr/bin:/bin`, HOME: join(root, version) };
      const cache = new ProbeCache();
      const cold = await probeMachine({ env, cache });
      const cc = commandLineProgram(parseGoEnvJson(cold.commands['go.env']?.stdout ?? '')?.CC ?? '');
      assert.ok(cc, 'go env CC reported');
      assert.ok(cc in cold.which, `${cc} looked up`);
      const onPath = ['/usr/bin', '/bin'].map((d) => join(d, cc)).find((p) => existsSync(p)) ?? null;
      assert.equal(cold.which[cc], onPath);
      const warm = await probeMachine({ env, cache });
      assert.equal(warm.options.cache, 'memory');
      assert.equal(warm.which[cc], cold.which[cc]);
    });
  }

  it('go1.27 without /usr/bin on PATH: cgo/no-compiler names x86_64-linux-gnu-gcc (Debian go env CC)', async () => {
    const env = { PATH: join(toolchains, 'go1.27', 'bin'), HOME: join(root, 'nocc'), CGO_ENABLED: '1' };
    const snapshot = await probeMachine({ env, cache: false });
    assert.equal(parseGoEnvJson(snapshot.commands['go.env']?.stdout ?? '')?.CC, 'x86_64-linux-gnu-gcc');
    assert.equal(snapshot.which['x86_64-linux-gnu-gcc'], null);
    const finding = diagnose(snapshot).findings.find((f) => f.rule === 'cgo/no-compiler');
    assert.match(finding?.message ?? '', /its C compiler "x86_64-linux-gnu-gcc" is not on PATH/);
  });
});
