import { ByteReader, ByteWriter } from '@rtspkit/bytes';
import { H265Error, H265ErrorCode, h265ErrorFactory } from './errors.js';
import { H265NalUnitType, h265NalUnitType } from './nal.js';
import { parseH265Sps } from './sps.js';
import { parseH265Vps } from './vps.js';

/** One array of the hvcC record: NAL units of one type (VPS, SPS, PPS, SEI). */
export type HvcCArray = {
  /** True when every NAL unit of this type the stream uses is in the array (required for `hvc1`). */
  readonly arrayCompleteness: boolean;
  readonly nalUnitType: number;
  /** NAL units with their 2-byte header, emulation prevention bytes included; views alias the parsed record. */
  readonly nalUnits: readonly Uint8Array[];
};

/**
 * HEVCDecoderConfigurationRecord, the body of an `hvcC` box.
 *
 * ```
 *  configurationVersion(8)=1
 *  general_profile_space(2) general_tier_flag(1) general_profile_idc(5)
 *  general_profile_compatibility_flags(32)
 *  general_constraint_indicator_flags(48)
 *  general_level_idc(8)
 *  '1111'b min_spatial_segmentation_idc(12)
 *  '111111'b parallelismType(2)
 *  '111111'b chromaFormat(2)
 *  '11111'b bitDepthLumaMinus8(3)
 *  '11111'b bitDepthChromaMinus8(3)
 *  avgFrameRate(16)
 *  constantFrameRate(2) numTemporalLayers(3) temporalIdNested(1) lengthSizeMinusOne(2)
 *  numOfArrays(8)
 *  { array_completeness(1) reserved(1)=0 NAL_unit_type(6)
 *    numNalus(16) { nalUnitLength(16) nalUnit(8*nalUnitLength) } }
 * ```
 * @see ISO/IEC 14496-15 §8.3.3.1
 */
export type HvcC = {
  readonly configurationVersion: 1;
  readonly generalProfileSpace: number;
  readonly generalTierFlag: number;
  readonly generalProfileIdc: number;
  /** The 32 compatibility flags, flag 0 in the most significant bit (unsigned). */
  readonly generalProfileCompatibilityFlags: number;
  /** 6 bytes. */
  readonly generalConstraintIndicatorFlags: Uint8Array;
  readonly generalLevelIdc: number;
  readonly minSpatialSegmentationIdc: number;
  /** 0 mixed or unknown, 1 slice, 2 tile, 3 wavefront parallel decoding. */
  readonly parallelismType: number;
  /** `chroma_format_idc` of the SPS. */
  readonly chromaFormat: number;
  /** Luma bit depth (8..15), stored as `bitDepthLumaMinus8`. */
  readonly bitDepthLuma: number;
  /** Chroma bit depth (8..15), stored as `bitDepthChromaMinus8`. */
  readonly bitDepthChroma: number;
  /** Frames per 256 s; 0 when unspecified. */
  readonly avgFrameRate: number;
  /** 0 unknown, 1 constant, 2 each temporal layer constant. */
  readonly constantFrameRate: number;
  /** 0 unknown, else the number of temporal layers. */
  readonly numTemporalLayers: number;
  readonly temporalIdNested: boolean;
  /** Bytes in each NAL length prefix of the samples (stored as `lengthSizeMinusOne`). */
  readonly lengthSize: 1 | 2 | 4;
  readonly arrays: readonly HvcCArray[];
};

/** The record version ISO 14496-15 defines. */
const CONFIGURATION_VERSION = 1 as const;
/** Fixed part of the record, before the arrays. */
const HVCC_HEADER_SIZE = 23;

/**
 * Parses an HEVCDecoderConfigurationRecord (the `hvcC` box body, without box header). Reserved
 * bits are not checked; bytes after the last array are ignored. NAL units alias the input.
 * @see ISO/IEC 14496-15 §8.3.3.1
 */
export function parseHvcC(bytes: Uint8Array): HvcC {
  const r = new ByteReader(bytes, 0, h265ErrorFactory);
  r.need(HVCC_HEADER_SIZE, 'hvcc record');
  const configurationVersion = r.u8();
  if (configurationVersion !== CONFIGURATION_VERSION) {
    throw new H265Error(H265ErrorCode.InvalidHvcC, `hvcc configurationVersion ${configurationVersion} is not 1`, 0);
  }
  const b1 = r.u8();
  const generalProfileCompatibilityFlags = r.u32();
  const generalConstraintIndicatorFlags = r.bytesView(6);
  const generalLevelIdc = r.u8();
  const minSpatialSegmentationIdc = r.u16() & 0x0fff;
  const parallelismType = r.u8() & 3;
  const chromaFormat = r.u8() & 3;
  const bitDepthLuma = (r.u8() & 7) + 8;
  const bitDepthChroma = (r.u8() & 7) + 8;
  const avgFrameRate = r.u16();
  const b21 = r.u8();
  const lengthSize = (b21 & 3) + 1;
  if (lengthSize === 3) throw new H265Error(H265ErrorCode.InvalidHvcC, `hvcc lengthSizeMinusOne 2 is not allowed`, 21);
  const numOfArrays = r.u8();
  const arrays: HvcCArray[] = [];
  for (let j = 0; j < numOfArrays; j++) {
    const b = r.u8();
    const numNalus = r.u16();
    const nalUnits: Uint8Array[] = [];
    for (let i = 0; i < numNalus; i++) nalUnits.push(r.bytesView(r.u16()));
    arrays.push({ arrayCompleteness: (b & 0x80) !== 0, nalUnitType: b & 0x3f, nalUnits });
  }
  return {
    configurationVersion: CONFIGURATION_VERSION,
    generalProfileSpace: b1 >>> 6,
    generalTierFlag: (b1 >>> 5) & 1,
    generalProfileIdc: b1 & 0x1f,
    generalProfileCompatibilityFlags,
    generalConstraintIndicatorFlags,
    generalLevelIdc,
    minSpatialSegmentationIdc,
    parallelismType,
    chromaFormat,
    bitDepthLuma,
    bitDepthChroma,
    avgFrameRate,
    constantFrameRate: b21 >>> 6,
    numTemporalLayers: (b21 >>> 3) & 7,
    temporalIdNested: (b21 & 4) !== 0,
    lengthSize: lengthSize as 1 | 2 | 4,
    arrays,
  };
}

/**
 * Serializes an HEVCDecoderConfigurationRecord (no box header), reserved bits set to 1.
 * Throws `ERR_H265_INVALID_HVCC` when a field does not fit its width.
 * @see ISO/IEC 14496-15 §8.3.3.1
 */
export function serializeHvcC(hvcc: HvcC): Uint8Array {
  const fits = (value: number, bits: number, name: string) => {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
      throw new H265Error(H265ErrorCode.InvalidHvcC, `hvcc ${name} ${value} does not fit ${bits} bits`);
    }
  };
  fits(hvcc.generalProfileSpace, 2, 'general_profile_space');
  fits(hvcc.generalTierFlag, 1, 'general_tier_flag');
  fits(hvcc.generalProfileIdc, 5, 'general_profile_idc');
  fits(hvcc.generalProfileCompatibilityFlags, 32, 'general_profile_compatibility_flags');
  fits(hvcc.generalLevelIdc, 8, 'general_level_idc');
  fits(hvcc.minSpatialSegmentationIdc, 12, 'min_spatial_segmentation_idc');
  fits(hvcc.parallelismType, 2, 'parallelismType');
  fits(hvcc.chromaFormat, 2, 'chromaFormat');
  fits(hvcc.bitDepthLuma - 8, 3, 'bitDepthLumaMinus8');
  fits(hvcc.bitDepthChroma - 8, 3, 'bitDepthChromaMinus8');
  fits(hvcc.avgFrameRate, 16, 'avgFrameRate');
  fits(hvcc.constantFrameRate, 2, 'constantFrameRate');
  fits(hvcc.numTemporalLayers, 3, 'numTemporalLayers');
  if (hvcc.lengthSize !== 1 && hvcc.lengthSize !== 2 && hvcc.lengthSize !== 4) {
    throw new H265Error(H265ErrorCode.InvalidHvcC, `hvcc lengthSize ${hvcc.lengthSize} is not 1, 2 or 4`);
  }
  fits(hvcc.arrays.length, 8, 'numOfArrays');
  if (hvcc.generalConstraintIndicatorFlags.length !== 6) {
    throw new H265Error(
      H265ErrorCode.InvalidHvcC,
      `hvcc general_constraint_indicator_flags has ${hvcc.generalConstraintIndicatorFlags.length} bytes, not 6`,
    );
  }
  const w = new ByteWriter(256);
  w.u8(CONFIGURATION_VERSION)
    .u8((hvcc.generalProfileSpace << 6) | (hvcc.generalTierFlag << 5) | hvcc.generalProfileIdc)
    .u32(hvcc.generalProfileCompatibilityFlags)
    .bytes(hvcc.generalConstraintIndicatorFlags)
    .u8(hvcc.generalLevelIdc)
    .u16(0xf000 | hvcc.minSpatialSegmentationIdc)
    .u8(0xfc | hvcc.parallelismType)
    .u8(0xfc | hvcc.chromaFormat)
    .u8(0xf8 | (hvcc.bitDepthLuma - 8))
    .u8(0xf8 | (hvcc.bitDepthChroma - 8))
    .u16(hvcc.avgFrameRate)
    .u8(
      (hvcc.constantFrameRate << 6) |
        (hvcc.numTemporalLayers << 3) |
        (hvcc.temporalIdNested ? 4 : 0) |
        (hvcc.lengthSize - 1),
    )
    .u8(hvcc.arrays.length);
  for (const array of hvcc.arrays) {
    fits(array.nalUnitType, 6, 'NAL_unit_type');
    fits(array.nalUnits.length, 16, 'numNalus');
    w.u8((array.arrayCompleteness ? 0x80 : 0) | array.nalUnitType).u16(array.nalUnits.length);
    for (const nal of array.nalUnits) {
      fits(nal.length, 16, 'nalUnitLength');
      w.u16(nal.length).bytes(nal);
    }
  }
  return w.finish().slice();
}

/** Options of {@link hvcCFromParameterSets}. */
export type HvcCOptions = {
  /** Prefix SEI NAL units to carry in a fourth array (declarative SEI such as HDR metadata). */
  readonly sei?: readonly Uint8Array[];
  /** `array_completeness` of every array: true for `hvc1` (the default), false allows in-band updates (`hev1`). */
  readonly arrayCompleteness?: boolean;
};

/**
 * Builds the hvcC record of a stream from its parameter sets. Profile, tier, level and
 * constraint flags, chroma format, bit depths, `min_spatial_segmentation_idc` and
 * `temporalIdNested` come from the first SPS; `numTemporalLayers` is the largest sub-layer
 * count of the first VPS and SPS. `parallelismType`, `avgFrameRate` and `constantFrameRate`
 * are written as 0 (unknown), as FFmpeg does for streams without `min_spatial_segmentation_idc`.
 * NAL unit length size is 4.
 * @see ISO/IEC 14496-15 §8.3.2.1.3, §8.3.3.1
 */
export function hvcCFromParameterSets(
  vps: readonly Uint8Array[],
  sps: readonly Uint8Array[],
  pps: readonly Uint8Array[],
  options: HvcCOptions = {},
): HvcC {
  const [firstVps] = vps;
  const [firstSps] = sps;
  if (firstVps === undefined || firstSps === undefined || pps.length === 0) {
    throw new H265Error(
      H265ErrorCode.InvalidHvcC,
      `hvcc needs at least one vps, sps and pps (got ${vps.length}, ${sps.length}, ${pps.length})`,
    );
  }
  const s = parseH265Sps(firstSps);
  const v = parseH265Vps(firstVps);
  for (const [list, type] of [
    [pps, H265NalUnitType.Pps],
    [options.sei ?? [], H265NalUnitType.PrefixSei],
  ] as const) {
    for (const nal of list) {
      if (h265NalUnitType(nal) !== type) {
        throw new H265Error(
          H265ErrorCode.UnexpectedNalUnitType,
          `expected nal type ${type} but got ${h265NalUnitType(nal)}`,
        );
      }
    }
  }
  const complete = options.arrayCompleteness ?? true;
  const arrays: HvcCArray[] = [
    { arrayCompleteness: complete, nalUnitType: H265NalUnitType.Vps, nalUnits: vps },
    { arrayCompleteness: complete, nalUnitType: H265NalUnitType.Sps, nalUnits: sps },
    { arrayCompleteness: complete, nalUnitType: H265NalUnitType.Pps, nalUnits: pps },
  ];
  if (options.sei !== undefined && options.sei.length > 0) {
    arrays.push({ arrayCompleteness: complete, nalUnitType: H265NalUnitType.PrefixSei, nalUnits: options.sei });
  }
  return {
    configurationVersion: CONFIGURATION_VERSION,
    generalProfileSpace: s.generalProfileSpace,
    generalTierFlag: s.generalTierFlag,
    generalProfileIdc: s.generalProfileIdc,
    generalProfileCompatibilityFlags: s.generalProfileCompatibilityFlags,
    generalConstraintIndicatorFlags: s.generalConstraintIndicatorFlags,
    generalLevelIdc: s.generalLevelIdc,
    minSpatialSegmentationIdc: s.minSpatialSegmentationIdc,
    parallelismType: 0,
    chromaFormat: s.chromaFormatIdc,
    bitDepthLuma: s.bitDepthLuma,
    bitDepthChroma: s.bitDepthChroma,
    avgFrameRate: 0,
    constantFrameRate: 0,
    numTemporalLayers: Math.max(s.maxSubLayers, v.maxSubLayers),
    temporalIdNested: s.temporalIdNesting,
    lengthSize: 4,
    arrays,
  };
}
