import { CodecError } from '@rtspkit/bytes';
import { rtpFramerErrorCodes, rtpNoticeCodes } from '@rtspkit/rtp';

/**
 * Stable codes of {@link FormatError}, and of the events {@link PayloadDepacketizer} reports
 * when data was lost (the shared RTP framer's codes with the `FORMAT` prefix).
 */
export const FormatErrorCode = {
  /** An fmtp parameter has a value of the wrong shape: not strict decimal, not hex, not base64, out of range. */
  InvalidParameter: 'ERR_FORMAT_INVALID_PARAMETER',
  /** The fmtp lacks a parameter the payload format requires (`config` with `cpresent=0`). */
  MissingParameter: 'ERR_FORMAT_MISSING_PARAMETER',
  /** The fmtp asks for something this package does not implement (`streamtype=4` under mpeg4-generic). */
  Unsupported: 'ERR_FORMAT_UNSUPPORTED',
  /** A format value that cannot be written (payload type outside 0..127, clock rate 0, …). */
  InvalidFormat: 'ERR_FORMAT_INVALID_FORMAT',
  ...rtpFramerErrorCodes('FORMAT'),
} as const;

/** One of {@link FormatErrorCode}'s values. */
export type FormatErrorCode = (typeof FormatErrorCode)[keyof typeof FormatErrorCode];

/**
 * Codes of the benign events {@link PayloadDepacketizer} reports (a late packet, an SSRC
 * change): normal network life, no data lost, no `ERR_` prefix.
 */
export const FormatNoticeCode = rtpNoticeCodes('FORMAT');

/** One of the {@link FormatNoticeCode} values. */
export type FormatNoticeCode = (typeof FormatNoticeCode)[keyof typeof FormatNoticeCode];

/**
 * The error `@rtspkit/format` throws. The codec packages' errors (`H264Error`, `AacError`, …)
 * pass through unchanged where a codec refuses bytes it was handed (a parameter set that
 * does not parse), so callers can tell which layer refused the input.
 */
export class FormatError extends CodecError {
  declare readonly code: FormatErrorCode;
}
