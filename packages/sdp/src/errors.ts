import { CodecError } from '@rtspkit/bytes';

/** Stable error codes of `@rtspkit/sdp`. */
export const SdpErrorCode = {
  /** The input is empty or holds only blank lines. */
  Empty: 'ERR_SDP_EMPTY',
  /** The input is larger than `maxBytes`. */
  TooLarge: 'ERR_SDP_TOO_LARGE',
  /** The input has more lines than `maxLines`. */
  TooManyLines: 'ERR_SDP_TOO_MANY_LINES',
  /** The input has more media sections than `maxMedia`. */
  TooManyMedia: 'ERR_SDP_TOO_MANY_MEDIA',
  /** A line is not shaped `<letter>=<value>`. */
  MalformedLine: 'ERR_SDP_MALFORMED_LINE',
  /** `v=` is not a non-negative integer. */
  InvalidVersion: 'ERR_SDP_INVALID_VERSION',
  /** An `m=` line lacks media, port or protocol, or its port is not a number in 0..65535. */
  InvalidMedia: 'ERR_SDP_INVALID_MEDIA',
  /** `serializeSdp` was given a value that cannot be written (a line break, a token with spaces). */
  InvalidModel: 'ERR_SDP_INVALID_MODEL',
  /** An `a=rtpmap` value is not `<pt> <name>/<clock rate>[/<channels>]`. */
  InvalidRtpmap: 'ERR_SDP_INVALID_RTPMAP',
} as const;

/** One of {@link SdpErrorCode}'s values. */
export type SdpErrorCodeValue = (typeof SdpErrorCode)[keyof typeof SdpErrorCode];

/**
 * The only error `@rtspkit/sdp` throws. `offset` is the character offset in the text where
 * the offending line starts (equal to the byte offset for ASCII input); `line` is its
 * 1-based line number.
 */
export class SdpError extends CodecError {
  readonly line: number | undefined;

  constructor(code: string, message: string, offset?: number, line?: number) {
    super(code, line === undefined ? message : `${message} on line ${line}`, offset);
    this.line = line;
  }
}
