// The built CLI (dist/cli.js) against a real Go 1.27 from $GO_DOCTOR_TOOLCHAINS, on a constructed
// PATH, with a throwaway HOME (so redaction has something to remove) and its own cache folder.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DoctorReport } from '../../../src/core/report/model.js';
import { allRules } from '../../../src/core/rules/index.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { assertValidSarif, sarifValidator } from '../../unit/report/sarif-validator.js';

const repo = resolve(__dirname, '..', '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const toolchains = process.env.GO_DOCTOR_TOOLCHAINS ?? join(homedir(), '.cache', 'go-doctor', 'toolchains');
const goBin = join(toolchains, 'go1.27', 'bin');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const missing = existsSync(join(goBin, 'go')) ? undefined : `no Go 1.27 at ${goBin} (install: bash tools/go-toolchains.sh ${toolchains})`;
if (missing && ci) throw new Error(`CI: ${missing}`);

let home = '';
let project = '';
let env: NodeJS.ProcessEnv = {};

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function goDoctor(args: string[], cwd = project): Run {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function checkJson(args: string[] = []): { run: Run; report: DoctorReport } {
  const run = goDoctor(['check', '--json', ...args]);
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  return { run, report: JSON.parse(run.stdout) as DoctorReport };
}

describe('go-doctor (dist/cli.js) with a real Go 1.27', { skip: missing }, () => {
  before(() => {
    const build = spawnSync(process.execPath, ['esbuild.mjs', '--if-stale'], { cwd: repo, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    home = mkdtempSync(join(tmpdir(), 'go-doctor-cli-home-'));
    project = join(home, 'src', 'proj');
    mkdirSync(project, { recursive: true });
    mkdirSync(join(home, 'go', 'bin'), { recursive: true });
    writeFileSync(join(project, 'go.mod'), 'module example.com/proj\n\ngo 1.21\n');
    writeFileSync(join(project, 'main.go'), 'package main\n\nfunc main() {}\n');
    env = {
      PATH: `${goBin}:/usr/bin:/bin`,
      HOME: home,
      XDG_CACHE_HOME: join(home, '.cache'),
      GOTOOLCHAIN: 'local',
      LANG: 'C.UTF-8',
    };
  });
  after(() => {
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('check --json prints the documented report for the real toolchain', () => {
    const { report } = checkJson();
    assert.equal(report.schema, 'go-doctor/report');
    assert.equal(report.version, 1);
    assert.equal(report.snapshot.source, 'live');
    assert.equal(report.snapshot.platform, process.platform);
    assert.equal(report.snapshot.go.version, 'go1.27.3');
    assert.equal(report.snapshot.go.binary, join(goBin, 'go'));
    assert.equal(report.snapshot.workspace, project);
    assert.equal(report.snapshot.moduleFile, join(project, 'go.mod'));
    assert.equal(report.summary.total, report.findings.length);
    for (const f of report.findings) assert.ok(f.docsUrl.endsWith(`#${f.rule.replace(/[^a-z0-9-]/g, '')}`), f.rule);
  });

  it('the human report groups the checks and exits by severity', () => {
    const run = goDoctor(['check']);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.match(run.stdout, /^\[[✓!✗•]\] Go toolchain \(go1\.27\.3 at .*\/go1\.27\/bin\/go\)$/m);
    assert.match(run.stdout, /^\[[✓!✗•]\] PATH$/m);
    assert.ok(!run.stdout.includes('\u001b['), 'no colour when stdout is not a terminal');
    assert.equal(run.stderr, '', 'no progress when stderr is not a terminal');
  });

  it('--rule changes severity and the exit status follows it', () => {
    // GOPATH/bin ($HOME/go/bin) is not on the constructed PATH, so path/gobin-not-on-path fires.
    const raised = checkJson(['--rule', 'path/gobin-not-on-path=error']);
    assert.equal(raised.run.status, 1);
    assert.ok(raised.report.findings.some((f) => f.rule === 'path/gobin-not-on-path' && f.severity === 'error'));
    const off = checkJson(['--rule', 'path/gobin-not-on-path=off']);
    assert.ok(!off.report.findings.some((f) => f.rule === 'path/gobin-not-on-path'));
    const strict = goDoctor(['check', '--strict', '--rule', 'path/gobin-not-on-path=warning']);
    assert.equal(strict.status, 1);
  });

  it('snapshot --out, then check --from, gives the same findings offline', () => {
    const live = checkJson().report;
    const file = join(home, 'snapshot.json');
    const saved = goDoctor(['snapshot', '--no-redact', '--out', file]);
    assert.equal(saved.status, 0, saved.stderr);
    const replay = goDoctor(['check', '--json', '--from', file], '/');
    const replayed = JSON.parse(replay.stdout) as DoctorReport;
    assert.equal(replayed.snapshot.source, 'file');
    assert.deepEqual(replayed.findings, live.findings);
    assert.equal(replay.status, live.findings.some((f) => f.severity === 'error') ? 1 : 0);
  });

  it('a redacted snapshot replays to the same rules and severities', () => {
    const live = checkJson().report;
    const file = join(home, 'redacted.json');
    assert.equal(goDoctor(['snapshot', '--out', file]).status, 0);
    const replayed = JSON.parse(goDoctor(['check', '--json', '--from', file]).stdout) as DoctorReport;
    assert.equal(replayed.snapshot.redacted, true);
    const key = (r: DoctorReport) => r.findings.map((f) => `${f.rule}:${f.severity}`).sort();
    assert.deepEqual(key(replayed), key(live));
  });

  it('snapshot redacts the home folder by default, and only by default', () => {
    const redacted = goDoctor(['snapshot']);
    assert.equal(redacted.status, 0, redacted.stderr);
    const snapshot = JSON.parse(redacted.stdout) as Snapshot;
    assert.equal(snapshot.redacted, true);
    assert.ok(!redacted.stdout.includes(home), `the home folder ${home} leaked into the redacted snapshot`);
    assert.equal(snapshot.workspace?.root, '~/src/proj');
    const plain = goDoctor(['snapshot', '--no-redact']);
    assert.ok(plain.stdout.includes(home), 'an unredacted snapshot keeps the home folder (so the check above means something)');
    assert.equal((JSON.parse(plain.stdout) as Snapshot).redacted, false);
  });

  it('check --sarif on the real machine is valid SARIF 2.1.0', () => {
    const run = goDoctor(['check', '--sarif', '--rule', 'path/gobin-not-on-path=warning']);
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const log = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assertValidSarif(sarifValidator(), log);
    const gobin = log.runs[0]!.results.find((r) => r.ruleId === 'path/gobin-not-on-path');
    assert.equal(gobin?.locations?.[0]?.physicalLocation.artifactLocation.uri, 'go.mod');
  });

  it('rules lists every rule id (text and JSON)', () => {
    const text = goDoctor(['rules']);
    assert.equal(text.status, 0);
    for (const r of allRules) assert.match(text.stdout, new RegExp(`^  ${r.id.replace(/[/-]/g, '\\$&')} +${r.defaultSeverity} `, 'm'));
    const json = JSON.parse(goDoctor(['rules', '--json']).stdout) as { rules: { id: string }[] };
    assert.deepEqual(json.rules.map((r) => r.id), allRules.map((r) => r.id));
  });

  it('bad arguments and inputs exit 2 with a message, never a stack trace', () => {
    for (const args of [['check', '--bogus'], ['check', '--timeout', 'soon'], ['check', 'no-such-dir'], ['check', '--from', 'nope.json'], ['lsp', '--node-ipc']]) {
      const run = goDoctor(args);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^go-doctor: /);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
      assert.equal(run.stdout, '');
    }
  });

  it('lsp --stdio answers initialize', async () => {
    const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: project, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    try {
      const reply = await new Promise<string>((resolveReply, reject) => {
        const timer = setTimeout(() => reject(new Error(`no initialize reply in 20 s; stderr: ${err}`)), 20_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const start = out.indexOf('\r\n\r\n');
          const length = Number(/Content-Length: (\d+)/.exec(out)?.[1]);
          if (start >= 0 && Buffer.byteLength(out.slice(start + 4)) >= length) {
            clearTimeout(timer);
            resolveReply(out.slice(start + 4));
          }
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${code}; stderr: ${err}`)));
      });
      const message = JSON.parse(reply) as { id: number; result: { capabilities: Record<string, unknown> } };
      assert.equal(message.id, 1);
      assert.ok(message.result.capabilities.codeActionProvider, 'the server offers code actions');
    } finally {
      child.kill();
    }
  });

  it('the warm persistent cache is used by the next process', () => {
    goDoctor(['snapshot']);
    const second = JSON.parse(goDoctor(['snapshot', '--no-redact']).stdout) as Snapshot;
    assert.equal(second.options.cache, 'disk', 'a second process reuses the probe results of the first');
  });

  it('the next check of an unchanged workspace reuses the results; a changed file is seen at once', () => {
    const ws = join(home, 'src', 'reuse');
    mkdirSync(ws, { recursive: true });
    const old = (Date.now() - 3600_000) / 1000;
    const put = (name: string, text: string) => {
      writeFileSync(join(ws, name), text);
      utimesSync(join(ws, name), old, old);
    };
    put('go.mod', 'module example.com/reuse\n\ngo 1.21\n');
    put('main.go', 'package main\n\nfunc main() {}\n');
    put('Makefile', 'build:\n\tGOOS=visionos go build .\n');
    const check = (...flags: string[]) => {
      const run = goDoctor(['check', ws, '--json', ...flags]);
      return JSON.parse(run.stdout) as DoctorReport;
    };
    const goos = (r: DoctorReport) => r.findings.filter((f) => f.rule === 'cross/unknown-goos').length;
    const first = check();
    const second = check();
    assert.equal(first.snapshot.reusedFrom, undefined);
    assert.ok(second.snapshot.reusedFrom, 'the second check reuses the first one\'s results');
    assert.deepEqual(second.findings, first.findings);
    assert.equal(goos(second), 1);
    assert.equal(check('--no-cache').snapshot.reusedFrom, undefined, '--no-cache checks again');
    put('Makefile', 'build:\n\tGOOS=linux go build .\n');
    const changed = check();
    assert.equal(changed.snapshot.reusedFrom, undefined);
    assert.equal(goos(changed), 0, 'the edit is seen by the very next check');
  });
});
