import { decodeUtf8, encodeUtf8, fromBase64, toBase64 } from '@rtspkit/bytes';
import { RtspError, RtspErrorCode } from '../errors.js';

/**
 * The token68 of Basic credentials: Base64 of `username:password` in UTF-8.
 *
 * @see RFC 7617 §2
 */
export function basicCredentials(username: string, password: string): string {
  return toBase64(encodeUtf8(`${username}:${password}`));
}

/**
 * Decodes Basic credentials; the username ends at the first colon. Returns undefined when
 * the decoded text has no colon.
 *
 * @throws RtspError `ERR_RTSP_INVALID_AUTH_HEADER` for a token that is not Base64, with the
 *   offset of the offending character in `token68`.
 * @see RFC 7617 §2
 */
export function parseBasicCredentials(token68: string): { username: string; password: string } | undefined {
  const bytes = fromBase64(
    token68,
    (_code, message, offset) => new RtspError(RtspErrorCode.InvalidAuthHeader, message, offset),
  );
  const text = decodeUtf8(bytes);
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
