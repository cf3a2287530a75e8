import { decodeHex, decodeInt } from './internal/values.js';
import { type FmtpParameter, fmtpValue } from './rtpmap.js';

/** `mpeg4-generic` parameters (RFC 3640 §4.1), the ones AAC-hbr/lbr needs. */
export type Mpeg4GenericParameters = {
  /** `config`: the AudioSpecificConfig bytes (empty when absent). */
  readonly config: Uint8Array;
  /** `mode` as written (`AAC-hbr`, `AAC-lbr`, `generic`…); `''` when absent. */
  readonly mode: string;
  /** Bits of the AU-size field in each AU header; 0 when absent (no AU headers). */
  readonly sizeLength: number;
  /** Bits of the AU-Index field of the first AU header; 0 when absent. */
  readonly indexLength: number;
  /** Bits of the AU-Index-delta field of the following AU headers; 0 when absent. */
  readonly indexDeltaLength: number;
  /** `streamtype` (5 = audio), when present. */
  readonly streamType?: number;
  /** `profile-level-id`, when present. */
  readonly profileLevelId?: number;
  /** `constantDuration`, when present. */
  readonly constantDuration?: number;
};

/**
 * Reads `mpeg4-generic` parameters. Names are matched case-insensitively (Hikvision writes
 * `SizeLength`), spaces around values are ignored (UniFi), and `config` may be upper or
 * lower case hex. The config bytes are a fresh copy.
 *
 * @see RFC 3640 §4.1
 */
export function mpeg4GenericParameters(parameters: readonly FmtpParameter[]): Mpeg4GenericParameters {
  const config = fmtpValue(parameters, 'config');
  const result: { -readonly [K in keyof Mpeg4GenericParameters]: Mpeg4GenericParameters[K] } = {
    config: config === undefined ? new Uint8Array(0) : decodeHex(config, 'config'),
    mode: fmtpValue(parameters, 'mode') ?? '',
    sizeLength: decodeInt(fmtpValue(parameters, 'sizelength'), 'sizelength', 0),
    indexLength: decodeInt(fmtpValue(parameters, 'indexlength'), 'indexlength', 0),
    indexDeltaLength: decodeInt(fmtpValue(parameters, 'indexdeltalength'), 'indexdeltalength', 0),
  };
  const streamType = decodeInt(fmtpValue(parameters, 'streamtype'), 'streamtype');
  const profileLevelId = decodeInt(fmtpValue(parameters, 'profile-level-id'), 'profile-level-id');
  const constantDuration = decodeInt(fmtpValue(parameters, 'constantduration'), 'constantduration');
  if (streamType !== undefined) result.streamType = streamType;
  if (profileLevelId !== undefined) result.profileLevelId = profileLevelId;
  if (constantDuration !== undefined) result.constantDuration = constantDuration;
  return result;
}

/** `MP4A-LATM` parameters (RFC 6416 §7.3). */
export type Mp4aLatmParameters = {
  /** `config`: the StreamMuxConfig bytes (hex), empty when absent. */
  readonly config: Uint8Array;
  /** `cpresent`: true (the default) when StreamMuxConfig is in-band in every payload. */
  readonly cpresent: boolean;
  /** `object`: the MPEG-4 audio object type, when present. */
  readonly object?: number;
  /** `profile-level-id`, when present. */
  readonly profileLevelId?: number;
};

/**
 * Reads `MP4A-LATM` parameters.
 *
 * @see RFC 6416 §7.3
 */
export function mp4aLatmParameters(parameters: readonly FmtpParameter[]): Mp4aLatmParameters {
  const config = fmtpValue(parameters, 'config');
  const result: { -readonly [K in keyof Mp4aLatmParameters]: Mp4aLatmParameters[K] } = {
    config: config === undefined ? new Uint8Array(0) : decodeHex(config, 'config'),
    cpresent: decodeInt(fmtpValue(parameters, 'cpresent'), 'cpresent', 1) !== 0,
  };
  const object = decodeInt(fmtpValue(parameters, 'object'), 'object');
  const profileLevelId = decodeInt(fmtpValue(parameters, 'profile-level-id'), 'profile-level-id');
  if (object !== undefined) result.object = object;
  if (profileLevelId !== undefined) result.profileLevelId = profileLevelId;
  return result;
}
