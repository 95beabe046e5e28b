// The go env files against real toolchains (go1.21 and go1.27 from $GO_DOCTOR_TOOLCHAINS): the
// probe records the `go env -w` file and $GOROOT/go.env, and the GOTOOLCHAIN the rules derive from
// them (environment, then GOENV file, then go.env, else empty = local) is what the real go command
// uses: same `go env GOTOOLCHAIN`, and the message go/module-needs-newer quotes is the one `go list`
// prints in a module that needs go 1.99. A copied go binary in a GOROOT whose go.env has no
// GOTOOLCHAIN line covers the "set nowhere" case.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diagnose } from '../../../src/core/diagnose.js';
import { userGoToolchain } from '../../../src/core/rules/go/gotoolchain-setting.js';
import { collectSnapshot } from '../../../src/probe/index.js';

const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const versions = ['go1.21', 'go1.27'];
const ci = process.env.CI === 'true' || process.env.CI === '1';
const need = versions.map((v) => join(toolchains, v, 'bin', 'go')).filter((p) => !existsSync(p));
const missing = need.length ? `missing ${need.join(', ')} (install: bash tools/go-toolchains.sh ${toolchains})` : undefined;
if (missing && ci) throw new Error(`CI: ${missing}`);

interface Scenario {
  name: string;
  /** Content of the `go env -w` file, or none. */
  userFile?: string;
  env?: Record<string, string>;
  /** Use a copy of the go binary in a GOROOT whose go.env lacks GOTOOLCHAIN. */
  bareGoroot?: boolean;
  source: string;
  /** A line both `go list` and the finding's message contain; `local` is replaced by the version. */
  message: (local: string) => string;
}

const SCENARIOS: Scenario[] = [
  { name: 'standard go.env (auto)', source: 'GOROOT go.env', message: () => 'go: downloading go1.99.0 (linux/amd64)' },
  { name: 'go env -w GOTOOLCHAIN=local', userFile: 'GOTOOLCHAIN=local\n', source: 'GOENV file', message: (v) => `go: go.mod requires go >= 1.99 (running go ${v}; GOTOOLCHAIN=local)` },
  { name: 'environment beats the file', userFile: 'GOTOOLCHAIN=local\n', env: { GOTOOLCHAIN: 'path' }, source: 'environment', message: () => 'go: cannot find "go1.99.0" in PATH' },
  { name: 'set nowhere (go.env without GOTOOLCHAIN)', bareGoroot: true, source: 'unset', message: (v) => `go: go.mod requires go >= 1.99 (running go ${v})` },
];

describe('GOTOOLCHAIN from the recorded go env files matches the real go command', { skip: missing }, () => {
  let root = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'go-doctor-goenv-files-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const version of versions) {
    for (const scenario of SCENARIOS) {
      it(`${version}: ${scenario.name}`, async () => {
        const dir = join(root, `${version}-${SCENARIOS.indexOf(scenario)}`);
        const home = join(dir, 'home');
        const module = join(dir, 'module');
        mkdirSync(module, { recursive: true });
        writeFileSync(join(module, 'go.mod'), 'module example.com/m\n\ngo 1.99\n');
        if (scenario.userFile !== undefined) {
          mkdirSync(join(home, '.config', 'go'), { recursive: true });
          writeFileSync(join(home, '.config', 'go', 'env'), scenario.userFile);
        }
        let binDir = join(toolchains, version, 'bin');
        if (scenario.bareGoroot) {
          const goroot = join(dir, 'goroot');
          mkdirSync(join(goroot, 'bin'), { recursive: true });
          mkdirSync(join(goroot, 'pkg', 'tool'), { recursive: true });
          copyFileSync(join(binDir, 'go'), join(goroot, 'bin', 'go'));
          execFileSync('chmod', ['755', join(goroot, 'bin', 'go')]);
          writeFileSync(join(goroot, 'go.env'), 'GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\n');
          binDir = join(goroot, 'bin');
        }
        const env = { PATH: `${binDir}:/usr/bin:/bin`, HOME: home, GOPROXY: 'off', GOCACHE: join(dir, 'gocache'), GOPATH: join(dir, 'gopath'), ...scenario.env };

        const real = (args: string[], cwd: string) => spawnSync(join(binDir, 'go'), args, { cwd, env, encoding: 'utf8', timeout: 30_000 });
        const realSetting = real(['env', 'GOTOOLCHAIN'], dir).stdout.trim();
        const goList = real(['list'], module);
        const local = real(['env', 'GOVERSION'], dir).stdout.trim().replace(/^go/, '');

        const snapshot = await collectSnapshot({ env, cache: false, workspace: module });
        const { context, findings } = diagnose(snapshot);
        const setting = userGoToolchain(snapshot, context.machine);
        assert.equal(setting.source, scenario.source);
        assert.equal(setting.raw, realSetting, `go env GOTOOLCHAIN printed ${JSON.stringify(realSetting)}`);
        if (scenario.userFile !== undefined) assert.equal(snapshot.files[join(home, '.config', 'go', 'env')]?.content, scenario.userFile);

        const expected = scenario.message(local);
        assert.notEqual(goList.status, 0);
        assert.ok(goList.stderr.includes(expected), `go list printed: ${goList.stderr}`);
        const finding = findings.find((f) => f.rule === 'go/module-needs-newer');
        assert.ok(finding?.message.includes(`"${expected}"`), `finding: ${finding?.message}`);
      });
    }
  }
});
