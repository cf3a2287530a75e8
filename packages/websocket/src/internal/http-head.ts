import { type RtspRequest, type RtspResponse, RtspError, parseMessageHead } from '@rtspkit/rtsp';
import { WebSocketErrorCode, wsError } from '../errors.js';

/**
 * `parseMessageHead` of `@rtspkit/rtsp` (same syntax as HTTP/1.x) with its errors turned
 * into `WebSocketError` at the same offset, so untrusted input only yields this package's
 * error.
 */
export function readHead(
  bytes: Uint8Array,
  maxHeaderBytes: number,
): { message: RtspRequest | RtspResponse; headLength: number } | null {
  try {
    return parseMessageHead(bytes, { maxHeaderBytes });
  } catch (e) {
    if (e instanceof RtspError)
      throw wsError(
        WebSocketErrorCode.BadHandshake,
        `bad http head: ${e.message.replace(/ \(at byte \d+\)$/, '')}`,
        e.offset,
      );
    throw e;
  }
}

/** Comma-separated list elements of every header `name`, trimmed, empty ones dropped. */
export function listValues(headers: RtspRequest['headers'], name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) {
    if (n.toLowerCase() !== lower) continue;
    for (const part of v.split(',')) {
      const t = part.trim();
      if (t !== '') out.push(t);
    }
  }
  return out;
}
