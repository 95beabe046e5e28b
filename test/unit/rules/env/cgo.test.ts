import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { officialPkgArm64 } from '../../../support/mac-fixtures.js';
import { ROOT, cgoWorkspace, findings, linuxSnapshot, of, withGoEnv } from './env-context.js';

/** PATH without gcc: what `go env` prints then (reproduced with go1.21/1.24/1.27: CGO_ENABLED=0). */
const noGcc = { which: { gcc: null, cc: null, clang: null, 'x86_64-linux-gnu-gcc': null }, goEnv: { CGO_ENABLED: '0' } };

describe('cgo/disabled-silently', () => {
  it('fires when Go turned cgo off because the default compiler is missing and the workspace has import "C"', () => {
    const [f] = of(findings(linuxSnapshot(noGcc), cgoWorkspace()), 'cgo/disabled-silently');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /the default C compiler "x86_64-linux-gnu-gcc" is not on PATH, so Go 1\.27\.3 set CGO_ENABLED=0 by itself/);
    assert.match(f?.message ?? '', /build constraints exclude all Go files/);
    assert.deepEqual(f?.location?.file, `${ROOT}/main.go`);
    assert.ok(f?.fixes.some((x) => x.kind === 'command' && x.command === 'sudo apt-get install gcc' && x.needsAdmin === true));
  });
  it('falls back to the GOOS default (gcc) when go env CC was not looked up', () => {
    const s = linuxSnapshot({ which: { gcc: null, cc: null, clang: null }, goEnv: { CGO_ENABLED: '0' } });
    delete s.which['x86_64-linux-gnu-gcc'];
    assert.equal(of(findings(s, cgoWorkspace()), 'cgo/disabled-silently').length, 1);
  });
  it('is silent without cgo files, with CGO_ENABLED or CC set, when cross-compiling, with the compiler present, and before Go 1.20', () => {
    assert.deepEqual(of(findings(linuxSnapshot(noGcc)), 'cgo/disabled-silently'), []);
    assert.deepEqual(of(findings(linuxSnapshot({ ...noGcc, env: { CGO_ENABLED: '0' } }), cgoWorkspace()), 'cgo/disabled-silently'), []);
    assert.deepEqual(of(findings(linuxSnapshot({ ...noGcc, env: { CC: 'nosuchcc' } }), cgoWorkspace()), 'cgo/disabled-silently'), []);
    assert.deepEqual(of(findings(linuxSnapshot({ ...noGcc, goEnv: { CGO_ENABLED: '0', GOOS: 'darwin', CC: 'clang' } }), cgoWorkspace()), 'cgo/disabled-silently'), []);
    assert.deepEqual(of(findings(linuxSnapshot({ goEnv: { CGO_ENABLED: '0' } }), cgoWorkspace()), 'cgo/disabled-silently'), []);
    assert.deepEqual(of(findings(linuxSnapshot({ ...noGcc, version: 'go1.19.13' }), cgoWorkspace()), 'cgo/disabled-silently'), []);
  });
  it('never fires on a Mac with the /usr/bin shims (Go keeps cgo on there; facts §1.4)', () => {
    assert.deepEqual(of(findings(withGoEnv(officialPkgArm64(), { CGO_ENABLED: '0' }), cgoWorkspace()), 'cgo/disabled-silently'), []);
  });
});

describe('cgo/no-compiler', () => {
  const explicit = { ...noGcc, env: { CGO_ENABLED: '1' }, goEnv: { CGO_ENABLED: '1' } };
  it('fires (error) when CGO_ENABLED=1 is set but the compiler is missing and the workspace has cgo', () => {
    const [f] = of(findings(linuxSnapshot(explicit), cgoWorkspace()), 'cgo/no-compiler');
    assert.equal(f?.severity, 'error');
    assert.match(f?.message ?? '', /cgo is enabled \(CGO_ENABLED is set\) but its C compiler "x86_64-linux-gnu-gcc" is not on PATH, so builds that use cgo fail with: cgo: C compiler "x86_64-linux-gnu-gcc" not found/);
  });
  it('is a warning on Linux without cgo files (net and os/user build their cgo parts), info on macOS', () => {
    const [f] = of(findings(linuxSnapshot(explicit)), 'cgo/no-compiler');
    assert.equal(f?.severity, 'warning');
    assert.ok(f?.fixes.some((x) => x.kind === 'setting' && x.key === 'CGO_ENABLED' && x.value === '0'));
    const mac = withGoEnv(officialPkgArm64(), { CC: 'gcc-14' });
    mac.env.CC = 'gcc-14';
    mac.which['gcc-14'] = null;
    assert.equal(of(findings(mac), 'cgo/no-compiler')[0]?.severity, 'info');
  });
  it('is silent when the compiler is found, when cgo is off, when the lookup is unknown, and behind a macOS shim', () => {
    assert.deepEqual(of(findings(linuxSnapshot(), cgoWorkspace()), 'cgo/no-compiler'), []);
    assert.deepEqual(of(findings(linuxSnapshot(noGcc), cgoWorkspace()), 'cgo/no-compiler'), []);
    const unknown = linuxSnapshot({ env: { CC: 'mycc' }, goEnv: { CC: 'mycc' } });
    assert.deepEqual(of(findings(unknown, cgoWorkspace()), 'cgo/no-compiler'), []);
    assert.deepEqual(of(findings(officialPkgArm64(), cgoWorkspace()), 'cgo/no-compiler'), []);
  });
});
