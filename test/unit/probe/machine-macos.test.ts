import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probeMachine } from '../../../src/probe/machine.js';
import { GO_ENV_VARS_WITHOUT_CC } from '../../../src/probe/go-commands.js';
import type { FakeRunner } from '../../support/fake-runner.js';
import {
  CLT_DIR,
  HOME,
  SHIMS,
  XCODE_DIR,
  macEnv,
  macFileSystem,
  macHost,
  macRunner,
  pkgutilClt,
  xcodeSelect,
  type MacScenario,
} from './mac-recordings.js';

async function probeMac(scenario: MacScenario, runner: FakeRunner = macRunner(scenario)) {
  const fs = macFileSystem(scenario.developerFiles);
  const snapshot = await probeMachine({ runner, fs, env: macEnv, host: macHost, cache: false, workingDirectory: '/tmp/neutral', currentDirectory: HOME });
  return { snapshot, runner };
}

const XCODE_SELECT = ['/usr/bin/xcode-select', '-p'];
const PKGUTIL_CLT = ['/usr/sbin/pkgutil', '--pkg-info=com.apple.pkg.CLTools_Executables'];
const GO_ENV = ['/usr/local/go/bin/go', 'env', '-json'];

/** The facts file's safe order, checked on the interleaving of starts and ends. */
function assertSafeOrder(runner: FakeRunner): void {
  const xcodeSelectEnd = runner.eventIndex('end', XCODE_SELECT);
  const pkgutilEnd = runner.eventIndex('end', PKGUTIL_CLT);
  assert.notEqual(xcodeSelectEnd, -1, 'xcode-select -p ran');
  assert.notEqual(pkgutilEnd, -1, 'pkgutil ran');
  assert.ok(runner.eventIndex('start', PKGUTIL_CLT) > xcodeSelectEnd, 'pkgutil only after xcode-select -p finished');
  runner.events.forEach((event, index) => {
    if (event.type !== 'start') return;
    const program = event.argv[0] ?? '';
    assert.ok(!SHIMS.includes(program), `never runs a /usr/bin shim or a bare compiler name: ${event.argv.join(' ')}`);
    const runsCompiler = program.endsWith('/clang') || (program.endsWith('/go') && event.argv[1] === 'env' && event.argv.length === 3);
    if (runsCompiler) {
      assert.ok(index > xcodeSelectEnd && index > pkgutilEnd, `${event.argv.join(' ')} started before xcode-select and pkgutil finished`);
    }
  });
}

describe('probeMachine on macOS (recorded outputs, facts §4)', () => {
  it('CLT installed: runs the developer dir clang last, full go env, in the safe order', async () => {
    const { snapshot, runner } = await probeMac({ xcodeSelect: xcodeSelect.clt, pkgutilClt: pkgutilClt.present, developerFiles: 'clt' });
    assertSafeOrder(runner);
    assert.deepEqual(snapshot.commands['clang.version']?.argv, [`${CLT_DIR}/usr/bin/clang`, '--version']);
    assert.match(snapshot.commands['clang.version']?.stdout ?? '', /^Apple clang version 17/);
    assert.deepEqual(snapshot.commands['go.env']?.argv, GO_ENV, 'full go env once the developer tools are known usable');
    assert.deepEqual(snapshot.files[CLT_DIR], { exists: true, isDirectory: true });
    assert.deepEqual(snapshot.files[`${CLT_DIR}/usr/bin/clang`], { exists: true, isDirectory: false });
    assert.deepEqual(snapshot.files[`${CLT_DIR}/usr/bin/xcrun`], { exists: true, isDirectory: false });
    assert.match(snapshot.commands['pkgutil.clt']?.stdout ?? '', /version: 15\.3\.0/);
    assert.equal(snapshot.commands['pkgutil.go']?.exitCode, 1);
    assert.equal(snapshot.commands.sw_vers?.stdout.includes('ProductVersion:\t\t26.1'), true);
    assert.equal(snapshot.commands['sysctl.arm64']?.stdout, '1\n');
    assert.equal(snapshot.commands['sysctl.translated']?.stdout, '0\n');
  });

  it('CLT missing (xcode-select exits 2): no clang, go env without the cgo variables, no shim', async () => {
    const { snapshot, runner } = await probeMac({ xcodeSelect: xcodeSelect.missing, pkgutilClt: pkgutilClt.absent, developerFiles: 'none' });
    assertSafeOrder(runner);
    assert.equal(snapshot.commands.xcodeSelect?.exitCode, 2);
    assert.match(snapshot.commands.xcodeSelect?.stderr ?? '', /Unable to get active developer directory/);
    assert.match(snapshot.commands['clang.version']?.skipped ?? '', /no developer directory/);
    assert.equal(runner.calls.filter((c) => (c.argv[0] ?? '').endsWith('clang')).length, 0);
    assert.deepEqual(snapshot.commands['go.env']?.argv, [...GO_ENV, ...GO_ENV_VARS_WITHOUT_CC]);
    for (const costly of ['CGO_CFLAGS', 'CGO_LDFLAGS', 'GOGCCFLAGS', 'PKG_CONFIG']) {
      assert.ok(!snapshot.commands['go.env']?.argv.includes(costly), `${costly} would make go env run $CC`);
    }
    assert.equal(snapshot.commands['pkgutil.clt']?.exitCode, 1);
    assert.deepEqual(Object.keys(snapshot.files).sort(), [`${HOME}/Library/Application Support/go/env`, '/usr/local/go/go.env'], 'only the go env files: no developer dir to look at');
  });

  it('CLT broken after an upgrade (the printed dir is gone): records the missing files, skips clang', async () => {
    const { snapshot, runner } = await probeMac({ xcodeSelect: xcodeSelect.clt, pkgutilClt: pkgutilClt.present, developerFiles: 'none' });
    assertSafeOrder(runner);
    assert.deepEqual(snapshot.files[CLT_DIR], { exists: false });
    assert.deepEqual(snapshot.files[`${CLT_DIR}/usr/bin/clang`], { exists: false });
    assert.deepEqual(snapshot.files[`${CLT_DIR}/usr/bin/xcrun`], { exists: false });
    assert.match(snapshot.commands['clang.version']?.skipped ?? '', /does not exist; not running a \/usr\/bin shim/);
    assert.deepEqual(snapshot.commands['clang.version']?.argv, [`${CLT_DIR}/usr/bin/clang`, '--version']);
    assert.ok((snapshot.commands['go.env']?.argv.length ?? 0) > 3, 'named go env: $CC would hit the broken shim');
  });

  it('full Xcode active: toolchain clang makes go env safe, but only <dir>/usr/bin/clang is ever run', async () => {
    const runner = macRunner({ xcodeSelect: xcodeSelect.xcode, pkgutilClt: pkgutilClt.absent, developerFiles: 'xcode' });
    const { snapshot } = await probeMac({ xcodeSelect: xcodeSelect.xcode, pkgutilClt: pkgutilClt.absent, developerFiles: 'xcode' }, runner);
    assertSafeOrder(runner);
    assert.deepEqual(snapshot.commands['go.env']?.argv, GO_ENV);
    assert.deepEqual(snapshot.files[`${XCODE_DIR}/Toolchains/XcodeDefault.xctoolchain/usr/bin/clang`], { exists: true, isDirectory: false });
    assert.match(snapshot.commands['clang.version']?.skipped ?? '', /Xcode\.app\/Contents\/Developer\/usr\/bin\/clang does not exist/);
  });

  it('a timed-out xcode-select becomes a record with timedOut; the probe goes on safely', async () => {
    const scenario: MacScenario = { xcodeSelect: { timedOut: true, error: 'timed out after 5000 ms' }, pkgutilClt: pkgutilClt.present, developerFiles: 'clt' };
    const { snapshot, runner } = await probeMac(scenario);
    assert.equal(snapshot.commands.xcodeSelect?.timedOut, true);
    assert.equal(snapshot.commands.xcodeSelect?.exitCode, null);
    assert.ok(snapshot.commands['clang.version']?.skipped, 'no developer dir known: no clang');
    assert.ok((snapshot.commands['go.env']?.argv.length ?? 0) > 3, 'developer tools unknown: named go env');
    assertSafeOrder(runner);
  });

  it('runs the macOS commands by absolute path, GOTOOLCHAIN=local only for go, env recorded untouched', async () => {
    const { snapshot, runner } = await probeMac({ xcodeSelect: xcodeSelect.clt, pkgutilClt: pkgutilClt.present, developerFiles: 'clt' });
    for (const call of runner.calls) {
      assert.ok((call.argv[0] ?? '').startsWith('/'), `absolute program: ${call.argv.join(' ')}`);
      assert.equal(call.options.cwd, '/tmp/neutral');
      const isGo = call.argv[0] === '/usr/local/go/bin/go';
      assert.equal(call.options.env.GOTOOLCHAIN, isGo ? 'local' : 'auto', call.argv.join(' '));
    }
    assert.equal(snapshot.env.GOTOOLCHAIN, 'auto', "the user's own GOTOOLCHAIN is recorded");
    assert.deepEqual(snapshot.host, macHost);
  });

  it('one go version -m over every tool except go and gofmt, GOBIN tools included', async () => {
    const { snapshot, runner } = await probeMac({ xcodeSelect: xcodeSelect.clt, pkgutilClt: pkgutilClt.present, developerFiles: 'clt' });
    assert.equal(runner.callsTo(['/usr/local/go/bin/go', 'version', '-m']).length, 1);
    assert.deepEqual(snapshot.commands['go.versionM']?.argv, ['/usr/local/go/bin/go', 'version', '-m', `${HOME}/go/bin/gopls`]);
    const gopls = snapshot.tools.find((t) => t.name === 'gopls');
    assert.deepEqual(gopls?.source, { kind: 'gobin' });
    assert.equal(snapshot.which.clang, '/usr/bin/clang', 'found on PATH without running it');
  });
});
