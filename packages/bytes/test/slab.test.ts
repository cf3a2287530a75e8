import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteSlab, BytesError, FragmentAssembler, concatList } from '../src/index.js';

describe('ByteSlab', () => {
  const cases = [
    // [slab size, lengths allocated in order, how many distinct ArrayBuffers they use]
    { name: 'small arrays share one slab', size: 1024, lengths: [10, 20, 30], buffers: 1 },
    { name: 'a full slab starts a new one', size: 64, lengths: [8, 8, 8, 8, 8, 8, 8, 8, 1], buffers: 2 },
    { name: 'over size/8 gets its own buffer', size: 1024, lengths: [129, 129], buffers: 2 },
    { name: 'exactly size/8 is shared', size: 1024, lengths: [128, 128], buffers: 1 },
    { name: 'zero length is a valid empty view', size: 64, lengths: [0, 0], buffers: 1 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const slab = new ByteSlab(c.size);
      const arrays = c.lengths.map((n) => slab.alloc(n));
      expect(arrays.map((a) => a.length)).toEqual(c.lengths);
      expect(new Set(arrays.map((a) => a.buffer)).size).toBe(c.buffers);
      for (const a of arrays) expect(a.every((b) => b === 0)).toBe(true);
    });
  }

  it('aligns each array to eight bytes', () => {
    const slab = new ByteSlab(1024);
    expect([3, 5, 9, 1].map((n) => slab.alloc(n).byteOffset)).toEqual([0, 8, 16, 32]);
  });

  it('starts a new slab when the old one was transferred away', () => {
    const slab = new ByteSlab(1024);
    const first = slab.alloc(16);
    structuredClone(first.buffer, { transfer: [first.buffer] });
    expect(first.length).toBe(0); // detached
    const next = slab.alloc(16);
    expect(next.length).toBe(16);
    next.fill(7);
    expect(next.every((b) => b === 7)).toBe(true);
  });

  it('refuses a size below 64 with its own error', () => {
    for (const size of [0, 63, 100.5, Number.NaN]) {
      expect(() => new ByteSlab(size)).toThrow(BytesError);
    }
  });

  it('arrays never overlap: what is written to each survives every later allocation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 64, max: 4096 }),
        fc.array(fc.nat({ max: 1024 }), { maxLength: 200 }),
        (size, lengths) => {
          const slab = new ByteSlab(size);
          const arrays = lengths.map((n, i) => {
            const a = slab.alloc(n);
            expect(a.length).toBe(n);
            expect(a.every((b) => b === 0)).toBe(true);
            a.fill((i % 255) + 1);
            return a;
          });
          arrays.forEach((a, i) => {
            expect(a.every((b) => b === (i % 255) + 1)).toBe(true);
          });
        },
      ),
    );
  });
});

describe('FragmentAssembler', () => {
  it('rebuilds header and fragments in order', () => {
    const fu = new FragmentAssembler();
    expect(fu.active).toBe(false);
    fu.start(Uint8Array.of(0x65), Uint8Array.of(1, 2));
    expect(fu.active).toBe(true);
    fu.append(Uint8Array.of(3));
    fu.append(Uint8Array.of(4, 5, 6));
    expect(fu.bytes).toBe(7);
    expect(fu.finish()).toEqual(Uint8Array.of(0x65, 1, 2, 3, 4, 5, 6));
    expect(fu.active).toBe(false);
    expect(fu.bytes).toBe(0);
  });

  it('copies: changing a fragment after finish() does not change the unit', () => {
    const data = Uint8Array.of(1, 2, 3);
    const fu = new FragmentAssembler();
    fu.start(Uint8Array.of(0x41, 0x01), data);
    const unit = fu.finish();
    data.fill(0);
    expect(unit).toEqual(Uint8Array.of(0x41, 0x01, 1, 2, 3));
  });

  it('clear() drops what was collected', () => {
    const fu = new FragmentAssembler();
    fu.start(Uint8Array.of(1), Uint8Array.of(2));
    fu.clear();
    expect(fu.active).toBe(false);
    expect(fu.bytes).toBe(0);
  });

  it('any split of a unit reassembles to the unit, and units never disturb each other', () => {
    const unit = fc
      .tuple(
        fc.uint8Array({ minLength: 1, maxLength: 2 }),
        fc.array(fc.uint8Array({ maxLength: 3000 }), { minLength: 1, maxLength: 8 }),
      )
      .map(([header, fragments]) => ({ header, fragments }));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }), (units) => {
        const fu = new FragmentAssembler(new ByteSlab(4096));
        const out = units.map(({ header, fragments }) => {
          fu.start(header, fragments[0] as Uint8Array);
          for (const f of fragments.slice(1)) fu.append(f);
          expect(fu.bytes).toBe(header.length + fragments.reduce((n, f) => n + f.length, 0));
          return fu.finish();
        });
        units.forEach(({ header, fragments }, i) => {
          expect(out[i]).toEqual(concatList([header, ...fragments]));
        });
      }),
    );
  });
});
