import { CodecError } from '@rtspkit/bytes';

/** Stable error codes of `@rtspkit/http-tunnel`, each with the HTTP status to answer with. */
export const HttpTunnelErrorCode = {
  /** A malformed or oversized HTTP head, or an RTSP version where HTTP was expected (400). */
  BadHead: 'ERR_HTTP_TUNNEL_BAD_HEAD',
  /** A tunnel GET or POST without a usable `x-sessioncookie` (400). */
  MissingCookie: 'ERR_HTTP_TUNNEL_MISSING_COOKIE',
  /** A character outside the Base64 alphabet, or padding in the wrong place (400). */
  InvalidBase64: 'ERR_HTTP_TUNNEL_INVALID_BASE64',
  /** One push of Base64 larger than `maxPushLength` (413). */
  InputTooLarge: 'ERR_HTTP_TUNNEL_INPUT_TOO_LARGE',
  /** A GET with the cookie of a live session (400). */
  DuplicateCookie: 'ERR_HTTP_TUNNEL_DUPLICATE_COOKIE',
  /** A POST whose cookie names no live GET (404). */
  UnknownCookie: 'ERR_HTTP_TUNNEL_UNKNOWN_COOKIE',
  /** A POST on the GET's own connection (400). */
  SameConnection: 'ERR_HTTP_TUNNEL_SAME_CONNECTION',
  /** A POST from a peer the policy does not match with the GET's peer/principal (403). */
  PeerMismatch: 'ERR_HTTP_TUNNEL_PEER_MISMATCH',
  /** A POST while another POST is bound to the session (409). */
  PostAlreadyBound: 'ERR_HTTP_TUNNEL_POST_ALREADY_BOUND',
  /** Data waiting for its consumer beyond `maxPendingBytes` (413). */
  PendingOverflow: 'ERR_HTTP_TUNNEL_PENDING_OVERFLOW',
  /** More sessions at once than `maxSessions` (503). */
  TooManySessions: 'ERR_HTTP_TUNNEL_TOO_MANY_SESSIONS',
  /** A value a builder refuses (CR/LF in a header value, bad status). */
  InvalidArgument: 'ERR_HTTP_TUNNEL_INVALID_ARGUMENT',
} as const;

/** One of the {@link HttpTunnelErrorCode} values. */
export type HttpTunnelErrorCodeValue = (typeof HttpTunnelErrorCode)[keyof typeof HttpTunnelErrorCode];

const STATUS: Readonly<Record<HttpTunnelErrorCodeValue, number | undefined>> = {
  [HttpTunnelErrorCode.BadHead]: 400,
  [HttpTunnelErrorCode.MissingCookie]: 400,
  [HttpTunnelErrorCode.InvalidBase64]: 400,
  [HttpTunnelErrorCode.InputTooLarge]: 413,
  [HttpTunnelErrorCode.DuplicateCookie]: 400,
  [HttpTunnelErrorCode.UnknownCookie]: 404,
  [HttpTunnelErrorCode.SameConnection]: 400,
  [HttpTunnelErrorCode.PeerMismatch]: 403,
  [HttpTunnelErrorCode.PostAlreadyBound]: 409,
  [HttpTunnelErrorCode.PendingOverflow]: 413,
  [HttpTunnelErrorCode.TooManySessions]: 503,
  // Our own value refused by a builder: not the peer's fault.
  [HttpTunnelErrorCode.InvalidArgument]: undefined,
};

/**
 * The only error `@rtspkit/http-tunnel` throws: a stable `code`, the `offset` in the input
 * (bytes of a head, characters of the Base64 stream) when there is one, and the HTTP
 * `status` a server answers with.
 */
export class HttpTunnelError extends CodecError {
  declare readonly code: HttpTunnelErrorCodeValue;
  readonly status: number | undefined;

  constructor(
    code: HttpTunnelErrorCodeValue,
    message: string,
    offset?: number,
    options?: { readonly cause?: unknown },
  ) {
    super(code, message, offset, options);
    this.status = STATUS[code];
  }
}
