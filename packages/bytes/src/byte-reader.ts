import { BytesErrorCode, type ErrorFactory, defaultErrorFactory } from './errors.js';

/**
 * Big-endian reader over a `Uint8Array`, the network byte order of every format in rtspkit.
 *
 * Views it returns (`bytes()`, `rest()`) alias the input: zero copy, so copy what you keep.
 * The input is never mutated. Reading past the end throws the error built by `error`
 * (default {@link BytesError}) with code `ERR_BYTES_OUT_OF_RANGE` and the offset of the read.
 *
 * @example
 * const r = new ByteReader(hex`80 60 00 01`);
 * r.u8(); // 0x80
 * r.u8(); // 0x60
 * r.u16(); // 1
 */
export class ByteReader {
  /** Offset of the next byte to read, relative to `bytes`. */
  offset: number;
  readonly bytes: Uint8Array;
  readonly #error: ErrorFactory;
  // Created on first use only: most readers (one per packet) never need it, and a DataView
  // per packet costs more than the header it reads.
  #dataView: DataView | undefined;

  constructor(bytes: Uint8Array, offset = 0, error: ErrorFactory = defaultErrorFactory) {
    this.bytes = bytes;
    this.offset = offset;
    this.#error = error;
  }

  get #view(): DataView {
    this.#dataView ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    return this.#dataView;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Throws unless at least `n` bytes remain. */
  need(n: number, what = 'read'): void {
    if (this.offset + n > this.bytes.length) {
      throw this.#error(
        BytesErrorCode.OutOfRange,
        `${what} needs ${n} bytes but ${this.bytes.length - this.offset} remain`,
        this.offset,
      );
    }
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.offset++] as number;
  }

  u16(): number {
    this.need(2);
    const b = this.bytes;
    const o = this.offset;
    this.offset = o + 2;
    return ((b[o] as number) << 8) | (b[o + 1] as number);
  }

  u24(): number {
    this.need(3);
    const b = this.bytes;
    const o = this.offset;
    this.offset = o + 3;
    return ((b[o] as number) << 16) | ((b[o + 1] as number) << 8) | (b[o + 2] as number);
  }

  u32(): number {
    this.need(4);
    const b = this.bytes;
    const o = this.offset;
    this.offset = o + 4;
    return (
      (b[o] as number) * 0x1000000 + (((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number))
    );
  }

  /** 64-bit unsigned as a `bigint` (NTP timestamps, 64-bit box fields). */
  u64(): bigint {
    this.need(8);
    const v = this.#view.getBigUint64(this.offset);
    this.offset += 8;
    return v;
  }

  i8(): number {
    this.need(1);
    return this.#view.getInt8(this.offset++);
  }

  i16(): number {
    this.need(2);
    const v = this.#view.getInt16(this.offset);
    this.offset += 2;
    return v;
  }

  i32(): number {
    this.need(4);
    const v = this.#view.getInt32(this.offset);
    this.offset += 4;
    return v;
  }

  /** Next byte without consuming it. */
  peek(): number {
    this.need(1);
    return this.bytes[this.offset] as number;
  }

  /** `n` bytes as a view aliasing the input. */
  bytesView(n: number): Uint8Array {
    this.need(n);
    const v = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }

  /** Everything left, as a view aliasing the input. */
  rest(): Uint8Array {
    const v = this.bytes.subarray(this.offset);
    this.offset = this.bytes.length;
    return v;
  }

  skip(n: number): void {
    this.need(n, 'skip');
    this.offset += n;
  }
}
