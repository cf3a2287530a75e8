import { RtspError, RtspErrorCode } from './errors.js';
import type { RtspLimits } from './limits.js';
import type { RtspRequest, RtspResponse } from './message.js';
import { parseMessageHead } from './parse.js';

/**
 * An HTTP/1.x request head (method, target, version, headers): what the HTTP tunnel
 * classifies and the WebSocket handshake validates. A parsed {@link RtspRequest} is one.
 */
export type HttpRequestHead = Pick<RtspRequest, 'method' | 'uri' | 'version' | 'headers'>;

/** An HTTP/1.x response head (the WebSocket 101 reply, a tunnel GET's 200). */
export type HttpResponseHead = Pick<RtspResponse, 'status' | 'reason' | 'version' | 'headers'>;

/** Options of {@link parseHttpHead}. */
export type HttpHeadOptions = Partial<Pick<RtspLimits, 'maxHeaderBytes' | 'maxStartLineBytes' | 'maxHeaderCount'>>;

/**
 * Reads an HTTP/1.0 or HTTP/1.1 head (request or response) from the start of `bytes`: the
 * first bytes of a connection on the RTSP port that turned out to be HTTP (a tunnel GET or
 * POST, a WebSocket upgrade, a page). Returns `null` until the blank line has arrived,
 * then the head and its length; bytes after it are the first body bytes (Base64 sent with
 * a tunnel POST, the first WebSocket frames). RTSP and HTTP share the message syntax, so
 * this is {@link parseMessageHead} restricted to HTTP versions.
 *
 * @throws RtspError for a malformed or oversized head (the codes and offsets of
 *   {@link parseMessageHead}), `ERR_RTSP_UNSUPPORTED_VERSION` for an RTSP version.
 * @see RFC 9112 §2-5
 */
export function parseHttpHead(
  bytes: Uint8Array,
  options: HttpHeadOptions = {},
): { head: RtspRequest | RtspResponse; headLength: number } | null {
  const parsed = parseMessageHead(bytes, options);
  if (parsed === null) return null;
  const head = parsed.message;
  if (head.version !== 'HTTP/1.0' && head.version !== 'HTTP/1.1') {
    // The offset of the start line, after any empty lines parseMessageHead skipped.
    let start = 0;
    while (bytes[start] === 0x0d || bytes[start] === 0x0a) start++;
    throw new RtspError(RtspErrorCode.UnsupportedVersion, `version ${head.version} is not HTTP/1.0 or HTTP/1.1`, start);
  }
  return { head, headLength: parsed.headLength };
}
