/**
 * The detector (through the shipped StormMonitor, default thresholds) on every recorded trace:
 * the watchdog lab's 76 traces of an older gopls (x/tools v0.5.0) and this project's gopls v0.24.0
 * traces (bench/watchdog, test/testdata/watchdog-traces/). Normal editing must never alarm; every
 * harmful storm (gopls tree ≥ 50 % for ≥ 5 s) must; the alarm comes ≤ 5 s after gopls turns hot;
 * one notification per storm. The tuning / held-out split is bench/watchdog/trace-sets.ts; the
 * held-out traces never informed the defaults, and are asserted here like the rest.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { score } from '../../../bench/watchdog/evaluate.js';
import { LAB_SET, loadAllTraces, RELOADS_SET, TRACE_SETS, V024_SET, type NamedTrace } from '../../../bench/watchdog/trace-sets.js';
import { replayTrace } from '../../../src/watchdog/trace-replay.js';

const all = loadAllTraces();
const bySet = (set: string): NamedTrace[] => all.filter((t) => t.set === set);
const find = (set: string, label: string): NamedTrace => {
  const t = all.find((x) => x.set === set && x.trace.summary.label === label);
  assert.ok(t, `trace ${set}/${label} missing`);
  return t;
};

describe('recorded traces', () => {
  it('are all there: 76 lab traces and the gopls v0.24 recordings', () => {
    assert.equal(bySet(LAB_SET).length, 76);
    assert.ok(bySet(V024_SET).length >= 40, `${bySet(V024_SET).length} gopls v0.24 traces`);
    assert.ok(all.some((t) => !t.tuning) && all.some((t) => t.tuning));
  });

  for (const set of TRACE_SETS) {
    for (const split of ['tuning', 'held-out'] as const) {
      for (const mode of ['adaptive', 'per-second'] as const) {
        it(`${set}, ${split}, ${mode} sampling: 0 false alarms, every harmful storm caught ≤ 5 s after gopls turns hot (a periodic load ≤ 2 periods after it starts), ≤ 1 notification`, () => {
          const traces = bySet(set).filter((t) => t.tuning === (split === 'tuning'));
          assert.ok(traces.length > 0);
          const s = score(traces, { mode });
          console.log(`${set} ${split} ${mode}: normal ${s.normal} (false alarms ${s.falseAlarms}), harmful ${s.caught}/${s.harmful}, latency mean ${s.latencyMean} s max ${s.latencyMax} s (${s.latencyMaxLabel}), mild alarmed ${s.mildAlarms}/${s.mild}`);
          assert.deepEqual(s.falseAlarmLabels, [], 'false alarms on normal work');
          assert.deepEqual(s.missedLabels, [], 'harmful storms missed');
          assert.ok((s.latencyMax ?? 0) <= 5, `latency ${s.latencyMax} s on ${s.latencyMaxLabel}`);
          assert.ok((s.latencyPeriodsMax ?? 0) <= 2, `periodic load caught after ${s.latencyPeriodsMax} periods on ${s.latencyPeriodsMaxLabel}`);
          assert.ok(s.maxNotifications <= 1);
        });
      }
    }
  }

  it('normal editing with gopls v0.24 — saves every 1 s / 2 s, typing, a 2 000-file checkout, a formatter run, git commits — never alarms', () => {
    const labels = bySet(V024_SET)
      .filter((t) => t.trace.summary.expect === 'normal')
      .map((t) => t.trace.summary.label);
    for (const kind of ['save-every1s', 'save-every2s', 'typing', 'checkout', 'format', 'git-commit', 'idle']) assert.ok(labels.some((l) => l.startsWith(kind)), `no ${kind} trace`);
    for (const label of labels) assert.deepEqual(replayTrace(find(V024_SET, label).trace, { mode: 'adaptive' }).alarms, [], label);
  });

  it('issue 12 on gopls v0.24: the seven kinds of everyday work never alarm', () => {
    const normal = bySet(RELOADS_SET).filter((t) => t.trace.summary.expect === 'normal');
    for (const kind of ['git-checkout-800', 'gofmt-w-module', 'go-generate', 'go-mod-tidy', 'save-every2s', 'npm-install', 'make-generate-tidy']) {
      assert.ok(normal.some((t) => t.trace.summary.label.startsWith(kind)), `no ${kind} trace`);
    }
    for (const t of normal) assert.deepEqual(replayTrace(t.trace, { mode: 'adaptive' }).alarms, [], t.trace.summary.label);
  });

  it('issue 12 on gopls v0.24: go.mod / go.sum / go.work rewritten in a loop alarm ≤ 5 s after gopls turns hot; watch loops ≤ 2 periods after they start; one notification each', () => {
    const storms = bySet(RELOADS_SET).filter((t) => t.trace.summary.expect === 'storm');
    for (const prefix of ['gomod-every', 'gosum-every', 'gowork-every', 'watch-regen-every']) assert.ok(storms.some((t) => t.trace.summary.label.startsWith(prefix)), `no ${prefix} trace`);
    for (const t of storms) {
      const r = replayTrace(t.trace, { mode: 'adaptive' });
      const label = t.trace.summary.label;
      assert.ok(r.notifications <= 1, label);
      if (r.class !== 'harmful') continue;
      assert.equal(r.notifications, 1, label);
      if (r.periodS !== undefined) assert.ok(r.latencyPeriods !== undefined && r.latencyPeriods <= 2, `${label}: ${r.latencyPeriods} periods`);
      else assert.ok(r.latencyS !== undefined && r.latencyS <= 5, `${label}: ${r.latencyS} s`);
    }
  });

  it('a go.mod storm on gopls v0.24: alarm within 5 s of gopls turning hot, one notification', () => {
    const r = replayTrace(find(V024_SET, 'gomod-10-r1').trace, { mode: 'adaptive' });
    assert.equal(r.class, 'harmful');
    assert.equal(r.notifications, 1);
    assert.ok(r.latencyS !== undefined && r.latencyS <= 5, String(r.latencyS));
  });

  it('gopls restarted mid-storm: the storm is still one storm (one notification)', () => {
    for (const label of ['restart-midstorm-gomod-10-r1', 'restart-midstorm-gomod-10-r2']) {
      const t = find(V024_SET, label).trace;
      assert.ok(t.timeline.some((s) => s.goplsStarted), `${label} records the restart`);
      const r = replayTrace(t, { mode: 'adaptive' });
      assert.ok(r.alarms.length >= 1, `${label}: no alarm`);
      assert.equal(r.notifications, 1, label);
    }
  });

  it('gopls disappearing mid-storm clears the alarm at once and raises nothing new', () => {
    for (const label of ['vanish-midstorm-gomod-10-r1', 'vanish-midstorm-gomod-10-r2']) {
      const t = find(V024_SET, label).trace;
      const gone = t.timeline.find((s) => s.sec >= 0 && s.goplsTreePct === null)?.sec;
      assert.ok(gone !== undefined, `${label} has no second without gopls`);
      const r = replayTrace(t, { mode: 'adaptive' });
      assert.equal(r.alarms.length, 1, `${label}: ${JSON.stringify(r.alarms)}`);
      const cleared = r.alarms[0]?.clearedAt;
      assert.ok(cleared !== undefined && cleared <= gone + 2, `${label}: cleared at ${cleared}, gopls gone at ${gone}`);
      assert.equal(r.notifications, 1);
    }
  });

  it('the old gopls\'s normal editing (autosave at ~90 % CPU) never alarms, though CPU alone would', () => {
    for (const label of ['save-every1s-60s-r1', 'save-every1s-60s-r2', 'save-every2s-60s-r1', 'burst1-checkout-2000-r3']) {
      const t = find(LAB_SET, label).trace;
      assert.ok(t.timeline.some((s) => (s.goplsTreePct ?? 0) >= 100), `${label} has hot seconds`);
      assert.deepEqual(replayTrace(t, { mode: 'adaptive' }).alarms, [], label);
    }
  });
});
