import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, SERVING } from '../../../src/cli/run-cli.js';
import { toolVersion } from '../../../src/cli/version.js';
import type { Finding } from '../../../src/core/finding.js';
import type { Rule } from '../../../src/core/rule.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { emptySnapshot } from '../../support/snapshots.js';
import { fakeEnvironment } from './fake-environment.js';

/** A rule that fires with `severity` when the snapshot's env has `TRIGGER=<its id>`. */
function triggered(id: string, severity: Finding['severity']): Rule {
  return {
    id,
    reads: 'machine',
    defaultSeverity: severity,
    summary: `${id} summary`,
    docs: `${id} docs`,
    check: ({ snapshot }) =>
      (snapshot.env.TRIGGER ?? '').split(',').includes(id)
        ? [{ rule: id, severity, message: `${id} fired.`, evidence: [{ kind: 'env', name: 'TRIGGER', value: snapshot.env.TRIGGER }], fixes: [] }]
        : [],
  };
}

const rules = [triggered('go/not-found', 'error'), triggered('path/multiple-go', 'warning'), triggered('watch/inotify-low', 'info')];
const machine = (trigger: string): Snapshot => emptySnapshot({ env: { TRIGGER: trigger } });
const STACK = /\n\s+at /;

describe('runCli exit status', () => {
  it('is 0 with no findings, and with only warnings or notes', async () => {
    for (const trigger of ['', 'path/multiple-go', 'watch/inotify-low']) {
      const env = fakeEnvironment({ rules, snapshot: machine(trigger) });
      assert.equal(await runCli(['check'], env), 0, trigger);
    }
  });

  it('is 1 with an error', async () => {
    const env = fakeEnvironment({ rules, snapshot: machine('go/not-found') });
    assert.equal(await runCli([], env), 1);
    assert.match(env.out(), /^\[✗\] Go toolchain\n {4}✗ go\/not-found fired\. \[go\/not-found\]$/m);
  });

  it('is 1 on warnings with --strict, but not on notes', async () => {
    assert.equal(await runCli(['check', '--strict'], fakeEnvironment({ rules, snapshot: machine('path/multiple-go') })), 1);
    assert.equal(await runCli(['check', '--strict'], fakeEnvironment({ rules, snapshot: machine('watch/inotify-low') })), 0);
  });

  it('honours --rule: off silences an error, a raised severity fails', async () => {
    const off = fakeEnvironment({ rules, snapshot: machine('go/not-found') });
    assert.equal(await runCli(['--rule', 'go/not-found=off'], off), 0);
    assert.doesNotMatch(off.out(), /go\/not-found fired/);
    assert.doesNotMatch(off.out(), /Go toolchain/, 'a group whose only rule is off is not listed as passed');
    const raised = fakeEnvironment({ rules, snapshot: machine('watch/inotify-low') });
    assert.equal(await runCli(['--rule', 'watch/inotify-low=error', '--json'], raised), 1);
    assert.equal((JSON.parse(raised.out()) as { findings: { severity: string }[] }).findings[0]!.severity, 'error');
  });

  it('is 2 with a clear message and no stack trace for bad arguments', async () => {
    for (const argv of [['--bogus'], ['check', '--timeout', 'x'], ['frobnicate'], ['--rule', 'nope/x=off'], ['lsp']]) {
      const env = fakeEnvironment({ rules });
      assert.equal(await runCli(argv, env), 2, argv.join(' '));
      assert.match(env.err(), /^go-doctor: .+\nRun 'go-doctor( \w+)? --help' for usage\.\n$/, argv.join(' '));
      assert.doesNotMatch(env.err(), STACK);
      assert.equal(env.out(), '');
      assert.equal(env.requests.length, 0, 'nothing is probed after a usage error');
    }
  });

  it('is 2 for a folder that does not exist', async () => {
    const env = fakeEnvironment({ rules });
    assert.equal(await runCli(['check', 'missing'], env), 2);
    assert.equal(env.err(), 'go-doctor: missing: no such folder.\n');
  });

  it('is 2 for an internal error, with the stack only under GO_DOCTOR_DEBUG=1', async () => {
    const failing = () => Promise.reject(new Error('disk on fire'));
    const env = fakeEnvironment({ rules, snapshot: failing });
    assert.equal(await runCli(['check'], env), 2);
    assert.match(env.err(), /^go-doctor: internal error: disk on fire\nThis is a bug in go-doctor\. Set GO_DOCTOR_DEBUG=1/);
    assert.doesNotMatch(env.err(), STACK);
    const debug = fakeEnvironment({ rules, snapshot: failing, env: { GO_DOCTOR_DEBUG: '1' } });
    assert.equal(await runCli(['check'], debug), 2);
    assert.match(debug.err(), STACK);
  });

  it('reports a crashing rule as a finding instead of failing the run', async () => {
    const crashing: Rule = { ...triggered('cgo/no-compiler', 'error'), check: () => { throw new Error('bad parse'); } };
    const env = fakeEnvironment({ rules: [crashing], snapshot: machine('') });
    assert.equal(await runCli(['--json'], env), 0);
    const report = JSON.parse(env.out()) as { findings: { rule: string; message: string }[] };
    assert.equal(report.findings[0]!.rule, 'doctor/rule-crashed');
    assert.match(report.findings[0]!.message, /cgo\/no-compiler.*bad parse/);
  });
});

describe('runCli check', () => {
  it('probes the resolved folder with the probe flags', async () => {
    const env = fakeEnvironment({ rules });
    await runCli(['check', 'app', '--timeout', '1234', '--no-cache'], env);
    assert.equal(env.requests.length, 1);
    assert.equal(env.requests[0]!.workspace, '/work/app');
    assert.equal(env.requests[0]!.timeoutMs, 1234);
    assert.equal(env.requests[0]!.cache, false);
    await runCli(['check'], env);
    assert.equal(env.requests[1]!.workspace, '/work');
    assert.equal(env.requests[1]!.cache, true);
    assert.equal('timeoutMs' in env.requests[1]!, false);
  });

  it('colours only on a TTY, and never with NO_COLOR', async () => {
    const run = async (stdoutTTY: boolean, extra: NodeJS.ProcessEnv = {}, argv: string[] = []) => {
      const env = fakeEnvironment({ rules, snapshot: machine('go/not-found'), stdoutTTY, env: extra });
      await runCli(argv, env);
      return env.out().includes('\u001b[');
    };
    assert.equal(await run(true), true);
    assert.equal(await run(false), false);
    assert.equal(await run(true, { NO_COLOR: '1' }), false);
    assert.equal(await run(true, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
    assert.equal(await run(true, { TERM: 'dumb' }), false);
    assert.equal(await run(true, {}, ['--no-color']), false);
    assert.equal(await run(true, {}, ['--json']), false);
  });

  it('shows progress on stderr only when stderr is a terminal, and clears it', async () => {
    const tty = fakeEnvironment({ rules, stderrTTY: true });
    await runCli(['check'], tty);
    assert.equal(tty.err(), '\r\u001b[2KChecking: go env -json\r\u001b[2K');
    const piped = fakeEnvironment({ rules, stderrTTY: false });
    await runCli(['check'], piped);
    assert.equal(piped.err(), '');
  });

  it('prints the JSON, SARIF and Markdown forms on stdout', async () => {
    const json = fakeEnvironment({ rules, snapshot: machine('path/multiple-go') });
    await runCli(['--json'], json);
    const report = JSON.parse(json.out()) as { schema: string; tool: { version: string }; findings: { rule: string }[]; snapshot: { source: string } };
    assert.equal(report.schema, 'go-doctor/report');
    assert.equal(report.tool.version, toolVersion);
    assert.equal(report.snapshot.source, 'live');
    assert.deepEqual(report.findings.map((f) => f.rule), ['path/multiple-go']);

    const sarif = fakeEnvironment({ rules, snapshot: machine('path/multiple-go') });
    await runCli(['--sarif', '--rule', 'watch/inotify-low=off'], sarif);
    const log = JSON.parse(sarif.out()) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string }[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(log.runs[0]!.tool.driver.rules.map((r) => r.id), ['go/not-found', 'path/multiple-go'], 'rules turned off are not in the catalogue');
    assert.deepEqual(log.runs[0]!.results.map((r) => r.ruleId), ['path/multiple-go']);

    const md = fakeEnvironment({ rules, snapshot: machine('path/multiple-go') });
    await runCli(['--markdown'], md);
    assert.match(md.out(), /^## Go Toolchain Doctor report/);
  });

  it('-v adds evidence and docs links', async () => {
    const env = fakeEnvironment({ rules, snapshot: machine('go/not-found') });
    await runCli(['-v'], env);
    assert.match(env.out(), /evidence TRIGGER=go\/not-found/);
    assert.match(env.out(), /docs +https:\/\/.*#gonot-found/);
  });
});

describe('runCli check --from', () => {
  const saved = JSON.stringify(machine('go/not-found'));

  it('re-runs every rule on a saved snapshot without probing', async () => {
    const env = fakeEnvironment({ rules, files: { 'snap.json': saved } });
    assert.equal(await runCli(['check', '--from', 'snap.json', '--json'], env), 1);
    assert.equal(env.requests.length, 0);
    const report = JSON.parse(env.out()) as { snapshot: { source: string }; findings: { rule: string }[] };
    assert.equal(report.snapshot.source, 'file');
    assert.deepEqual(report.findings.map((f) => f.rule), ['go/not-found']);
  });

  it('accepts a snapshot saved with a UTF-8 byte order mark', async () => {
    const env = fakeEnvironment({ rules, files: { 'bom.json': `\uFEFF${saved}` } });
    assert.equal(await runCli(['check', '--from', 'bom.json', '--json'], env), 1);
    assert.equal(env.err(), '');
  });

  it('reads standard input for -', async () => {
    const env = fakeEnvironment({ rules, files: { '-': saved } });
    assert.equal(await runCli(['--from', '-'], env), 1);
  });

  it('explains files that are missing, not JSON, not snapshots or too new (exit 2)', async () => {
    const cases: [string, string | undefined, RegExp][] = [
      ['gone.json', undefined, /^go-doctor: gone\.json: no such file\.\n$/],
      ['bad.json', '{not json', /^go-doctor: bad\.json is not a go-doctor snapshot: it is not valid JSON/],
      ['other.json', '{"schema":"x"}', /its "schema" is "x", not "go-doctor\/snapshot"/],
      ['new.json', JSON.stringify({ ...machine(''), version: 99 }), /snapshot version 99, newer than this go-doctor understands \(1\): update go-doctor/],
      ['inner.json', JSON.stringify({ ...machine(''), path: [{ index: 0, raw: '/usr/bin', exists: 'yes', isDirectory: true, worldWritable: false }] }), /^go-doctor: inner\.json is not a usable go-doctor snapshot: snapshot field path\[0\]\.exists: expected a boolean, found the string "yes"\.\n/],
      ['holes.json', JSON.stringify({ ...machine(''), path: 'nope', commands: null }), /snapshot field path: expected an array, found the string "nope"; snapshot field commands: expected an object, found null/],
    ];
    for (const [file, text, pattern] of cases) {
      const env = fakeEnvironment({ rules, files: text === undefined ? {} : { [file]: text } });
      assert.equal(await runCli(['--from', file], env), 2, file);
      assert.match(env.err(), pattern, file);
      assert.doesNotMatch(env.err(), STACK);
    }
  });
});

describe('runCli snapshot', () => {
  it('writes a redacted snapshot to stdout by default', async () => {
    const env = fakeEnvironment({ rules });
    assert.equal(await runCli(['snapshot'], env), 0);
    assert.equal(env.redactions, 1);
    const s = JSON.parse(env.out()) as Snapshot;
    assert.equal(s.redacted, true);
    assert.equal(s.workspace?.root, '/work');
  });

  it('does not redact with --no-redact, and writes --out relative to the cwd', async () => {
    const env = fakeEnvironment({ rules, stderrTTY: true });
    assert.equal(await runCli(['snapshot', 'app', '--no-redact', '--out', 'snap.json'], env), 0);
    assert.equal(env.redactions, 0);
    assert.equal(env.out(), '');
    const s = JSON.parse(env.files.get('/work/snap.json')!) as Snapshot;
    assert.equal(s.redacted, false);
    assert.equal(s.workspace?.root, '/work/app');
    assert.match(env.err(), /Snapshot written to snap\.json \(not redacted\)\.\n$/);
  });
});

describe('runCli rules, lsp, --version, --help', () => {
  it('lists every rule with id, severity and summary', async () => {
    const env = fakeEnvironment({ rules });
    assert.equal(await runCli(['rules'], env), 0);
    assert.match(env.out(), /^Go toolchain\n {2}go\/not-found +error +go\/not-found summary$/m);
    assert.match(env.out(), /^PATH\n {2}path\/multiple-go +warning +path\/multiple-go summary$/m);
    assert.match(env.out(), /^3 rules\./m);
    const json = fakeEnvironment({ rules });
    await runCli(['rules', '--json'], json);
    const list = JSON.parse(json.out()) as { schema: string; version: number; rules: { id: string; defaultSeverity: string; summary: string; docsUrl: string; group: string }[] };
    assert.equal(list.schema, 'go-doctor/rules');
    assert.deepEqual(list.rules.map((r) => r.id), rules.map((r) => r.id));
    assert.deepEqual(list.rules[2], {
      id: 'watch/inotify-low',
      group: 'File watching',
      defaultSeverity: 'info',
      summary: 'watch/inotify-low summary',
      docsUrl: 'https://github.com/go-toolchain-doctor/go-toolchain-doctor/blob/main/docs/rules.md#watchinotify-low',
    });
  });

  it('starts the language server with the chosen transport and keeps serving', async () => {
    const env = fakeEnvironment({ rules });
    assert.equal(await runCli(['lsp', '--stdio'], env), SERVING);
    assert.equal(await runCli(['lsp', '--node-ipc'], env), SERVING);
    assert.deepEqual(env.servers, ['stdio', 'ipc']);
    assert.equal(env.out(), '', 'nothing may be written to stdout before the server owns it');
  });

  it('prints the version and the help', async () => {
    const env = fakeEnvironment({ rules });
    assert.equal(await runCli(['--version'], env), 0);
    assert.equal(env.out(), `go-doctor ${toolVersion}\n`);
    const help = fakeEnvironment({ rules });
    assert.equal(await runCli(['--help'], help), 0);
    assert.match(help.out(), /^go-doctor — finds what is wrong/);
    assert.match(help.out(), /Exit status: 0 no errors, 1 errors found/);
    const checkHelp = fakeEnvironment({ rules });
    await runCli(['help', 'check'], checkHelp);
    assert.match(checkHelp.out(), /--rule ID=LEVEL/);
  });
});
