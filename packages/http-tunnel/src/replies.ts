import { fromAscii, toBase64, toHex } from '@rtspkit/bytes';
import { TUNNEL_CONTENT_TYPE } from './classify.js';
import { HttpTunnelError, HttpTunnelErrorCode } from './errors.js';

type Headers = ReadonlyArray<readonly [string, string]>;

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The server's one reply on the GET (down) channel, sent before the RTSP stream:
 * `HTTP/1.0 200 OK` with the tunnel content type, no caching, `Connection: close` and no
 * `Content-Length` (the body is the RTSP stream, until the connection closes).
 *
 * @see Apple, "Tunneling QuickTime RTSP and RTP over HTTP"
 */
export function serializeTunnelGetReply(extraHeaders: Headers = []): Uint8Array {
  return head('HTTP/1.0 200 OK', [
    ['Content-Type', TUNNEL_CONTENT_TYPE],
    ['Cache-Control', 'no-cache'],
    ['Pragma', 'no-cache'],
    ['Connection', 'close'],
    ...extraHeaders,
  ]);
}

/**
 * An HTTP error reply with a one-line text body and `Connection: close`, e.g. 400 for a
 * bad head, 403 for a POST from the wrong peer, 404 for an unknown cookie, 405 for an
 * unsupported method (with `Allow`).
 */
export function serializeHttpError(status: number, message = '', extraHeaders: Headers = []): Uint8Array {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new HttpTunnelError(HttpTunnelErrorCode.InvalidArgument, `http error status ${status} is not 4xx or 5xx`);
  }
  const reason = REASONS[status] ?? 'Error';
  const body = fromAscii(`${(message || reason).replace(/[\r\n]+/g, ' ')}\n`);
  const allow: Headers = status === 405 ? [['Allow', 'GET, POST, OPTIONS']] : [];
  const h = head(`HTTP/1.0 ${status} ${reason}`, [
    ['Content-Type', 'text/plain'],
    ['Content-Length', String(body.length)],
    ['Connection', 'close'],
    ...allow,
    ...extraHeaders,
  ]);
  const out = new Uint8Array(h.length + body.length);
  out.set(h);
  out.set(body, h.length);
  return out;
}

/**
 * The reply to a CORS preflight (`OPTIONS`) from a browser client that opens the tunnel
 * with `fetch`: allows GET and POST with the tunnel headers from `origin` (or any origin
 * when `origin` is undefined), cached for a day.
 *
 * @see Fetch Standard §3.2.2 (CORS protocol)
 */
export function serializePreflightReply(origin?: string): Uint8Array {
  return head('HTTP/1.1 204 No Content', [
    ['Access-Control-Allow-Origin', origin ?? '*'],
    ['Access-Control-Allow-Methods', 'GET, POST, OPTIONS'],
    ['Access-Control-Allow-Headers', 'x-sessioncookie, Content-Type, Accept, Authorization, Pragma, Cache-Control'],
    ['Access-Control-Max-Age', '86400'],
    ...(origin === undefined ? [] : ([['Vary', 'Origin']] as Headers)),
    ['Content-Length', '0'],
  ]);
}

/**
 * A fresh session cookie: 128 random bits as 32 hex digits (FFmpeg sends 64 bits,
 * GStreamer 23 letters; servers treat cookies as opaque). Inject `randomBytes` in tests.
 */
export function createSessionCookie(
  randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): string {
  return toHex(randomBytes(16).subarray(0, 16));
}

/** Fields of the client's GET and POST heads. */
export type TunnelClientRequest = {
  /** Request target, e.g. `/live`. */
  readonly uri: string;
  readonly cookie: string;
  /** `Host` header (FFmpeg and GStreamer always send it). */
  readonly host?: string;
  readonly userAgent?: string;
  /** Extra headers, e.g. `Authorization` for an HTTP-level login. */
  readonly headers?: Headers;
};

/**
 * The client's GET (down channel) head, with the headers FFmpeg and live555 send:
 * `x-sessioncookie`, `Accept: application/x-rtsp-tunnelled`, `Pragma` and `Cache-Control`
 * `no-cache`.
 */
export function serializeTunnelGetRequest(request: TunnelClientRequest): Uint8Array {
  return head(`GET ${target(request.uri)} HTTP/1.0`, [
    ...common(request),
    ['Accept', TUNNEL_CONTENT_TYPE],
    ['Pragma', 'no-cache'],
    ['Cache-Control', 'no-cache'],
    ...(request.headers ?? []),
  ]);
}

/**
 * The client's POST (up channel) head: the tunnel `Content-Type`, the customary fictional
 * `Content-Length: 32767` (servers read past it) and an `Expires` in the past so no proxy
 * caches it. Send Base64 of each RTSP message after it ({@link encodeTunnelMessage}).
 */
export function serializeTunnelPostRequest(request: TunnelClientRequest): Uint8Array {
  return head(`POST ${target(request.uri)} HTTP/1.0`, [
    ...common(request),
    ['Content-Type', TUNNEL_CONTENT_TYPE],
    ['Pragma', 'no-cache'],
    ['Cache-Control', 'no-cache'],
    ['Content-Length', '32767'],
    ['Expires', 'Sun, 9 Jan 1972 00:00:00 GMT'],
    ...(request.headers ?? []),
  ]);
}

/**
 * Base64 of one RTSP message (or interleaved frame) for the POST body, encoded on its
 * own (with its own padding), as ASCII bytes ready to write.
 */
export function encodeTunnelMessage(message: Uint8Array): Uint8Array {
  return fromAscii(toBase64(message));
}

function common(request: TunnelClientRequest): Headers {
  const out: Array<readonly [string, string]> = [];
  if (request.host !== undefined) out.push(['Host', request.host]);
  if (request.userAgent !== undefined) out.push(['User-Agent', request.userAgent]);
  out.push(['x-sessioncookie', request.cookie]);
  return out;
}

function target(uri: string): string {
  if (!/^(\/|https?:\/\/)\S*$/.test(uri)) {
    throw new HttpTunnelError(HttpTunnelErrorCode.InvalidArgument, `request target ${JSON.stringify(uri)}`);
  }
  return uri;
}

function head(startLine: string, headers: Headers): Uint8Array {
  let text = `${startLine}\r\n`;
  for (const [name, value] of headers) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n]/.test(value)) {
      throw new HttpTunnelError(
        HttpTunnelErrorCode.InvalidArgument,
        `header ${JSON.stringify(name)}: ${JSON.stringify(value)}`,
      );
    }
    text += `${name}: ${value}\r\n`;
  }
  return fromAscii(`${text}\r\n`);
}
