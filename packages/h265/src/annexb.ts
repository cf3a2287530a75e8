import { joinAnnexB, joinLengthPrefixed, splitAnnexB, splitLengthPrefixed } from '@rtspkit/bytes';
import { h265ErrorFactory } from './errors.js';

/**
 * Annex-B byte stream (start codes) → an ISO BMFF sample (4-byte length-prefixed NAL units,
 * `lengthSize` 4 in hvcC). Returns a new array.
 * @see ISO/IEC 14496-15 §8.3.2, ITU-T H.265 Annex B
 */
export function annexBToHvcc(stream: Uint8Array): Uint8Array {
  return joinLengthPrefixed(splitAnnexB(stream));
}

/**
 * ISO BMFF sample (length-prefixed NAL units) → Annex-B with 4-byte start codes. Throws
 * `ERR_H265_TRUNCATED` when a length runs past the sample.
 * @see ISO/IEC 14496-15 §8.3.2, ITU-T H.265 Annex B
 */
export function hvccToAnnexB(sample: Uint8Array, lengthSize: 1 | 2 | 4 = 4): Uint8Array {
  return joinAnnexB(splitLengthPrefixed(sample, lengthSize, h265ErrorFactory));
}
