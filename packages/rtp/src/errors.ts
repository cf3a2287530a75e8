import { CodecError, type ErrorFactory } from '@rtspkit/bytes';

/**
 * The only error `@rtspkit/rtp` throws for untrusted input. `code` is one of
 * {@link RtpErrorCode}; `offset` is the byte offset in the packet where parsing failed.
 */
export class RtpError extends CodecError {}

/** Stable error codes of `@rtspkit/rtp`. */
export const RtpErrorCode = {
  /** The input ended before a field it announces (header, CSRCs, extension, padding, RTCP length). */
  Truncated: 'ERR_RTP_TRUNCATED',
  /** The version field is not 2. */
  BadVersion: 'ERR_RTP_BAD_VERSION',
  /** The P bit is set but the padding count is 0 or larger than what follows the header. */
  BadPadding: 'ERR_RTP_BAD_PADDING',
  /** A header extension element (RFC 8285) is malformed or does not fit. */
  BadExtension: 'ERR_RTP_BAD_EXTENSION',
  /** A value given to a serializer does not fit its field. */
  InvalidValue: 'ERR_RTP_INVALID_VALUE',
  /** An RTCP packet's length field does not match its content or the datagram. */
  BadRtcpLength: 'ERR_RTP_BAD_RTCP_LENGTH',
  /** A compound RTCP packet does not start with SR or RR (RFC 3550 §6.1). */
  RtcpFirstNotReport: 'ERR_RTP_RTCP_FIRST_NOT_REPORT',
  /** Padding on an RTCP packet that is not the last of its compound (RFC 3550 §6.4.1, A.2). */
  RtcpPaddingNotLast: 'ERR_RTP_RTCP_PADDING_NOT_LAST',
  /** An RTCP packet's content is malformed (report count, SDES chunk, BYE reason). */
  BadRtcp: 'ERR_RTP_BAD_RTCP',
  /** The input is empty where a packet was expected. */
  Empty: 'ERR_RTP_EMPTY',
} as const;

/** Type of the values of {@link RtpErrorCode}. */
export type RtpErrorCodeValue = (typeof RtpErrorCode)[keyof typeof RtpErrorCode];

/** Error factory for `@rtspkit/bytes` readers so their failures come out as {@link RtpError}. */
export const rtpErrorFactory: ErrorFactory = (code, message, offset) =>
  new RtpError(code === 'ERR_BYTES_OUT_OF_RANGE' ? RtpErrorCode.Truncated : code, message, offset);
