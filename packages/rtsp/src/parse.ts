import { RtspError, RtspErrorCode } from './errors.js';
import { findHeadEnd, headersTooLarge, LF, parseHead, skipLineBreaks } from './internal/head.js';
import { type RtspLimits, resolveLimits } from './limits.js';
import type { RtspRequest, RtspResponse } from './message.js';

/**
 * Parses only the head of a message: start line and headers up to the blank line. Returns
 * null when the blank line has not arrived yet (after checking the limits on what is
 * there). `headLength` counts every byte consumed, the blank line and any empty lines
 * before the start line included. The body is not read: `message.body` is empty; read
 * Content-Length bytes after `headLength` yourself, or use {@link MessageReader}.
 *
 * Serves RTSP messages and the HTTP/1.x heads of the HTTP tunnel and WebSocket upgrade.
 * Tolerates LF-only lines, obs-fold continuation lines and whitespace before the colon.
 *
 * @throws RtspError on a malformed or oversized head.
 * @see RFC 2326 §4, RFC 7826 §20.2.2, RFC 7230 §3.5
 */
export function parseMessageHead(
  bytes: Uint8Array,
  limits?: Partial<RtspLimits>,
): { message: RtspRequest | RtspResponse; headLength: number } | null {
  const l = resolveLimits(limits);
  const start = skipLineBreaks(bytes, 0, bytes.length);
  const end = findHeadEnd(bytes, start, start, bytes.length);
  if (end < 0) {
    const lf = bytes.indexOf(LF, start);
    const lineLength = lf < 0 ? bytes.length - start : lf - start - (bytes[lf - 1] === 0x0d ? 1 : 0);
    if (lineLength > l.maxStartLineBytes) {
      throw new RtspError(
        RtspErrorCode.StartLineTooLong,
        `start line longer than ${l.maxStartLineBytes} bytes`,
        start + l.maxStartLineBytes,
      );
    }
    if (bytes.length - start > l.maxHeaderBytes) throw headersTooLarge(start, l);
    return null;
  }
  if (end - start > l.maxHeaderBytes) throw headersTooLarge(start, l);
  return { message: parseHead(bytes, start, end, l, 0).message, headLength: end };
}

function parseWhole(bytes: Uint8Array, limits: Partial<RtspLimits> | undefined): RtspRequest | RtspResponse {
  const l = resolveLimits(limits);
  const start = skipLineBreaks(bytes, 0, bytes.length);
  const end = findHeadEnd(bytes, start, start, bytes.length);
  if (end < 0) {
    if (parseMessageHead(bytes, l) === null)
      throw new RtspError(RtspErrorCode.Truncated, 'head ends before the blank line', bytes.length);
  }
  if (end - start > l.maxHeaderBytes) throw headersTooLarge(start, l);
  const { message, contentLength } = parseHead(bytes, start, end, l, 0);
  if (bytes.length - end < contentLength) {
    throw new RtspError(
      RtspErrorCode.Truncated,
      `body has ${bytes.length - end} of ${contentLength} bytes`,
      bytes.length,
    );
  }
  if (bytes.length - end > contentLength) {
    throw new RtspError(
      RtspErrorCode.TrailingData,
      `${bytes.length - end - contentLength} bytes after the body`,
      end + contentLength,
    );
  }
  return { ...message, body: bytes.subarray(end, end + contentLength) };
}

/**
 * Parses one whole request: head, then exactly Content-Length body bytes (none when the
 * header is absent). `body` is a view aliasing `bytes`.
 *
 * @throws RtspError (`ERR_RTSP_UNEXPECTED_KIND` for a response, `ERR_RTSP_TRUNCATED`,
 *   `ERR_RTSP_TRAILING_DATA`, and every head error).
 * @see RFC 2326 §6
 */
export function parseRequest(bytes: Uint8Array, limits?: Partial<RtspLimits>): RtspRequest {
  const m = parseWhole(bytes, limits);
  if (m.kind !== 'request') throw new RtspError(RtspErrorCode.UnexpectedKind, 'expected a request, got a response', 0);
  return m;
}

/**
 * Parses one whole response; see {@link parseRequest}. A response without Content-Length
 * has an empty body.
 *
 * @see RFC 2326 §7
 */
export function parseResponse(bytes: Uint8Array, limits?: Partial<RtspLimits>): RtspResponse {
  const m = parseWhole(bytes, limits);
  if (m.kind !== 'response') throw new RtspError(RtspErrorCode.UnexpectedKind, 'expected a response, got a request', 0);
  return m;
}
