import { describe, expect, it } from 'vitest';
import { type Suite, formatComparisons, formatTable, median, runSuite } from '../src/harness.js';

/** A fake clock: each batch of an implementation advances it by that implementation's cost. */
function fakeSuite(costs: Record<string, number>, order: string[]): { suite: Suite; now: () => number } {
  let t = 0;
  const impl = (name: string) => ({
    name,
    run: () => {
      order.push(name);
      t += costs[name]!;
      return 10;
    },
  });
  const [first, ...rest] = Object.keys(costs);
  return { suite: { name: 'fake', unit: 'items', ours: impl(first!), peers: rest.map(impl) }, now: () => t };
}

describe('bench harness', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('computes rates and ours ÷ peer ratios from the clock', () => {
    const order: string[] = [];
    const { suite, now } = fakeSuite({ ours: 1, slow: 4 }, order);
    const r = runSuite(suite, { rounds: 3, sliceMs: 20, warmupBatches: 0, now });
    // 10 items per 1 ms → 10 000 items/s; per 4 ms → 2 500 items/s.
    expect(r.ours.median).toBe(10_000);
    expect(r.peers[0]!.median).toBe(2_500);
    expect(r.peers[0]!.ratio).toBe(4);
    expect(formatTable([r])).toMatch(/slow\s+2\.5 k items\/s\s+4\.00x/);
  });

  it('rotates which implementation runs first in each round', () => {
    const order: string[] = [];
    const { suite, now } = fakeSuite({ a: 10, b: 10, c: 10 }, order);
    runSuite(suite, { rounds: 3, sliceMs: 10, warmupBatches: 0, now });
    expect(order).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
  });

  it('refuses to time implementations that disagree', () => {
    const order: string[] = [];
    const { suite, now } = fakeSuite({ a: 1 }, order);
    const bad = {
      ...suite,
      verify: () => {
        throw new Error('mismatch');
      },
    };
    expect(() => runSuite(bad, { rounds: 1, sliceMs: 1, warmupBatches: 0, now })).toThrow('mismatch');
    expect(order).toEqual([]);
  });

  it('formats comparisons with ours ÷ peer per metric', () => {
    const text = formatComparisons([
      {
        name: 'fan-out',
        metrics: ['server CPU, %', 'late frames'],
        ours: { name: 'ours', values: [12.5, 0] },
        peers: [{ name: 'peer', values: [50, 0] }],
      },
    ]);
    expect(text.split('\n')).toEqual([
      'fan-out',
      'metric         ours   peer  ours ÷ peer',
      'server CPU, %  12.50  50    0.25x',
      'late frames    0      0     =',
    ]);
  });
});
