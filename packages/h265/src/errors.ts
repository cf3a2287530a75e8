import { CodecError, type ErrorFactory } from '@rtspkit/bytes';

/**
 * Stable codes of {@link H265Error} and of the events {@link H265Depacketizer} reports.
 * Codes marked benign describe normal network conditions, not broken input.
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
  /** Depacketizer event: a sequence gap inside a fragmented NAL unit; the access unit is dropped. */
  FragmentLost: 'ERR_H265_FRAGMENT_LOST',
  /** Depacketizer event: a fragment never ended (timestamp change or new start before the end bit). */
  FragmentIncomplete: 'ERR_H265_FRAGMENT_INCOMPLETE',
  /** Depacketizer event: a sequence gap between packets; the access unit it touches is dropped. */
  PacketLost: 'ERR_H265_PACKET_LOST',
  /** Depacketizer event (benign): a packet older than the last one (reordered or duplicated), ignored. */
  PacketOutOfOrder: 'ERR_H265_PACKET_OUT_OF_ORDER',
  /** Depacketizer event (benign): the stream was joined in the middle of a fragment. */
  JoinedMidAccessUnit: 'ERR_H265_JOINED_MID_ACCESS_UNIT',
  /** Depacketizer event (benign): the SSRC changed; state was reset. */
  SsrcChanged: 'ERR_H265_SSRC_CHANGED',
  /** Depacketizer event: an access unit beyond `maxAccessUnitBytes` or `maxNalUnits`; dropped. */
  AccessUnitTooLarge: 'ERR_H265_ACCESS_UNIT_TOO_LARGE',
  /** Depacketizer event: a DONL/DOND decoding order number that goes backwards or jumps beyond `maxDonDiff`. */
  DonOutOfOrder: 'ERR_H265_DON_OUT_OF_ORDER',
} as const;

/** One of the {@link H265ErrorCode} values. */
export type H265ErrorCode = (typeof H265ErrorCode)[keyof typeof H265ErrorCode];

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
