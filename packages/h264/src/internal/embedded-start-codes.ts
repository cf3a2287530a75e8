import { splitAnnexB } from '@rtspkit/bytes';

/**
 * Index of the first `00 00 01` in `bytes`, or -1. A well-formed NAL unit never contains
 * one (emulation prevention, H.264 §7.4.1), so any hit is an Annex-B start code.
 */
export function findStartCode(bytes: Uint8Array): number {
  const n = bytes.length;
  // indexOf runs natively; zero bytes are rare in coded slice data.
  for (let i = bytes.indexOf(0); i >= 0 && i + 2 < n; i = bytes.indexOf(0, i + 1)) {
    if (bytes[i + 1] === 0 && bytes[i + 2] === 1) return i;
  }
  return -1;
}

/**
 * Splits an RTP payload that holds Annex-B start codes into NAL units (views): the bytes
 * before the first start code, without trailing zeros, then each unit after one.
 */
export function splitAt(payload: Uint8Array, firstStartCode: number): Uint8Array[] {
  let end = firstStartCode;
  while (end > 0 && payload[end - 1] === 0) end--;
  const nals = end > 0 ? [payload.subarray(0, end)] : [];
  for (const nal of splitAnnexB(payload.subarray(firstStartCode))) nals.push(nal);
  return nals;
}
