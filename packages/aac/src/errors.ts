import { CodecError, type ErrorFactory } from '@rtspkit/bytes';
import { rtpFramerErrorCodes, rtpNoticeCodes } from '@rtspkit/rtp';

/**
 * Stable codes of {@link AacError}, and of the depacketizer events that report data lost or
 * refused ({@link AacDepacketizerEvent}; depacketizers never throw on input). Benign events
 * have codes of their own: {@link AacNoticeCode}.
 */
export const AacErrorCode = {
  /** Input ended before a field could be read. */
  Truncated: 'ERR_AAC_TRUNCATED',
  /** A sampling frequency index of 13 or 14 (reserved, ISO 14496-3 table 1.18), or an explicit frequency of 0. */
  InvalidSamplingFrequencyIndex: 'ERR_AAC_INVALID_SAMPLING_FREQUENCY_INDEX',
  /** A value does not fit the field it has to be written to. */
  ValueOutOfRange: 'ERR_AAC_VALUE_OUT_OF_RANGE',
  /** A configuration this package does not implement (epConfig 2/3, several LATM programs …). */
  Unsupported: 'ERR_AAC_UNSUPPORTED',
  /** No 0xFFF ADTS syncword where a frame should start. */
  AdtsSyncLost: 'ERR_AAC_ADTS_SYNC_LOST',
  /** An ADTS frame length shorter than its own header, or past the end of the input. */
  InvalidAdtsFrameLength: 'ERR_AAC_INVALID_ADTS_FRAME_LENGTH',
  /** A protected ADTS frame whose crc_check differs from the CRC computed over it. */
  AdtsCrcMismatch: 'ERR_AAC_ADTS_CRC_MISMATCH',
  /** An ADTS header with layer ≠ 0. */
  InvalidAdtsLayer: 'ERR_AAC_INVALID_ADTS_LAYER',
  /** RFC 3640 AU headers or AU sizes that do not fit the packet. */
  InvalidAuHeaders: 'ERR_AAC_INVALID_AU_HEADERS',
  /** A LATM AudioMuxElement whose payload lengths do not fit the data. */
  InvalidAudioMuxElement: 'ERR_AAC_INVALID_AUDIO_MUX_ELEMENT',
  /** An access unit too large for the packetizer's `sizeLength`. */
  TooLarge: 'ERR_AAC_TOO_LARGE',
  /** Depacketizer event: more AUs in one packet than `maxAccessUnitsPerPacket`; the packet is dropped. */
  TooManyAccessUnits: 'ERR_AAC_TOO_MANY_ACCESS_UNITS',
  /** LATM data with `cpresent=1` before any StreamMuxConfig (an event; dropped), or `cpresent=0` without `config`. */
  LatmConfigMissing: 'ERR_AAC_LATM_CONFIG_MISSING',
  /** An fmtp parameter that cannot be read (a `config` that is not hex). */
  InvalidParameter: 'ERR_AAC_INVALID_PARAMETER',
  ...rtpFramerErrorCodes('AAC'),
} as const;

export type AacErrorCode = (typeof AacErrorCode)[keyof typeof AacErrorCode];

/**
 * Codes of the benign events the depacketizers report: normal network life or a tolerated
 * sender quirk, no data lost. No `ERR_` prefix, so they are easy to tell apart.
 */
export const AacNoticeCode = {
  ...rtpNoticeCodes('AAC'),
  /** Access units arrived wrapped in ADTS inside mpeg4-generic; the headers were stripped (reported once). */
  AdtsInPayload: 'AAC_ADTS_IN_PAYLOAD',
} as const;

/** One of the {@link AacNoticeCode} values. */
export type AacNoticeCode = (typeof AacNoticeCode)[keyof typeof AacNoticeCode];

/** The one error class of `@rtspkit/aac`: `code` from {@link AacErrorCode}, `offset` in bytes. */
export class AacError extends CodecError {}

/** Error factory handed to `BitReader`/`ByteReader` so their failures come out as {@link AacError}. */
export const aacErrorFactory: ErrorFactory = (code, message, offset) =>
  new AacError(BYTES_CODES[code] ?? AacErrorCode.ValueOutOfRange, message, offset);

/** `@rtspkit/bytes` codes as this package's own: no foreign code comes out of it. */
const BYTES_CODES: Readonly<Record<string, AacErrorCode>> = {
  ERR_BYTES_OUT_OF_RANGE: AacErrorCode.Truncated,
  ERR_BYTES_INVALID_HEX: AacErrorCode.InvalidParameter,
  ERR_BYTES_INVALID_BASE64: AacErrorCode.InvalidParameter,
};
