import { joinAnnexB, joinLengthPrefixed, splitAnnexB, splitLengthPrefixed } from '@rtspkit/bytes';
import { h264ErrorFactory } from './errors.js';

/**
 * Annex-B byte stream → AVCC sample (4-byte big-endian lengths, ISO 14496-15 §5.3.2), as an
 * MP4 `mdat` sample holds it. The output is a new array.
 */
export function annexBToAvcc(stream: Uint8Array): Uint8Array {
  return joinLengthPrefixed(splitAnnexB(stream));
}

/**
 * AVCC sample with `lengthSize`-byte lengths → Annex-B with 4-byte start codes. A length
 * past the end throws `H264Error` (`ERR_H264_TRUNCATED`).
 */
export function avccToAnnexB(sample: Uint8Array, lengthSize: 1 | 2 | 4 = 4): Uint8Array {
  return joinAnnexB(splitLengthPrefixed(sample, lengthSize, h264ErrorFactory));
}
