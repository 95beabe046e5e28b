/**
 * Workflows read as they run (issue 9): step/job `if:` per matrix row, `$GITHUB_ENV` and
 * `$GITHUB_PATH` writes of earlier steps, the runner's own Go and C compiler (never this
 * machine's), the scripts steps run, and one finding per mistake and anchor.
 * Fixture: test/testdata/workspaces/workflow-context. This machine is a Mac with go1.27: none of
 * the workflow findings may depend on it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runRules } from '../../../../src/core/engine.js';
import type { Finding } from '../../../../src/core/finding.js';
import { parseGithubWorkflow } from '../../../../src/core/parse/github-workflow.js';
import { allRules } from '../../../../src/core/rules/index.js';
import { contextFor, FIXTURES, where, type MachineOptions } from './harness.js';

const MAC: MachineOptions = { go: '1.27.3', hostOs: 'darwin', hostArch: 'arm64', xcode: 16 };

async function workflowFindings(m: MachineOptions = MAC): Promise<Finding[]> {
  const ctx = await contextFor('workflow-context', m);
  return runRules(allRules, ctx).filter((f) => f.location?.file.includes('/.github/workflows/'));
}

const summary = (fs: Finding[], file: string) =>
  fs
    .filter((f) => where(f).startsWith(`.github/workflows/${file}:`))
    .map((f) => `${f.rule} ${f.severity} ${where(f)}`)
    .sort();

describe('workflows read as they run', () => {
  it('pattern 1: a step `if:` decides per matrix row; failure() never runs; an undecidable one caps at warning and is named', async () => {
    const found = await workflowFindings();
    const ifYml = found.filter((f) => where(f).startsWith('.github/workflows/if.yml:'));
    // darwin/386 only exists for macOS rows, which `runner.os != 'macOS'` skips.
    assert.ok(!ifYml.some((f) => f.rule === 'cross/unsupported-pair'), ifYml.map((f) => f.message).join('\n'));
    // `if: failure()` (line 23) and the `if: false` job (line 41) do not run in a green build.
    assert.ok(!ifYml.some((f) => /:2[23]:|:4[01]:/.test(where(f))), ifYml.map(where).join('\n'));
    // android with cgo off never runs: `matrix.goos != 'ANDROID'` compares ignoring case.
    assert.ok(!ifYml.some((f) => f.rule === 'cross/needs-cgo'));
    const visionos = ifYml.filter((f) => f.rule === 'cross/unknown-goos');
    assert.deepEqual(visionos.map((f) => `${f.severity} ${where(f)}`), ['warning .github/workflows/if.yml:26:19']);
    assert.match(visionos[0]!.message, /\(Uncertain: step "event only" runs only when `if: github\.event_name == 'push'` holds\.\)$/);
  });

  it('pattern 2: $GITHUB_ENV writes reach later steps, both ways', async () => {
    const found = await workflowFindings();
    const env = found.filter((f) => where(f).startsWith('.github/workflows/env.yml:') && f.rule.startsWith('cross/'));
    // The android row gets CGO_ENABLED=1 and the NDK CC from the guarded step: no needs-cgo.
    // `echo CGO_ENABLED=0` in a { … } >> $GITHUB_ENV group before an iOS build: an error at the write.
    assert.deepEqual(env.map((f) => `${f.rule} ${f.severity} ${where(f)}`), ['cross/needs-cgo error .github/workflows/env.yml:24:31']);
    // A write that may not run (event condition) leaves CGO_ENABLED unknown: no finding for android/386.
    // $GITHUB_PATH puts another go first: setup-go's 1.24 no longer decides (no broken-port for windows/arm).
    assert.ok(!found.some((f) => f.rule === 'cross/broken-port'));
  });

  it('pattern 3: the runner is modelled — gcc -m32 builds 386 once gcc-multilib is installed; go-version-file reads the module', async () => {
    const found = await workflowFindings();
    assert.deepEqual(summary(found.filter((f) => f.rule !== 'cgo/disabled-with-c-imports'), 'runner.yml'), [
      'cross/cgo-without-cc warning .github/workflows/runner.yml:18:26',
      'cross/unsupported-pair error .github/workflows/runner.yml:28:34',
      'cross/unsupported-pair error .github/workflows/runner.yml:39:34',
      'cross/unsupported-pair error .github/workflows/runner.yml:47:34',
    ]);
    const cc = found.find((f) => f.rule === 'cross/cgo-without-cc')!;
    assert.match(cc.message, /job "i386-bare"/);
    assert.match(cc.message, /`gcc -m32`, which needs gcc-multilib/);
    const fromFile = found.find((f) => where(f) === '.github/workflows/runner.yml:28:34')!;
    assert.match(fromFile.message, /Go 1\.26 \(actions\/setup-go from tools\/go\.mod\)/);
    // setup-go installs 1.24, but tools/go.mod says go 1.26.0: GOTOOLCHAIN=auto runs go1.26.
    const switched = found.find((f) => where(f) === '.github/workflows/runner.yml:47:34')!;
    assert.match(switched.message, /Go 1\.26 \(actions\/setup-go installs Go 1\.24; tools\/go\.mod asks for 1\.26 and GOTOOLCHAIN=auto switches to it\)/);
  });

  it('pattern 3: the same findings whatever machine runs the doctor', async () => {
    const onMac = (await workflowFindings()).map((f) => `${f.rule} ${f.severity} ${where(f)} ${f.message}`).sort();
    const onLinux = (await workflowFindings({ go: '1.21.0', hostOs: 'linux', hostArch: '386' })).map((f) => `${f.rule} ${f.severity} ${where(f)} ${f.message}`).sort();
    assert.deepEqual(onLinux, onMac);
  });

  it('pattern 6: one finding per mistake and anchor, listing the matrix rows', async () => {
    const found = await workflowFindings();
    const rows = found.filter((f) => where(f) === '.github/workflows/runner.yml:39:34');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.severity, 'error');
    assert.match(rows[0]!.message, /\(applies to: matrix go=1\.26, os=a; matrix go=1\.26, os=b; matrix go=1\.27, os=a; matrix go=1\.27, os=b\)$/);
  });

  it('pattern 5: scripts and make goals a step runs, with the step folder, environment, Go and conditions', () => {
    const file = join(FIXTURES, 'workflow-context', '.github/workflows/scripts.yml');
    const facts = parseGithubWorkflow(file, '.github/workflows/scripts.yml', readFileSync(file, 'utf8'));
    const inv = facts.invocations ?? [];
    assert.deepEqual(
      inv.map((i) => [i.target, i.cwd, i.goals ?? null, i.range.start.line + 1, i.env.GOOS?.value, i.env.CGO_ENABLED?.value ?? null, i.goVersion?.value, i.host?.goos]),
      [
        ['build/scripts/build-android.sh', 'build', null, 18, 'android', '1', '1.24', 'linux'],
        ['Makefile', '', ['release'], 20, 'android', '0', '1.24', 'linux'],
        ['tools/gen.sh', 'build', null, 21, 'android', '0', '1.24', 'linux'],
      ],
    );
    assert.deepEqual(inv[0]!.conditions, ["step \"Build Android\" runs only when `if: github.ref == 'refs/heads/main'` holds"]);
    assert.match(inv[0]!.label, /job "release", step "Build Android"/);
  });
});
