import { BytesError, BytesErrorCode } from './errors.js';

/**
 * MSB-first bit writer, the inverse of {@link BitReader}: `u(n)`, `ue(v)`, `se(v)` and
 * `rbsp_trailing_bits()` (H.264 §7.3.2.11). Used to serialize AudioSpecificConfig and to
 * build parameter sets in tests.
 *
 * @example
 * const w = new BitWriter();
 * w.u(5, 2).u(4, 3).u(4, 2).u(3, 0); // AAC-LC, 48 kHz, stereo
 * w.finish(); // Uint8Array [0x11, 0x90]
 */
export class BitWriter {
  #bytes: number[] = [];
  #current = 0;
  #used = 0;

  /** Bits written so far. */
  get bitLength(): number {
    return this.#bytes.length * 8 + this.#used;
  }

  /** Writes `value` in `n` bits, 0 ≤ n ≤ 32. */
  u(n: number, value: number): this {
    if (n < 0 || n > 32 || value < 0 || value >= 2 ** n || !Number.isInteger(value)) {
      throw new BytesError(BytesErrorCode.ValueOutOfRange, `value ${value} does not fit in ${n} bits`);
    }
    for (let i = n - 1; i >= 0; i--) {
      this.#current = (this.#current << 1) | (Math.floor(value / 2 ** i) & 1);
      if (++this.#used === 8) {
        this.#bytes.push(this.#current);
        this.#current = 0;
        this.#used = 0;
      }
    }
    return this;
  }

  flag(value: boolean): this {
    return this.u(1, value ? 1 : 0);
  }

  /** Unsigned exp-Golomb (H.264 §9.1). */
  ue(value: number): this {
    const codeNum = value + 1;
    const bits = Math.floor(Math.log2(codeNum)) + 1;
    this.u(bits - 1, 0);
    // Split long codes so each `u()` call stays within 32 bits.
    if (bits > 32) this.u(bits - 32, Math.floor(codeNum / 2 ** 32)).u(32, codeNum % 2 ** 32);
    else this.u(bits, codeNum);
    return this;
  }

  /** Signed exp-Golomb (H.264 §9.1.1). */
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** `rbsp_trailing_bits()`: a stop bit 1, then zeros to the byte boundary. */
  trailingBits(): this {
    this.u(1, 1);
    while (this.#used !== 0) this.u(1, 0);
    return this;
  }

  /** Pads with zero bits to the byte boundary and returns the bytes. */
  finish(): Uint8Array {
    const out = [...this.#bytes];
    if (this.#used > 0) out.push((this.#current << (8 - this.#used)) & 0xff);
    return Uint8Array.from(out);
  }
}
