import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SpaceSaving } from '../../../src/watchdog/space-saving.js';

describe('SpaceSaving heavy hitters', () => {
  it('counts exactly while there are fewer keys than counters', () => {
    const s = new SpaceSaving(4);
    for (const k of ['a', 'b', 'a', 'c', 'a', 'b']) s.add(k);
    assert.deepEqual(
      s.top().map((h) => [h.key, h.count, h.error]),
      [
        ['a', 3, 0],
        ['b', 2, 0],
        ['c', 1, 0],
      ],
    );
    assert.equal(s.total, 6);
  });

  it('keeps its memory bounded however many distinct keys arrive', () => {
    const s = new SpaceSaving(16);
    for (let i = 0; i < 50_000; i++) s.add(`noise/${i}`);
    for (let i = 0; i < 10_000; i++) s.add('build/gen');
    assert.equal(s.size, 16);
    assert.equal(s.top(1)[0]?.key, 'build/gen');
  });

  it('tracks the watched share of a key', () => {
    const s = new SpaceSaving(8);
    s.add('pkg', 1, 1);
    s.add('pkg', 1, 0);
    s.add('pkg', 2, 2);
    assert.deepEqual(s.get('pkg'), { key: 'pkg', count: 4, error: 0, watched: 3 });
  });

  it('rejects a non-positive capacity', () => {
    assert.throws(() => new SpaceSaving(0), RangeError);
  });

  it('merge keeps the capacity bound and adds counts', () => {
    const a = new SpaceSaving(3);
    const b = new SpaceSaving(3);
    for (const k of ['x', 'x', 'y']) a.add(k);
    for (const k of ['x', 'z', 'w', 'w']) b.add(k);
    a.merge(b);
    assert.equal(a.size, 3);
    assert.equal(a.get('x')?.count, 3);
    assert.equal(a.total, 7);
  });

  it('property: every key with a true count above total/capacity is present, and estimates bound the truth', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 600 }), fc.integer({ min: 1, max: 12 }), (stream, capacity) => {
        const s = new SpaceSaving(capacity);
        const truth = new Map<string, number>();
        for (const n of stream) {
          const k = `k${n}`;
          s.add(k);
          truth.set(k, (truth.get(k) ?? 0) + 1);
        }
        assert.ok(s.size <= capacity);
        for (const [k, c] of truth) {
          const h = s.get(k);
          if (c > stream.length / capacity) assert.ok(h, `${k} (${c} of ${stream.length}) missing with capacity ${capacity}`);
          if (h) {
            assert.ok(h.count >= c, 'estimate below the truth');
            assert.ok(h.count - h.error <= c, 'lower bound above the truth');
          }
        }
      }),
    );
  });
});
