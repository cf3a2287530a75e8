import { CodecError } from '@rtspkit/bytes';

/** Stable codes of {@link ClientError}. */
export const ClientErrorCode = {
  /** The server refused the credentials (or none were given and it wants some). */
  Unauthorized: 'ERR_CLIENT_UNAUTHORIZED',
  /** The server asked for an authentication scheme this client cannot answer. */
  UnsupportedAuth: 'ERR_CLIENT_UNSUPPORTED_AUTH',
  /** 404: no stream at this path. */
  NotFound: 'ERR_CLIENT_NOT_FOUND',
  /** Any other non-2xx answer to a request the session needs. */
  Status: 'ERR_CLIENT_STATUS',
  /** More redirects than `maxRedirects`, or a redirect without Location. */
  Redirect: 'ERR_CLIENT_REDIRECT',
  /** A request got no answer within `requestTimeoutMs`. */
  Timeout: 'ERR_CLIENT_TIMEOUT',
  /** No media packet arrived within `mediaTimeoutMs` while playing. */
  MediaTimeout: 'ERR_CLIENT_MEDIA_TIMEOUT',
  /** A response the session cannot use: no SDP, an unreadable SDP, Transport or Session. */
  Protocol: 'ERR_CLIENT_PROTOCOL',
  /** The SDP offers no track this client can depacketize (and `allowUnsupported` is off). */
  UnsupportedCodec: 'ERR_CLIENT_UNSUPPORTED_CODEC',
  /** A method was called in a state that does not allow it (`play()` before the tracks, …). */
  InvalidState: 'ERR_CLIENT_INVALID_STATE',
  /** The connection closed, or could not be opened (unknown host, refused, TLS). */
  Connection: 'ERR_CLIENT_CONNECTION',
  /** The session was closed or aborted by its user. */
  Aborted: 'ERR_CLIENT_ABORTED',
} as const;

/** One of the {@link ClientErrorCode} values. */
export type ClientErrorCodeValue = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/** Details a {@link ClientError} may carry. */
export type ClientErrorDetails = {
  /** The URL the failing request went to (without credentials). */
  readonly url?: string;
  /** The RTSP status of the response that caused the error. */
  readonly status?: number;
  /** What the user may try, one sentence. */
  readonly hint?: string;
  readonly cause?: unknown;
};

/**
 * The error of `@rtspkit/client`: a stable `code`, the `url` it concerns, the RTSP
 * `status` when a response caused it, and a `hint` a person can act on.
 */
export class ClientError extends CodecError {
  declare readonly code: ClientErrorCodeValue;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly hint: string | undefined;

  constructor(code: ClientErrorCodeValue, message: string, details: ClientErrorDetails = {}) {
    super(code, message);
    this.url = details.url;
    this.status = details.status;
    this.hint = details.hint;
    if (details.cause !== undefined) (this as { cause?: unknown }).cause = details.cause;
  }
}
