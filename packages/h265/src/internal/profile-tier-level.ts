import type { BitReader } from '@rtspkit/bytes';

/**
 * `profile_tier_level(1, maxNumSubLayersMinus1)` of a VPS or SPS: the general profile, tier
 * and level, and what each sub-layer states.
 * @see ITU-T H.265 §7.3.3
 */
export type H265ProfileTierLevel = {
  /** `general_profile_space` (0 in every profile H.265 defines). */
  readonly generalProfileSpace: number;
  /** `general_tier_flag`: 0 Main tier, 1 High tier. */
  readonly generalTierFlag: number;
  /** `general_profile_idc`: 1 Main, 2 Main 10, 3 Main Still Picture, 4 format range extensions… */
  readonly generalProfileIdc: number;
  /** The 32 `general_profile_compatibility_flag[j]`, flag 0 in the most significant bit (unsigned). */
  readonly generalProfileCompatibilityFlags: number;
  /**
   * The 48 bits from `general_progressive_source_flag` through `general_inbld_flag` and the
   * reserved bit, as 6 bytes (a copy).
   */
  readonly generalConstraintIndicatorFlags: Uint8Array;
  /** `general_level_idc`: 30 × the level number (93 is level 3.1). */
  readonly generalLevelIdc: number;
  /** Per sub-layer 0..maxSubLayersMinus1−1: the profile idc and level idc when present. */
  readonly subLayers: readonly H265SubLayerProfileLevel[];
};

/** What `profile_tier_level` states about one sub-layer (H.265 §7.3.3). */
export type H265SubLayerProfileLevel = {
  readonly profileIdc: number | undefined;
  readonly levelIdc: number | undefined;
};

/** Reads `profile_tier_level(1, maxNumSubLayersMinus1)`. @see ITU-T H.265 §7.3.3 */
export function readProfileTierLevel(r: BitReader, maxNumSubLayersMinus1: number): H265ProfileTierLevel {
  const generalProfileSpace = r.u(2);
  const generalTierFlag = r.u(1);
  const generalProfileIdc = r.u(5);
  const generalProfileCompatibilityFlags = r.u(32);
  const generalConstraintIndicatorFlags = new Uint8Array(6);
  for (let i = 0; i < 6; i++) generalConstraintIndicatorFlags[i] = r.u(8);
  const generalLevelIdc = r.u(8);
  const present: Array<[boolean, boolean]> = [];
  for (let i = 0; i < maxNumSubLayersMinus1; i++) present.push([r.flag(), r.flag()]);
  if (maxNumSubLayersMinus1 > 0) r.skip(2 * (8 - maxNumSubLayersMinus1)); // reserved_zero_2bits
  const subLayers: H265SubLayerProfileLevel[] = [];
  for (const [profilePresent, levelPresent] of present) {
    let profileIdc: number | undefined;
    let levelIdc: number | undefined;
    if (profilePresent) {
      r.skip(3); // sub_layer_profile_space, sub_layer_tier_flag
      profileIdc = r.u(5);
      r.skip(32 + 48); // compatibility flags, constraint flags
    }
    if (levelPresent) levelIdc = r.u(8);
    subLayers.push({ profileIdc, levelIdc });
  }
  return {
    generalProfileSpace,
    generalTierFlag,
    generalProfileIdc,
    generalProfileCompatibilityFlags,
    generalConstraintIndicatorFlags,
    generalLevelIdc,
    subLayers,
  };
}
