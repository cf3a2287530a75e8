import { decodeUtf8 } from '@rtspkit/bytes';

/**
 * Decodes a head line: UTF-8 (RFC 7826 §20.1), malformed sequences becoming U+FFFD; ASCII
 * (nearly every real message) takes the fast path.
 */
export function decodeText(bytes: Uint8Array, start: number, end: number): string {
  return decodeUtf8(bytes.subarray(start, end));
}

/** True when every character is in `token` (RFC 7230 §3.2.6 tchar). */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
