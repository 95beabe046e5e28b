import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stripComments } from 'jsonc-parser';
import type { Fix } from '../../../src/core/finding.js';
import { countInotifyWatches, type InotifyUsage } from '../../../src/watchdog/inotify-usage.js';
import { directoryFiltersWith, readSettings, setSetting, watcherExcludeGlob } from '../../../src/watchdog/settings-edit.js';
import { DEFAULT_THRESHOLDS } from '../../../src/watchdog/storm-detector.js';
import { exclusionFixes, inotifyFixes, looksLikeOutputDirectory, profileFix } from '../../../src/watchdog/storm-fixes.js';
import type { StormEpisode } from '../../../src/watchdog/storm-monitor.js';
import { GOPLS_STORM_RULE_ID } from '../../../src/core/report/engine-rules.js';
import { formatCount, stormFinding, stormHeadline } from '../../../src/watchdog/storm-report.js';

const episode = (over: Partial<StormEpisode> = {}): StormEpisode => ({
  id: 1,
  startedAt: 0,
  clearedAt: undefined,
  ended: false,
  hotMs: 40_000,
  cpuPercent: 180,
  peakCpuPercent: 195,
  events: 48_000,
  watchedEvents: 48_000,
  activeSeconds: 10,
  cause: { kind: 'directory', path: 'build/gen', events: 48_000, watched: 48_000, share: 1 },
  reason: 'storm',
  reloads: 0,
  severity: 'warning',
  notified: true,
  ...over,
});
const plain = (s: string): string => s.replace(/\u00a0/g, ' ');

describe('the storm report entry', () => {
  it('reads "gopls at 180 % CPU for 40 s while `build/gen/` produced 4 800 file events/s"', () => {
    assert.equal(plain(stormHeadline(episode())), 'gopls at 180 % CPU for 40 s while `build/gen/` produced 4 800 file events/s');
  });

  it('names a rewritten go.mod by its change rate, and a spread storm by its top directories', () => {
    assert.equal(plain(stormHeadline(episode({ hotMs: 45_400, cpuPercent: 97.4, events: 100, activeSeconds: 10, cause: { kind: 'file', path: 'go.mod', events: 100, watched: 100, share: 1 } }))), 'gopls at 97 % CPU for 45 s while `go.mod` changed 10 times/s');
    assert.equal(
      plain(stormHeadline(episode({ events: 3000, activeSeconds: 3, cause: { kind: 'spread', top: [{ path: 'pkg', events: 2000, watched: 2000 }, { path: 'internal', events: 1000, watched: 1000 }] } }))),
      'gopls at 180 % CPU for 40 s while the workspace produced 1 000 file events/s (most in `pkg/`, `internal/`)',
    );
  });

  it('groups thousands with a no-break space', () => {
    assert.equal(formatCount(4800), '4\u00a0800');
    assert.equal(formatCount(1234567), '1\u00a0234\u00a0567');
    assert.equal(formatCount(2.25), '2.3');
    assert.equal(formatCount(12.4), '12');
  });

  it('is a Finding with the exclusion, restart and profile fixes for a directory storm', () => {
    const f = stormFinding(episode(), { thresholds: DEFAULT_THRESHOLDS });
    assert.equal(f.rule, GOPLS_STORM_RULE_ID);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(
      f.fixes.map((x) => x.title),
      ['Stop watching `build/gen/` (files.watcherExclude)', 'Hide `build/gen/` from gopls (gopls build.directoryFilters)', 'Restart gopls', 'Take a CPU profile of gopls'],
    );
    const [watch, filters] = f.fixes;
    assert.deepEqual(watch, { kind: 'setting', title: 'Stop watching `build/gen/` (files.watcherExclude)', section: 'files.watcherExclude', key: '**/build/gen/**', value: true, scope: 'workspace', preferred: true });
    assert.deepEqual(filters?.kind === 'setting' && filters.value, ['-**/node_modules', '-build/gen']);
    assert.ok(f.fixes.some((x) => x.kind === 'text' && x.text.includes('go.languageserver.restart')));
  });

  it('offers no exclusion for a rewritten go.mod (only what to look for)', () => {
    const f = stormFinding(episode({ cause: { kind: 'file', path: 'go.mod', events: 100, watched: 100, share: 1 } }), { thresholds: DEFAULT_THRESHOLDS });
    assert.ok(!f.fixes.some((x) => x.kind === 'setting'));
    assert.ok(f.fixes[0]?.title.includes('go.mod'));
  });

  it('does not mark a source-looking directory as the preferred exclusion', () => {
    const first = exclusionFixes('internal/api', undefined)[0];
    assert.equal(first?.kind === 'setting' && first.preferred, false);
    assert.ok(looksLikeOutputDirectory('web/node_modules/x'));
    assert.ok(looksLikeOutputDirectory('bazel-out'));
    assert.ok(!looksLikeOutputDirectory('generator'));
  });

  it('keeps the user\'s directoryFilters and gopls\'s default when adding one', () => {
    assert.deepEqual(directoryFiltersWith(undefined, 'build/gen/'), ['-**/node_modules', '-build/gen']);
    assert.deepEqual(directoryFiltersWith(['-vendor', '+vendor/keep'], './out'), ['-vendor', '+vendor/keep', '-out']);
    assert.deepEqual(directoryFiltersWith(['-out'], 'out'), ['-out']);
    assert.equal(watcherExcludeGlob('a/[b]'), undefined);
  });

  it('the CPU profile how-to uses the -debug address gopls already has, else explains how to add one', () => {
    const withDebug = profileFix([['gopls', '-debug=localhost:7070']]);
    assert.ok(withDebug.kind === 'text' && withDebug.text.includes("curl -o gopls-cpu.pprof 'http://localhost:7070/debug/pprof/profile?seconds=30'"));
    const without = profileFix([['gopls']]);
    assert.ok(without.kind === 'text' && without.text.includes('"go.languageServerFlags": ["-debug=localhost:6060"]'));
    const port = profileFix([['gopls', '-debug', ':8080']]);
    assert.ok(port.kind === 'text' && port.text.includes('http://localhost:8080/debug/pprof/profile'));
  });
});

describe('inotify (facts §7.2)', () => {
  const usage = (watches: number, max: number, instances = 10, maxInstances = 128): InotifyUsage => ({ maxUserWatches: max, maxUserInstances: maxInstances, maxQueuedEvents: 16384, watches, instances, top: [{ pid: 42, comm: 'code', instances: 2, watches }], unreadable: 0 });

  it('counts `inotify wd:` lines of an fdinfo file', () => {
    const fdinfo = 'pos:\t0\nflags:\t02004000\nmnt_id:\t15\nino:\t1057\ninotify wd:3 ino:2a sdev:800001 mask:fc6 ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:2a00000000000000\ninotify wd:2 ino:29 sdev:800001 mask:fc6 ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:2900000000000000\n';
    assert.equal(countInotifyWatches(fdinfo), 2);
    assert.equal(countInotifyWatches('pos:\t0\n'), 0);
  });

  it('offers the exact sysctl fix only when watches run short', () => {
    const fixes = inotifyFixes(usage(7900, 8192));
    const cmd = fixes.find((f): f is Extract<Fix, { kind: 'command' }> => f.kind === 'command');
    assert.equal(cmd?.command, "echo 'fs.inotify.max_user_watches=524288' | sudo tee /etc/sysctl.d/60-inotify-watches.conf && sudo sysctl --system");
    assert.equal(cmd?.needsAdmin, true);
    assert.deepEqual(inotifyFixes(usage(1000, 8192)), []);
    assert.deepEqual(inotifyFixes(usage(900_000, 1_048_576)), [], 'already above the recommended limit');
    assert.equal(inotifyFixes(usage(10, 8192, 120, 128))[0]?.title, 'inotify instances nearly used up');
  });

  it('shows usage vs limits in the finding\'s evidence', () => {
    const f = stormFinding(episode(), { thresholds: DEFAULT_THRESHOLDS, inotify: usage(7900, 8192) });
    assert.ok(f.evidence.some((e) => e.kind === 'note' && plain(e.text).startsWith('inotify: 7 900 of 8 192 watches and 10 of 128 instances')));
  });
});

describe('comment-preserving settings edits', () => {
  const SETTINGS = `{
    // keep me: why we format on save
    "editor.formatOnSave": true,
    "files.watcherExclude": {
        "**/.git/objects/**": true // VS Code default, repeated
    },
    /* gopls */
    "gopls": { "ui.semanticTokens": true },
}
`;

  it('adds a watcherExclude key and gopls directoryFilters keeping every comment and the trailing comma', () => {
    let text = setSetting(SETTINGS, 'files.watcherExclude', '**/build/gen/**', true);
    text = setSetting(text, 'gopls', 'build.directoryFilters', ['-**/node_modules', '-build/gen']);
    for (const c of ['// keep me: why we format on save', '// VS Code default, repeated', '/* gopls */']) assert.ok(text.includes(c), c);
    const v = readSettings(text) as Record<string, Record<string, unknown>>;
    assert.deepEqual(v['files.watcherExclude'], { '**/.git/objects/**': true, '**/build/gen/**': true });
    assert.deepEqual(v.gopls, { 'ui.semanticTokens': true, 'build.directoryFilters': ['-**/node_modules', '-build/gen'] });
    assert.equal(v['editor.formatOnSave'], true);
  });

  it('creates the object in an empty or missing file, and indents with tabs when the file does', () => {
    const fresh = setSetting('', 'files.watcherExclude', '**/out/**', true);
    assert.deepEqual(readSettings(fresh), { 'files.watcherExclude': { '**/out/**': true } });
    const tabbed = setSetting('{\n\t"a": 1\n}', 'gopls', 'build.directoryFilters', ['-out']);
    assert.match(tabbed, /\n\t"gopls": \{\n\t\t"build.directoryFilters"/);
  });

  it('refuses to edit a file that is not a settings object', () => {
    assert.throws(() => setSetting('[1, 2]', 'x', undefined, 1));
    assert.throws(() => setSetting('{ "a": ', 'x', undefined, 1));
  });

  it('property: any key under any commented settings object lands, and the comments survive', () => {
    fc.assert(
      // A key of exactly "__proto__" is refused by setSetting's own read-back check (it throws, the
      // file is untouched); values may hold "__proto__" keys (fast-check generates them), so the
      // result is read with JSON.parse, which keeps them as own keys: jsonc-parser's parse assigns
      // them, which sets the prototype and drops the key (that, not setSetting, failed this test once).
      fc.property(fc.string({ minLength: 1, maxLength: 30 }).filter((k) => k !== '__proto__'), fc.string({ maxLength: 20 }).filter((c) => !c.includes('*/')), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(JSON.parse('{"__proto__": {"a": 1}, "b": [1]}') as unknown)), (key, comment, value) => {
        const before = `{\n  /*${comment}*/\n  "x": 1,\n  "files.watcherExclude": {}\n}`;
        const after = setSetting(before, 'files.watcherExclude', key, value);
        assert.ok(after.includes(`/*${comment}*/`));
        const parsed = JSON.parse(stripComments(after)) as Record<string, Record<string, unknown>>;
        assert.deepEqual(parsed['files.watcherExclude']?.[key], JSON.parse(JSON.stringify(value)));
        assert.equal(parsed.x, 1);
      }),
    );
  });
});
