import { CodecError } from '@rtspkit/bytes';

/**
 * Stable codes of {@link RtspError}. Each maps to the RTSP status a server would answer
 * with (see {@link RtspError.status}).
 */
export const RtspErrorCode = {
  /** The start line is neither a request line nor a status line. */
  InvalidStartLine: 'ERR_RTSP_INVALID_START_LINE',
  /** A protocol version other than RTSP/1.0, RTSP/2.0, HTTP/1.0, HTTP/1.1. */
  UnsupportedVersion: 'ERR_RTSP_UNSUPPORTED_VERSION',
  /** A header line without a colon, with an empty or invalid name, or a fold with nothing to continue. */
  InvalidHeader: 'ERR_RTSP_INVALID_HEADER',
  /** Content-Length is not a decimal number, or appears twice with different values. */
  InvalidContentLength: 'ERR_RTSP_INVALID_CONTENT_LENGTH',
  /** The start line is longer than `maxStartLineBytes`. */
  StartLineTooLong: 'ERR_RTSP_START_LINE_TOO_LONG',
  /** More header lines than `maxHeaderCount`. */
  TooManyHeaders: 'ERR_RTSP_TOO_MANY_HEADERS',
  /** The head (start line + headers + blank line) is longer than `maxHeaderBytes`. */
  HeadersTooLarge: 'ERR_RTSP_HEADERS_TOO_LARGE',
  /** Content-Length is larger than `maxBodyBytes`. */
  BodyTooLarge: 'ERR_RTSP_BODY_TOO_LARGE',
  /** An interleaved frame is longer than `maxFramePayloadBytes`. */
  FrameTooLarge: 'ERR_RTSP_FRAME_TOO_LARGE',
  /** A whole-message parse got fewer bytes than the head and Content-Length announce. */
  Truncated: 'ERR_RTSP_TRUNCATED',
  /** A whole-message parse got bytes after the body. */
  TrailingData: 'ERR_RTSP_TRAILING_DATA',
  /** `parseRequest` got a response, or `parseResponse` a request. */
  UnexpectedKind: 'ERR_RTSP_UNEXPECTED_KIND',
  /** A message cannot be written: invalid method, header name, CR/LF in a value, bad status. */
  InvalidMessage: 'ERR_RTSP_INVALID_MESSAGE',
  /** A Transport header that cannot be parsed. */
  InvalidTransport: 'ERR_RTSP_INVALID_TRANSPORT',
  /** A Session header that cannot be parsed. */
  InvalidSession: 'ERR_RTSP_INVALID_SESSION',
  /** A Range header that cannot be parsed. */
  InvalidRange: 'ERR_RTSP_INVALID_RANGE',
  /** An RTP-Info header that cannot be parsed. */
  InvalidRtpInfo: 'ERR_RTSP_INVALID_RTP_INFO',
  /** A CSeq header that is not a decimal number. */
  InvalidCSeq: 'ERR_RTSP_INVALID_CSEQ',
  /** A header value that is not a valid list of tokens (Public, Require, …). */
  InvalidHeaderValue: 'ERR_RTSP_INVALID_HEADER_VALUE',
  /** A WWW-Authenticate or Authorization header that cannot be parsed. */
  InvalidAuthHeader: 'ERR_RTSP_INVALID_AUTH_HEADER',
  /** No offered challenge uses a scheme or algorithm this package implements. */
  UnsupportedAuth: 'ERR_RTSP_UNSUPPORTED_AUTH',
  /** A URL that cannot be parsed or whose scheme is not an RTSP/WebSocket scheme. */
  InvalidUrl: 'ERR_RTSP_INVALID_URL',
} as const;

/** One of the {@link RtspErrorCode} values. */
export type RtspErrorCodeValue = (typeof RtspErrorCode)[keyof typeof RtspErrorCode];

/** The status a server answers with for each code (RFC 7826 §17, RFC 6585 §5 for 431). */
const STATUS: Readonly<Record<RtspErrorCodeValue, number | undefined>> = {
  [RtspErrorCode.InvalidStartLine]: 400,
  [RtspErrorCode.UnsupportedVersion]: 505,
  [RtspErrorCode.InvalidHeader]: 400,
  [RtspErrorCode.InvalidContentLength]: 400,
  [RtspErrorCode.StartLineTooLong]: 414,
  [RtspErrorCode.TooManyHeaders]: 431,
  [RtspErrorCode.HeadersTooLarge]: 431,
  [RtspErrorCode.BodyTooLarge]: 413,
  [RtspErrorCode.FrameTooLarge]: 413,
  [RtspErrorCode.Truncated]: 400,
  [RtspErrorCode.TrailingData]: 400,
  [RtspErrorCode.UnexpectedKind]: 400,
  // Our own value refused by a serializer: not the peer's fault.
  [RtspErrorCode.InvalidMessage]: undefined,
  [RtspErrorCode.InvalidTransport]: 461,
  [RtspErrorCode.InvalidSession]: 454,
  [RtspErrorCode.InvalidRange]: 457,
  [RtspErrorCode.InvalidRtpInfo]: 400,
  [RtspErrorCode.InvalidCSeq]: 400,
  [RtspErrorCode.InvalidHeaderValue]: 400,
  [RtspErrorCode.InvalidAuthHeader]: 400,
  [RtspErrorCode.UnsupportedAuth]: 401,
  [RtspErrorCode.InvalidUrl]: 400,
};

/**
 * The only error `@rtspkit/rtsp` throws on untrusted input.
 *
 * - `code`: one of {@link RtspErrorCode}, never another package's code.
 * - `offset`: byte offset where parsing failed; for `MessageReader`, counted over every
 *   byte pushed so far (a stream offset). For header parsers, the character offset in the value.
 * - `status`: the RTSP status a server would answer with (400, 413, 414, 431, 454, 457,
 *   461, 505 …), undefined when the error is not the peer's fault.
 *
 * @see RFC 7826 §17 (status codes)
 */
export class RtspError extends CodecError {
  declare readonly code: RtspErrorCodeValue;
  readonly status: number | undefined;

  constructor(code: RtspErrorCodeValue, message: string, offset?: number, options?: { readonly cause?: unknown }) {
    super(code, message, offset, options);
    this.status = STATUS[code];
  }
}
