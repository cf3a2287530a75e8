import { BitWriter } from '@rtspkit/bytes';
import type { AudioSpecificConfig } from './asc.js';
import { AacError, AacErrorCode } from './errors.js';
import { bitReader, put } from './internal/bits.js';
import { Crc16 } from './internal/crc16.js';
import { SAMPLING_FREQUENCIES, samplingFrequencyIndexOf } from './sampling.js';

/**
 * ADTS frame header (7 bytes, 9 with CRC).
 *
 * ```
 *  AAAAAAAA AAAABCCD EEFFFFGH HHIJKLMM MMMMMMMM MMMOOOOO OOOOOOPP (QQQQQQQQ QQQQQQQQ)
 *  A syncword 0xFFF   B ID (0 MPEG-4, 1 MPEG-2)   C layer (0)   D protection_absent
 *  E profile (object type − 1)   F sampling_frequency_index   G private_bit
 *  H channel_configuration   I original_copy   J home   K copyright_identification_bit
 *  L copyright_identification_start   M aac_frame_length (header included)
 *  O adts_buffer_fullness (0x7FF = VBR)   P number_of_raw_data_blocks_in_frame − 1
 *  Q crc_check, when protection_absent is 0
 * ```
 * @see ISO/IEC 14496-3 §1.A.2.2 (adts_fixed_header, adts_variable_header)
 */
export type AdtsHeader = {
  /** 4 for MPEG-4 (ID 0), 2 for MPEG-2 (ID 1). */
  readonly mpegVersion: 2 | 4;
  readonly protectionAbsent: boolean;
  /** Audio object type: the 2-bit profile + 1 (2 = AAC-LC). */
  readonly objectType: number;
  readonly samplingFrequencyIndex: number;
  readonly privateBit: boolean;
  readonly channelConfiguration: number;
  readonly originalCopy: boolean;
  readonly home: boolean;
  readonly copyrightIdentificationBit: boolean;
  readonly copyrightIdentificationStart: boolean;
  /** Bytes in the frame, header included (13 bits). */
  readonly frameLength: number;
  /** 11 bits; 0x7FF signals variable bit rate. */
  readonly bufferFullness: number;
  /** Raw data blocks in the frame (number_of_raw_data_blocks_in_frame + 1), 1 to 4. */
  readonly rawDataBlocks: number;
  /** The 16-bit crc_check, when `protectionAbsent` is false (see {@link adtsCrc}). */
  readonly crc?: number;
  /**
   * Bytes before the first raw data block: 7, or 9 with CRC. With CRC and several raw data
   * blocks, the `raw_data_block_position` fields (2 bytes each) are counted in too.
   */
  readonly headerLength: number;
};

/** One ADTS frame of a stream: its header and the raw AAC data after it. */
export type AdtsFrame = {
  readonly header: AdtsHeader;
  /**
   * The raw access unit without the header, a view aliasing the input. With several raw
   * data blocks it holds all of them (and their CRCs when protected), undivided.
   */
  readonly payload: Uint8Array;
  /** Offset of the frame's syncword in the input. */
  readonly offset: number;
};

const ADTS_MIN_HEADER = 7;

/**
 * Parses the ADTS header at `offset`. Throws `ERR_AAC_ADTS_SYNC_LOST` without the 0xFFF
 * syncword, `ERR_AAC_INVALID_ADTS_LAYER`, `ERR_AAC_INVALID_ADTS_FRAME_LENGTH` when the frame
 * length is shorter than the header, `ERR_AAC_TRUNCATED` when the header is cut.
 * The frame itself may extend past the input.
 * @see ISO/IEC 14496-3 §1.A.2.2
 */
export function parseAdtsHeader(bytes: Uint8Array, offset = 0): AdtsHeader {
  if (offset < 0 || offset + ADTS_MIN_HEADER > bytes.length) {
    throw new AacError(
      AacErrorCode.Truncated,
      `adts header needs 7 bytes but ${Math.max(0, bytes.length - offset)} remain`,
      offset,
    );
  }
  const r = bitReader(bytes.subarray(offset));
  if (r.u(12) !== 0xfff) throw new AacError(AacErrorCode.AdtsSyncLost, 'no adts syncword', offset);
  const mpegVersion = r.u(1) === 1 ? 2 : 4;
  const layer = r.u(2);
  if (layer !== 0) throw new AacError(AacErrorCode.InvalidAdtsLayer, `adts layer ${layer} is not 0`, offset);
  const protectionAbsent = r.flag();
  const objectType = r.u(2) + 1;
  const samplingFrequencyIndex = r.u(4);
  if (samplingFrequencyIndex >= SAMPLING_FREQUENCIES.length) {
    throw new AacError(
      AacErrorCode.InvalidSamplingFrequencyIndex,
      `adts sampling frequency index ${samplingFrequencyIndex} is reserved`,
      offset + 2,
    );
  }
  const privateBit = r.flag();
  const channelConfiguration = r.u(3);
  const originalCopy = r.flag();
  const home = r.flag();
  const copyrightIdentificationBit = r.flag();
  const copyrightIdentificationStart = r.flag();
  const frameLength = r.u(13);
  const bufferFullness = r.u(11);
  const rawDataBlocks = r.u(2) + 1;
  let headerLength = ADTS_MIN_HEADER;
  let crc: number | undefined;
  if (!protectionAbsent) {
    if (rawDataBlocks > 1) {
      r.skip(16 * (rawDataBlocks - 1)); // raw_data_block_position[1..n]
      headerLength += 2 * (rawDataBlocks - 1);
    }
    crc = r.u(16);
    headerLength += 2;
  }
  if (frameLength < headerLength) {
    throw new AacError(
      AacErrorCode.InvalidAdtsFrameLength,
      `adts frame length ${frameLength} is shorter than its ${headerLength}-byte header`,
      offset + 3,
    );
  }
  return {
    mpegVersion,
    protectionAbsent,
    objectType,
    samplingFrequencyIndex,
    privateBit,
    channelConfiguration,
    originalCopy,
    home,
    copyrightIdentificationBit,
    copyrightIdentificationStart,
    frameLength,
    bufferFullness,
    rawDataBlocks,
    ...(crc === undefined ? {} : { crc }),
    headerLength,
  };
}

/** Options of {@link splitAdts}. */
export type SplitAdtsOptions = {
  /**
   * Skip bytes that are not a frame (leading garbage, a cut frame) and resynchronize on the
   * next syncword whose frame length leads to another syncword or to the end. Default false:
   * such bytes throw.
   */
  readonly resync?: boolean;
  /**
   * Check the crc_check of protected mono frames (one raw data block holding a single
   * channel element) with {@link adtsCrc}: a mismatch throws `ERR_AAC_ADTS_CRC_MISMATCH`
   * (with `resync`, the frame is skipped like garbage). Other protected frames pass
   * unchecked: their CRC covers bits only a full decoder can locate. Default false.
   */
  readonly verifyCrc?: boolean;
};

/** Bits of the first element a single-block ADTS CRC protects (the rest is not protected). */
const CRC_ELEMENT_BITS = 192;
/** id_syn_ele: the element type that precedes each element of a raw_data_block. */
const ID_SYN_ELE_BITS = 3;
/** id_syn_ele of a single channel element (ISO/IEC 14496-3 Table 4.85). */
const ID_SCE = 0;

/**
 * The crc_check of a mono frame: CRC-16 (0x8005, preset 0xFFFF) over the 56 header bits
 * before crc_check, then the first 192 bits of the single channel element after its 3-bit
 * id_syn_ele, zero-padded past the end of the frame.
 *
 * Only mono frames are covered: channel configuration 1 and one raw data block that starts
 * with a single channel element (fill elements after it are not protected; a data stream
 * element after it, which no encoder seen writes, would be). For other frames the rule
 * also protects the first 128 bits of a channel pair's second channel and whole PCEs and
 * DSEs, which only a spectral-data parser can locate; rather than write a CRC a conforming
 * decoder would reject, this throws `ERR_AAC_UNSUPPORTED` for them (and for frames with
 * several raw data blocks, each of which has its own CRC).
 *
 * `frame` starts at the syncword and holds the whole frame.
 * @see ISO/IEC 14496-3 §1.A.3.2.1 (adts_error_check), ISO/IEC 13818-7 §8.2.2
 */
export function adtsCrc(frame: Uint8Array, header: AdtsHeader): number {
  if (header.rawDataBlocks !== 1) {
    throw new AacError(
      AacErrorCode.Unsupported,
      `adts crc of a frame with ${header.rawDataBlocks} raw data blocks is not supported`,
    );
  }
  const end = Math.min(frame.length, header.frameLength);
  const raw = frame.subarray(header.headerLength, end);
  const element = (raw[0] ?? 0) >>> (8 - ID_SYN_ELE_BITS);
  if (header.channelConfiguration !== 1 || element !== ID_SCE) {
    throw new AacError(
      AacErrorCode.Unsupported,
      `adts crc of channel configuration ${header.channelConfiguration} starting with element ${element} is not supported (mono frames only)`,
    );
  }
  return new Crc16().bits(frame, 0, ADTS_MIN_HEADER * 8).bits(raw, ID_SYN_ELE_BITS, CRC_ELEMENT_BITS).value;
}

/** True when {@link adtsCrc} can compute the frame's CRC (`firstByte`: of the raw data block). */
function crcCovered(firstByte: number | undefined, header: AdtsHeader): boolean {
  return (
    header.rawDataBlocks === 1 &&
    header.channelConfiguration === 1 &&
    (firstByte ?? 0) >>> (8 - ID_SYN_ELE_BITS) === ID_SCE
  );
}

function crcMismatch(bytes: Uint8Array, offset: number, header: AdtsHeader): AacError | undefined {
  if (header.crc === undefined || !crcCovered(bytes[offset + header.headerLength], header)) return undefined;
  const computed = adtsCrc(bytes.subarray(offset, offset + header.frameLength), header);
  if (computed === header.crc) return undefined;
  return new AacError(
    AacErrorCode.AdtsCrcMismatch,
    `adts crc_check 0x${header.crc.toString(16).padStart(4, '0')} does not match computed 0x${computed.toString(16).padStart(4, '0')}`,
    offset + ADTS_MIN_HEADER,
  );
}

function frameAt(bytes: Uint8Array, offset: number, checkNext: boolean, verifyCrc: boolean): AdtsFrame | undefined {
  let header: AdtsHeader;
  try {
    header = parseAdtsHeader(bytes, offset);
  } catch {
    return undefined; // resync: not a frame here, keep scanning
  }
  const end = offset + header.frameLength;
  if (end > bytes.length) return undefined;
  if (verifyCrc && crcMismatch(bytes, offset, header)) return undefined;
  // After garbage, a plausible frame is followed by another syncword or by the end of the data.
  if (checkNext && end !== bytes.length && !(bytes[end] === 0xff && ((bytes[end + 1] ?? 0) & 0xf0) === 0xf0))
    return undefined;
  return { header, payload: bytes.subarray(offset + header.headerLength, end), offset };
}

/**
 * Splits an ADTS stream (e.g. a `.aac` file) into frames. Payloads alias `bytes`.
 * Strict by default: anything that is not a whole frame throws ({@link AacError} with the
 * offset). With `resync: true`, garbage is skipped up to the next plausible frame and a cut
 * last frame is dropped. With `verifyCrc: true`, protected frames must carry the right CRC.
 * @see ISO/IEC 14496-3 §1.A.2
 */
export function splitAdts(bytes: Uint8Array, options: SplitAdtsOptions = {}): AdtsFrame[] {
  const frames: AdtsFrame[] = [];
  let offset = 0;
  let synced = false;
  while (offset < bytes.length) {
    if (options.resync) {
      const frame = frameAt(bytes, offset, !synced, options.verifyCrc ?? false);
      synced = frame !== undefined;
      if (frame === undefined) {
        offset++;
        continue;
      }
      frames.push(frame);
      offset += frame.header.frameLength;
      continue;
    }
    const header = parseAdtsHeader(bytes, offset);
    const end = offset + header.frameLength;
    if (end > bytes.length) {
      throw new AacError(
        AacErrorCode.InvalidAdtsFrameLength,
        `adts frame length ${header.frameLength} exceeds remaining ${bytes.length - offset} bytes`,
        offset,
      );
    }
    if (options.verifyCrc) {
      const error = crcMismatch(bytes, offset, header);
      if (error) throw error;
    }
    frames.push({ header, payload: bytes.subarray(offset + header.headerLength, end), offset });
    offset = end;
  }
  return frames;
}

/** What {@link serializeAdtsHeader} needs to write a header for one raw AAC frame. */
export type AdtsHeaderInit = {
  readonly asc: AudioSpecificConfig;
  /** Bytes of raw AAC data after the header. */
  readonly payloadLength: number;
};

/**
 * Writes an ADTS header. Given an {@link AdtsHeader}, writes it as is (its `crc` too, not
 * recomputed). Given `{ asc, payloadLength }`, writes the canonical 7-byte MPEG-4 header
 * without CRC, VBR buffer fullness, one raw data block; explicit SBR/PS configs are written
 * with their core object type and rate (ADTS signals SBR implicitly).
 * Throws `ERR_AAC_VALUE_OUT_OF_RANGE` when a value does not fit (object type > 4, frequency
 * outside the table, more than 7 channels, frame longer than 8191 bytes).
 * @see ISO/IEC 14496-3 §1.A.2.2
 */
export function serializeAdtsHeader(h: AdtsHeader | AdtsHeaderInit): Uint8Array {
  const header = 'asc' in h ? headerFromAsc(h) : h;
  const w = new BitWriter();
  w.u(12, 0xfff);
  w.u(1, header.mpegVersion === 2 ? 1 : 0);
  w.u(2, 0);
  w.flag(header.protectionAbsent);
  put(w, 2, header.objectType - 1, 'adts profile');
  put(w, 4, header.samplingFrequencyIndex, 'adts sampling_frequency_index');
  w.flag(header.privateBit);
  put(w, 3, header.channelConfiguration, 'adts channel_configuration');
  w.flag(header.originalCopy);
  w.flag(header.home);
  w.flag(header.copyrightIdentificationBit);
  w.flag(header.copyrightIdentificationStart);
  put(w, 13, header.frameLength, 'adts frame length');
  put(w, 11, header.bufferFullness, 'adts buffer fullness');
  put(w, 2, header.rawDataBlocks - 1, 'adts number_of_raw_data_blocks_in_frame');
  if (!header.protectionAbsent) {
    // raw_data_block_position values are not modelled; written as 0.
    for (let i = 1; i < header.rawDataBlocks; i++) w.u(16, 0);
    put(w, 16, header.crc ?? 0, 'adts crc_check');
  }
  return w.finish();
}

/** What {@link serializeAdtsFrame} needs besides the payload. */
export type AdtsFrameInit = {
  readonly asc: AudioSpecificConfig;
  /**
   * Write protection_absent 0 and a crc_check computed by {@link adtsCrc}: mono frames only
   * (others throw `ERR_AAC_UNSUPPORTED`). Default false.
   */
  readonly protect?: boolean;
};

/**
 * Writes a whole ADTS frame: the canonical header of {@link serializeAdtsHeader} (9 bytes
 * with `protect`, its CRC computed) followed by a copy of `payload`.
 * @see ISO/IEC 14496-3 §1.A.2.2, §1.A.3.2.1
 */
export function serializeAdtsFrame(init: AdtsFrameInit, payload: Uint8Array): Uint8Array {
  const header = headerFromAsc({ asc: init.asc, payloadLength: payload.length }, init.protect ?? false);
  const head = serializeAdtsHeader(header);
  const frame = new Uint8Array(head.length + payload.length);
  frame.set(head, 0);
  frame.set(payload, head.length);
  if (!header.protectionAbsent) {
    const crc = adtsCrc(frame, header);
    frame[ADTS_MIN_HEADER] = crc >>> 8;
    frame[ADTS_MIN_HEADER + 1] = crc & 0xff;
  }
  return frame;
}

function headerFromAsc({ asc, payloadLength }: AdtsHeaderInit, protect = false): AdtsHeader {
  const objectType = asc.objectType === 5 || asc.objectType === 29 ? (asc.coreObjectType ?? 2) : asc.objectType;
  const samplingFrequencyIndex = asc.samplingFrequencyIndex ?? samplingFrequencyIndexOf(asc.samplingFrequency);
  if (samplingFrequencyIndex === undefined) {
    throw new AacError(AacErrorCode.ValueOutOfRange, `sampling frequency ${asc.samplingFrequency} has no adts index`);
  }
  if (objectType < 1 || objectType > 4) {
    throw new AacError(AacErrorCode.ValueOutOfRange, `object type ${objectType} does not fit an adts profile`);
  }
  const headerLength = protect ? ADTS_MIN_HEADER + 2 : ADTS_MIN_HEADER;
  return {
    mpegVersion: 4,
    protectionAbsent: !protect,
    objectType,
    samplingFrequencyIndex,
    privateBit: false,
    channelConfiguration: asc.channelConfiguration,
    originalCopy: false,
    home: false,
    copyrightIdentificationBit: false,
    copyrightIdentificationStart: false,
    frameLength: headerLength + payloadLength,
    bufferFullness: 0x7ff,
    rawDataBlocks: 1,
    ...(protect ? { crc: 0 } : {}),
    headerLength,
  };
}

/**
 * The AudioSpecificConfig an ADTS header implies (what an MP4 `esds` or an RFC 3640
 * `config=` needs): object type, frequency index, channels; 1024-sample frames.
 * @see ISO/IEC 14496-3 §1.A.2.2, §1.6.2.1
 */
export function ascFromAdtsHeader(h: AdtsHeader): AudioSpecificConfig {
  return {
    objectType: h.objectType,
    samplingFrequencyIndex: h.samplingFrequencyIndex,
    samplingFrequency: SAMPLING_FREQUENCIES[h.samplingFrequencyIndex] ?? 0,
    channelConfiguration: h.channelConfiguration,
    frameLengthFlag: false,
    dependsOnCoreCoder: false,
    extensionFlag: false,
  };
}
