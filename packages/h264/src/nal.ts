import { H264Error, H264ErrorCode } from './errors.js';

/**
 * `nal_unit_type` values (H.264 Table 7-1) and the RTP payload structure types that reuse
 * the same 5-bit field (RFC 6184 Table 1).
 *
 * ```
 * +---------------+
 * |0|1|2|3|4|5|6|7|
 * +-+-+-+-+-+-+-+-+
 * |F|NRI|  Type   |
 * +---------------+
 * ```
 * @see ITU-T H.264 §7.4.1 Table 7-1
 * @see RFC 6184 §5.3
 */
export const H264NalUnitType = {
  Unspecified: 0,
  /** Coded slice of a non-IDR picture. */
  NonIdrSlice: 1,
  SliceDataPartitionA: 2,
  SliceDataPartitionB: 3,
  SliceDataPartitionC: 4,
  /** Coded slice of an IDR picture. */
  IdrSlice: 5,
  Sei: 6,
  Sps: 7,
  Pps: 8,
  AccessUnitDelimiter: 9,
  EndOfSequence: 10,
  EndOfStream: 11,
  FillerData: 12,
  SpsExtension: 13,
  PrefixNal: 14,
  SubsetSps: 15,
  DepthParameterSet: 16,
  AuxiliarySlice: 19,
  SliceExtension: 20,
  SliceExtensionDepth: 21,
  /** RFC 6184 single-time aggregation packet, no DON. */
  StapA: 24,
  /** RFC 6184 single-time aggregation packet with DON. */
  StapB: 25,
  /** RFC 6184 multi-time aggregation packet, 16-bit timestamp offset. */
  Mtap16: 26,
  /** RFC 6184 multi-time aggregation packet, 24-bit timestamp offset. */
  Mtap24: 27,
  /** RFC 6184 fragmentation unit without DON. */
  FuA: 28,
  /** RFC 6184 fragmentation unit with DON. */
  FuB: 29,
} as const;

/** One of the {@link H264NalUnitType} values (or any other 5-bit value). */
export type H264NalUnitType = (typeof H264NalUnitType)[keyof typeof H264NalUnitType];

/** The decoded NAL unit header byte. */
export type H264NalHeader = {
  readonly forbiddenZeroBit: number;
  /** `nal_ref_idc`, 0..3: 0 means not used for reference. */
  readonly nalRefIdc: number;
  /** `nal_unit_type`, 0..31. */
  readonly nalUnitType: number;
};

/**
 * Reads the one-byte NAL unit header. Throws `ERR_H264_INVALID_NAL_UNIT` on an empty unit.
 * @see ITU-T H.264 §7.3.1
 */
export function parseH264NalHeader(nal: Uint8Array): H264NalHeader {
  const b = nal[0];
  if (b === undefined) throw new H264Error(H264ErrorCode.InvalidNalUnit, 'empty nal unit', 0);
  return { forbiddenZeroBit: b >>> 7, nalRefIdc: (b >>> 5) & 3, nalUnitType: b & 0x1f };
}

/** `nal_unit_type` of a NAL unit (its first byte & 0x1f); -1 for an empty unit. */
export function h264NalUnitType(nal: Uint8Array): number {
  const b = nal[0];
  return b === undefined ? -1 : b & 0x1f;
}

/** True for the VCL types that carry slices of the primary picture (1 to 5). */
export function isH264VclNalUnitType(type: number): boolean {
  return type >= 1 && type <= 5;
}

/** True when the access unit holds a slice of an IDR picture (`nal_unit_type` 5). */
export function isH264KeyFrame(nals: readonly Uint8Array[]): boolean {
  for (const nal of nals) if (((nal[0] ?? 0) & 0x1f) === H264NalUnitType.IdrSlice) return true;
  return false;
}
