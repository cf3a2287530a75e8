import { BitReader, type BitWriter } from '@rtspkit/bytes';
import { AacError, AacErrorCode, aacErrorFactory } from '../errors.js';

/** A BitReader whose failures are {@link AacError}s. */
export function bitReader(bytes: Uint8Array): BitReader {
  return new BitReader(bytes, aacErrorFactory);
}

/** Writes `value` in `n` bits, or throws `ERR_AAC_VALUE_OUT_OF_RANGE` naming `field`. */
export function put(w: BitWriter, n: number, value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** n) {
    throw new AacError(AacErrorCode.ValueOutOfRange, `${field} ${value} does not fit in ${n} bits`);
  }
  w.u(n, value);
}

/** Copies `bitLength` bits starting at the reader's position into fresh bytes (for unaligned payloads). */
export function readBitsAsBytes(r: BitReader, byteLength: number): Uint8Array {
  if (r.byteAligned) {
    r.skip(byteLength * 8);
    const end = r.byteOffset;
    return r.bytes.subarray(end - byteLength, end);
  }
  r.skip(byteLength * 8);
  r.bitPosition -= byteLength * 8;
  const out = new Uint8Array(byteLength);
  for (let i = 0; i < byteLength; i++) out[i] = r.u(8);
  return out;
}

/** Writes the first `bitLength` bits of `bytes` (MSB first), e.g. what another writer produced. */
export function putBits(w: BitWriter, bytes: Uint8Array, bitLength: number): void {
  const whole = bitLength >>> 3;
  for (let i = 0; i < whole; i++) w.u(8, bytes[i] as number);
  const rest = bitLength & 7;
  if (rest > 0) w.u(rest, (bytes[whole] as number) >>> (8 - rest));
}
