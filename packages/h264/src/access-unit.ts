import { H264NalUnitType } from './nal.js';
import { h264FirstMbInSlice } from './slice.js';

/**
 * True when `nal` begins a new access unit if a primary coded picture came before it in the
 * current one: access unit delimiter, SPS, PPS, SEI, types 14..18, or a VCL NAL unit whose
 * `first_mb_in_slice` is 0.
 * @see ITU-T H.264 §7.4.1.2.3
 */
export function startsH264AccessUnit(nal: Uint8Array): boolean {
  const type = (nal[0] ?? 0) & 0x1f;
  if (type === H264NalUnitType.NonIdrSlice || type === H264NalUnitType.IdrSlice) return h264FirstMbInSlice(nal) === 0;
  return (
    type === H264NalUnitType.AccessUnitDelimiter ||
    type === H264NalUnitType.Sps ||
    type === H264NalUnitType.Pps ||
    type === H264NalUnitType.Sei ||
    (type >= 14 && type <= 18)
  );
}

/**
 * Splits a decode-order NAL unit sequence (e.g. `splitAnnexB(file)`) into access units: a
 * new one starts at the first NAL unit of {@link startsH264AccessUnit} after a slice of the
 * primary picture. NAL units before the first slice stay with it. Returns views (no copy).
 *
 * This simplified §7.4.1.2.4 check relies on `first_mb_in_slice == 0` to find the first
 * slice of a picture; arbitrary slice order (ASO) streams are not split correctly.
 * @see ITU-T H.264 §7.4.1.2.3
 */
export function groupH264AccessUnits(nals: readonly Uint8Array[]): Uint8Array[][] {
  const units: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  let hasPicture = false;
  for (const nal of nals) {
    if (nal.length === 0) continue;
    const type = (nal[0] as number) & 0x1f;
    if (hasPicture && startsH264AccessUnit(nal)) {
      units.push(current);
      current = [];
      hasPicture = false;
    }
    current.push(nal);
    if (type >= 1 && type <= 5) hasPicture = true;
  }
  if (current.length > 0) units.push(current);
  return units;
}
