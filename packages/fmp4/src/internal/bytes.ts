/**
 * Bytes backed by an `ArrayBuffer`: what `SourceBuffer.appendBuffer`, `new Blob` and
 * `WritableStream`s take as typed by TypeScript 5.7+ (`Uint8Array<ArrayBufferLike>`, which
 * may be a `SharedArrayBuffer` view, is not a `BufferSource`).
 */
export type Fmp4Bytes = Uint8Array<ArrayBuffer>;

/** `bytes` itself when it views an `ArrayBuffer` (always, unless the caller shares memory), else a copy. */
export function arrayBufferBytes(bytes: Uint8Array): Fmp4Bytes {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Fmp4Bytes) : bytes.slice();
}
