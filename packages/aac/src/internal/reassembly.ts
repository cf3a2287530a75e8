import { AacError, AacErrorCode } from '../errors.js';

/**
 * Collects the fragments of one unit (an RFC 3640 AU, an RFC 6416 AudioMuxElement) across
 * consecutive packets of one timestamp, within a byte limit.
 */
export class Reassembly {
  #chunks: Uint8Array[] = [];
  #length = 0;
  #timestamp = 0;
  #lastSequence = 0;
  readonly #maxBytes: number;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get active(): boolean {
    return this.#chunks.length > 0;
  }

  get length(): number {
    return this.#length;
  }

  get timestamp(): number {
    return this.#timestamp;
  }

  /** True when the packet continues the unit being collected: next sequence number, same timestamp. */
  continues(sequenceNumber: number, timestamp: number): boolean {
    return this.active && sequenceNumber === ((this.#lastSequence + 1) & 0xffff) && timestamp === this.#timestamp;
  }

  /** Appends a copy of a fragment; the first one sets the timestamp. */
  add(chunk: Uint8Array, sequenceNumber: number, timestamp: number): void {
    if (this.#length + chunk.length > this.#maxBytes) {
      const total = this.#length + chunk.length;
      this.reset();
      throw new AacError(AacErrorCode.TooLarge, `reassembled unit of ${total} bytes exceeds ${this.#maxBytes}`);
    }
    if (!this.active) this.#timestamp = timestamp;
    this.#chunks.push(chunk.slice()); // a copy: callers may reuse packet buffers
    this.#length += chunk.length;
    this.#lastSequence = sequenceNumber;
  }

  /** The collected bytes as one new array; resets. */
  take(): Uint8Array {
    const out = this.peek();
    this.reset();
    return out;
  }

  /** The collected bytes as one new array, keeping them. */
  peek(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let o = 0;
    for (const c of this.#chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  reset(): void {
    this.#chunks = [];
    this.#length = 0;
  }
}
