import { type BitReader, readSampleAspectRatio } from '@rtspkit/bytes';
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

/** Reads `vui_parameters()` far enough to get SAR, timing and `min_spatial_segmentation_idc`. */
export function readVui(r: BitReader, maxSubLayersMinus1: number): Vui {
  const [sarWidth, sarHeight] = r.flag() ? readSampleAspectRatio(r) : [1, 1];
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
