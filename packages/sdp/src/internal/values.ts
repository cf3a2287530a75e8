import { fromBase64, fromHex, hasStartCode, splitAnnexB } from '@rtspkit/bytes';
import { SdpError, SdpErrorCode } from '../errors.js';
import { parseDigits } from './tokens.js';

/**
 * Decodes a comma-separated list of base64 NAL units (`sprop-parameter-sets`, `sprop-vps`…).
 * Empty entries (`sprop-parameter-sets=`, Ezviz; a trailing comma, Hikvision) and the
 * literal `(null)` (TP-Link Tapo C200 firmware) are skipped. An entry that decodes to an
 * Annex-B stream (some cameras put start codes inside) is split into its NAL units.
 */
export function decodeParameterSets(value: string, what: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const raw of value.split(',')) {
    const entry = raw.replace(/\s+/g, '');
    if (entry === '' || entry === '(null)') continue;
    const bytes = fromBase64(
      entry,
      (_code, message, offset) => new SdpError(SdpErrorCode.InvalidParameterSet, `${what}: ${message}`, offset),
    );
    if (bytes.length === 0) continue;
    if (hasStartCode(bytes)) out.push(...splitAnnexB(bytes));
    else out.push(bytes);
  }
  return out;
}

/** Hex digits (an even number, case-insensitive) → bytes; `ERR_SDP_INVALID_PARAMETER` otherwise. */
export function decodeHex(value: string, what: string): Uint8Array {
  const v = value.trim();
  return fromHex(
    v,
    () => new SdpError(SdpErrorCode.InvalidParameter, `${what} ${JSON.stringify(v.slice(0, 40))} is not hex bytes`),
  );
}

/** A decimal parameter, or `fallback` when absent; `ERR_SDP_INVALID_PARAMETER` when not digits. */
export function decodeInt(value: string | undefined, what: string, fallback: number): number;
export function decodeInt(value: string | undefined, what: string, fallback?: undefined): number | undefined;
export function decodeInt(value: string | undefined, what: string, fallback?: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  const n = parseDigits(value.trim());
  if (n < 0)
    throw new SdpError(SdpErrorCode.InvalidParameter, `${what} ${JSON.stringify(value.slice(0, 40))} is not a number`);
  return n;
}
