import { fromBase64, toBase64 } from '@rtspkit/bytes';
import { rtspErrorFactory } from '../errors.js';
import { encodeText } from '../internal/text.js';

/**
 * The token68 of Basic credentials: Base64 of `username:password` in UTF-8.
 *
 * @see RFC 7617 §2
 */
export function basicCredentials(username: string, password: string): string {
  return toBase64(encodeText(`${username}:${password}`));
}

/**
 * Decodes Basic credentials; the username ends at the first colon.
 *
 * @throws RtspError `ERR_BYTES_INVALID_BASE64` coded as RtspError for bad Base64.
 */
export function parseBasicCredentials(token68: string): { username: string; password: string } | undefined {
  const text = new TextDecoder().decode(fromBase64(token68, rtspErrorFactory));
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}
