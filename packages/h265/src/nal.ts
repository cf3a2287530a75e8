import { H265Error, H265ErrorCode } from './errors.js';

/**
 * NAL unit types (H.265 Table 7-1) and the RTP payload structures RFC 7798 adds (48..50).
 * @see ITU-T H.265 §7.4.2.2
 * @see RFC 7798 §4.4
 */
export const H265NalUnitType = {
  TrailN: 0,
  TrailR: 1,
  TsaN: 2,
  TsaR: 3,
  StsaN: 4,
  StsaR: 5,
  RadlN: 6,
  RadlR: 7,
  RaslN: 8,
  RaslR: 9,
  BlaWLp: 16,
  BlaWRadl: 17,
  BlaNLp: 18,
  IdrWRadl: 19,
  IdrNLp: 20,
  CraNut: 21,
  /** Reserved IRAP types 22 and 23. */
  RsvIrapVcl22: 22,
  RsvIrapVcl23: 23,
  Vps: 32,
  Sps: 33,
  Pps: 34,
  Aud: 35,
  Eos: 36,
  Eob: 37,
  Fd: 38,
  PrefixSei: 39,
  SuffixSei: 40,
  /** Aggregation packet (RFC 7798 §4.4.2). */
  Ap: 48,
  /** Fragmentation unit (RFC 7798 §4.4.3). */
  Fu: 49,
  /** PACI packet (RFC 7798 §4.4.4). */
  Paci: 50,
} as const;

/**
 * The two-byte NAL unit header.
 *
 * ```
 * +---------------+---------------+
 * |0|1|2|3|4|5|6|7|0|1|2|3|4|5|6|7|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |F|   Type    |  LayerId  | TID |
 * +-------------+-----------------+
 * ```
 * @see ITU-T H.265 §7.3.1.2
 * @see RFC 7798 §1.1.4
 */
export type H265NalHeader = {
  readonly forbiddenZeroBit: number;
  /** `nal_unit_type`, 0..63. */
  readonly nalUnitType: number;
  /** `nuh_layer_id`, 0..63 (0 for the base layer). */
  readonly nuhLayerId: number;
  /** `nuh_temporal_id_plus1`, 1..7 (0 is forbidden). */
  readonly nuhTemporalIdPlus1: number;
};

/** One of the {@link H265NalUnitType} values (or any other 6-bit value). */
export type H265NalUnitType = (typeof H265NalUnitType)[keyof typeof H265NalUnitType];

/** Size of the H.265 NAL unit header in bytes. */
export const NAL_HEADER_SIZE = 2;

/**
 * Reads the two-byte header of a NAL unit. Throws `ERR_H265_INVALID_NAL_HEADER` when the NAL
 * unit is shorter than 2 bytes. The forbidden bit and `tid` 0 are reported, not rejected
 * (use {@link validateH265NalHeader} for that).
 * @see ITU-T H.265 §7.3.1.2
 */
export function parseH265NalHeader(nal: Uint8Array): H265NalHeader {
  if (nal.length < NAL_HEADER_SIZE) {
    throw new H265Error(H265ErrorCode.InvalidNalUnit, `nal unit of ${nal.length} bytes has no 2-byte header`, 0);
  }
  const b0 = nal[0] as number;
  const b1 = nal[1] as number;
  return {
    forbiddenZeroBit: b0 >>> 7,
    nalUnitType: (b0 >>> 1) & 0x3f,
    nuhLayerId: ((b0 & 1) << 5) | (b1 >>> 3),
    nuhTemporalIdPlus1: b1 & 7,
  };
}

/** Writes a two-byte NAL unit header. @see ITU-T H.265 §7.3.1.2 */
export function serializeH265NalHeader(header: H265NalHeader): Uint8Array {
  return Uint8Array.of(
    ((header.forbiddenZeroBit & 1) << 7) | ((header.nalUnitType & 0x3f) << 1) | ((header.nuhLayerId >>> 5) & 1),
    ((header.nuhLayerId & 0x1f) << 3) | (header.nuhTemporalIdPlus1 & 7),
  );
}

/** Throws unless the header has `forbidden_zero_bit` 0 and `nuh_temporal_id_plus1` > 0. */
export function validateH265NalHeader(nal: Uint8Array): H265NalHeader {
  const header = parseH265NalHeader(nal);
  if (header.forbiddenZeroBit !== 0) {
    throw new H265Error(
      H265ErrorCode.InvalidNalUnit,
      `forbidden_zero_bit set in nal unit type ${header.nalUnitType}`,
      0,
    );
  }
  if (header.nuhTemporalIdPlus1 === 0) {
    throw new H265Error(
      H265ErrorCode.InvalidNalUnit,
      `nuh_temporal_id_plus1 is 0 in nal unit type ${header.nalUnitType}`,
      1,
    );
  }
  return header;
}

/** `nal_unit_type` of a NAL unit (the 6 bits after the forbidden bit); -1 for an empty one. */
export function h265NalUnitType(nal: Uint8Array): number {
  return nal.length === 0 ? -1 : ((nal[0] as number) >>> 1) & 0x3f;
}

/** VCL NAL unit types are 0..31 (H.265 Table 7-1). */
export function isH265VclNalUnitType(type: number): boolean {
  return type >= 0 && type <= 31;
}

/** IRAP pictures: BLA, IDR, CRA and the reserved 22, 23 (H.265 §3.73, types 16..23). */
export function isH265IrapNalUnitType(type: number): boolean {
  return type >= H265NalUnitType.BlaWLp && type <= H265NalUnitType.RsvIrapVcl23;
}
