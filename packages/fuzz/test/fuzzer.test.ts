import { describe, expect, it } from 'vitest';
import { examine } from '../src/check.js';
import { fuzz } from '../src/fuzz.js';
import { generate } from '../src/generate.js';
import { byteMutators } from '../src/mutate.js';
import { joinRecords, packetMutators, splitRecords } from '../src/packets.js';
import { Rng } from '../src/rng.js';
import { shrink } from '../src/shrink.js';
import type { Target } from '../src/target.js';
import { targets } from '../src/targets/index.js';

class ToyError extends Error {
  constructor(
    readonly code: string,
    readonly offset?: number,
  ) {
    super(code);
  }
}
const errors = { name: 'ToyError', type: ToyError, codes: { Bad: 'ERR_TOY_BAD' } };
const seeds = () => [Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])];

const parseTarget = (parse: (b: Uint8Array) => unknown, extra: Partial<Target> = {}): Target =>
  ({ kind: 'parse', name: 'toy/parse', errors, seeds, mutators: byteMutators, parse, ...extra }) as Target;

describe('fuzzer', () => {
  it('generates the same inputs from the same seed, and other inputs from another', () => {
    for (const t of targets.slice(0, 12)) {
      for (let i = 0; i < 20; i++) {
        expect(generate(t, 7, i).input).toEqual(generate(t, 7, i).input);
      }
      const a = Array.from({ length: 30 }, (_, i) => Buffer.from(generate(t, 1, 1000 + i).input).toString('hex'));
      const b = Array.from({ length: 30 }, (_, i) => Buffer.from(generate(t, 2, 1000 + i).input).toString('hex'));
      expect(a).not.toEqual(b);
    }
  });

  it('never mutates a seed', () => {
    const rng = new Rng(3);
    const seed = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const copy = seed.slice();
    for (let i = 0; i < 2000; i++) rng.pick([...byteMutators, ...packetMutators()])(seed, rng, [seed]);
    expect(seed).toEqual(copy);
  });

  it('keeps packet windows in the capture layout', () => {
    const packets = [Uint8Array.of(0x80, 1, 2), new Uint8Array(0), Uint8Array.of(9)];
    expect(splitRecords(joinRecords(packets))).toEqual(packets);
    expect(splitRecords(Uint8Array.of(0, 5, 1))).toEqual([]);
  });

  it('reports a foreign error, shrunk to the byte that causes it', () => {
    const target = parseTarget((b) => {
      if (b.includes(0x42)) throw new TypeError('boom');
      return b.length;
    });
    const input = Uint8Array.from([9, 9, 9, 0x42, 9, 9, 9, 9, 9]);
    expect(examine(target, input)?.check).toBe('error');
    expect(Array.from(shrink(target, input, 'error'))).toEqual([0x42]);
  });

  it('reports an undocumented code and an offset outside the input', () => {
    expect(
      examine(
        parseTarget(() => {
          throw new ToyError('ERR_OTHER');
        }),
        Uint8Array.of(1),
      )?.message,
    ).toMatch('ERR_OTHER');
    expect(
      examine(
        parseTarget(() => {
          throw new ToyError('ERR_TOY_BAD', 5);
        }),
        Uint8Array.of(1),
      )?.message,
    ).toMatch('offset 5');
    expect(
      examine(
        parseTarget(() => {
          throw new ToyError('ERR_TOY_BAD', 1);
        }),
        Uint8Array.of(1),
      ),
    ).toBeUndefined();
  });

  it('reports values that cannot be and round trips that break', () => {
    expect(
      examine(
        parseTarget(() => ({ end: Number.POSITIVE_INFINITY })),
        Uint8Array.of(1),
      )?.check,
    ).toBe('value');
    const lossy = parseTarget((b) => ({ n: b[0] ?? 0 }), {
      serialize: ((v: { n: number }) => Uint8Array.of(v.n & 0x7f)) as (v: never) => unknown,
    });
    expect(examine(lossy, Uint8Array.of(0x01))).toBeUndefined();
    expect(examine(lossy, Uint8Array.of(0x81))?.check).toBe('round-trip');
  });

  it('reports a reader that reads another chunking differently, or keeps going after an error', () => {
    const stream = (push: (state: { n: number }, c: Uint8Array) => unknown[]): Target => ({
      kind: 'stream',
      feed: 'bytes',
      name: 'toy/stream',
      errors,
      seeds,
      mutators: byteMutators,
      open: () => {
        const state = { n: 0 };
        return { push: (c) => push(state, c) };
      },
    });
    // one item per push instead of one per byte
    expect(
      examine(
        stream((_, c) => [c.length]),
        Uint8Array.of(1, 2, 3),
      )?.check,
    ).toBe('chunking');
    // an error for the bad byte, forgotten on the next push
    const forgetful = stream((_, c) => {
      if (c.includes(0xff)) throw new ToyError('ERR_TOY_BAD');
      return [];
    });
    expect(examine(forgetful, Uint8Array.of(0xff))?.check).toBe('not-dead');
    const dead = stream((s, c) => {
      if (s.n > 0 || c.includes(0xff)) {
        s.n = 1;
        throw new ToyError('ERR_TOY_BAD');
      }
      return [];
    });
    expect(examine(dead, Uint8Array.of(1, 0xff))).toBeUndefined();
  });

  it('finds quadratic time with the linearity probe', () => {
    // CPU time in proportion to the square of the length (busy-waiting on the process's CPU
    // clock, which the probe reads: the same on any machine, busy or not)
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const quadratic = parseTarget((b) => {
      const until = cpuMs() + (b.length / 16384) ** 2 * 40;
      while (cpuMs() < until) {}
      return b.length;
    });
    expect(examine(quadratic, Uint8Array.of(1, 2, 3, 4), { probe: true })?.check).toBe('nonlinear');
    const linear = parseTarget((b) => b.reduce((a, x) => a + x, 0));
    expect(examine(linear, Uint8Array.of(1, 2, 3, 4), { probe: true })).toBeUndefined();
  }, 60_000);

  it('runs a bounded, reproducible campaign', () => {
    const buggy = parseTarget((b) => {
      if (b.length > 8 && b[8] === 0) throw new RangeError('index');
      return b.length;
    });
    const first = fuzz({ seed: 11, targets: [buggy], inputs: 400, shrink: false });
    const again = fuzz({ seed: 11, targets: [buggy], inputs: 400, shrink: false });
    expect(first.inputs).toBe(400);
    expect(first.findings.map((f) => f.check)).toEqual(['error']);
    expect(again.findings).toEqual(first.findings);
  });
});
