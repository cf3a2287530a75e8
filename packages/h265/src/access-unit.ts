import { H265NalUnitType, h265NalUnitType, isH265IrapNalUnitType, isH265VclNalUnitType } from './nal.js';
import { isH265FirstSliceSegment } from './slice.js';

/**
 * True for NAL unit types that, after the last VCL NAL unit of a picture, start the next
 * access unit: AUD, VPS, SPS, PPS, prefix SEI, 41..44 and 48..55 (H.265 §7.4.2.4.4).
 */
function startsAccessUnitType(type: number): boolean {
  return (
    (type >= H265NalUnitType.Vps && type <= H265NalUnitType.Aud) ||
    type === H265NalUnitType.PrefixSei ||
    (type >= 41 && type <= 44) ||
    (type >= 48 && type <= 55)
  );
}

/**
 * True when `nal` begins a new access unit if a VCL NAL unit of the current picture came
 * before it: AUD, VPS, SPS, PPS, prefix SEI, types 41..44 and 48..55, or a slice segment with
 * `first_slice_segment_in_pic_flag`, in the base layer (`nuh_layer_id` 0).
 * @see ITU-T H.265 §7.4.2.4.4
 */
export function startsH265AccessUnit(nal: Uint8Array): boolean {
  if (layerId(nal) !== 0) return false;
  const type = h265NalUnitType(nal);
  return startsAccessUnitType(type) || (isH265VclNalUnitType(type) && isH265FirstSliceSegment(nal));
}

/** `nuh_layer_id` of a NAL unit (0 for the base layer). */
function layerId(nal: Uint8Array): number {
  return (((nal[0] ?? 0) & 1) << 5) | ((nal[1] ?? 0) >>> 3);
}

/**
 * Groups NAL units in decoding order into access units: a new one starts at the first NAL
 * unit of {@link startsH265AccessUnit} after a VCL NAL unit of the current picture (so NAL
 * units of layers other than the base layer never start one).
 * The arrays hold the input views.
 *
 * @example
 * groupH265AccessUnits(splitAnnexB(stream)); // [[vps, sps, pps, idr], [trail], …]
 * @see ITU-T H.265 §7.4.2.4.4
 */
export function groupH265AccessUnits(nals: readonly Uint8Array[]): Uint8Array[][] {
  const units: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  let seenVcl = false;
  for (const nal of nals) {
    if (seenVcl && startsH265AccessUnit(nal)) {
      units.push(current);
      current = [];
      seenVcl = false;
    }
    current.push(nal);
    if (isH265VclNalUnitType(h265NalUnitType(nal))) seenVcl = true;
  }
  if (current.length > 0) units.push(current);
  return units;
}

/**
 * True when the access unit holds an IRAP picture (BLA, IDR, CRA; NAL types 16..23), where a
 * decoder can start.
 * @see ITU-T H.265 §3.73
 */
export function isH265KeyFrame(nals: readonly Uint8Array[]): boolean {
  for (const nal of nals) if (isH265IrapNalUnitType(h265NalUnitType(nal))) return true;
  return false;
}
