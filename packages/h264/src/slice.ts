import { BitReader, removeEmulationPrevention } from '@rtspkit/bytes';
import { H264Error, H264ErrorCode, h264ErrorFactory } from './errors.js';
import { H264NalUnitType } from './nal.js';
import type { H264Pps } from './pps.js';
import type { H264Sps } from './sps.js';

/**
 * The slice header fields up to the picture order count (H.264 §7.3.3): what access-unit
 * boundaries and POC derivation need.
 */
export type H264SliceHeader = {
  readonly nalUnitType: number;
  readonly nalRefIdc: number;
  readonly firstMbInSlice: number;
  /** 0..9; values ≥ 5 mean every slice of the picture has the same type. */
  readonly sliceType: number;
  readonly picParameterSetId: number;
  readonly frameNum: number;
  readonly fieldPic: boolean;
  readonly bottomField: boolean;
  /** IDR slices only. */
  readonly idrPicId?: number;
  /** POC type 0 only. */
  readonly picOrderCntLsb?: number;
  readonly deltaPicOrderCntBottom?: number;
  /** POC type 1 only: `delta_pic_order_cnt[0]` and `[1]`. */
  readonly deltaPicOrderCnt0?: number;
  readonly deltaPicOrderCnt1?: number;
};

// The fields read here sit in the first few dozen bytes; copying at most this many before
// unescaping keeps parsing O(1) in the slice size (3 exp-Golomb codes of ≤ 65 bits + 2 fields
// of ≤ 16 bits + idr_pic_id + 2 POC deltas, with room for emulation prevention).
const MAX_SLICE_HEADER_BYTES = 64;

/**
 * `first_mb_in_slice` of a coded slice NAL unit (types 1, 5), or -1 when it cannot be read.
 * @see ITU-T H.264 §7.3.3
 */
export function h264FirstMbInSlice(nal: Uint8Array): number {
  // Fast path: a leading 1 bit is ue(v) = 0, the common first slice of a picture.
  const b = nal[1];
  if (b === undefined) return -1;
  if (b & 0x80) return 0;
  try {
    return new BitReader(removeEmulationPrevention(nal.subarray(1, 12)), h264ErrorFactory).ue();
  } catch {
    return -1;
  }
}

/**
 * `pic_parameter_set_id` of a coded slice NAL unit, read without its SPS. Throws
 * {@link H264Error} when the header is cut short.
 * @see ITU-T H.264 §7.3.3
 */
export function h264SlicePpsId(nal: Uint8Array): number {
  const r = new BitReader(removeEmulationPrevention(nal.subarray(1, 1 + MAX_SLICE_HEADER_BYTES)), h264ErrorFactory);
  r.ue(); // first_mb_in_slice
  r.ue(); // slice_type
  return r.ue();
}

/**
 * Parses a slice header up to the POC fields, given the active SPS and PPS. Throws
 * {@link H264Error} on bad input.
 * @see ITU-T H.264 §7.3.3
 */
export function parseH264SliceHeader(nal: Uint8Array, sps: H264Sps, pps: H264Pps): H264SliceHeader {
  const header = nal[0];
  if (header === undefined) throw new H264Error(H264ErrorCode.InvalidNalUnit, 'empty slice nal unit', 0);
  const nalUnitType = header & 0x1f;
  if (nalUnitType !== H264NalUnitType.NonIdrSlice && nalUnitType !== H264NalUnitType.IdrSlice) {
    throw new H264Error(H264ErrorCode.InvalidSliceHeader, `nal type ${nalUnitType} is not a slice`, 0);
  }
  const r = new BitReader(removeEmulationPrevention(nal.subarray(1, 1 + MAX_SLICE_HEADER_BYTES)), h264ErrorFactory);
  const firstMbInSlice = r.ue();
  const sliceType = r.ue();
  if (sliceType > 9) throw new H264Error(H264ErrorCode.InvalidSliceHeader, `slice_type ${sliceType} outside 0..9`, 1);
  const picParameterSetId = r.ue();
  if (picParameterSetId !== pps.picParameterSetId) {
    throw new H264Error(
      H264ErrorCode.MissingParameterSet,
      `slice refers to pps ${picParameterSetId}, have pps ${pps.picParameterSetId}`,
      1,
    );
  }
  if (sps.separateColourPlane) r.skip(2); // colour_plane_id
  const frameNum = r.u(sps.log2MaxFrameNum);
  let fieldPic = false;
  let bottomField = false;
  if (!sps.frameMbsOnly) {
    fieldPic = r.flag();
    if (fieldPic) bottomField = r.flag();
  }
  const out: { -readonly [K in keyof H264SliceHeader]: H264SliceHeader[K] } = {
    nalUnitType,
    nalRefIdc: (header >>> 5) & 3,
    firstMbInSlice,
    sliceType,
    picParameterSetId,
    frameNum,
    fieldPic,
    bottomField,
  };
  if (nalUnitType === H264NalUnitType.IdrSlice) out.idrPicId = r.ue();
  if (sps.picOrderCntType === 0) {
    out.picOrderCntLsb = r.u(sps.log2MaxPicOrderCntLsb ?? 4);
    if (pps.bottomFieldPicOrderInFramePresent && !fieldPic) out.deltaPicOrderCntBottom = r.se();
  } else if (sps.picOrderCntType === 1 && !sps.deltaPicOrderAlwaysZero) {
    out.deltaPicOrderCnt0 = r.se();
    if (pps.bottomFieldPicOrderInFramePresent && !fieldPic) out.deltaPicOrderCnt1 = r.se();
  }
  return out;
}
