/**
 * Extends a wrapping counter of `bits` bits to a monotonic number: each value is read as
 * the one nearest to the highest seen so far (within half the range), so wrap-around and
 * reordering near the wrap come out right, and a late packet never moves the reference.
 * A jump of more than half the range cannot be told from a step the other way and is read
 * as the nearer one.
 */
class Unwrapper {
  readonly #range: number;
  readonly #half: number;
  #highest: number | undefined;

  constructor(bits: number) {
    this.#range = 2 ** bits;
    this.#half = 2 ** (bits - 1);
  }

  /** The highest unwrapped value so far, or undefined before the first. */
  get highest(): number | undefined {
    return this.#highest;
  }

  unwrap(value: number): number {
    const highest = this.#highest;
    if (highest === undefined) {
      this.#highest = value;
      return value;
    }
    let delta = (value - (highest % this.#range) + this.#range) % this.#range;
    if (delta >= this.#half) delta -= this.#range;
    const unwrapped = highest + delta;
    if (delta > 0) this.#highest = unwrapped;
    return unwrapped;
  }

  /** Forgets the reference, as for a new source. */
  reset(): void {
    this.#highest = undefined;
  }
}

/**
 * Unwraps 16-bit RTP sequence numbers to monotonic numbers. The first value maps to itself;
 * values before it (reordered across the start) may come out negative.
 *
 * @example
 * const u = new SequenceUnwrapper();
 * u.unwrap(65534); // 65534
 * u.unwrap(1);     // 65537
 * u.unwrap(65535); // 65535 (late, across the wrap)
 * @see RFC 3550 §5.1, A.1
 */
export class SequenceUnwrapper extends Unwrapper {
  constructor() {
    super(16);
  }
}

/**
 * Unwraps 32-bit RTP timestamps to monotonic numbers, the same way as
 * {@link SequenceUnwrapper}: B-frames and reordering step back a little, a wrap steps on.
 *
 * @see RFC 3550 §5.1
 */
export class TimestampUnwrapper extends Unwrapper {
  constructor() {
    super(32);
  }
}
