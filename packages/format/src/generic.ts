import type { FmtpParameter, MediaFormat } from '@rtspkit/sdp';
import { PayloadDepacketizer } from './rtp/payload-depacketizer.js';
import { type PayloadPacketizerOptions, PayloadPacketizer } from './rtp/packetizers.js';

/** Why a format that names a known codec came out as a {@link GenericFormat}. */
export type FormatReason = {
  /** The code of the error that refused the fmtp (`ERR_FORMAT_INVALID_PARAMETER`, `ERR_AAC_TRUNCATED`, …). */
  readonly code: string;
  readonly message: string;
};

/**
 * Any other RTP format, passed through as written: ONVIF metadata, MJPEG, Opus, … and a
 * known codec whose fmtp could not be read (then `reason` says why).
 */
export type GenericFormat = {
  readonly codec: 'generic';
  readonly payloadType: number;
  /** The `m=` media type the format was found under (`video`, `audio`, `application`). */
  readonly mediaType: string;
  /** The `a=rtpmap` encoding name as written, or the static one of RFC 3551 §6. */
  readonly encodingName: string;
  readonly clockRate: number;
  readonly channels?: number;
  /** The `a=fmtp` parameters as written, in order. */
  readonly parameters: readonly FmtpParameter[];
  /** Present when the format names a codec of this package but its fmtp could not be read. */
  readonly reason?: FormatReason;
};

/** A generic format of what `a=rtpmap` and `a=fmtp` say, with the reason it stayed generic. */
export function readGeneric(format: MediaFormat, mediaType: string, reason?: FormatReason): GenericFormat {
  const out: GenericFormat = {
    codec: 'generic',
    payloadType: format.payloadType,
    mediaType,
    encodingName: format.encodingName,
    clockRate: format.clockRate,
    ...(format.channels === undefined ? {} : { channels: format.channels }),
    parameters: format.parameters.map((p) => ({ name: p.name, value: p.value })),
  };
  return reason === undefined ? out : { ...out, reason };
}

/** One unit per packet: the payload as received. */
export function genericDepacketizer(_format: GenericFormat): PayloadDepacketizer {
  return new PayloadDepacketizer();
}

/** One packet per unit: the payload as given. */
export function genericPacketizer(
  format: GenericFormat,
  options: Omit<PayloadPacketizerOptions, 'payloadType'>,
): PayloadPacketizer {
  return new PayloadPacketizer({ ...options, payloadType: format.payloadType });
}
