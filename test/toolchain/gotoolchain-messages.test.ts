// go/gotoolchain-setting and go/module-needs-newer quote the go command's own messages. Here each
// quoted "go: …" message is checked against what the REAL go1.27.3 prints for the same GOTOOLCHAIN
// or go line (GOPROXY=off, so nothing is downloaded), and a fake `go` that printed a version and
// then failed is shown not to be believed end to end (through runCommand and deriveMachineFacts).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { diagnose } from '../../src/core/diagnose.js';
import { runRules } from '../../src/core/engine.js';
import { deriveMachineFacts } from '../../src/core/facts/index.js';
import type { Finding } from '../../src/core/finding.js';
import { parseGoMod } from '../../src/core/parse/go-mod.js';
import { allRules } from '../../src/core/rules/index.js';
import type { Snapshot } from '../../src/core/snapshot.js';
import { emptyWorkspace } from '../../src/core/workspace/model.js';
import { runCommand } from '../../src/probe/run-command.js';
import { emptySnapshot } from '../support/snapshots.js';

const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const go = join(toolchains, 'go1.27', 'bin', 'go');
const skip = existsSync(go) ? false : `missing ${go}`;
const work = mkdtempSync(join(tmpdir(), 'go-doctor-gotoolchain-'));
after(() => rmSync(work, { recursive: true, force: true }));

const baseEnv = { PATH: '/usr/bin:/bin', HOME: work, GOPROXY: 'off', GOFLAGS: '-modcacherw', GOMODCACHE: join(work, 'mod'), GOCACHE: join(work, 'cache'), GOENV: join(work, 'no-go-env') };

/** A snapshot as the probe records it: go run with GOTOOLCHAIN=local, the user's value in env. */
async function snapshotWith(userEnv: Record<string, string>): Promise<Snapshot> {
  const env = { ...baseEnv, GOTOOLCHAIN: 'local' };
  const s = emptySnapshot({ host: { platform: 'linux', arch: 'x64', release: '6.1.0' }, env: { ...baseEnv, ...userEnv } });
  s.commands['go.version'] = await runCommand([go, 'version'], { env, cwd: work, timeoutMs: 60_000 });
  s.commands['go.env'] = await runCommand([go, 'env', '-json'], { env, cwd: work, timeoutMs: 60_000 });
  return s;
}

/** Every "go: …" message a finding quotes. */
function quotedGoMessages(f: Finding): string[] {
  return [...f.message.matchAll(/"(go: [^"]*(?:"[^"]*"[^"]*)*?)"(?=[ ,.;:)]|$)/g)].map((m) => m[1]!);
}

describe('GOTOOLCHAIN messages agree with go1.27.3', { skip }, () => {
  for (const value of ['go1.99.0', 'go1.99.0+auto', 'go1.99.0+path', 'go1.21.0+auto', 'bogus', 'go1.99.0+local', '+auto', 'go1.27.03', 'go1.99']) {
    it(`GOTOOLCHAIN=${value}`, async () => {
      const s = await snapshotWith({ GOTOOLCHAIN: value });
      const [f] = diagnose(s).findings.filter((x) => x.rule === 'go/gotoolchain-setting');
      assert.ok(f, `no finding for GOTOOLCHAIN=${value}`);
      const real = await runCommand([go, 'version'], { env: { ...baseEnv, GOTOOLCHAIN: value }, cwd: work, timeoutMs: 60_000 });
      assert.notEqual(real.exitCode, 0, 'go fails (nothing to download offline)');
      const quoted = quotedGoMessages(f);
      assert.ok(quoted.length > 0, f.message);
      // The download line and the failure: the ones go prints for this value (path/auto variants differ).
      const printed = real.stderr.split('\n').filter(Boolean);
      assert.ok(quoted.some((q) => printed.includes(q)), `none of ${JSON.stringify(quoted)} is in go's ${JSON.stringify(printed)}`);
      for (const line of printed) if (line.startsWith('go: invalid')) assert.ok(quoted.includes(line), `${line} not quoted: ${f.message}`);
    });
  }

  it('go 1.27.99999999999999999999999 in go.mod: the doctor quotes what go prints under local and auto', async () => {
    const mod = join(work, 'm');
    rmSync(mod, { recursive: true, force: true });
    mkdirSync(mod);
    const text = 'module m\n\ngo 1.27.99999999999999999999999\n';
    writeFileSync(join(mod, 'go.mod'), text);
    writeFileSync(join(mod, 'main.go'), 'package main\n\nfunc main() {}\n');
    for (const value of ['local', 'auto']) {
      const s = await snapshotWith({ GOTOOLCHAIN: value });
      const workspace = { ...emptyWorkspace(mod), modules: [parseGoMod('go.mod', 'go.mod', text)] };
      const [f] = runRules(allRules, { snapshot: s, machine: deriveMachineFacts(s), workspace }).filter((x) => x.rule === 'go/module-needs-newer');
      assert.ok(f, `GOTOOLCHAIN=${value}: no go/module-needs-newer finding`);
      const real = await runCommand([go, 'build', './...'], { env: { ...baseEnv, GOTOOLCHAIN: value }, cwd: mod, timeoutMs: 60_000 });
      const printed = real.stderr.split('\n').filter(Boolean);
      for (const q of quotedGoMessages(f)) assert.ok(printed.includes(q), `${value}: "${q}" is not what go printed: ${JSON.stringify(printed)}`);
    }
  });
});
