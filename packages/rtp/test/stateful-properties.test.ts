import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReceptionStats, ReorderBuffer, type RtpPacket, SequenceUnwrapper, TimestampUnwrapper } from '../src/index.js';
import { packet } from './helpers.js';

/** Moves each element by up to `maxShift` places, deterministically from `keys`. */
function locallyShuffle<T>(items: readonly T[], keys: readonly number[], maxShift: number): T[] {
  return items
    .map((item, i) => ({ item, key: i + ((keys[i % keys.length] ?? 0) % (maxShift + 1)) }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}

describe('unwrapper properties', () => {
  for (const [name, bits, make] of [
    ['SequenceUnwrapper', 16, () => new SequenceUnwrapper()],
    ['TimestampUnwrapper', 32, () => new TimestampUnwrapper()],
  ] as const) {
    it(`${name}: random walks across the wrap unwrap to the walk itself`, () => {
      const range = 2 ** bits;
      const half = range / 2;
      const step = fc.integer({ min: -Math.floor(half / 40), max: Math.floor(half / 8) });
      fc.assert(
        fc.property(fc.nat({ max: range - 1 }), fc.array(step, { maxLength: 200 }), (start, steps) => {
          let value = start;
          let highest = start;
          const walk = [start];
          for (const s of steps) {
            value += s;
            // only walks that never fall half a range behind the highest are unambiguous
            fc.pre(highest - value < half);
            highest = Math.max(highest, value);
            walk.push(value);
          }
          const u = make();
          for (const v of walk) expect(u.unwrap(((v % range) + range) % range)).toBe(v);
        }),
        { examples: [[range - 3, [1, 1, 1, -2, 5, -1]]] },
      );
    });
  }
});

describe('ReorderBuffer properties', () => {
  it('under permutation, loss and duplication: strictly increasing output, nothing twice, bounded size', () => {
    fc.assert(
      fc.property(
        fc.record({
          start: fc.nat({ max: 0xffff }),
          count: fc.integer({ min: 1, max: 300 }),
          lossPercent: fc.nat({ max: 30 }),
          dupPercent: fc.nat({ max: 20 }),
          maxShift: fc.nat({ max: 40 }),
          keys: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 64 }),
          capacity: fc.integer({ min: 1, max: 64 }),
          maxDelayMs: fc.nat({ max: 60 }),
        }),
        ({ start, count, lossPercent, dupPercent, maxShift, keys, capacity, maxDelayMs }) => {
          // The timestamp carries the true index, to check the order independently of seq.
          const sent: RtpPacket[] = [];
          for (let i = 0; i < count; i++) {
            const k = keys[i % keys.length] as number;
            if (k % 100 < lossPercent && i > 0) continue;
            sent.push(packet(start + i, i));
            if ((k * 7) % 100 < dupPercent) sent.push(packet(start + i, i));
          }
          const arrivals = locallyShuffle(sent, keys, maxShift);
          const buffer = new ReorderBuffer({ capacity, maxDelayMs });
          const out: RtpPacket[] = [];
          arrivals.forEach((p, now) => {
            out.push(...buffer.push(p, now));
            expect(buffer.size).toBeLessThanOrEqual(capacity);
            if (now % 5 === 0) out.push(...buffer.poll(now));
          });
          out.push(...buffer.flush());
          for (let i = 1; i < out.length; i++) expect(out[i]!.timestamp).toBeGreaterThan(out[i - 1]!.timestamp);
          const { released, lost, dropped, duplicated } = buffer.stats;
          expect(released).toBe(out.length);
          // every arrival is released, dropped or a duplicate
          expect(released + dropped + duplicated).toBe(arrivals.length);
          // every number from the first released to the last is released or lost
          if (out.length > 0) expect(released + lost).toBe(out[out.length - 1]!.timestamp - out[0]!.timestamp + 1);
          // without reordering, loss or duplication, everything comes out at once, in order
          if (maxShift === 0 && dupPercent === 0 && lossPercent === 0)
            expect(out.map((p) => p.timestamp)).toEqual([...Array(count).keys()]);
        },
      ),
    );
  });
});

describe('ReceptionStats properties', () => {
  it('the lost count equals the true loss for a random loss pattern (with reordering < MAX_MISORDER)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffff }),
        fc.integer({ min: 3, max: 600 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 600 }),
        fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 32 }),
        fc.nat({ max: 50 }),
        (start, count, dropMask, keys, maxShift) => {
          // Reorder by up to maxShift sequence numbers (< MAX_MISORDER), then lose packets;
          // keep the two probation packets and the last one (loss after it cannot be known).
          const order = [0, 1, ...locallyShuffle([...Array(count).keys()].slice(2), keys, maxShift)];
          const isDropped = (i: number) => i >= 2 && i < count - 1 && dropMask[i % dropMask.length] === true;
          const arrivals = order.filter((i) => !isDropped(i)).map((i) => packet(start + i, i * 3000));
          const dropped = order.filter(isDropped).length;
          const stats = new ReceptionStats();
          for (const [i, p] of arrivals.entries()) stats.push(p, i * 3000);
          // A.1: counting starts at the packet that ends probation
          expect(stats.expected).toBe(count - 1);
          expect(stats.lost).toBe(dropped);
          expect(stats.reportBlock(0).cumulativeLost).toBe(dropped);
        },
      ),
    );
  });
});
