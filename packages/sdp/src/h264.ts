import { fromBase64 } from '@rtspkit/bytes';
import { SdpError, SdpErrorCode } from './errors.js';
import { decodeHex, decodeInt, decodeParameterSets } from './internal/values.js';
import { type FmtpParameter, fmtpValue } from './rtpmap.js';

/** H.264 payload format parameters read from `a=fmtp` (RFC 6184 §8.1). */
export type H264Parameters = {
  /** `sprop-parameter-sets` decoded: SPS and PPS NAL units (no start codes), in order. */
  readonly parameterSets: readonly Uint8Array[];
  /** `packetization-mode`: 0 single NAL, 1 non-interleaved, 2 interleaved; 0 when absent. */
  readonly packetizationMode: number;
  /** `profile-level-id` as its 3 bytes (profile_idc, constraint flags, level_idc), when present. */
  readonly profileLevelId?: Uint8Array;
};

/**
 * Reads the H.264 parameters of a format. Tolerates: parameter sets with Annex-B start
 * codes inside, empty and `(null)` entries, and a base64 `profile-level-id` (`TQAf`, the
 * macro-video server). Throws {@link SdpError} for base64 or hex that does not decode.
 * The byte arrays are fresh copies.
 *
 * @see RFC 6184 §8.1
 */
export function h264Parameters(parameters: readonly FmtpParameter[]): H264Parameters {
  const sprop = fmtpValue(parameters, 'sprop-parameter-sets');
  const profile = fmtpValue(parameters, 'profile-level-id');
  const result: { -readonly [K in keyof H264Parameters]: H264Parameters[K] } = {
    parameterSets: sprop === undefined ? [] : decodeParameterSets(sprop, 'sprop-parameter-sets'),
    packetizationMode: decodeInt(fmtpValue(parameters, 'packetization-mode'), 'packetization-mode', 0),
  };
  if (profile !== undefined && profile.trim() !== '') result.profileLevelId = decodeProfileLevelId(profile.trim());
  return result;
}

function decodeProfileLevelId(value: string): Uint8Array {
  if (value.length === 6 && /^[0-9a-fA-F]{6}$/.test(value)) return decodeHex(value, 'profile-level-id');
  // macro-video (retina #68) writes the three bytes in base64.
  if (value.length === 4 && /^[A-Za-z0-9+/]{4}$/.test(value)) return fromBase64(value);
  throw new SdpError(
    SdpErrorCode.InvalidParameter,
    `profile-level-id ${JSON.stringify(value.slice(0, 20))} is not 3 hex bytes`,
  );
}
