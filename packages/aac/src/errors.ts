import { CodecError, type ErrorFactory } from '@rtspkit/bytes';

/**
 * Stable codes of {@link AacError}, and of the benign conditions the depacketizers report
 * as {@link AacDepacketizerEvent}s instead of throwing.
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
  /** An access unit or reassembly buffer above the configured limit. */
  TooLarge: 'ERR_AAC_TOO_LARGE',
  /** Event: a fragment was lost (sequence gap, timestamp change, size mismatch); the unit was dropped. */
  FragmentLost: 'ERR_AAC_FRAGMENT_LOST',
  /** Event: access units arrived wrapped in ADTS inside mpeg4-generic; the headers were stripped. */
  AdtsInPayload: 'ERR_AAC_ADTS_IN_PAYLOAD',
  /** Event: LATM data with `cpresent=1` before any StreamMuxConfig; dropped. */
  LatmConfigMissing: 'ERR_AAC_LATM_CONFIG_MISSING',
} as const;

export type AacErrorCode = (typeof AacErrorCode)[keyof typeof AacErrorCode];

/** The one error class of `@rtspkit/aac`: `code` from {@link AacErrorCode}, `offset` in bytes. */
export class AacError extends CodecError {}

/** Error factory handed to `BitReader`/`ByteReader` so their failures come out as {@link AacError}. */
export const aacErrorFactory: ErrorFactory = (code, message, offset) =>
  new AacError(code === 'ERR_BYTES_OUT_OF_RANGE' ? AacErrorCode.Truncated : code, message, offset);
