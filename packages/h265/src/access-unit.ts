import { H265NalUnitType, h265NalUnitType, isH265IrapNalUnitType, isH265VclNalUnitType } from './nal.js';

/**
 * True for NAL unit types that, after the last VCL NAL unit of a picture, start the next
 * access unit: AUD, VPS, SPS, PPS, prefix SEI, 41..44 and 48..55 (H.265 §7.4.2.4.4).
 */
function startsAccessUnit(type: number): boolean {
  return (
    (type >= H265NalUnitType.Vps && type <= H265NalUnitType.Aud) ||
    type === H265NalUnitType.PrefixSei ||
    (type >= 41 && type <= 44) ||
    (type >= 48 && type <= 55)
  );
}

/** `first_slice_segment_in_pic_flag`: the first bit after the 2-byte header of a VCL NAL unit. */
export function isFirstSliceSegment(nal: Uint8Array): boolean {
  return nal.length > 2 && ((nal[2] as number) & 0x80) !== 0;
}

/** `nuh_layer_id` of a NAL unit (0 for the base layer). */
function layerId(nal: Uint8Array): number {
  return (((nal[0] ?? 0) & 1) << 5) | ((nal[1] ?? 0) >>> 3);
}

/**
 * Groups NAL units in decoding order into access units: a new one starts at an AUD, parameter
 * set, prefix SEI (or types 41..44, 48..55) or a first slice segment that follows a VCL NAL
 * unit of the current picture. NAL units of layers other than the base layer never start one.
 * The arrays hold the input views.
 *
 * @example
 * groupAccessUnits(splitAnnexB(stream)); // [[vps, sps, pps, idr], [trail], …]
 * @see ITU-T H.265 §7.4.2.4.4
 */
export function groupAccessUnits(nals: readonly Uint8Array[]): Uint8Array[][] {
  const units: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  let seenVcl = false;
  for (const nal of nals) {
    const type = h265NalUnitType(nal);
    const vcl = isH265VclNalUnitType(type);
    if (seenVcl && layerId(nal) === 0 && (startsAccessUnit(type) || (vcl && isFirstSliceSegment(nal)))) {
      units.push(current);
      current = [];
      seenVcl = false;
    }
    current.push(nal);
    if (vcl) seenVcl = true;
  }
  if (current.length > 0) units.push(current);
  return units;
}

/**
 * True when the access unit holds an IRAP picture (BLA, IDR, CRA; NAL types 16..23), where a
 * decoder can start.
 * @see ITU-T H.265 §3.73
 */
export function isKeyFrame(nals: readonly Uint8Array[]): boolean {
  for (const nal of nals) if (isH265IrapNalUnitType(h265NalUnitType(nal))) return true;
  return false;
}
