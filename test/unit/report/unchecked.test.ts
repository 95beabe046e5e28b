// No silent ✓: workspace files that were not checked (unreadable, not a regular file, a link out
// of the workspace, binary, UTF-16, over 1 MiB, unparsable, an unreadable root) are named in the
// text, JSON and SARIF reports. And no file name, message or evidence reaches the terminal raw.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { diagnose } from '../../../src/core/diagnose.js';
import { range, type Finding } from '../../../src/core/finding.js';
import { escapeForTerminal, renderHuman } from '../../../src/core/report/human.js';
import { renderJson } from '../../../src/core/report/json.js';
import { buildReport, type DoctorReport } from '../../../src/core/report/model.js';
import { buildSarif } from '../../../src/core/report/sarif.js';
import { allRules } from '../../../src/core/rules/index.js';
import type { Snapshot } from '../../../src/core/snapshot.js';
import { scanFileSystem, scanWorkspace } from '../../../src/probe/workspace/scan.js';
import { fifoReleaser, makeFifo } from '../../support/hostile-files.js';
import { emptySnapshot } from '../../support/snapshots.js';
import { reportWith, ROOT, rule, testRules, workspaceSnapshot } from './report-builders.js';
import { assertValidSarif, sarifValidator } from './sarif-validator.js';

const validate = sarifValidator();
const SECRET = 'OUTSIDE-SECRET-51d2';
const plain = { colour: false, verbose: false };
const verbose = { colour: false, verbose: true };

function report(snapshot: Snapshot): DoctorReport {
  return buildReport(snapshot, diagnose(snapshot, {}, allRules), { tool: { name: 'go-doctor', version: '1.2.3' } });
}

function workspaceLine(text: string): string {
  return text.split('\n').find((l) => l.includes('Workspace build settings')) ?? '';
}

describe('reports: files not checked', () => {
  let base: string;
  let root: string;
  let releaser: { stop(): void } | undefined;
  const real = { ...scanFileSystem };
  const expected: Record<string, RegExp> = {
    'build.sh': /symbolic link to outside the workspace/,
    Makefile: /not a regular file \(a FIFO\)/,
    'blob.mk': /binary/,
    'big.mk': /larger than 1 MiB/,
    'utf16.sh': /UTF-16/,
    '.github/workflows/ci.yml': /malformed YAML/,
    'locked.mk': /unreadable \(permission denied\)/,
  };

  before(() => {
    base = mkdtempSync(join(tmpdir(), 'go-doctor-unchecked-'));
    root = join(base, 'ws');
    const write = (rel: string, content: string | Buffer) => {
      mkdirSync(dirname(join(root, rel)), { recursive: true });
      writeFileSync(join(root, rel), content);
    };
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', 'secret.sh'), `#!/bin/sh\nGOOS=${SECRET} go build\n`);
    write('go.mod', 'module example.com/u\n\ngo 1.24\n');
    symlinkSync(join(base, 'outside', 'secret.sh'), join(root, 'build.sh'));
    makeFifo(join(root, 'Makefile'));
    write('blob.mk', Buffer.from([0x61, 0x3a, 0x0a, 0x00]));
    write('big.mk', `all:\n${'\t@true\n'.repeat(200_000)}`);
    write('utf16.sh', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('#!/bin/sh\n', 'utf16le')]));
    write('.github/workflows/ci.yml', 'on: [push\njobs: {\n');
    write('locked.mk', 'x:\n');
  });
  afterEach(() => {
    Object.assign(scanFileSystem, real);
    releaser?.stop();
    releaser = undefined;
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  async function scanned(): Promise<Snapshot> {
    releaser = fifoReleaser([join(root, 'Makefile')]);
    scanFileSystem.open = (path, flags) => {
      if (path.endsWith('/locked.mk')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      return real.open(path, flags);
    };
    return emptySnapshot({ workspace: await scanWorkspace(root) });
  }

  it('the snapshot holds no byte from outside the workspace', async () => {
    assert.ok(!JSON.stringify(await scanned()).includes(SECRET));
  });

  it('text: the workspace group is not ✓ and names every file not checked, with why', async () => {
    const r = report(await scanned());
    const text = renderHuman(r, allRules, verbose);
    assert.match(workspaceLine(text), /^\[[?!✗•]\] Workspace build settings .* — 7 workspace files not checked$/);
    for (const [path, why] of Object.entries(expected)) {
      const line = text.split('\n').find((l) => l.includes(`not checked: ${path} — `));
      assert.ok(line, `${path} is not listed:\n${text}`);
      assert.match(line, why, path);
    }
    // Without -v the first ones are listed and the rest counted.
    const short = renderHuman(r, allRules, plain);
    assert.equal(short.split('\n').filter((l) => l.includes('not checked: ')).length, 5);
    assert.match(short, /… and 2 more not checked \(-v lists them all\)/);
  });

  it('text: a report with no findings but unchecked files does not end in ✓', () => {
    const snapshot = workspaceSnapshot();
    snapshot.workspace!.skipped.push({ path: 'Makefile', reason: 'unreadable (permission denied)' });
    const text = renderHuman(reportWith([], snapshot), testRules, plain);
    assert.match(text, new RegExp(`^\\[\\?\\] Workspace build settings \\(${ROOT}\\) — 1 workspace file not checked\\n {4}\\? not checked: Makefile — unreadable \\(permission denied\\)$`, 'm'));
    assert.doesNotMatch(text, /\[✓\] Workspace/);
    assert.doesNotMatch(text, /✓ No issues found\./);
    assert.match(text, /\? No issues found in what was checked; 1 workspace file not checked\.\n$/);
  });

  it('text: files not checked are shown even when no workspace rule ran', () => {
    const snapshot = workspaceSnapshot();
    snapshot.workspace!.skipped.push({ path: 'Makefile', reason: 'binary (contains NUL bytes)' });
    const text = renderHuman(reportWith([], snapshot), [rule('go/not-found', 'error')], plain);
    assert.match(text, /^\[\?\] Workspace build settings .*\n {4}\? not checked: Makefile — binary/m);
  });

  it('JSON: unchecked[] lists every file not checked with why', async () => {
    const parsed = JSON.parse(renderJson(report(await scanned()))) as DoctorReport;
    const listed = Object.fromEntries((parsed.unchecked ?? []).map((u) => [u.path, u.reason]));
    for (const [path, why] of Object.entries(expected)) assert.match(listed[path] ?? '', why, path);
    assert.equal(Object.keys(listed).length, Object.keys(expected).length);
    // Everything seen: an empty list.
    assert.deepEqual(reportWith([]).unchecked, []);
  });

  it('SARIF: one tool execution notification per file not checked, valid against the 2.1.0 schema', async () => {
    const log = buildSarif(report(await scanned()), allRules);
    assertValidSarif(validate, log);
    const notes = log.runs[0].invocations?.[0]?.toolExecutionNotifications ?? [];
    for (const [path, why] of Object.entries(expected)) {
      const n = notes.find((x) => x.properties?.path === path);
      assert.ok(n, path);
      assert.match(n.message.text ?? '', why);
      assert.equal(n.level, 'warning');
      assert.deepEqual(n.locations?.[0]?.physicalLocation?.artifactLocation, { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' });
    }
    assert.equal(log.runs[0].invocations?.[0]?.executionSuccessful, true);
    // Nothing left out: no invocation at all.
    assert.equal(buildSarif(reportWith([]), testRules).runs[0].invocations, undefined);
  });

  it('an unreadable workspace root is said in text, JSON and SARIF', async () => {
    scanFileSystem.readdir = (path) => {
      if (path.endsWith('/ws')) throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
      return real.readdir(path);
    };
    const r = report(emptySnapshot({ workspace: await scanWorkspace(root) }));
    assert.deepEqual(r.unchecked, [{ path: '.', reason: 'workspace root unreadable (permission denied)' }]);
    const text = renderHuman(r, allRules, plain);
    assert.match(text, /^\[[?!✗•]\] Workspace build settings .* — 1 workspace file not checked\n {4}\? not checked: \. — workspace root unreadable \(permission denied\)$/m);
    const log = buildSarif(r, allRules);
    assertValidSarif(validate, log);
    const [note] = log.runs[0].invocations?.[0]?.toolExecutionNotifications ?? [];
    assert.equal(note?.message.text, 'Not checked: the workspace root — workspace root unreadable (permission denied)');
    assert.equal(note?.locations, undefined);
  });

  it('a scan cut short is named as not checked', () => {
    const snapshot = workspaceSnapshot();
    snapshot.workspace!.truncated = true;
    assert.match(reportWith([], snapshot).unchecked?.[0]?.reason ?? '', /scan stopped early/);
  });
});

describe('text report: escaping', () => {
  /** Characters a terminal acts on: C0 (newline and tab too), DEL, C1, bidi controls, line separators. */
  // eslint-disable-next-line no-control-regex -- control characters are what is tested
  const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
  const hostile = 'evil\u001b]0;pwned\u0007\u001b[2J\nFAKE ✓ line\r\u009b31m\u202egnp.exe\u2066x\u2069\u007f\ttab';

  it('escapes every control character in file names, messages, evidence, fixes and unchecked entries', () => {
    const file = `${ROOT}/${hostile}.mk`;
    const finding: Finding = {
      rule: 'cross/unknown-goos',
      severity: 'error',
      message: `bad ${hostile}`,
      location: { file, range: range(0, 0, 0, 1) },
      evidence: [
        { kind: 'file', file, excerpt: `GOOS=${hostile}`, line: 0 },
        { kind: 'command', command: `go ${hostile}`, argv: ['go'], excerpt: hostile, exitCode: 1 },
        { kind: 'env', name: 'GOFLAGS', value: hostile },
        { kind: 'note', text: hostile },
      ],
      fixes: [
        { kind: 'edit', title: hostile, edits: [{ file, range: range(0, 0, 0, 1), newText: hostile }] },
        { kind: 'command', title: hostile, command: hostile, outsideWorkspace: true },
        { kind: 'text', title: hostile, text: hostile },
      ],
    };
    const snapshot = workspaceSnapshot();
    snapshot.workspace!.skipped.push({ path: `${hostile}.go`, reason: `because ${hostile}` });
    const r = reportWith([finding], snapshot);
    for (const options of [plain, verbose, { colour: true, verbose: true }]) {
      const text = renderHuman(r, testRules, options);
      // Only our own colour codes may remain.
      const withoutOwnColour = text.replaceAll(new RegExp(String.raw`\u001b\[\d+m`, 'g'), '');
      for (const line of withoutOwnColour.split('\n')) assert.doesNotMatch(line, UNSAFE, JSON.stringify(line));
      assert.ok(!text.split('\n').some((l) => l.startsWith('FAKE')), 'a newline in a name started a line of its own');
      assert.ok(text.includes('evil\\x1b]0;pwned\\x07\\x1b[2J\\nFAKE ✓ line\\r\\x9b31m\\u202egnp.exe\\u2066x\\u2069\\x7f\\ttab'));
    }
  });

  it('escapeForTerminal leaves printable text alone and makes every unsafe character visible', () => {
    assert.equal(escapeForTerminal('Makefile:12 — café ✓ 😀'), 'Makefile:12 — café ✓ 😀');
    assert.equal(escapeForTerminal('a\nb\u0000c\u001bd\u0085e\u202ef'), 'a\\nb\\x00c\\x1bd\\x85e\\u202ef');
    for (let c = 0; c <= 0x2070; c++) {
      const ch = String.fromCharCode(c);
      assert.doesNotMatch(escapeForTerminal(`x${ch}y`), UNSAFE, `U+${c.toString(16)}`);
    }
  });

  it('also escapes what comes from a snapshot file: versions, paths, the workspace root', () => {
    const snapshot = workspaceSnapshot({ createdAt: `2026\u001b[2J` });
    snapshot.workspace!.root = `/tmp/${hostile}`;
    const r = buildReport(snapshot, diagnose(snapshot, {}, testRules), { tool: { name: 'go-doctor', version: `1\u001b[31m` }, source: 'file' });
    const text = renderHuman(r, testRules, plain);
    for (const line of text.split('\n')) assert.doesNotMatch(line, UNSAFE, JSON.stringify(line));
  });
});
