import { BitReader, removeEmulationPrevention } from '@rtspkit/bytes';
import { H265Error, H265ErrorCode, h265ErrorFactory } from './errors.js';
import { H265NalUnitType, isH265IrapNalUnitType, isH265VclNalUnitType, parseH265NalHeader } from './nal.js';
import { ueMax } from './internal/rbsp.js';
import type { H265Pps } from './pps.js';
import type { H265Sps } from './sps.js';

/**
 * The head of a slice segment header, through `slice_pic_order_cnt_lsb`.
 * @see ITU-T H.265 §7.3.6.1
 */
export type H265SliceHeader = {
  readonly nalUnitType: number;
  /** `nuh_temporal_id_plus1 - 1`. */
  readonly temporalId: number;
  readonly firstSliceSegmentInPic: boolean;
  /** Present for IRAP pictures. */
  readonly noOutputOfPriorPics: boolean | undefined;
  readonly ppsId: number;
  readonly dependentSliceSegment: boolean;
  readonly sliceSegmentAddress: number;
  /** 0 B, 1 P, 2 I; undefined for a dependent slice segment. */
  readonly sliceType: number | undefined;
  readonly picOutputFlag: boolean;
  /** `slice_pic_order_cnt_lsb`; 0 for IDR pictures (and dependent slice segments). */
  readonly slicePicOrderCntLsb: number;
};

function sliceReader(nal: Uint8Array): { reader: BitReader; nalUnitType: number; temporalId: number } {
  const header = parseH265NalHeader(nal);
  if (!isH265VclNalUnitType(header.nalUnitType)) {
    throw new H265Error(H265ErrorCode.UnexpectedNalUnitType, `nal unit type ${header.nalUnitType} is not a slice`, 0);
  }
  // A slice header fits well within the first bytes; unescape only those.
  const reader = new BitReader(removeEmulationPrevention(nal.subarray(2, 2 + 512)), h265ErrorFactory);
  return { reader, nalUnitType: header.nalUnitType, temporalId: Math.max(0, header.nuhTemporalIdPlus1 - 1) };
}

/**
 * `first_slice_segment_in_pic_flag` of a slice segment NAL unit: the first bit after its
 * 2-byte header, true when the segment starts a picture. False for a NAL unit of 2 bytes or
 * fewer; the NAL unit type is not checked (see {@link isH265VclNalUnitType}).
 * @see ITU-T H.265 §7.3.6.1
 */
export function isH265FirstSliceSegment(nal: Uint8Array): boolean {
  return nal.length > 2 && ((nal[2] as number) & 0x80) !== 0;
}

/** `slice_pic_parameter_set_id` of a slice segment NAL unit, to find its PPS. @see ITU-T H.265 §7.3.6.1 */
export function h265SlicePpsId(nal: Uint8Array): number {
  const { reader, nalUnitType } = sliceReader(nal);
  reader.skip(isH265IrapNalUnitType(nalUnitType) ? 2 : 1);
  return ueMax(reader, 63, 'slice_pic_parameter_set_id', H265ErrorCode.InvalidSliceHeader);
}

/**
 * Reads a slice segment header through `slice_pic_order_cnt_lsb` with its SPS and PPS.
 * @see ITU-T H.265 §7.3.6.1
 */
export function parseH265SliceHeader(nal: Uint8Array, sps: H265Sps, pps: H265Pps): H265SliceHeader {
  const { reader: r, nalUnitType, temporalId } = sliceReader(nal);
  const firstSliceSegmentInPic = r.flag();
  const noOutputOfPriorPics = isH265IrapNalUnitType(nalUnitType) ? r.flag() : undefined;
  const ppsId = ueMax(r, 63, 'slice_pic_parameter_set_id', H265ErrorCode.InvalidSliceHeader);
  let dependentSliceSegment = false;
  let sliceSegmentAddress = 0;
  if (!firstSliceSegmentInPic) {
    if (pps.dependentSliceSegmentsEnabled) dependentSliceSegment = r.flag();
    const ctb = 2 ** sps.log2CtbSize;
    const picSizeInCtbs = Math.ceil(sps.codedWidth / ctb) * Math.ceil(sps.codedHeight / ctb);
    sliceSegmentAddress = r.u(Math.ceil(Math.log2(Math.max(1, picSizeInCtbs))));
  }
  let sliceType: number | undefined;
  let picOutputFlag = true;
  let slicePicOrderCntLsb = 0;
  if (!dependentSliceSegment) {
    r.skip(pps.numExtraSliceHeaderBits);
    sliceType = ueMax(r, 2, 'slice_type', H265ErrorCode.InvalidSliceHeader);
    if (pps.outputFlagPresent) picOutputFlag = r.flag();
    if (sps.separateColourPlane) r.skip(2); // colour_plane_id
    if (nalUnitType !== H265NalUnitType.IdrWRadl && nalUnitType !== H265NalUnitType.IdrNLp) {
      slicePicOrderCntLsb = r.u(sps.log2MaxPicOrderCntLsb);
    }
  }
  return {
    nalUnitType,
    temporalId,
    firstSliceSegmentInPic,
    noOutputOfPriorPics,
    ppsId,
    dependentSliceSegment,
    sliceSegmentAddress,
    sliceType,
    picOutputFlag,
    slicePicOrderCntLsb,
  };
}
