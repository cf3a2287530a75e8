import type { BitReader } from '@rtspkit/bytes';
import { H265Error, H265ErrorCode } from './errors.js';
import { H265NalUnitType } from './nal.js';
import { type H265ProfileTierLevel, readProfileTierLevel } from './internal/profile-tier-level.js';
import { rbspReader, ueMax } from './internal/rbsp.js';
import { type StRefPicSet, readStRefPicSet } from './internal/st-ref-pic-set.js';
import { type H265Timing, readVui } from './internal/vui.js';

/** Per sub-layer DPB parameters (`sps_max_dec_pic_buffering_minus1 + 1`, `sps_max_num_reorder_pics`, …). */
export type H265SubLayerOrdering = {
  readonly maxDecPicBuffering: number;
  readonly maxNumReorderPics: number;
  readonly maxLatencyIncreasePlus1: number;
};

/**
 * A parsed sequence parameter set: the fields containers, codec strings, DTS derivation and
 * slice headers need. `width`/`height` are the cropped (conformance window) output size;
 * `codedWidth`/`codedHeight` the decoded picture size. SAR and timing come from the VUI.
 * @see ITU-T H.265 §7.3.2.2
 */
export type H265Sps = H265ProfileTierLevel & {
  readonly vpsId: number;
  /** `sps_max_sub_layers_minus1 + 1`. */
  readonly maxSubLayers: number;
  readonly temporalIdNesting: boolean;
  readonly spsId: number;
  /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4. */
  readonly chromaFormatIdc: number;
  readonly separateColourPlane: boolean;
  readonly codedWidth: number;
  readonly codedHeight: number;
  readonly width: number;
  readonly height: number;
  /** Conformance window in luma samples (already multiplied by SubWidthC / SubHeightC). */
  readonly cropLeft: number;
  readonly cropRight: number;
  readonly cropTop: number;
  readonly cropBottom: number;
  readonly bitDepthLuma: number;
  readonly bitDepthChroma: number;
  /** `log2_max_pic_order_cnt_lsb_minus4 + 4`: bits of `slice_pic_order_cnt_lsb`. */
  readonly log2MaxPicOrderCntLsb: number;
  /** One entry per sub-layer; when `sps_sub_layer_ordering_info_present_flag` is 0, copies of the highest. */
  readonly subLayerOrdering: readonly H265SubLayerOrdering[];
  /** `sps_max_num_reorder_pics` of the highest sub-layer. */
  readonly spsMaxNumReorderPics: number;
  /** `sps_max_dec_pic_buffering_minus1 + 1` of the highest sub-layer. */
  readonly spsMaxDecPicBuffering: number;
  /** `MinCbLog2SizeY` and `CtbLog2SizeY` (slice_segment_address has Ceil(Log2(PicSizeInCtbsY)) bits). */
  readonly log2MinCbSize: number;
  readonly log2CtbSize: number;
  /** False when the SPS had no `vui_parameters()`. */
  readonly vuiPresent: boolean;
  /** Sample aspect ratio; 1:1 when the VUI does not state it. */
  readonly sarWidth: number;
  readonly sarHeight: number;
  /** VUI timing, when present. */
  readonly timing?: H265Timing;
  /** VUI `min_spatial_segmentation_idc` (0 when absent), copied into hvcC. */
  readonly minSpatialSegmentationIdc: number;
};

/**
 * Parses a sequence parameter set NAL unit (2-byte header included, emulation prevention
 * bytes still in). Reads through scaling lists, short-term reference picture sets and long-term
 * reference pictures to the VUI (SAR, timing, `min_spatial_segmentation_idc`); the SPS
 * extensions after the VUI are not read. Error offsets count from the first byte after the
 * NAL header, in the unescaped RBSP.
 *
 * @example
 * const sps = parseH265Sps(nal);
 * sps.width; // 640
 * @see ITU-T H.265 §7.3.2.2
 */
export function parseH265Sps(nal: Uint8Array): H265Sps {
  const r = rbspReader(nal, H265NalUnitType.Sps, 'sps');
  const vpsId = r.u(4);
  const maxSubLayersMinus1 = r.u(3);
  if (maxSubLayersMinus1 > 6) {
    throw new H265Error(H265ErrorCode.InvalidSps, `sps_max_sub_layers_minus1 ${maxSubLayersMinus1} exceeds 6`, 0);
  }
  const temporalIdNesting = r.flag();
  const ptl = readProfileTierLevel(r, maxSubLayersMinus1);
  const spsId = ueMax(r, 15, 'sps_seq_parameter_set_id');
  const chromaFormatIdc = ueMax(r, 3, 'chroma_format_idc');
  const separateColourPlane = chromaFormatIdc === 3 && r.flag();
  const sizeAt = r.byteOffset;
  const codedWidth = ueMax(r, 65535, 'pic_width_in_luma_samples');
  const codedHeight = ueMax(r, 65535, 'pic_height_in_luma_samples');
  // §7.4.3.2.1: neither shall be 0 (each is a multiple of MinCbSizeY)
  if (codedWidth === 0 || codedHeight === 0) {
    throw new H265Error(H265ErrorCode.InvalidSps, `picture size ${codedWidth}x${codedHeight} is empty`, sizeAt);
  }
  const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
  const subWidthC = chromaArrayType === 1 || chromaArrayType === 2 ? 2 : 1;
  const subHeightC = chromaArrayType === 1 ? 2 : 1;
  let cropLeft = 0;
  let cropRight = 0;
  let cropTop = 0;
  let cropBottom = 0;
  if (r.flag()) {
    cropLeft = r.ue() * subWidthC;
    cropRight = r.ue() * subWidthC;
    cropTop = r.ue() * subHeightC;
    cropBottom = r.ue() * subHeightC;
    if (cropLeft + cropRight >= codedWidth || cropTop + cropBottom >= codedHeight) {
      throw new H265Error(
        H265ErrorCode.InvalidSps,
        `conformance window ${cropLeft}+${cropRight}x${cropTop}+${cropBottom} leaves no picture of ${codedWidth}x${codedHeight}`,
        r.byteOffset,
      );
    }
  }
  const bitDepthLuma = ueMax(r, 8, 'bit_depth_luma_minus8') + 8;
  const bitDepthChroma = ueMax(r, 8, 'bit_depth_chroma_minus8') + 8;
  const log2MaxPicOrderCntLsb = ueMax(r, 12, 'log2_max_pic_order_cnt_lsb_minus4') + 4;
  const orderingPresent = r.flag();
  const subLayerOrdering: H265SubLayerOrdering[] = [];
  for (let i = orderingPresent ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
    subLayerOrdering.push({
      maxDecPicBuffering: ueMax(r, 15, 'sps_max_dec_pic_buffering_minus1') + 1,
      maxNumReorderPics: ueMax(r, 15, 'sps_max_num_reorder_pics'),
      maxLatencyIncreasePlus1: r.ue(),
    });
  }
  const highest = subLayerOrdering[subLayerOrdering.length - 1] as H265SubLayerOrdering;
  while (subLayerOrdering.length <= maxSubLayersMinus1) subLayerOrdering.unshift(highest);
  const log2MinCbSize = ueMax(r, 3, 'log2_min_luma_coding_block_size_minus3') + 3;
  const log2CtbSize = log2MinCbSize + ueMax(r, 3, 'log2_diff_max_min_luma_coding_block_size');
  r.ue(); // log2_min_luma_transform_block_size_minus2
  r.ue(); // log2_diff_max_min_luma_transform_block_size
  r.ue(); // max_transform_hierarchy_depth_inter
  r.ue(); // max_transform_hierarchy_depth_intra
  if (r.flag() && r.flag()) skipScalingListData(r);
  r.skip(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
  if (r.flag()) {
    r.skip(8); // pcm_sample_bit_depth_luma_minus1, pcm_sample_bit_depth_chroma_minus1
    r.ue();
    r.ue();
    r.skip(1); // pcm_loop_filter_disabled_flag
  }
  const numShortTermRefPicSets = ueMax(r, 64, 'num_short_term_ref_pic_sets');
  const sets: StRefPicSet[] = [];
  for (let i = 0; i < numShortTermRefPicSets; i++) sets.push(readStRefPicSet(r, i, numShortTermRefPicSets, sets));
  if (r.flag()) {
    const numLongTerm = ueMax(r, 32, 'num_long_term_ref_pics_sps');
    r.skip(numLongTerm * (log2MaxPicOrderCntLsb + 1)); // lt_ref_pic_poc_lsb_sps, used_by_curr_pic_lt_sps_flag
  }
  r.skip(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
  const vuiPresent = r.flag();
  const vui = vuiPresent ? readVui(r, maxSubLayersMinus1) : undefined;
  return {
    ...ptl,
    vpsId,
    maxSubLayers: maxSubLayersMinus1 + 1,
    temporalIdNesting,
    spsId,
    chromaFormatIdc,
    separateColourPlane,
    codedWidth,
    codedHeight,
    width: codedWidth - cropLeft - cropRight,
    height: codedHeight - cropTop - cropBottom,
    cropLeft,
    cropRight,
    cropTop,
    cropBottom,
    bitDepthLuma,
    bitDepthChroma,
    log2MaxPicOrderCntLsb,
    subLayerOrdering,
    spsMaxNumReorderPics: highest.maxNumReorderPics,
    spsMaxDecPicBuffering: highest.maxDecPicBuffering,
    log2MinCbSize,
    log2CtbSize,
    vuiPresent,
    sarWidth: vui?.sarWidth ?? 1,
    sarHeight: vui?.sarHeight ?? 1,
    ...(vui?.timing === undefined ? {} : { timing: vui.timing }),
    minSpatialSegmentationIdc: vui?.minSpatialSegmentationIdc ?? 0,
  };
}

/** Skips `scaling_list_data()` (H.265 §7.3.4). */
function skipScalingListData(r: BitReader): void {
  for (let sizeId = 0; sizeId < 4; sizeId++) {
    for (let matrixId = 0; matrixId < 6; matrixId += sizeId === 3 ? 3 : 1) {
      if (!r.flag()) {
        r.ue(); // scaling_list_pred_matrix_id_delta
        continue;
      }
      const coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
      if (sizeId > 1) r.se(); // scaling_list_dc_coef_minus8
      for (let i = 0; i < coefNum; i++) r.se(); // scaling_list_delta_coef
    }
  }
}
