import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferedSeconds, planTrim, QUOTA_TRIM, type TimeRange, type TrimOptions } from '../src/index.js';

const cases: ReadonlyArray<{
  name: string;
  buffered: TimeRange[];
  currentTime: number;
  options?: TrimOptions;
  expected: TimeRange[];
}> = [
  { name: 'nothing buffered', buffered: [], currentTime: 0, expected: [] },
  { name: 'less than keepBehind behind the playhead', buffered: [[0, 10]], currentTime: 2.5, expected: [] },
  { name: 'removable but under minRemove', buffered: [[0, 10]], currentTime: 4.5, expected: [] },
  { name: 'exactly minRemove', buffered: [[0, 10]], currentTime: 5, expected: [[0, 2]] },
  { name: 'a long session', buffered: [[100, 160]], currentTime: 159.7, expected: [[100, 156.7]] },
  {
    name: 'a whole range left behind by a jump, and the head of the current one',
    buffered: [
      [0, 8],
      [20, 30],
    ],
    currentTime: 29.7,
    expected: [
      [0, 8],
      [20, 26.7],
    ],
  },
  {
    name: 'ranges ahead of the playhead are never touched',
    buffered: [
      [0, 1],
      [50, 60],
    ],
    currentTime: 0.5,
    expected: [],
  },
  {
    name: 'after a QuotaExceededError: half a second behind, at once',
    buffered: [[0, 2]],
    currentTime: 1,
    options: QUOTA_TRIM,
    expected: [[0, 0.5]],
  },
];

describe('planTrim', () => {
  for (const c of cases) {
    it(c.name, () => {
      const out = planTrim(c.buffered, c.currentTime, c.options);
      expect(out.length).toBe(c.expected.length);
      out.forEach(([a, b], i) => {
        expect(a).toBeCloseTo(c.expected[i]![0], 9);
        expect(b).toBeCloseTo(c.expected[i]![1], 9);
      });
    });
  }

  const rangesArb = fc
    .array(fc.double({ min: 0.001, max: 30, noNaN: true }), { minLength: 0, maxLength: 12 })
    .map((steps) => {
      // alternate range lengths and holes into sorted disjoint ranges
      const out: TimeRange[] = [];
      let t = 0;
      for (let i = 0; i + 1 < steps.length; i += 2) {
        out.push([t, t + steps[i]!]);
        t += steps[i]! + steps[i + 1]!;
      }
      return out;
    });

  it('removes only what lies more than keepBehind behind the playhead, in order, inside the buffer', () => {
    fc.assert(
      fc.property(
        rangesArb,
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (buffered, currentTime, keepBehind, minRemove) => {
          const out = planTrim(buffered, currentTime, { keepBehind, minRemove });
          let previous = Number.NEGATIVE_INFINITY;
          for (const [a, b] of out) {
            expect(a).toBeLessThan(b);
            expect(a).toBeGreaterThanOrEqual(previous);
            expect(b).toBeLessThanOrEqual(currentTime - keepBehind);
            expect(buffered.some(([s, e]) => a >= s && b <= e)).toBe(true);
            previous = b;
          }
          // what stays behind the cut is less than minRemove, or nothing was removable at all
          const behind = bufferedSeconds(
            buffered.map(([s, e]): TimeRange => [s, Math.min(e, currentTime - keepBehind)]).filter(([s, e]) => e > s),
          );
          if (out.length === 0) expect(behind === 0 || behind < minRemove).toBe(true);
          else expect(bufferedSeconds(out)).toBeCloseTo(behind, 9);
        },
      ),
    );
  });
});
