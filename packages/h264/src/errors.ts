import { CodecError, type ErrorFactory } from '@rtspkit/bytes';
import { rtpFramerErrorCodes, rtpNoticeCodes } from '@rtspkit/rtp';

/**
 * Stable codes of {@link H264Error}, and of the events {@link H264Depacketizer} reports when
 * data was lost or refused. Benign events have codes of their own: {@link H264NoticeCode}.
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
  ...rtpFramerErrorCodes('H264'),
} as const;

/** One of the {@link H264ErrorCode} values. */
export type H264ErrorCode = (typeof H264ErrorCode)[keyof typeof H264ErrorCode];

/**
 * Codes of the benign events {@link H264Depacketizer} reports: normal network life, nothing
 * wrong with the input, no data lost. No `ERR_` prefix, so they are easy to tell apart.
 */
export const H264NoticeCode = rtpNoticeCodes('H264');

/** One of the {@link H264NoticeCode} values. */
export type H264NoticeCode = (typeof H264NoticeCode)[keyof typeof H264NoticeCode];

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
