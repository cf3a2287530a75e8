import { CodecError } from '@rtspkit/bytes';

/** Stable codes of {@link FormatError}. */
export const FormatErrorCode = {
  /** An fmtp parameter has a value of the wrong shape: not strict decimal, not hex, not base64, out of range. */
  InvalidParameter: 'ERR_FORMAT_INVALID_PARAMETER',
  /** The fmtp lacks a parameter the payload format requires (`config` with `cpresent=0`). */
  MissingParameter: 'ERR_FORMAT_MISSING_PARAMETER',
  /** The fmtp asks for something this package does not implement (`streamtype=4` under mpeg4-generic). */
  Unsupported: 'ERR_FORMAT_UNSUPPORTED',
  /** A format value that cannot be written (payload type outside 0..127, clock rate 0, …). */
  InvalidFormat: 'ERR_FORMAT_INVALID_FORMAT',
  /** Event: a sequence gap before a packet (its payload is still delivered). */
  PacketLost: 'ERR_FORMAT_PACKET_LOST',
  /** Event: a packet older than or equal to the last one; dropped. */
  PacketOutOfOrder: 'ERR_FORMAT_PACKET_OUT_OF_ORDER',
  /** Event: the sender's SSRC changed; numbering restarts. */
  SsrcChanged: 'ERR_FORMAT_SSRC_CHANGED',
} as const;

/** One of {@link FormatErrorCode}'s values. */
export type FormatErrorCode = (typeof FormatErrorCode)[keyof typeof FormatErrorCode];

/**
 * The error `@rtspkit/format` throws. The codec packages' errors (`H264Error`, `AacError`, …)
 * pass through unchanged where a codec refuses bytes it was handed (a parameter set that
 * does not parse), so callers can tell which layer refused the input.
 */
export class FormatError extends CodecError {
  declare readonly code: FormatErrorCode;
}
