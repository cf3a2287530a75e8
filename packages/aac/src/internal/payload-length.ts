import type { BitReader } from '@rtspkit/bytes';

/**
 * LATM PayloadLengthInfo for frameLengthType 0: bytes of 0xFF while the length goes on,
 * then the last byte (< 0xFF); the length is their sum.
 *
 * ```
 * 300 bytes → ff 2d      255 bytes → ff 00      254 bytes → fe
 * ```
 * @see ISO/IEC 14496-3 §1.7.3 (PayloadLengthInfo, table 1.44)
 */
export function readPayloadLengthInfo(r: BitReader): number {
  let length = 0;
  let b: number;
  do {
    b = r.u(8);
    length += b;
  } while (b === 0xff);
  return length;
}

/** Bytes {@link writePayloadLengthInfo} writes for `length`. */
export function payloadLengthInfoSize(length: number): number {
  return Math.floor(length / 255) + 1;
}

/** Writes the PayloadLengthInfo of `length` at `offset`; returns the offset after it. */
export function writePayloadLengthInfo(length: number, target: Uint8Array, offset: number): number {
  let o = offset;
  for (let left = length; left >= 255; left -= 255) target[o++] = 0xff;
  target[o++] = length % 255;
  return o;
}
