import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventMeter } from '../../../src/watchdog/event-meter.js';
import { isGoplsWatchedPath, pathSegments } from '../../../src/watchdog/gopls-watched.js';
import { stormCause } from '../../../src/watchdog/storm-cause.js';

describe('isGoplsWatchedPath (gopls watches **/*.{go,mod,sum,work}, facts §7.1)', () => {
  it('matches Go sources and module files, in any directory and separator style', () => {
    for (const p of ['main.go', 'pkg/a/b.go', 'go.mod', 'go.sum', 'go.work', 'sub\\x\\go.work', '/abs/path/file_test.go']) assert.ok(isGoplsWatchedPath(p), p);
  });
  it('does not match other files, directories or look-alikes', () => {
    for (const p of ['index.js', 'node_modules/x/index.js', 'README.md', 'go.mod.bak', 'main.gox', 'Makefile', 'build/gen', 'file.go/', 'go.sum.orig']) assert.ok(!isGoplsWatchedPath(p), p);
  });
  it('pathSegments drops empty and dot segments', () => {
    assert.deepEqual(pathSegments('./build//gen/x.go'), ['build', 'gen', 'x.go']);
  });
});

describe('EventMeter', () => {
  it('counts watched and other events per second', () => {
    const m = new EventMeter();
    m.record(1_000, 'a.go');
    m.record(1_500, 'b.js');
    m.record(2_100, 'go.mod');
    const s = m.perSecond(2_900, 3);
    assert.deepEqual(
      s.map((x) => [x.second, x.watched, x.other]),
      [
        [0, 0, 0],
        [1000, 1, 1],
        [2000, 1, 0],
      ],
    );
  });

  it('forgets seconds older than its ring instead of growing', () => {
    const m = new EventMeter({ ringSeconds: 10 });
    m.record(0, 'a.go');
    m.record(15_000, 'a.go');
    assert.equal(
      m.perSecond(15_000, 30).reduce((a, s) => a + s.watched, 0),
      1,
    );
  });

  it('attributes a storm of new packages under build/gen/dNNNN/ to build/gen, not to one package', () => {
    const m = new EventMeter();
    for (let i = 0; i < 5000; i++) m.record(10_000 + i, `build/gen/d${String(Math.floor(i / 50)).padStart(4, '0')}/z${i % 50}.go`);
    for (let i = 0; i < 200; i++) m.record(10_000 + i * 7, `pkg/p${i % 20}/f.go`);
    const cause = stormCause(m.summary(16_000, 30_000));
    assert.equal(cause.kind, 'directory');
    assert.equal(cause.kind === 'directory' && cause.path, 'build/gen');
    assert.ok(cause.kind === 'directory' && cause.watched >= 5000);
  });

  it('names a single rewritten file (go.mod) as the cause', () => {
    const m = new EventMeter();
    for (let i = 0; i < 100; i++) m.record(i * 100, 'go.mod');
    m.record(50, 'main.go');
    const cause = stormCause(m.summary(10_000, 30_000));
    assert.deepEqual(cause.kind === 'file' && [cause.path, cause.events], ['go.mod', 100]);
  });

  it('reports a spread storm (a branch switch across packages) by its top directories', () => {
    const m = new EventMeter();
    for (let i = 0; i < 900; i++) m.record(i, `${['pkg', 'internal', 'cmd'][i % 3] ?? 'x'}/p${i}/f.go`);
    const cause = stormCause(m.summary(1_000, 30_000));
    assert.equal(cause.kind, 'spread');
    assert.deepEqual(cause.kind === 'spread' && cause.top.map((t) => t.path).sort(), ['cmd', 'internal', 'pkg']);
  });

  it('keeps heavy hitters bounded with 100 000 distinct paths', () => {
    const m = new EventMeter({ capacity: 32 });
    for (let i = 0; i < 100_000; i++) m.record(i, `node_modules/lib${i}/x${i}.js`);
    const tally = m.summary(100_000, 1_000_000);
    assert.ok(tally.hitters.size <= 32);
    const cause = stormCause(tally);
    assert.deepEqual(cause.kind === 'directory' && [cause.path, cause.watched], ['node_modules', 0]);
  });

  it('a pinned episode tally keeps counting after the epochs roll over', () => {
    const m = new EventMeter({ epochMs: 1000, epochs: 2 });
    for (let i = 0; i < 10; i++) m.record(i * 100, 'gen/a.go');
    const ep = m.pin(1_000, 30_000);
    for (let t = 1_000; t < 20_000; t += 100) m.record(t, 'gen/a.go');
    assert.equal(ep.events, 10 + 190);
    assert.equal(m.summary(20_000, 60_000).events < 200, true, 'epochs forget, the pin does not');
    m.unpin();
    m.record(20_000, 'gen/a.go');
    assert.equal(ep.events, 200);
  });
});
