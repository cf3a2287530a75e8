import { rethrowAs } from '@rtspkit/bytes';
import { type HttpRequestHead, type RtspHeaders, getHeader, getHeaderValues, parseHttpHead } from '@rtspkit/rtsp';
import { HttpTunnelError, HttpTunnelErrorCode } from './errors.js';

/** The MIME type of both tunnel channels; clients spell it `tunnelled` or `tunneled`. */
export const TUNNEL_CONTENT_TYPE = 'application/x-rtsp-tunnelled';

/**
 * What an HTTP request on the RTSP port is:
 * - `tunnel-get`: the down channel (server → client), answered once with 200 then the RTSP stream;
 * - `tunnel-post`: the up channel (client → server, Base64), never answered;
 * - `preflight`: an HTTP `OPTIONS` (CORS preflight of a browser client);
 * - `http`: anything else (a page, a WebSocket upgrade, …).
 */
export type TunnelRequest =
  | { readonly kind: 'tunnel-get'; readonly cookie: string; readonly head: HttpRequestHead }
  | { readonly kind: 'tunnel-post'; readonly cookie: string; readonly head: HttpRequestHead }
  | { readonly kind: 'preflight'; readonly head: HttpRequestHead }
  | { readonly kind: 'http'; readonly head: HttpRequestHead };

/** Options of {@link parseTunnelRequest}. */
export type TunnelParseOptions = {
  /** Largest request head accepted, in bytes. */
  readonly maxHeadBytes?: number;
};

// 8 KiB: FFmpeg's and GStreamer's tunnel heads are under 500 bytes.
const DEFAULT_MAX_HEAD_BYTES = 8 * 1024;
const TUNNEL_TYPE = /application\/x-rtsp-tunnell?ed/i;
const COOKIE = /^[\x21-\x7e]{1,128}$/;

/**
 * Reads an HTTP/1.0 or 1.1 request head from the start of `bytes` and classifies it:
 * `null` until the blank line arrives; then the request and the head length (bytes after
 * it are the first body bytes, e.g. Base64 sent with the POST head).
 *
 * @throws HttpTunnelError `ERR_HTTP_TUNNEL_BAD_HEAD` for a malformed head or a non-HTTP
 *   version (the `RtspError` of `parseHttpHead` from `@rtspkit/rtsp` translated, same
 *   offset, kept as `cause`), `ERR_HTTP_TUNNEL_MISSING_COOKIE` for a tunnel request without a cookie.
 * @see Apple, "Tunneling QuickTime RTSP and RTP over HTTP"
 */
export function parseTunnelRequest(
  bytes: Uint8Array,
  options: TunnelParseOptions = {},
): { request: TunnelRequest; headLength: number } | null {
  const parsed = rethrowAs(
    () => parseHttpHead(bytes, { maxHeaderBytes: options.maxHeadBytes ?? DEFAULT_MAX_HEAD_BYTES }),
    (e) => new HttpTunnelError(HttpTunnelErrorCode.BadHead, `bad http head: ${e.message}`, e.offset, { cause: e }),
  );
  if (!parsed) return null;
  const { head } = parsed;
  if (head.kind !== 'request')
    throw new HttpTunnelError(HttpTunnelErrorCode.BadHead, 'expected a request, got a response', 0);
  return { request: classifyTunnelRequest(head), headLength: parsed.headLength };
}

/**
 * Classifies a parsed HTTP request head (see {@link TunnelRequest}). A GET is a tunnel
 * GET when it accepts `application/x-rtsp-tunnelled` or carries `x-sessioncookie`; a POST
 * is a tunnel POST when its `Content-Type` is the tunnel type. Both spellings
 * (`tunnelled`, `tunneled`) are accepted in any case.
 *
 * @throws HttpTunnelError `ERR_HTTP_TUNNEL_MISSING_COOKIE` for a tunnel request whose
 *   cookie is missing, empty, longer than 128 characters or not visible ASCII.
 */
export function classifyTunnelRequest(head: HttpRequestHead): TunnelRequest {
  const method = head.method.toUpperCase();
  if (method === 'OPTIONS') return { kind: 'preflight', head };
  const rawCookie = getHeader(head.headers, 'x-sessioncookie');
  if (method === 'GET' && (rawCookie !== undefined || accepts(head.headers))) {
    return { kind: 'tunnel-get', cookie: cookieOf(rawCookie), head };
  }
  if (method === 'POST' && TUNNEL_TYPE.test(getHeader(head.headers, 'content-type') ?? '')) {
    return { kind: 'tunnel-post', cookie: cookieOf(rawCookie), head };
  }
  return { kind: 'http', head };
}

function accepts(headers: RtspHeaders): boolean {
  return getHeaderValues(headers, 'accept').some((v) => TUNNEL_TYPE.test(v));
}

function cookieOf(raw: string | undefined): string {
  const cookie = raw?.trim() ?? '';
  if (!COOKIE.test(cookie)) {
    throw new HttpTunnelError(
      HttpTunnelErrorCode.MissingCookie,
      raw === undefined
        ? 'tunnel request without x-sessioncookie'
        : `unusable x-sessioncookie ${JSON.stringify(cookie.slice(0, 40))}`,
    );
  }
  return cookie;
}
