import { toAscii } from './concat.js';

const lenient = new TextDecoder('utf-8');
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** UTF-8 bytes of `text` (lone surrogates become U+FFFD). */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Decodes UTF-8 tolerantly: malformed sequences become U+FFFD. ASCII input (nearly every
 * protocol line) takes a fast path that skips the platform decoder.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return isAscii(bytes) ? toAscii(bytes) : lenient.decode(bytes);
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

/**
 * Decodes UTF-8 strictly: `undefined` when `bytes` is not valid UTF-8. A BOM is kept as
 * U+FEFF, so decoding and encoding again gives the same bytes.
 */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  if (isAscii(bytes)) return toAscii(bytes);
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * `text` without leading and trailing spaces and tabs (HTTP's OWS, RFC 9110 §5.6.3; SDP
 * and WSP separators), in one pass from each end. A regex such as `/^[ \t]+|[ \t]+$/`
 * takes quadratic time on a long run of blanks that is not at the end; this does not.
 */
export function trimBlanks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
