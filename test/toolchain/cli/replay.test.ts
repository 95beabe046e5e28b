// `go-doctor check --from (go-doctor snapshot)` gives exactly the live `go-doctor check`, on this
// machine with a real Go 1.27 first on PATH: once with this machine's own HOME and user, once with
// a throwaway home whose folder (and USER) is named `go`, PATH entries under it, a literal `~`
// entry, a missing one, and a workspace with findings and secrets. Built CLI (dist/cli.js).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DoctorReport } from '../../../src/core/report/model.js';
import { homeAsTilde } from '../../support/replay-compare.js';

const repo = resolve(__dirname, '..', '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const goBin = join(toolchains, 'go1.27', 'bin');
const gopls = join(toolchains, 'bin', 'gopls');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const missing = existsSync(join(goBin, 'go')) && existsSync(gopls) ? undefined : `no Go 1.27 or gopls in ${toolchains} (install: bash tools/go-toolchains.sh ${toolchains})`;
if (missing && ci) throw new Error(`CI: ${missing}`);

const TOKEN = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function goDoctor(args: string[], cwd: string, env: NodeJS.ProcessEnv): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The findings as compared: rule, severity, location and message, the home written `~`. */
function findingsOf(run: Run, home: string | undefined): string[] {
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as DoctorReport;
  const fix = (t: string) => (home === undefined ? t : homeAsTilde(t, home));
  return report.findings
    .map((f) => JSON.stringify({ rule: f.rule, severity: f.severity, file: f.location ? fix(f.location.file) : undefined, range: f.location?.range, message: fix(f.message) }))
    .sort();
}

/** Live check, snapshot, replay: the two lists of findings and the saved snapshot's text. */
function liveAndReplay(project: string, env: NodeJS.ProcessEnv, home: string): { live: string[]; replay: string[]; saved: string; exits: number[] } {
  const live = goDoctor(['check', '--json', '--no-cache'], project, env);
  const out = join(project, '..', 'snapshot.json');
  const snap = goDoctor(['snapshot', '--out', out], project, env);
  assert.equal(snap.status, 0, snap.stderr);
  const replay = goDoctor(['check', '--json', '--from', out], project, env);
  const strictLive = goDoctor(['check', '--strict', '--no-cache'], project, env);
  const strictReplay = goDoctor(['check', '--strict', '--from', out], project, env);
  return { live: findingsOf(live, home), replay: findingsOf(replay, undefined), saved: readFileSync(out, 'utf8'), exits: [strictLive.status ?? -1, strictReplay.status ?? -1] };
}

function writeProject(project: string): void {
  mkdirSync(join(project, '.vscode'), { recursive: true });
  writeFileSync(join(project, 'go.mod'), 'module example.com/go/app\n\ngo 1.99\n');
  writeFileSync(join(project, 'main.go'), 'package main\n\nfunc main() {}\n');
  writeFileSync(join(project, 'view_visionos.go'), '//go:build visionos || osx\n\npackage main\n');
  writeFileSync(
    join(project, 'Makefile'),
    `GITHUB_TOKEN=${TOKEN}\nexport AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG bPxRfiCYEXAMPLEKEY"\n\nbuild:\n\tcurl -H "Authorization: Bearer abc.def-ghi" https://go:p@ss@git.example.org/x\n\tGOOS=visionos GOARCH=arm64 go build ./...\n`,
  );
  writeFileSync(join(project, '.vscode', 'settings.json'), '{\n  "go.toolsEnvVars": { "GOOS": "visionos" }\n}\n');
}

describe('check --from a fresh snapshot equals the live check (dist/cli.js, real Go 1.27)', { skip: missing }, () => {
  let root = '';

  before(() => {
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--if-stale'], { cwd: repo, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    root = mkdtempSync(join(tmpdir(), 'go-doctor-replay-'));
  });

  after(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('a home folder and user named go: PATH under it, a literal ~ entry, a missing one; secrets stay out', () => {
    const home = join(root, 'home', 'go');
    const project = join(home, 'src', 'go');
    writeProject(project);
    mkdirSync(join(home, 'go', 'bin'), { recursive: true });
    symlinkSync(gopls, join(home, 'go', 'bin', 'gopls'));
    const env: NodeJS.ProcessEnv = {
      PATH: [goBin, join(home, 'go', 'bin'), '~/go/bin', join(home, 'gone', 'bin'), 'relbin', '/usr/bin', '/bin'].join(':'),
      HOME: home,
      USER: 'go',
      LOGNAME: 'go',
      GOPRIVATE: 'git.corp.example.com',
      GOFLAGS: '-modcacherw',
      XDG_CACHE_HOME: join(home, '.cache'),
      XDG_CONFIG_HOME: join(home, '.config'),
    };
    const { live, replay, saved, exits } = liveAndReplay(project, env, home);
    const rules = live.map((f) => (JSON.parse(f) as { rule: string }).rule);
    for (const rule of ['path/unsafe-entry', 'path/missing-dir', 'go/module-needs-newer', 'build/unknown-os-tag']) assert.ok(rules.includes(rule), `live has ${rule}: ${rules.join(', ')}`);
    assert.deepEqual(replay, live);
    assert.equal(exits[1], exits[0], '--strict exits alike');
    for (const secret of [TOKEN, 'wJalrXUtnFEMI', 'abc.def-ghi', 'p@ss', 'git.corp.example.com', home]) assert.ok(!saved.includes(secret), `${secret} is in the snapshot`);
    assert.ok(saved.includes(`"argv": [\n        "${goBin}/go",`), 'the go binary path keeps its go components');
  });

  it("this machine's own HOME and user", () => {
    const project = join(root, 'own', 'project');
    writeProject(project);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${goBin}:${process.env.PATH ?? '/usr/bin:/bin'}` };
    for (const k of Object.keys(env)) if (/^(GO|CGO_)/.test(k)) delete env[k];
    const home = homedir();
    const { live, replay, exits } = liveAndReplay(project, env, home);
    assert.ok(live.length > 0);
    assert.deepEqual(replay, live);
    assert.equal(exits[1], exits[0], '--strict exits alike');
  });
});
