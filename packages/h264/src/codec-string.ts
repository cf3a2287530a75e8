import type { H264Sps } from './sps.js';

const hex2 = (n: number) => (n & 0xff).toString(16).toUpperCase().padStart(2, '0');

/**
 * The RFC 6381 `codecs` parameter for an H.264 stream: `avc1.PPCCLL` (profile_idc,
 * constraint flags byte, level_idc in hex), as MSE's `isTypeSupported` and HLS expect.
 *
 * @example
 * h264CodecString(parseH264Sps(sps)); // "avc1.42C01E"
 * @see RFC 6381 §3.3
 */
export function h264CodecString(sps: Pick<H264Sps, 'profileIdc' | 'constraintSetFlags' | 'levelIdc'>): string {
  return `avc1.${hex2(sps.profileIdc)}${hex2(sps.constraintSetFlags)}${hex2(sps.levelIdc)}`;
}
