import { BytesErrorCode, type ErrorFactory, defaultErrorFactory } from './errors.js';

/**
 * MSB-first bit reader with the descriptors of ITU-T H.264 §7.2 / H.265 §7.2:
 * `u(n)`, `ue(v)`, `se(v)`, `more_rbsp_data()`.
 *
 * Feed it an RBSP (emulation prevention already removed, see {@link removeEmulationPrevention}).
 * Errors carry the byte offset of the bit being read.
 *
 * @example
 * const r = new BitReader(hex`a6`); // 1 010 0110
 * r.ue(); // 0  ("1")
 * r.ue(); // 1  ("010")
 * r.se(); // -1 ("011")
 */
export class BitReader {
  readonly bytes: Uint8Array;
  /** Position of the next bit, counted from the MSB of `bytes[0]`. */
  bitPosition = 0;
  readonly #error: ErrorFactory;

  constructor(bytes: Uint8Array, error: ErrorFactory = defaultErrorFactory) {
    this.bytes = bytes;
    this.#error = error;
  }

  /** Bits left to read. */
  get bitsLeft(): number {
    return this.bytes.length * 8 - this.bitPosition;
  }

  /** True when the next bit is the first of a byte (`byte_aligned()`). */
  get byteAligned(): boolean {
    return (this.bitPosition & 7) === 0;
  }

  /** Byte offset of the next bit. */
  get byteOffset(): number {
    return this.bitPosition >>> 3;
  }

  #need(n: number): void {
    if (n > this.bitsLeft) {
      throw this.#error(BytesErrorCode.OutOfRange, `read of ${n} bits but ${this.bitsLeft} remain`, this.byteOffset);
    }
  }

  /** One bit as a boolean (`u(1)` as a flag). */
  flag(): boolean {
    return this.u(1) === 1;
  }

  /** `u(n)`: an unsigned integer of `n` bits, 0 ≤ n ≤ 32. */
  u(n: number): number {
    this.#need(n);
    let value = 0;
    let left = n;
    while (left > 0) {
      const byte = this.bytes[this.bitPosition >>> 3] as number;
      const bitInByte = this.bitPosition & 7;
      const take = Math.min(8 - bitInByte, left);
      const bits = (byte >>> (8 - bitInByte - take)) & ((1 << take) - 1);
      // Multiply instead of shifting so that 32-bit values stay unsigned.
      value = value * (1 << take) + bits;
      left -= take;
      this.bitPosition += take;
    }
    return value;
  }

  /** Skips `n` bits. */
  skip(n: number): void {
    this.#need(n);
    this.bitPosition += n;
  }

  /** `ue(v)`: unsigned exp-Golomb (H.264 §9.1). Values up to 2^32 − 2. */
  ue(): number {
    const start = this.byteOffset;
    let leadingZeros = 0;
    while (this.u(1) === 0) {
      leadingZeros++;
      if (leadingZeros > 31) {
        throw this.#error(
          BytesErrorCode.ExpGolombOverflow,
          `exp-golomb code with more than 31 leading zero bits`,
          start,
        );
      }
    }
    return 2 ** leadingZeros - 1 + this.u(leadingZeros);
  }

  /** `se(v)`: signed exp-Golomb (H.264 §9.1.1): 1 → 1, 2 → −1, 3 → 2, … */
  se(): number {
    const k = this.ue();
    return k % 2 === 1 ? (k + 1) / 2 : -k / 2 || 0; // `|| 0` turns -0 into 0
  }

  /**
   * `more_rbsp_data()` (H.264 §7.2): true while there is data before the
   * `rbsp_stop_one_bit` — the last 1 bit of the RBSP — and the zero bits after it.
   */
  moreRbspData(): boolean {
    let last = this.bytes.length - 1;
    while (last >= 0 && this.bytes[last] === 0) last--;
    if (last < 0) return false;
    const byte = this.bytes[last] as number;
    // Position of the stop bit: the lowest set bit of the last non-zero byte.
    let stopBit = last * 8 + 7;
    for (let b = 0; b < 8 && ((byte >>> b) & 1) === 0; b++) stopBit--;
    return this.bitPosition < stopBit;
  }
}
