/**
 * A rule declares what it reads (`Rule.reads`), and that declaration alone decides which rules run
 * in an untrusted workspace, where nothing is probed. These tests hold every rule to its
 * declaration by running it over every recorded fixture (each machine snapshot in
 * test/testdata/snapshots plus two Linux ones, with each workspace in test/testdata/workspaces) with
 * its context behind proxies that record, or refuse, what it touches.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { deriveMachineFacts } from '../../../src/core/facts/index.js';
import type { MachineFacts } from '../../../src/core/machine.js';
import { runsUntrusted, type Rule, type RuleContext, type RuleReads } from '../../../src/core/rule.js';
import { allRules } from '../../../src/core/rules/index.js';
import type { Snapshot, WorkspaceRecord } from '../../../src/core/snapshot.js';
import { buildWorkspaceModel } from '../../../src/core/workspace/build.js';
import { scanWorkspace } from '../../../src/probe/workspace/scan.js';
import { probeDependencies } from '../../../src/server/probe-dependencies.js';
import { staticRules } from '../../../src/server/static-rules.js';
import { linuxSnapshot } from './env/env-context.js';
import { FIXTURES } from './workspace/harness.js';

/**
 * The rules an untrusted workspace gets, by name: a second statement on purpose, so that a changed
 * declaration (or a new rule) that moves a rule in or out of untrusted workspaces fails here and
 * is looked at.
 */
const UNTRUSTED = [
  'cgo/disabled-with-c-imports',
  'cgo/ld-classic',
  'cgo/deprecated-framework',
  'cross/unknown-goos',
  'cross/unknown-goarch',
  'cross/unsupported-pair',
  'cross/broken-port',
  'cross/needs-cgo',
  'cross/cgo-without-cc',
  'cross/external-link-without-cgo',
  'cross/wasm-exec-path',
  'build/unknown-os-tag',
  'build/ignored-filename-suffix',
  'build/bad-ldflags',
  'settings/tools-env-goos',
  'settings/rpc-trace',
  'settings/goroot-and-toolchain',
];

/**
 * The machine facts a `files+machine-if-probed` rule may use to sharpen its findings when a probe
 * ran (and must do without in an untrusted workspace): the host's platform and CPU (known without
 * running anything), the local Go's version, host GOOS/GOARCH, `go env` and port list
 * (`go tool dist list`), and the Xcode / Command Line Tools version. A path is allowed when it is
 * one of these or lies on the way to or inside one.
 */
const PROBE_REFINEMENTS = ['platform', 'arch', 'go.version', 'go.hostOs', 'go.hostArch', 'go.env', 'go.ports', 'go.portsSource', 'mac.clt.major'];

/** Snapshot parts a `files…` rule may read: the workspace's own record. Everything else is the probe's. */
const SNAPSHOT_FILES = ['workspace'];

function refinementAllowed(path: string): boolean {
  return PROBE_REFINEMENTS.some((p) => path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
}

class Refused extends Error {}

/** What a rule touched: property paths, per part of the context. */
interface Reads {
  machine: Set<string>;
  snapshot: Set<string>;
  workspace: Set<string>;
}

/**
 * A proxy that records each property path read below `target` (plain objects and arrays are
 * followed; Dates, functions and primitives are returned as they are). With `refuse`, a read that
 * `refuse(path)` rejects throws instead.
 */
function recording<T extends object>(target: T, seen: Set<string>, refuse?: (path: string) => boolean, prefix = ''): T {
  const proxies = new WeakMap<object, object>();
  const wrap = (value: object, path: string): object => {
    let p = proxies.get(value);
    if (!p) {
      p = new Proxy(value, {
        get(t, key, receiver) {
          const v: unknown = Reflect.get(t, key, receiver);
          if (typeof key === 'symbol') return v;
          const at = path ? `${path}.${key}` : key;
          if (refuse?.(at)) throw new Refused(`read ${at}`);
          seen.add(at);
          if (v !== null && typeof v === 'object' && (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)) return wrap(v, at);
          return v;
        },
        has(t, key) {
          if (typeof key === 'string') {
            const at = path ? `${path}.${key}` : key;
            if (refuse?.(at)) throw new Refused(`asked for ${at}`);
            seen.add(at);
          }
          return Reflect.has(t, key);
        },
        ownKeys(t) {
          if (refuse?.(path ? `${path}.*` : '*')) throw new Refused(`listed ${path || 'the keys'}`);
          seen.add(path ? `${path}.*` : '*');
          return Reflect.ownKeys(t);
        },
      });
      proxies.set(value, p);
    }
    return p;
  };
  return wrap(target, prefix) as T;
}

interface Fixture {
  name: string;
  snapshot: Snapshot;
  record?: WorkspaceRecord;
  context: RuleContext;
  /** The machine facts the server derives in an untrusted workspace (nothing probed). */
  untrusted: MachineFacts;
}

/**
 * Runs one rule with every part of its context recorded (and parts refused as the caller says).
 * Every run sees new proxies, so no memo of a rule (keyed on the model's or the machine's objects)
 * answers for it.
 */
function readsOf(rule: Rule, ctx: RuleContext, refuse: { machine?: (p: string) => boolean; snapshot?: (p: string) => boolean } = {}): Reads {
  const reads: Reads = { machine: new Set(), snapshot: new Set(), workspace: new Set() };
  rule.check({
    machine: recording(ctx.machine, reads.machine, refuse.machine),
    snapshot: recording(ctx.snapshot, reads.snapshot, refuse.snapshot),
    workspace: recording(ctx.workspace, reads.workspace),
  });
  return reads;
}

const ANY = (): boolean => true;
const outsideFiles = (p: string): boolean => !SNAPSHOT_FILES.some((s) => p === s || p.startsWith(`${s}.`));

/** The machine an untrusted workspace's rules get: nothing probed, the host known (as the server builds it). */
function untrustedMachine(record: WorkspaceRecord | undefined, platform: string): MachineFacts {
  const snapshot = probeDependencies({ HOME: '/home/dev', PATH: '/usr/bin:/bin' }).staticSnapshot(record ?? { root: '/ws', files: [], skipped: [] });
  return deriveMachineFacts({ ...snapshot, host: { ...snapshot.host, platform } });
}

/**
 * Every way `rule` departs from its declaration over `fixtures` (empty: it keeps it). Reads that
 * only `files…` rules must not make are refused (thrown), so no code path after them can hide them.
 */
function departures(rule: Rule, fixtures: readonly Fixture[]): string[] {
  const out: string[] = [];
  const touched = { machine: false, snapshotProbe: false, workspace: false };
  for (const f of fixtures) {
    const refuse = rule.reads === 'files' ? { machine: ANY, snapshot: outsideFiles } : rule.reads === 'files+machine-if-probed' ? { machine: (p: string) => !refinementAllowed(p), snapshot: outsideFiles } : {};
    let reads: Reads;
    try {
      reads = readsOf(rule, f.context, refuse);
      if (runsUntrusted(rule)) readsOf(rule, { ...f.context, machine: f.untrusted }, refuse);
    } catch (err) {
      out.push(`${f.name}: ${err instanceof Refused ? `declared ${rule.reads}, but ${err.message}` : `threw ${String(err)}`}`);
      continue;
    }
    if (reads.machine.size > 0) touched.machine = true;
    if ([...reads.snapshot].some(outsideFiles)) touched.snapshotProbe = true;
    if (reads.workspace.size > 0 || reads.snapshot.has('workspace')) touched.workspace = true;
  }
  const readsMachine = touched.machine || touched.snapshotProbe;
  const expect: Record<RuleReads, { machine: boolean | undefined; files: boolean }> = {
    machine: { machine: true, files: false },
    'machine+files': { machine: true, files: true },
    files: { machine: false, files: true },
    'files+machine-if-probed': { machine: undefined, files: true },
  };
  const want = expect[rule.reads];
  if (want.machine === true && !readsMachine) out.push(`declared ${rule.reads}, but read no machine fact on any fixture (it could run untrusted)`);
  if (rule.reads === 'files+machine-if-probed' && !touched.machine) out.push('declared files+machine-if-probed, but read no machine fact on any fixture (declare it files)');
  if (want.files && !touched.workspace) out.push(`declared ${rule.reads}, but never read the workspace`);
  if (!want.files && touched.workspace) out.push(`declared ${rule.reads}, but read the workspace's files`);
  return out;
}

const fixtures: Fixture[] = [];

before(async () => {
  const snapDir = join(__dirname, '../../testdata/snapshots');
  const machines: [string, Snapshot][] = readdirSync(snapDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(join(snapDir, f), 'utf8')) as Snapshot]);
  machines.push(['linux (go1.27.3)', linuxSnapshot()]);
  // cgo on, no C compiler: the machine+files rules about cgo read the workspace only then.
  machines.push(['linux, cgo on, no C compiler', linuxSnapshot({ which: { gcc: null, cc: null, clang: null, 'x86_64-linux-gnu-gcc': null }, env: { CGO_ENABLED: '1' }, goEnv: { CGO_ENABLED: '1' } })]);
  const workspaces: [string, WorkspaceRecord | undefined][] = [['no workspace', undefined]];
  for (const name of readdirSync(FIXTURES).sort()) workspaces.push([name, await scanWorkspace(join(FIXTURES, name))]);
  const models = new Map(workspaces.map(([w, record]) => [w, buildWorkspaceModel(record)]));
  for (const [m, machineSnapshot] of machines) {
    const machine = deriveMachineFacts(machineSnapshot);
    for (const [w, record] of workspaces) {
      const snapshot = record ? { ...machineSnapshot, workspace: record } : machineSnapshot;
      fixtures.push({
        name: `${m} × ${w}`,
        snapshot,
        ...(record ? { record } : {}),
        context: { snapshot, machine, workspace: models.get(w)! },
        untrusted: untrustedMachine(record, machineSnapshot.host.platform),
      });
    }
  }
});

describe('rules declare what they read', () => {
  it('the untrusted set is derived from the declarations, and is exactly the expected one', () => {
    assert.deepEqual(staticRules(allRules).map((r) => r.id).sort(), [...UNTRUSTED].sort());
    assert.deepEqual(probeDependencies({}).staticRules.map((r) => r.id).sort(), [...UNTRUSTED].sort(), 'the server runs that set untrusted');
  });

  it('every rule keeps its declaration on every recorded fixture', () => {
    assert.ok(fixtures.length >= 8 * 18, `${fixtures.length} fixtures`);
    const wrong = allRules.flatMap((rule) => departures(rule, fixtures).slice(0, 3).map((d) => `${rule.id}: ${d}`));
    assert.deepEqual(wrong, []);
  });

  describe('the check itself fails on a wrong declaration', () => {
    const byId = (id: string): Rule => allRules.find((r) => r.id === id)!;
    it('a files-only rule that reads the machine', () => {
      const sneaky: Rule = { ...byId('settings/rpc-trace'), check: (ctx) => (ctx.machine.go.version ? [] : byId('settings/rpc-trace').check(ctx)) };
      assert.match(departures(sneaky, fixtures).join('\n'), /declared files, but read go/);
    });
    it('a files-only rule that reads the snapshot’s probe records', () => {
      const sneaky: Rule = { ...byId('build/unknown-os-tag'), check: (ctx) => (ctx.snapshot.path.length > 99 ? [] : byId('build/unknown-os-tag').check(ctx)) };
      assert.match(departures(sneaky, fixtures).join('\n'), /declared files, but read path/);
    });
    it('a files+machine-if-probed rule that reads more of the machine than the port list and versions', () => {
      const sneaky: Rule = { ...byId('cross/needs-cgo'), check: (ctx) => (ctx.machine.linux?.cCompiler ? [] : byId('cross/needs-cgo').check(ctx)) };
      assert.match(departures(sneaky, fixtures).join('\n'), /declared files\+machine-if-probed, but read linux/);
    });
    it('a machine rule declared files (so it would run untrusted)', () => {
      assert.match(departures({ ...byId('go/not-found'), reads: 'files' }, fixtures).join('\n'), /declared files, but read/);
    });
    it('a files rule declared machine (so an untrusted workspace would miss it)', () => {
      assert.match(departures({ ...byId('settings/rpc-trace'), reads: 'machine' }, fixtures).join('\n'), /read no machine fact/);
    });
    it('a rule that reads the workspace declared machine', () => {
      assert.match(departures({ ...byId('clt/missing'), reads: 'machine' }, fixtures).join('\n'), /read the workspace's files/);
    });
  });
});
