import { decodeInt, decodeParameterSets } from './internal/values.js';
import { type FmtpParameter, fmtpValue } from './rtpmap.js';

/** H.265 payload format parameters read from `a=fmtp` (RFC 7798 §7.1). */
export type H265Parameters = {
  /** `sprop-vps` NAL units. */
  readonly vps: readonly Uint8Array[];
  /** `sprop-sps` NAL units. */
  readonly sps: readonly Uint8Array[];
  /** `sprop-pps` NAL units. */
  readonly pps: readonly Uint8Array[];
  /** `sprop-sei` NAL units. */
  readonly sei: readonly Uint8Array[];
  /** `sprop-max-don-diff`; non-zero means RTP payloads carry DONL fields. 0 when absent. */
  readonly maxDonDiff: number;
  /** `sprop-depack-buf-nalus`; 0 when absent. */
  readonly depackBufNalus: number;
  /** `profile-id`, `tier-flag`, `level-id` when present. */
  readonly profileId?: number;
  readonly tierFlag?: number;
  readonly levelId?: number;
};

/**
 * Reads the H.265 parameters of a format, with the same tolerance as
 * {@link h264Parameters} for the base64 lists. The byte arrays are fresh copies.
 *
 * @see RFC 7798 §7.1
 */
export function h265Parameters(parameters: readonly FmtpParameter[]): H265Parameters {
  const list = (name: string) => {
    const v = fmtpValue(parameters, name);
    return v === undefined ? [] : decodeParameterSets(v, name);
  };
  const result: { -readonly [K in keyof H265Parameters]: H265Parameters[K] } = {
    vps: list('sprop-vps'),
    sps: list('sprop-sps'),
    pps: list('sprop-pps'),
    sei: list('sprop-sei'),
    maxDonDiff: decodeInt(fmtpValue(parameters, 'sprop-max-don-diff'), 'sprop-max-don-diff', 0),
    depackBufNalus: decodeInt(fmtpValue(parameters, 'sprop-depack-buf-nalus'), 'sprop-depack-buf-nalus', 0),
  };
  const profileId = decodeInt(fmtpValue(parameters, 'profile-id'), 'profile-id');
  const tierFlag = decodeInt(fmtpValue(parameters, 'tier-flag'), 'tier-flag');
  const levelId = decodeInt(fmtpValue(parameters, 'level-id'), 'level-id');
  if (profileId !== undefined) result.profileId = profileId;
  if (tierFlag !== undefined) result.tierFlag = tierFlag;
  if (levelId !== undefined) result.levelId = levelId;
  return result;
}
