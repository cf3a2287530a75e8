import { BytesError, BytesErrorCode } from './errors.js';

/** Default slab size: 64 KiB, a few dozen typical RTP-sized units. */
const DEFAULT_SLAB_SIZE = 64 * 1024;

/**
 * Hands out small byte arrays carved from larger shared ones, the way Node's `Buffer` pool
 * does. A new `ArrayBuffer` costs far more than copying a packet-sized unit into it (V8 gives
 * every one outside the heap its own backing store), so the per-packet paths (reassembled
 * NAL units, serialized RTP packets) take their arrays from a slab.
 *
 * Arrays up to `size / 8` bytes share an `ArrayBuffer` with their neighbours; larger ones
 * get their own. Consequences for callers, as with pooled `Buffer`s:
 * - use the array, never its `.buffer` without `byteOffset` and `byteLength`;
 * - a kept array keeps its whole slab (at most `size` bytes) alive; `slice()` it to keep
 *   something small for long;
 * - transferring `.buffer` (postMessage) detaches the neighbours too; copy first. The slab
 *   notices a detached buffer and starts a new one.
 *
 * @example
 * const slab = new ByteSlab();
 * const nal = slab.alloc(1400); // zero-filled view of 1400 bytes
 */
export class ByteSlab {
  readonly #size: number;
  readonly #maxShared: number;
  #slab = new Uint8Array(0);
  #used = 0;

  constructor(size = DEFAULT_SLAB_SIZE) {
    if (!Number.isInteger(size) || size < 64) {
      throw new BytesError(BytesErrorCode.ValueOutOfRange, `slab size ${size} is not an integer of at least 64`);
    }
    this.#size = size;
    this.#maxShared = size >>> 3;
  }

  /** A zero-filled array of `length` bytes, shared with other allocations when small. */
  alloc(length: number): Uint8Array {
    if (length > this.#maxShared) return new Uint8Array(length);
    let start = this.#used;
    // A detached slab (its buffer was transferred) has length 0 and is replaced here.
    if (start + length > this.#slab.length) {
      this.#slab = new Uint8Array(this.#size);
      start = 0;
    }
    // Eight-byte alignment keeps neighbours on separate words.
    this.#used = (start + length + 7) & ~7;
    return this.#slab.subarray(start, start + length);
  }
}
