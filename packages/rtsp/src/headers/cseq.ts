import { RtspError, RtspErrorCode } from '../errors.js';

/**
 * Parses a CSeq value: a decimal sequence number (up to 999999999, RFC 7826 §18.20).
 *
 * @throws RtspError `ERR_RTSP_INVALID_CSEQ` (status 400).
 * @see RFC 2326 §12.17
 */
export function parseCSeq(value: string): number {
  const v = value.trim();
  if (!/^\d{1,9}$/.test(v))
    throw new RtspError(RtspErrorCode.InvalidCSeq, `invalid cseq ${JSON.stringify(v.slice(0, 32))}`, 0);
  return Number(v);
}

/** Writes a CSeq value. */
export function serializeCSeq(cseq: number): string {
  if (!Number.isInteger(cseq) || cseq < 0 || cseq > 999_999_999) {
    throw new RtspError(RtspErrorCode.InvalidMessage, `invalid cseq ${cseq}`);
  }
  return String(cseq);
}
