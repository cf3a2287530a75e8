/**
 * Reassembles one fragmented unit: a rebuilt header, then the data of each fragment in
 * order. Codec-agnostic bookkeeping (H.264 FU-A/FU-B, H.265 FU, AAC fragmented AUs): it
 * counts bytes as it goes so a caller can enforce a limit before copying anything.
 */
export class FragmentBuffer {
  #header: Uint8Array | undefined;
  #chunks: Uint8Array[] = [];
  #bytes = 0;

  /** True between `start()` and `finish()`/`clear()`. */
  get active(): boolean {
    return this.#header !== undefined;
  }

  /** Bytes the reassembled unit would have now (header included). */
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

  /** Copies header and fragments into one new array and clears the buffer. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.#bytes);
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
