/**
 * A small seeded generator (sfc32): the same seed gives the same inputs on every machine,
 * so a finding is reproduced from `(seed, target, index)` alone.
 */
export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(...seeds: number[]) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = 1;
    for (const s of seeds) {
      this.#a ^= s | 0;
      this.#d = (this.#d + 1) | 0;
      for (let i = 0; i < 6; i++) this.u32();
    }
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** An integer in `[0, n)`; 0 when n ≤ 0. */
  below(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** An integer in `[lo, hi]`. */
  int(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.below(items.length)] as T;
  }

  /** Mostly small numbers, sometimes large: sizes of slices and repeats. */
  size(max: number): number {
    const r = this.below(10);
    if (r < 6) return this.int(1, Math.min(max, 8));
    if (r < 9) return this.int(1, Math.min(max, 256));
    return this.int(1, max);
  }
}

/** FNV-1a over bytes or a string: names seeds and finding files. */
export function fnv1a(input: Uint8Array | string): number {
  let h = 0x811c9dc5;
  if (typeof input === 'string') {
    for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < input.length; i++) h = Math.imul(h ^ (input[i] as number), 0x01000193);
  }
  return h >>> 0;
}
