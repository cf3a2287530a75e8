import { BytesErrorCode, BytesError } from './errors.js';

/** Default first allocation of a {@link ByteWriter}: one typical RTP packet. */
const DEFAULT_INITIAL_CAPACITY = 1500;

/**
 * Growable big-endian writer. Doubles its buffer as needed; `finish()` returns a view of
 * what was written (it aliases the writer's buffer: stop writing after calling it).
 *
 * `patchU32(at, value)` back-fills a length written before its content, as ISO BMFF box
 * sizes need.
 *
 * @example
 * const w = new ByteWriter();
 * w.u8(0x80).u8(96).u16(1);
 * w.finish(); // Uint8Array [0x80, 0x60, 0x00, 0x01]
 */
export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  /** Bytes written so far; the offset of the next write. */
  length = 0;

  constructor(initialCapacity = DEFAULT_INITIAL_CAPACITY) {
    this.#buf = new Uint8Array(Math.max(16, initialCapacity));
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): this {
    const needed = this.length + n;
    if (needed > this.#buf.length) {
      let size = this.#buf.length * 2;
      while (size < needed) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.#buf.subarray(0, this.length));
      this.#buf = next;
      this.#view = new DataView(next.buffer);
    }
    return this;
  }

  u8(v: number): this {
    this.reserve(1);
    this.#buf[this.length++] = v;
    return this;
  }

  u16(v: number): this {
    this.reserve(2);
    this.#view.setUint16(this.length, v);
    this.length += 2;
    return this;
  }

  u24(v: number): this {
    this.reserve(3);
    this.#buf[this.length] = (v >>> 16) & 0xff;
    this.#view.setUint16(this.length + 1, v & 0xffff);
    this.length += 3;
    return this;
  }

  u32(v: number): this {
    this.reserve(4);
    this.#view.setUint32(this.length, v >>> 0);
    this.length += 4;
    return this;
  }

  i16(v: number): this {
    this.reserve(2);
    this.#view.setInt16(this.length, v);
    this.length += 2;
    return this;
  }

  i32(v: number): this {
    this.reserve(4);
    this.#view.setInt32(this.length, v);
    this.length += 4;
    return this;
  }

  u64(v: bigint | number): this {
    this.reserve(8);
    this.#view.setBigUint64(this.length, BigInt(v));
    this.length += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.reserve(b.length);
    this.#buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** ASCII/Latin-1 text, one byte per UTF-16 code unit (box types, header names). */
  ascii(s: string): this {
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.#buf[this.length++] = s.charCodeAt(i) & 0xff;
    return this;
  }

  /** `n` bytes of `value` (zero by default). */
  fill(n: number, value = 0): this {
    this.reserve(n);
    this.#buf.fill(value, this.length, this.length + n);
    this.length += n;
    return this;
  }

  /** Overwrites 4 bytes at `at` (a size written before its content). */
  patchU32(at: number, v: number): this {
    if (at < 0 || at + 4 > this.length) {
      throw new BytesError(BytesErrorCode.ValueOutOfRange, `patch at ${at} outside written ${this.length} bytes`);
    }
    this.#view.setUint32(at, v >>> 0);
    return this;
  }

  /** What was written, as a view of the internal buffer. */
  finish(): Uint8Array {
    return this.#buf.subarray(0, this.length);
  }
}
