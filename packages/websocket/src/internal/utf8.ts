/**
 * Incremental UTF-8 validation and decoding across fragments: a fatal `TextDecoder` in
 * streaming mode fails as soon as a sequence is definitely invalid and holds an
 * incomplete one until the next fragment. Returns `undefined` on invalid input.
 */
export class Utf8Accumulator {
  #decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  #text = '';

  /** Adds a fragment; `false` when the bytes so far are not a valid UTF-8 prefix. */
  push(bytes: Uint8Array, last: boolean): boolean {
    try {
      this.#text += this.#decoder.decode(bytes, { stream: !last });
      return true;
    } catch {
      this.#decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
      return false;
    }
  }

  /** The decoded text; resets for the next message. */
  take(): string {
    const text = this.#text;
    this.#text = '';
    return text;
  }
}
