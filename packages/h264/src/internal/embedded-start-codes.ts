import { splitAnnexB } from '@rtspkit/bytes';

/**
 * Index of the first `00 00 01` in `bytes`, or -1. A well-formed NAL unit never contains
 * one (emulation prevention, H.264 §7.4.1), so any hit is an Annex-B start code.
 */
export function findStartCode(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i + 2 < n) {
    const b2 = bytes[i + 2] as number;
    if (b2 > 1) i += 3;
    else if (b2 === 1 && bytes[i] === 0 && bytes[i + 1] === 0) return i;
    else i++;
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
