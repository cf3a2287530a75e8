import { CodecError, type ErrorFactory } from '@rtspkit/bytes';
import { rtpFramerErrorCodes, rtpNoticeCodes } from '@rtspkit/rtp';

/**
 * Stable codes of {@link H265Error}, and of the events {@link H265Depacketizer} reports when
 * data was lost or refused. Benign events have codes of their own: {@link H265NoticeCode}.
 */
export const H265ErrorCode = {
  /** A read ran past the end of a structure (VPS, SPS, PPS, slice header, hvcC). */
  Truncated: 'ERR_H265_TRUNCATED',
  /** A NAL unit shorter than its 2-byte header, or a header with forbidden_zero_bit set or tid 0. */
  InvalidNalUnit: 'ERR_H265_INVALID_NAL_UNIT',
  /** A NAL unit of another type than the parser expects (an SPS passed to `parseH265Vps`). */
  UnexpectedNalUnitType: 'ERR_H265_UNEXPECTED_NAL_UNIT_TYPE',
  /** A video parameter set with a value outside its range (H.265 §7.4.3.1). */
  InvalidVps: 'ERR_H265_INVALID_VPS',
  /** A sequence parameter set with a value outside its range (H.265 §7.4.3.2). */
  InvalidSps: 'ERR_H265_INVALID_SPS',
  /** A picture parameter set with a value outside its range (H.265 §7.4.3.3). */
  InvalidPps: 'ERR_H265_INVALID_PPS',
  /** A slice segment header that cannot be read (H.265 §7.4.7.1). */
  InvalidSliceHeader: 'ERR_H265_INVALID_SLICE_HEADER',
  /** An HEVCDecoderConfigurationRecord that breaks ISO 14496-15 §8.3.3.1. */
  InvalidHvcC: 'ERR_H265_INVALID_HVCC',
  /** An exp-Golomb code longer than 32 bits. */
  ExpGolombOverflow: 'ERR_H265_EXP_GOLOMB_OVERFLOW',
  /** A packetizer option or input the packetizer cannot honour (MTU too small, empty NAL unit). */
  InvalidArgument: 'ERR_H265_INVALID_ARGUMENT',
  /** DTS extraction needs an SPS/PPS it has not seen. */
  MissingParameterSet: 'ERR_H265_MISSING_PARAMETER_SET',
  /** Depacketizer event: an RTP payload that breaks RFC 7798 (short, truncated AP, bad FU or PACI, reserved type). */
  MalformedPacket: 'ERR_H265_MALFORMED_PACKET',
  /** Depacketizer event: a DONL/DOND decoding order number that goes backwards or jumps beyond `maxDonDiff`. */
  DonOutOfOrder: 'ERR_H265_DON_OUT_OF_ORDER',
  ...rtpFramerErrorCodes('H265'),
} as const;

/** One of the {@link H265ErrorCode} values. */
export type H265ErrorCode = (typeof H265ErrorCode)[keyof typeof H265ErrorCode];

/**
 * Codes of the benign events {@link H265Depacketizer} reports: normal network life, nothing
 * wrong with the input, no data lost. No `ERR_` prefix, so they are easy to tell apart.
 */
export const H265NoticeCode = rtpNoticeCodes('H265');

/** One of the {@link H265NoticeCode} values. */
export type H265NoticeCode = (typeof H265NoticeCode)[keyof typeof H265NoticeCode];

/**
 * The only error `@rtspkit/h265` throws on untrusted input. `code` is one of
 * {@link H265ErrorCode}; `offset` is the byte offset in the parsed structure when known.
 */
export class H265Error extends CodecError {}

const BYTES_CODES: Record<string, string> = {
  ERR_BYTES_OUT_OF_RANGE: H265ErrorCode.Truncated,
  ERR_BYTES_EXP_GOLOMB_OVERFLOW: H265ErrorCode.ExpGolombOverflow,
};

/** Error factory handed to `@rtspkit/bytes` readers so their failures come out as {@link H265Error}. */
export const h265ErrorFactory: ErrorFactory = (code, message, offset) =>
  new H265Error(BYTES_CODES[code] ?? code, message, offset);
