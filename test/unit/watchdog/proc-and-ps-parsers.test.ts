import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { goplsDebugAddress, goplsRole, looksLikeGopls } from '../../../src/watchdog/gopls-role.js';
import { parseChildren, parseCmdline, parseProcStat } from '../../../src/watchdog/proc-stat.js';
import { parsePsDuration, parsePsOutput, parsePsRow } from '../../../src/watchdog/ps-output.js';

// A real /proc/<pid>/stat line of gopls v0.24.0 serving the benchmark module (this machine,
// 2026-11-25); cutime/cstime hold its reaped `go list` children.
const GOPLS_STAT = '9954 (gopls) S 7196 5867 9317 0 -1 4194304 38522 22239 0 5 79 29 34 27 20 0 10 0 164337 2276061184 43313 18446744073709551615 4202496 18134421 140724423448992 0 0 0 0 0 2143420159 0 0 0 17 0 0 0 0 0 0 34291184 34982689 646631424 140724423457033 140724423457077 140724423457077 140724423458764 0';
// Its telemetry child, as gopls v0.24 starts it (argv[0] under the Debian package's root/usr/bin).
const TELEMETRY_CMDLINE = '/root/.cache/go-doctor/toolchains/root/usr/bin/gopls\0** telemetry **\0';

describe('parseProcStat', () => {
  it('reads the fields the sampler needs', () => {
    const s = parseProcStat(GOPLS_STAT);
    assert.deepEqual(s, { pid: 9954, comm: 'gopls', state: 'S', ppid: 7196, utime: 79, stime: 29, cutime: 34, cstime: 27, threads: 10, starttime: 164337, rssPages: 43313 });
  });

  it('handles a comm with spaces and parentheses (split after the last ")")', () => {
    const line = GOPLS_STAT.replace('(gopls)', '(go (x) y)');
    assert.equal(parseProcStat(line)?.comm, 'go (x) y');
    assert.equal(parseProcStat(line)?.utime, 79);
  });

  it('rejects truncated or non-numeric lines', () => {
    for (const bad of ['', '12', '12 (x)', '12 (x) S 1 2', 'abc (x) S 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1', GOPLS_STAT.replace(' 79 29 ', ' -5 29 ')]) assert.equal(parseProcStat(bad), undefined, bad);
  });

  it('property: never throws, returns undefined or finite non-negative fields (time: npm run bench, probe)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 600 }), fc.array(fc.oneof(fc.constantFrom('(', ')', ' ', '-1', '7', 'gopls', 'S'), fc.string({ maxLength: 5 })), { maxLength: 80 }).map((a) => a.join(' '))), (text) => {
        const s = parseProcStat(text);
        if (s) for (const v of [s.utime, s.stime, s.cutime, s.cstime, s.ppid, s.rssPages]) assert.ok(Number.isFinite(v) && v >= 0);
      }),
    );
  });

  it('parses cmdline and children files', () => {
    assert.deepEqual(parseCmdline('/home/u/go/bin/gopls\0-remote=auto\0'), ['/home/u/go/bin/gopls', '-remote=auto']);
    assert.deepEqual(parseChildren('4101 4102 \n'), [4101, 4102]);
    assert.deepEqual(parseChildren('x -3 0 7'), [7]);
  });
});

describe('gopls roles (facts §7.3, lab find-gopls.js)', () => {
  it('classifies server, forwarder, daemon and CLI invocations', () => {
    const cases: [string[], string][] = [
      [['gopls'], 'server'],
      [['gopls', 'serve'], 'server'],
      [['gopls', '-mode=stdio'], 'server'],
      [['/x/gopls', '-rpc.trace', '-debug=localhost:6060'], 'server'],
      [['gopls', '-logfile', '/tmp/a b', 'serve'], 'server'],
      [['gopls', '-remote=auto'], 'forwarder'],
      [['gopls', '-remote', 'unix;/tmp/gopls-daemon'], 'forwarder'],
      [['gopls', '-listen=unix;/tmp/gopls-abc-daemon.u', '-listen.timeout=1m0s'], 'daemon'],
      [['gopls', 'serve', '-listen', ':37374'], 'daemon'],
      [['gopls', 'version'], 'cli'],
      [['gopls', 'check', 'main.go'], 'cli'],
      [parseCmdline(TELEMETRY_CMDLINE), 'cli'],
    ];
    for (const [argv, role] of cases) assert.equal(goplsRole(argv), role, argv.join(' '));
  });

  it('recognises gopls by argv[0] basename or comm', () => {
    assert.ok(looksLikeGopls('/home/u/go/bin/gopls', undefined));
    assert.ok(looksLikeGopls('gopls_v0.24', undefined));
    assert.ok(looksLikeGopls(undefined, 'gopls'));
    assert.ok(!looksLikeGopls('/usr/bin/go', 'go'));
  });

  it('finds the -debug address in either flag form', () => {
    assert.equal(goplsDebugAddress(['gopls', '-debug=localhost:6060']), 'localhost:6060');
    assert.equal(goplsDebugAddress(['gopls', '--debug', ':8080', 'serve']), ':8080');
    assert.equal(goplsDebugAddress(['gopls', 'serve']), undefined);
  });
});

describe('ps output (Apple adv_cmds ps/print.c formats; Linux procps)', () => {
  it('parses macOS TIME (m:ss.cc, minutes unbounded) and procps forms', () => {
    assert.equal(parsePsDuration('0:00.03'), 30);
    assert.equal(parsePsDuration('  12:34.56'), 12 * 60_000 + 34_560);
    assert.equal(parsePsDuration('123:05.00'), 123 * 60_000 + 5000);
    assert.equal(parsePsDuration('00:01:02'), 62_000);
    assert.equal(parsePsDuration('2-03:04:05'), ((2 * 24 + 3) * 60 + 4) * 60_000 + 5000);
    for (const bad of ['', '1:60.00', 'x:00', '1.5', '::']) assert.equal(parsePsDuration(bad), undefined, bad);
  });

  it('parses a row with lstart and multi-word args', () => {
    const row = parsePsRow('  501   497   1:23.45  812345   02:03:04 Tue Nov 25 17:04:02 2026 /Users/me/go/bin/gopls -remote=auto -logfile /tmp/a b');
    assert.deepEqual(row, {
      pid: 501,
      ppid: 497,
      cpuMs: 83_450,
      rssBytes: 812345 * 1024,
      elapsedMs: (2 * 3600 + 3 * 60 + 4) * 1000,
      started: 'Tue Nov 25 17:04:02 2026',
      args: ['/Users/me/go/bin/gopls', '-remote=auto', '-logfile', '/tmp/a', 'b'],
    });
  });

  it('skips malformed lines in a listing', () => {
    const text = ['garbage', '  1     0   0:01.00   100   10:00 Mon Nov 24 08:00:00 2026 /sbin/launchd', ''].join('\n');
    assert.deepEqual(
      parsePsOutput(text).map((r) => r.pid),
      [1],
    );
  });

  it('property: never throws on hostile input (time: npm run bench, probe)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const rows = parsePsOutput(text);
        for (const r of rows) assert.ok(Number.isFinite(r.cpuMs) && r.cpuMs >= 0);
      }),
    );
  });
});
