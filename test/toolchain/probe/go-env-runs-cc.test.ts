// Verifies a fact the probe's macOS safety depends on, which the facts file does not state:
// `go env -json` with no variable names computes CGO_CFLAGS…GOGCCFLAGS and for that RUNS $CC
// (cmd/go envcmd.ExtraEnvVarsCostly → work.(*Builder).gccSupportsFlag, read in go1.27.3
// src/cmd/go/internal/envcmd/env.go and work/exec.go), while naming the variables does not.
// Checked here with real go1.21, go1.24 and go1.27 and a $CC that logs each time it runs.
// It also checks that GO_ENV_VARS_WITHOUT_CC names every variable the full form prints except
// the seven costly ones, on the host and for darwin/arm64.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GO_ENV_VARS_WITHOUT_CC } from '../../../src/probe/go-commands.js';

const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const versions = ['go1.21', 'go1.24', 'go1.27'];
const ci = process.env.CI === 'true' || process.env.CI === '1';
const need = versions.map((v) => join(toolchains, v, 'bin', 'go')).filter((p) => !existsSync(p));
const missing = need.length ? `missing ${need.join(', ')} (install: bash tools/go-toolchains.sh ${toolchains})` : undefined;
if (missing && ci) throw new Error(`CI: ${missing}`);

const COSTLY = ['CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_FFLAGS', 'CGO_LDFLAGS', 'PKG_CONFIG', 'GOGCCFLAGS'];

describe('go env -json runs $CC unless variables are named (real go1.21/1.24/1.27)', { skip: missing }, () => {
  let dir = '';
  let log = '';
  let cc = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'go-doctor-goenv-cc-'));
    log = join(dir, 'cc.log');
    cc = join(dir, 'logging-cc');
    writeFileSync(cc, `#!/bin/sh\necho "$*" >> '${log}'\n`);
    chmodSync(cc, 0o755);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const runs = (): number => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
  const goEnv = (version: string, args: string[], extra: Record<string, string> = {}): Record<string, string> => {
    rmSync(log, { force: true });
    const stdout = execFileSync(join(toolchains, version, 'bin', 'go'), ['env', '-json', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', HOME: dir, GOCACHE: join(dir, `gocache-${version}-${args.length}`), GOTOOLCHAIN: 'local', CC: cc, ...extra },
    });
    return JSON.parse(stdout) as Record<string, string>;
  };

  for (const version of versions) {
    it(`${version}: the bare form runs $CC, the named form never does`, () => {
      goEnv(version, []);
      assert.ok(runs() > 0, `${version} go env -json ran $CC ${runs()} times`);
      goEnv(version, [...GO_ENV_VARS_WITHOUT_CC]);
      assert.equal(runs(), 0, `${version} go env -json NAMES… ran $CC`);
    });

    const targets: Record<string, string>[] = [{}, { GOOS: 'darwin', GOARCH: 'arm64' }, { GOOS: 'darwin', GOARCH: 'amd64' }];
    for (const target of targets) {
      it(`${version} ${JSON.stringify(target)}: the named form covers every cheap variable`, () => {
        const full = Object.keys(goEnv(version, [], target));
        const named = goEnv(version, [...GO_ENV_VARS_WITHOUT_CC], target);
        const uncovered = full.filter((name) => !COSTLY.includes(name) && !(name in named));
        assert.deepEqual(uncovered, []);
        for (const costly of COSTLY) assert.ok(full.includes(costly), `${costly} is a real ${version} variable`);
      });
    }
  }
});
