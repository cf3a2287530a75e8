import { BitWriter } from '@rtspkit/bytes';
import type { AudioSpecificConfig } from './asc.js';
import { AacError, AacErrorCode } from './errors.js';
import { put } from './internal/bits.js';
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

/** Why there is no ADTS header at an offset: what {@link parseAdtsHeader} throws. */
type NoHeader = { readonly code: string; readonly message: string; readonly offset: number };

/**
 * Reads the ADTS header at `offset` without throwing: resynchronisation tries every byte
 * of garbage, and building an error (with its stack) per byte would cost more than the scan.
 */
function readAdtsHeader(bytes: Uint8Array, offset: number): AdtsHeader | NoHeader {
  if (offset < 0 || offset + ADTS_MIN_HEADER > bytes.length) {
    const remain = Math.max(0, bytes.length - offset);
    return { code: AacErrorCode.Truncated, message: `adts header needs 7 bytes but ${remain} remain`, offset };
  }
  const b1 = bytes[offset + 1] as number;
  const b2 = bytes[offset + 2] as number;
  const b3 = bytes[offset + 3] as number;
  const b5 = bytes[offset + 5] as number;
  const b6 = bytes[offset + 6] as number;
  if (bytes[offset] !== 0xff || (b1 & 0xf0) !== 0xf0) {
    return { code: AacErrorCode.AdtsSyncLost, message: 'no adts syncword', offset };
  }
  const layer = (b1 >> 1) & 3;
  if (layer !== 0) return { code: AacErrorCode.InvalidAdtsLayer, message: `adts layer ${layer} is not 0`, offset };
  const protectionAbsent = (b1 & 1) === 1;
  const samplingFrequencyIndex = (b2 >> 2) & 0xf;
  if (samplingFrequencyIndex >= SAMPLING_FREQUENCIES.length) {
    const message = `adts sampling frequency index ${samplingFrequencyIndex} is reserved`;
    return { code: AacErrorCode.InvalidSamplingFrequencyIndex, message, offset: offset + 2 };
  }
  const frameLength = ((b3 & 3) << 11) | ((bytes[offset + 4] as number) << 3) | (b5 >> 5);
  const rawDataBlocks = (b6 & 3) + 1;
  let headerLength = ADTS_MIN_HEADER;
  let crc: number | undefined;
  if (!protectionAbsent) {
    // raw_data_block_position[1..n] (16 bits each), then crc_check
    headerLength += 2 * (rawDataBlocks - 1) + 2;
    if (offset + headerLength > bytes.length) {
      const message = `adts header needs ${headerLength} bytes but ${bytes.length - offset} remain`;
      return { code: AacErrorCode.Truncated, message, offset };
    }
    crc = ((bytes[offset + headerLength - 2] as number) << 8) | (bytes[offset + headerLength - 1] as number);
  }
  if (frameLength < headerLength) {
    const message = `adts frame length ${frameLength} is shorter than its ${headerLength}-byte header`;
    return { code: AacErrorCode.InvalidAdtsFrameLength, message, offset: offset + 3 };
  }
  return {
    mpegVersion: (b1 & 0x08) !== 0 ? 2 : 4,
    protectionAbsent,
    objectType: (b2 >> 6) + 1,
    samplingFrequencyIndex,
    privateBit: (b2 & 2) !== 0,
    channelConfiguration: ((b2 & 1) << 2) | (b3 >> 6),
    originalCopy: (b3 & 0x20) !== 0,
    home: (b3 & 0x10) !== 0,
    copyrightIdentificationBit: (b3 & 0x08) !== 0,
    copyrightIdentificationStart: (b3 & 0x04) !== 0,
    frameLength,
    bufferFullness: ((b5 & 0x1f) << 6) | (b6 >> 2),
    rawDataBlocks,
    ...(crc === undefined ? {} : { crc }),
    headerLength,
  };
}

const isHeader = (h: AdtsHeader | NoHeader): h is AdtsHeader => !('code' in h);

/**
 * Parses the ADTS header at `offset`. Throws `ERR_AAC_ADTS_SYNC_LOST` without the 0xFFF
 * syncword, `ERR_AAC_INVALID_ADTS_LAYER`, `ERR_AAC_INVALID_ADTS_FRAME_LENGTH` when the frame
 * length is shorter than the header, `ERR_AAC_TRUNCATED` when the header is cut.
 * The frame itself may extend past the input.
 *
 * ```
 * syncword 12 | ID 1 | layer 2 | protection_absent 1 | profile 2 | sf_index 4 | private 1 |
 * channel_config 3 | original 1 | home 1 | copyright_id_bit 1 | copyright_id_start 1 |
 * aac_frame_length 13 | buffer_fullness 11 | raw_data_blocks − 1  2 | [positions, crc_check]
 * ```
 * @see ISO/IEC 14496-3 §1.A.2.2
 */
export function parseAdtsHeader(bytes: Uint8Array, offset = 0): AdtsHeader {
  const h = readAdtsHeader(bytes, offset);
  if (isHeader(h)) return h;
  throw new AacError(h.code, h.message, h.offset);
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

/** The computed CRC of a protected frame whose crc_check differs from it; else undefined. */
function crcMismatch(bytes: Uint8Array, offset: number, header: AdtsHeader): number | undefined {
  if (header.crc === undefined || !crcCovered(bytes[offset + header.headerLength], header)) return undefined;
  const computed = adtsCrc(bytes.subarray(offset, offset + header.frameLength), header);
  return computed === header.crc ? undefined : computed;
}

function frameAt(bytes: Uint8Array, offset: number, checkNext: boolean, verifyCrc: boolean): AdtsFrame | undefined {
  const header = readAdtsHeader(bytes, offset);
  if (!isHeader(header)) return undefined; // resync: not a frame here, keep scanning
  const end = offset + header.frameLength;
  if (end > bytes.length) return undefined;
  if (verifyCrc && crcMismatch(bytes, offset, header) !== undefined) return undefined;
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
      const computed = crcMismatch(bytes, offset, header);
      if (computed !== undefined) {
        const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
        throw new AacError(
          AacErrorCode.AdtsCrcMismatch,
          `adts crc_check ${hex4(header.crc ?? 0)} does not match computed ${hex4(computed)}`,
          offset + ADTS_MIN_HEADER,
        );
      }
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
