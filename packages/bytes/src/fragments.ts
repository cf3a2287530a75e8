import { ByteSlab } from './slab.js';

/**
 * Reassembles one fragmented unit (H.264 FU-A/FU-B, H.265 FU, an AAC AU split over packets):
 * a rebuilt header, then each fragment's data in order. Fragments are kept as views until
 * `finish()` copies them once; `bytes` counts as it goes so a caller can enforce a limit
 * before anything is copied.
 *
 * @example
 * const fu = new FragmentAssembler();
 * fu.start(Uint8Array.of(0x65), first);  // rebuilt NAL unit header, first fragment's data
 * fu.append(middle);
 * fu.append(last);
 * const nal = fu.finish();               // header + first + middle + last
 */
export class FragmentAssembler {
  readonly #slab: ByteSlab;
  #header: Uint8Array | undefined;
  #chunks: Uint8Array[] = [];
  #bytes = 0;

  /** `slab`: where finished units are allocated (see {@link ByteSlab} for what sharing means). */
  constructor(slab: ByteSlab = new ByteSlab()) {
    this.#slab = slab;
  }

  /** True between `start()` and `finish()`/`clear()`. */
  get active(): boolean {
    return this.#header !== undefined;
  }

  /** Bytes the reassembled unit would have now, header included. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Starts a unit with `header` and the first fragment's data (both kept as views). */
  start(header: Uint8Array, data: Uint8Array): void {
    this.#header = header;
    this.#chunks = [data];
    this.#bytes = header.length + data.length;
  }

  /** Appends a middle or last fragment (kept as a view until `finish()`). */
  append(data: Uint8Array): void {
    this.#chunks.push(data);
    this.#bytes += data.length;
  }

  /** Copies header and fragments into one array, taken from the slab, and clears. */
  finish(): Uint8Array {
    const out = this.#slab.alloc(this.#bytes);
    let o = 0;
    if (this.#header !== undefined) {
      out.set(this.#header);
      o = this.#header.length;
    }
    for (const chunk of this.#chunks) {
      out.set(chunk, o);
      o += chunk.length;
    }
    this.clear();
    return out;
  }

  /** Drops what was collected. */
  clear(): void {
    this.#header = undefined;
    this.#chunks = [];
    this.#bytes = 0;
  }
}
