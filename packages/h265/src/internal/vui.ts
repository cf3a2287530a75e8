import type { BitReader } from '@rtspkit/bytes';
import { skipHrdParameters } from './hrd.js';
import { ueMax } from './rbsp.js';

/** What this package keeps of `vui_parameters()` (H.265 §E.2.1). */
export type Vui = {
  readonly sarWidth: number;
  readonly sarHeight: number;
  readonly timing: H265Timing | undefined;
  readonly minSpatialSegmentationIdc: number;
  readonly videoFullRange: boolean | undefined;
  readonly colour: { readonly primaries: number; readonly transfer: number; readonly matrix: number } | undefined;
};

/** `vui_num_units_in_tick` / `vui_time_scale` (or the VPS ones): one tick lasts numUnitsInTick / timeScale s. */
export type H265Timing = { readonly numUnitsInTick: number; readonly timeScale: number };

/** Table E.1: sample aspect ratios of aspect_ratio_idc 1..16. */
const SAR_TABLE: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [1, 1],
  [12, 11],
  [10, 11],
  [16, 11],
  [40, 33],
  [24, 11],
  [20, 11],
  [32, 11],
  [80, 33],
  [18, 11],
  [15, 11],
  [64, 33],
  [160, 99],
  [4, 3],
  [3, 2],
  [2, 1],
];
const EXTENDED_SAR = 255;

/** Reads `vui_parameters()` far enough to get SAR, timing and `min_spatial_segmentation_idc`. */
export function readVui(r: BitReader, maxSubLayersMinus1: number): Vui {
  let sarWidth = 1;
  let sarHeight = 1;
  if (r.flag()) {
    const idc = r.u(8);
    if (idc === EXTENDED_SAR) {
      sarWidth = r.u(16);
      sarHeight = r.u(16);
    } else {
      // Reserved values (17..254) and 0 ("unspecified") read as square pixels.
      const sar = SAR_TABLE[idc];
      if (sar !== undefined && idc !== 0) [sarWidth, sarHeight] = sar;
    }
  }
  if (r.flag()) r.skip(1); // overscan_appropriate_flag
  let videoFullRange: boolean | undefined;
  let colour: Vui['colour'];
  if (r.flag()) {
    r.skip(3); // video_format
    videoFullRange = r.flag();
    if (r.flag()) colour = { primaries: r.u(8), transfer: r.u(8), matrix: r.u(8) };
  }
  if (r.flag()) {
    r.ue(); // chroma_sample_loc_type_top_field
    r.ue();
  }
  r.skip(3); // neutral_chroma_indication_flag, field_seq_flag, frame_field_info_present_flag
  if (r.flag()) for (let i = 0; i < 4; i++) r.ue(); // default display window offsets
  let timing: H265Timing | undefined;
  if (r.flag()) {
    timing = { numUnitsInTick: r.u(32), timeScale: r.u(32) };
    if (r.flag()) r.ue(); // vui_num_ticks_poc_diff_one_minus1
    if (r.flag()) skipHrdParameters(r, true, maxSubLayersMinus1);
  }
  let minSpatialSegmentationIdc = 0;
  if (r.flag()) {
    r.skip(3); // tiles_fixed_structure, motion_vectors_over_pic_boundaries, restricted_ref_pic_lists
    minSpatialSegmentationIdc = ueMax(r, 4095, 'min_spatial_segmentation_idc');
  }
  return { sarWidth, sarHeight, timing, minSpatialSegmentationIdc, videoFullRange, colour };
}
