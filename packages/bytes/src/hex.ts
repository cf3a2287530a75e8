import { BytesErrorCode, type ErrorFactory, defaultErrorFactory } from './errors.js';

/**
 * Readable golden bytes: a tagged template of hex digits. Whitespace is ignored and `#`
 * starts a comment that runs to the end of the line, so fields can be annotated.
 *
 * @example
 * const packet = hex`
 *   80 60 00 01   # V=2, PT=96, seq=1
 *   00 00 0b b8   # timestamp 3000
 *   de ad be ef   # ssrc
 * `;
 */
export function hex(strings: TemplateStringsArray, ...values: unknown[]): Uint8Array {
  let text = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) text += String(values[i]) + (strings[i + 1] ?? '');
  return fromHex(text.replace(/#[^\n]*/g, ''));
}

/**
 * Parses hex digits, ignoring whitespace. Throws `ERR_BYTES_INVALID_HEX` built by `error`
 * (default {@link BytesError}); the offset counts digit pairs.
 */
export function fromHex(text: string, error: ErrorFactory = defaultErrorFactory): Uint8Array {
  const digits = text.replace(/\s+/g, '');
  if (digits.length % 2 !== 0) {
    throw error(BytesErrorCode.InvalidHex, `odd number of hex digits (${digits.length})`, digits.length >> 1);
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) {
    const pair = digits.slice(i * 2, i * 2 + 2);
    if (!/^[0-9a-fA-F]{2}$/.test(pair)) {
      throw error(BytesErrorCode.InvalidHex, `invalid hex digits "${pair}"`, i);
    }
    out[i] = Number.parseInt(pair, 16);
  }
  return out;
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lowercase hex, with `separator` between bytes (none by default). */
export function toHex(bytes: Uint8Array, separator = ''): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0) out += separator;
    out += HEX_DIGITS[bytes[i] as number];
  }
  return out;
}
