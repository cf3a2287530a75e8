import { toAscii } from '@rtspkit/bytes';

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/**
 * Decodes a head line. ASCII (nearly every real message) takes the fast path; anything
 * else is UTF-8 (RFC 7826 §20.1), malformed sequences becoming U+FFFD.
 */
export function decodeText(bytes: Uint8Array, start: number, end: number): string {
  for (let i = start; i < end; i++) {
    if ((bytes[i] as number) >= 0x80) return utf8Decoder.decode(bytes.subarray(start, end));
  }
  return toAscii(bytes.subarray(start, end));
}

/** UTF-8 encode. */
export function encodeText(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** True when every character is in `token` (RFC 7230 §3.2.6 tchar). */
export function isToken(text: string): boolean {
  return TOKEN.test(text);
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
