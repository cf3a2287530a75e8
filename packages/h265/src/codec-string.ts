import type { H265ProfileTierLevel } from './internal/profile-tier-level.js';

const PROFILE_SPACE = ['', 'A', 'B', 'C'] as const;

/**
 * The RFC 6381 `codecs` parameter of an H.265 track: sample entry, profile space and idc,
 * the compatibility flags bit-reversed in hex, tier and level, then the six constraint
 * bytes in hex with trailing zero bytes omitted (e.g. `hvc1.1.6.L93.B0`). Accepts an SPS
 * or an hvcC record (both carry the general profile/tier/level fields).
 * @see ISO/IEC 14496-15 Annex E.3
 */
export function h265CodecString(
  ptl: Pick<
    H265ProfileTierLevel,
    | 'generalProfileSpace'
    | 'generalTierFlag'
    | 'generalProfileIdc'
    | 'generalProfileCompatibilityFlags'
    | 'generalConstraintIndicatorFlags'
    | 'generalLevelIdc'
  >,
  sampleEntry: 'hvc1' | 'hev1' = 'hvc1',
): string {
  let reversed = 0;
  for (let j = 0; j < 32; j++) {
    // Flag j sits at bit 31 − j; the string puts it at bit j.
    if (Math.floor(ptl.generalProfileCompatibilityFlags / 2 ** (31 - j)) & 1) reversed += 2 ** j;
  }
  const parts = [
    sampleEntry,
    `${PROFILE_SPACE[ptl.generalProfileSpace & 3]}${ptl.generalProfileIdc}`,
    reversed.toString(16).toUpperCase(),
    `${ptl.generalTierFlag ? 'H' : 'L'}${ptl.generalLevelIdc}`,
  ];
  const constraints = Array.from(ptl.generalConstraintIndicatorFlags);
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  for (const byte of constraints) parts.push(byte.toString(16).toUpperCase());
  return parts.join('.');
}
