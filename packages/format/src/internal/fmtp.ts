import { fromBase64, fromHex, hasStartCode, splitAnnexB } from '@rtspkit/bytes';
import { type FmtpParameter, fmtpValue } from '@rtspkit/sdp';
import { FormatError, FormatErrorCode } from '../errors.js';

const DECIMAL = /^[0-9]{1,10}$/;

/** Shortens a value quoted in a message. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function invalid(name: string, value: string, what: string): FormatError {
  return new FormatError(FormatErrorCode.InvalidParameter, `${name} ${quote(value)} is not ${what}`);
}

/**
 * A strict decimal fmtp value in `min..max` (RFC 8866 §6.15 leaves fmtp syntax to each
 * payload format; all of them write decimal digits: no sign, fraction, exponent or hex).
 * `undefined` when the parameter is absent or empty.
 */
export function decimal(
  parameters: readonly FmtpParameter[],
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = fmtpValue(parameters, name);
  if (value === undefined || value === '') return undefined;
  if (!DECIMAL.test(value)) throw invalid(name, value, 'a decimal number');
  const n = Number(value);
  if (n < min || n > max) throw invalid(name, value, `in ${min}..${max}`);
  return n;
}

/** `0` or `1` as a boolean; `undefined` when absent. */
export function flag(parameters: readonly FmtpParameter[], name: string): boolean | undefined {
  const n = decimal(parameters, name, 0, 1);
  return n === undefined ? undefined : n === 1;
}

/** Hex bytes (case-insensitive, even count); `undefined` when absent or empty. */
export function hexBytes(parameters: readonly FmtpParameter[], name: string): Uint8Array | undefined {
  const value = fmtpValue(parameters, name);
  if (value === undefined || value === '') return undefined;
  return fromHex(value, () => invalid(name, value, 'hex bytes'));
}

/**
 * A comma-separated list of base64 NAL units (`sprop-parameter-sets`, `sprop-vps`, …).
 * Tolerates empty entries (`sprop-parameter-sets=`, Ezviz; a trailing comma, Hikvision),
 * the literal `(null)` (TP-Link Tapo C200), whitespace inside an entry, and entries that
 * decode to an Annex-B stream (start codes inside; split into their NAL units).
 *
 * @see RFC 6184 §8.1, RFC 7798 §7.1
 */
export function parameterSets(parameters: readonly FmtpParameter[], name: string): Uint8Array[] {
  const value = fmtpValue(parameters, name);
  const out: Uint8Array[] = [];
  if (value === undefined) return out;
  for (const raw of value.split(',')) {
    const entry = raw.replace(/\s+/g, '');
    if (entry === '' || entry === '(null)') continue;
    const bytes = fromBase64(entry, () => invalid(name, entry, 'base64'));
    if (bytes.length === 0) continue;
    if (hasStartCode(bytes)) out.push(...splitAnnexB(bytes).filter((n) => n.length > 0));
    else out.push(bytes);
  }
  return out;
}

/** Throws `ERR_FORMAT_INVALID_FORMAT` unless `value` is an integer in `min..max`. */
export function checkInteger(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new FormatError(FormatErrorCode.InvalidFormat, `${what} ${value} is not an integer in ${min}..${max}`);
  }
}
