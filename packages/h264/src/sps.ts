import { type BitReader, readSampleAspectRatio } from '@rtspkit/bytes';
import { H264Error, H264ErrorCode } from './errors.js';
import { checkRange, rbspReader } from './internal/rbsp.js';
import { H264NalUnitType } from './nal.js';

/** VUI timing (H.264 §E.2.1): one frame lasts `2 * numUnitsInTick / timeScale` seconds for progressive video. */
export type H264Timing = {
  readonly numUnitsInTick: number;
  readonly timeScale: number;
  readonly fixedFrameRate: boolean;
};

/**
 * The fields of a sequence parameter set that muxers, players and DTS derivation need.
 * @see ITU-T H.264 §7.3.2.1.1, §7.4.2.1.1, Annex E
 */
export type H264Sps = {
  readonly profileIdc: number;
  /** The byte holding constraint_set0..5_flag (bit 7 = set0) and two reserved zero bits. */
  readonly constraintSetFlags: number;
  readonly levelIdc: number;
  readonly seqParameterSetId: number;
  /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (1 when the profile does not signal it). */
  readonly chromaFormatIdc: number;
  readonly separateColourPlane: boolean;
  readonly bitDepthLuma: number;
  readonly bitDepthChroma: number;
  readonly qpprimeYZeroTransformBypass: boolean;
  readonly seqScalingMatrixPresent: boolean;
  readonly log2MaxFrameNum: number;
  /** 0, 1 or 2 (H.264 §8.2.1). */
  readonly picOrderCntType: number;
  /** POC type 0 only. */
  readonly log2MaxPicOrderCntLsb?: number;
  /** POC type 1 only. */
  readonly deltaPicOrderAlwaysZero?: boolean;
  /** POC type 1 only. */
  readonly offsetForNonRefPic?: number;
  /** POC type 1 only. */
  readonly offsetForTopToBottomField?: number;
  /** POC type 1 only: `offset_for_ref_frame[]`. */
  readonly offsetForRefFrame?: readonly number[];
  readonly maxNumRefFrames: number;
  readonly gapsInFrameNumAllowed: boolean;
  /** Frame size in macroblocks before cropping. */
  readonly picWidthInMbs: number;
  readonly frameHeightInMbs: number;
  readonly frameMbsOnly: boolean;
  readonly mbAdaptiveFrameField: boolean;
  readonly direct8x8Inference: boolean;
  /** Cropped luma width in pixels. */
  readonly width: number;
  /** Cropped luma height in pixels (frame height for interlaced streams). */
  readonly height: number;
  /** Sample aspect ratio; 1/1 when the VUI does not state it (or states 0, unspecified). */
  readonly sarWidth: number;
  readonly sarHeight: number;
  readonly videoFullRange?: boolean;
  readonly colourPrimaries?: number;
  readonly transferCharacteristics?: number;
  readonly matrixCoefficients?: number;
  readonly timing?: H264Timing;
  /** VUI `bitstream_restriction`: frames that may precede any frame in decode order and follow it in output order. */
  readonly maxNumReorderFrames?: number;
  /** VUI `bitstream_restriction`: `max_dec_frame_buffering`. */
  readonly maxDecFrameBuffering?: number;
};

/** Profiles whose SPS carries chroma_format_idc, bit depths and scaling lists (§7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Parses a sequence parameter set NAL unit (header byte included, emulation prevention
 * present, as carried in Annex-B, RTP and avcC). Scaling lists are read and skipped.
 * Throws {@link H264Error} (`ERR_H264_TRUNCATED`, `ERR_H264_INVALID_SPS`, …) on bad input.
 *
 * @example
 * parseH264Sps(hex`67 42 c0 1e d9 00 a0 2f f9 61 00 00 03 00 01 00 00 03 00 3c 8f 16 2e 48`).width; // 640
 * @see ITU-T H.264 §7.3.2.1.1
 */
export function parseH264Sps(nal: Uint8Array): H264Sps {
  const r = rbspReader(nal, H264NalUnitType.Sps, 'sps');
  const bad = H264ErrorCode.InvalidSps;
  const profileIdc = r.u(8);
  const constraintSetFlags = r.u(8);
  const levelIdc = r.u(8);
  const seqParameterSetId = checkRange(r.ue(), 0, 31, bad, 'seq_parameter_set_id', r.byteOffset);
  let chromaFormatIdc = 1;
  let separateColourPlane = false;
  let bitDepthLuma = 8;
  let bitDepthChroma = 8;
  let qpprimeYZeroTransformBypass = false;
  let seqScalingMatrixPresent = false;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = checkRange(r.ue(), 0, 3, bad, 'chroma_format_idc', r.byteOffset);
    if (chromaFormatIdc === 3) separateColourPlane = r.flag();
    bitDepthLuma = 8 + checkRange(r.ue(), 0, 6, bad, 'bit_depth_luma_minus8', r.byteOffset);
    bitDepthChroma = 8 + checkRange(r.ue(), 0, 6, bad, 'bit_depth_chroma_minus8', r.byteOffset);
    qpprimeYZeroTransformBypass = r.flag();
    seqScalingMatrixPresent = r.flag();
    if (seqScalingMatrixPresent) {
      const lists = chromaFormatIdc === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) if (r.flag()) skipScalingList(r, i < 6 ? 16 : 64);
    }
  }
  const log2MaxFrameNum = 4 + checkRange(r.ue(), 0, 12, bad, 'log2_max_frame_num_minus4', r.byteOffset);
  const picOrderCntType = checkRange(r.ue(), 0, 2, bad, 'pic_order_cnt_type', r.byteOffset);
  const sps: Partial<Mutable<H264Sps>> = {
    profileIdc,
    constraintSetFlags,
    levelIdc,
    seqParameterSetId,
    chromaFormatIdc,
    separateColourPlane,
    bitDepthLuma,
    bitDepthChroma,
    qpprimeYZeroTransformBypass,
    seqScalingMatrixPresent,
    log2MaxFrameNum,
    picOrderCntType,
  };
  if (picOrderCntType === 0) {
    sps.log2MaxPicOrderCntLsb = 4 + checkRange(r.ue(), 0, 12, bad, 'log2_max_pic_order_cnt_lsb_minus4', r.byteOffset);
  } else if (picOrderCntType === 1) {
    sps.deltaPicOrderAlwaysZero = r.flag();
    sps.offsetForNonRefPic = r.se();
    sps.offsetForTopToBottomField = r.se();
    const cycle = checkRange(r.ue(), 0, 255, bad, 'num_ref_frames_in_pic_order_cnt_cycle', r.byteOffset);
    const offsets: number[] = [];
    for (let i = 0; i < cycle; i++) offsets.push(r.se());
    sps.offsetForRefFrame = offsets;
  }
  sps.maxNumRefFrames = r.ue();
  sps.gapsInFrameNumAllowed = r.flag();
  const picWidthInMbs = r.ue() + 1;
  const picHeightInMapUnits = r.ue() + 1;
  const frameMbsOnly = r.flag();
  sps.mbAdaptiveFrameField = frameMbsOnly ? false : r.flag();
  sps.direct8x8Inference = r.flag();
  const frameHeightInMbs = (frameMbsOnly ? 1 : 2) * picHeightInMapUnits;
  let cropLeft = 0;
  let cropRight = 0;
  let cropTop = 0;
  let cropBottom = 0;
  if (r.flag()) {
    cropLeft = r.ue();
    cropRight = r.ue();
    cropTop = r.ue();
    cropBottom = r.ue();
  }
  // Crop units, H.264 §7.4.2.1.1 (frame_crop_*_offset semantics).
  const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
  const subWidthC = chromaFormatIdc === 3 ? 1 : 2;
  const subHeightC = chromaFormatIdc === 1 ? 2 : 1;
  const cropUnitX = chromaArrayType === 0 ? 1 : subWidthC;
  const cropUnitY = (chromaArrayType === 0 ? 1 : subHeightC) * (frameMbsOnly ? 1 : 2);
  const width = picWidthInMbs * 16 - cropUnitX * (cropLeft + cropRight);
  const height = frameHeightInMbs * 16 - cropUnitY * (cropTop + cropBottom);
  if (width <= 0 || height <= 0) {
    throw new H264Error(bad, `cropping leaves ${width}x${height} pixels`, r.byteOffset);
  }
  Object.assign(sps, { picWidthInMbs, frameHeightInMbs, frameMbsOnly, width, height, sarWidth: 1, sarHeight: 1 });
  if (r.flag()) parseVui(r, sps);
  return sps as H264Sps;
}

/** Reads `scaling_list()` (§7.3.2.1.1.1) without keeping it. */
function skipScalingList(r: BitReader, size: number): void {
  let lastScale = 8;
  let nextScale = 8;
  for (let j = 0; j < size; j++) {
    if (nextScale !== 0) {
      const delta = r.se();
      nextScale = (lastScale + delta + 256) % 256;
    }
    if (nextScale !== 0) lastScale = nextScale;
  }
}

/** `vui_parameters()` (§E.1.1). */
function parseVui(r: BitReader, sps: Partial<Mutable<H264Sps>>): void {
  if (r.flag()) [sps.sarWidth, sps.sarHeight] = readSampleAspectRatio(r);
  if (r.flag()) r.skip(1); // overscan_appropriate_flag
  if (r.flag()) {
    r.skip(3); // video_format
    sps.videoFullRange = r.flag();
    if (r.flag()) {
      sps.colourPrimaries = r.u(8);
      sps.transferCharacteristics = r.u(8);
      sps.matrixCoefficients = r.u(8);
    }
  }
  if (r.flag()) {
    r.ue(); // chroma_sample_loc_type_top_field
    r.ue(); // chroma_sample_loc_type_bottom_field
  }
  if (r.flag()) {
    const numUnitsInTick = r.u(32);
    const timeScale = r.u(32);
    sps.timing = { numUnitsInTick, timeScale, fixedFrameRate: r.flag() };
  }
  const nalHrd = r.flag();
  if (nalHrd) skipHrd(r);
  const vclHrd = r.flag();
  if (vclHrd) skipHrd(r);
  if (nalHrd || vclHrd) r.skip(1); // low_delay_hrd_flag
  r.skip(1); // pic_struct_present_flag
  if (r.flag()) {
    r.skip(1); // motion_vectors_over_pic_boundaries_flag
    r.ue(); // max_bytes_per_pic_denom
    r.ue(); // max_bits_per_mb_denom
    r.ue(); // log2_max_mv_length_horizontal
    r.ue(); // log2_max_mv_length_vertical
    sps.maxNumReorderFrames = r.ue();
    sps.maxDecFrameBuffering = r.ue();
  }
}

/** `hrd_parameters()` (§E.1.2). */
function skipHrd(r: BitReader): void {
  const cpbCnt = checkRange(r.ue() + 1, 1, 32, H264ErrorCode.InvalidSps, 'cpb_cnt', r.byteOffset);
  r.skip(8); // bit_rate_scale, cpb_size_scale
  for (let i = 0; i < cpbCnt; i++) {
    r.ue(); // bit_rate_value_minus1
    r.ue(); // cpb_size_value_minus1
    r.skip(1); // cbr_flag
  }
  r.skip(20); // four 5-bit delay/length fields
}
