import { CodecError, type ErrorFactory } from '@rtspkit/bytes';

/**
 * Stable codes of {@link H264Error} and of the events {@link H264Depacketizer} reports.
 * Codes marked benign describe normal network conditions, not broken input.
 */
export const H264ErrorCode = {
  /** A read ran past the end of a structure (SPS, PPS, slice header, avcC). */
  Truncated: 'ERR_H264_TRUNCATED',
  /** A NAL unit with no header byte, or a header with forbidden_zero_bit set. */
  InvalidNalUnit: 'ERR_H264_INVALID_NAL_UNIT',
  /** A sequence parameter set with a value outside its range (H.264 §7.4.2.1.1). */
  InvalidSps: 'ERR_H264_INVALID_SPS',
  /** A picture parameter set with a value outside its range (H.264 §7.4.2.2). */
  InvalidPps: 'ERR_H264_INVALID_PPS',
  /** A slice header that cannot be read (H.264 §7.4.3). */
  InvalidSliceHeader: 'ERR_H264_INVALID_SLICE_HEADER',
  /** An AVCDecoderConfigurationRecord that breaks ISO 14496-15 §5.3.3.1. */
  InvalidAvcC: 'ERR_H264_INVALID_AVCC',
  /** An exp-Golomb code longer than 32 bits. */
  ExpGolombOverflow: 'ERR_H264_EXP_GOLOMB_OVERFLOW',
  /** A packetizer option or input the packetizer cannot honour (MTU too small, empty NAL unit). */
  InvalidArgument: 'ERR_H264_INVALID_ARGUMENT',
  /** DTS extraction needs an SPS/PPS or a slice it has not seen. */
  MissingParameterSet: 'ERR_H264_MISSING_PARAMETER_SET',
  /** Depacketizer event: an RTP payload that breaks RFC 6184 (empty, truncated aggregate, reserved type). */
  MalformedPacket: 'ERR_H264_MALFORMED_PACKET',
  /** Depacketizer event: a sequence gap inside a fragmented NAL unit; the access unit is dropped. */
  FragmentLost: 'ERR_H264_FRAGMENT_LOST',
  /** Depacketizer event: a fragment never ended (timestamp change or new start before the end bit). */
  FragmentIncomplete: 'ERR_H264_FRAGMENT_INCOMPLETE',
  /** Depacketizer event: a sequence gap between packets; the access units it touches are dropped. */
  PacketLost: 'ERR_H264_PACKET_LOST',
  /** Depacketizer event (benign): a packet older than the last one (reordered or duplicated), ignored. */
  PacketOutOfOrder: 'ERR_H264_PACKET_OUT_OF_ORDER',
  /** Depacketizer event (benign): the stream was joined in the middle of an access unit or fragment. */
  JoinedMidAccessUnit: 'ERR_H264_JOINED_MID_ACCESS_UNIT',
  /** Depacketizer event (benign): the SSRC changed; state was reset. */
  SsrcChanged: 'ERR_H264_SSRC_CHANGED',
  /** Depacketizer event: an access unit beyond `maxAccessUnitBytes` or `maxNalUnits`; dropped. */
  AccessUnitTooLarge: 'ERR_H264_ACCESS_UNIT_TOO_LARGE',
} as const;

/** One of the {@link H264ErrorCode} values. */
export type H264ErrorCode = (typeof H264ErrorCode)[keyof typeof H264ErrorCode];

/**
 * The only error `@rtspkit/h264` throws on untrusted input. `code` is one of
 * {@link H264ErrorCode}; `offset` is the byte offset in the parsed structure when known.
 */
export class H264Error extends CodecError {}

const BYTES_CODES: Record<string, string> = {
  ERR_BYTES_OUT_OF_RANGE: H264ErrorCode.Truncated,
  ERR_BYTES_EXP_GOLOMB_OVERFLOW: H264ErrorCode.ExpGolombOverflow,
};

/** Error factory handed to `@rtspkit/bytes` readers so their failures come out as {@link H264Error}. */
export const h264ErrorFactory: ErrorFactory = (code, message, offset) =>
  new H264Error(BYTES_CODES[code] ?? code, message, offset);
