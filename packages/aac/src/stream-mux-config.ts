import { type BitReader, BitWriter } from '@rtspkit/bytes';
import { type AudioSpecificConfig, readAudioSpecificConfig, writeAudioSpecificConfig } from './asc.js';
import { AacError, AacErrorCode } from './errors.js';
import { bitReader, put, putBits } from './internal/bits.js';

/**
 * LATM StreamMuxConfig, for one program with one layer (what RTP senders use).
 *
 * ```
 * audioMuxVersion 1 [audioMuxVersionA 1] [taraBufferFullness LatmGetValue]
 * allStreamsSameTimeFraming 1   numSubFrames 6   numProgram 4 (0)   numLayer 3 (0)
 * AudioSpecificConfig (version 1: ascLen LatmGetValue first)
 * frameLengthType 3 (0: latmBufferFullness 8; 1: frameLength 9; …)
 * otherDataPresent 1 [otherDataLenBits]   crcCheckPresent 1 [crcCheckSum 8]
 * ```
 * @see ISO/IEC 14496-3 §1.7.3 (table 1.42)
 */
export type StreamMuxConfig = {
  readonly audioMuxVersion: 0 | 1;
  readonly taraBufferFullness?: number;
  readonly allStreamsSameTimeFraming: boolean;
  /** AudioMuxElement carries `numSubFrames + 1` payloads. */
  readonly numSubFrames: number;
  readonly audioSpecificConfig: AudioSpecificConfig;
  /** Only 0 (payload lengths as runs of bytes) is supported by the depacketizer. */
  readonly frameLengthType: number;
  readonly latmBufferFullness?: number;
  /** Present when otherDataPresent is set. */
  readonly otherDataLenBits?: number;
  readonly crcCheckSum?: number;
};

/** Options of {@link parseStreamMuxConfig}. */
export type ParseStreamMuxConfigOptions = {
  /**
   * Accept a config that ends right after the AudioSpecificConfig (fields after it take
   * their defaults: frameLengthType 0, latmBufferFullness 0xFF, no other data, no CRC).
   * GStreamer 1.22's rtpmp4apay announces such configs (`config=40002320`). Default true.
   */
  readonly tolerateTruncation?: boolean;
};

/** `LatmGetValue()`: 2 bits of byte count − 1, then that many bytes, big-endian. */
export function latmGetValue(r: BitReader): number {
  const bytes = r.u(2) + 1;
  return r.u(8 * bytes);
}

/** Writes `value` as `LatmGetValue()` reads it, in the fewest bytes (1 to 4). */
function writeLatmValue(w: BitWriter, value: number, field: string): void {
  let bytes = 1;
  while (bytes < 4 && value >= 2 ** (8 * bytes)) bytes++;
  w.u(2, bytes - 1);
  put(w, 8 * bytes, value, field);
}

/** @internal Reads a StreamMuxConfig at the reader's position. */
export function readStreamMuxConfig(r: BitReader, tolerateTruncation: boolean): StreamMuxConfig {
  const at = r.byteOffset;
  const audioMuxVersion = r.u(1) as 0 | 1;
  const audioMuxVersionA = audioMuxVersion === 1 ? r.u(1) : 0;
  if (audioMuxVersionA !== 0) {
    throw new AacError(AacErrorCode.Unsupported, 'audioMuxVersionA 1 is not supported', at);
  }
  const taraBufferFullness = audioMuxVersion === 1 ? latmGetValue(r) : undefined;
  const allStreamsSameTimeFraming = r.flag();
  const numSubFrames = r.u(6);
  const numProgram = r.u(4);
  const numLayer = r.u(3);
  if (numProgram !== 0 || numLayer !== 0) {
    throw new AacError(
      AacErrorCode.Unsupported,
      `latm with ${numProgram + 1} programs and ${numLayer + 1} layers is not supported`,
      r.byteOffset,
    );
  }
  let audioSpecificConfig: AudioSpecificConfig;
  if (audioMuxVersion === 1) {
    const ascLen = latmGetValue(r);
    const start = r.bitPosition;
    if (ascLen > r.bitsLeft) {
      throw new AacError(AacErrorCode.Truncated, `ascLen ${ascLen} bits exceeds ${r.bitsLeft} left`, r.byteOffset);
    }
    audioSpecificConfig = readAudioSpecificConfig(r, start + ascLen);
    r.bitPosition = start + ascLen; // fillBits
  } else {
    // Version 0 has no ascLen, yet encoders that signal SBR backward-compatibly put a
    // sync extension (0x2b7) in the ASC here: GStreamer's rtpmp4apay fed by avenc_aac
    // announces config=40002320adca00. Look for one in the bits that follow, as FFmpeg does.
    audioSpecificConfig = readAudioSpecificConfig(r, r.bitPosition + r.bitsLeft, true);
  }
  const base = { audioMuxVersion, allStreamsSameTimeFraming, numSubFrames, audioSpecificConfig };
  const withTara = taraBufferFullness === undefined ? base : { ...base, taraBufferFullness };
  // GStreamer rtpmp4apay quirk: the config stops after the ASC (padded to a byte).
  if (tolerateTruncation && r.bitsLeft < 3 + 8 + 1 + 1) {
    return { ...withTara, frameLengthType: 0, latmBufferFullness: 0xff };
  }
  const frameLengthType = r.u(3);
  let latmBufferFullness: number | undefined;
  if (frameLengthType === 0) {
    latmBufferFullness = r.u(8);
    // coreFrameOffset only exists with !allStreamsSameTimeFraming and several layers.
  } else if (frameLengthType === 1) r.skip(9);
  else if (frameLengthType >= 3 && frameLengthType <= 5) r.skip(6);
  else if (frameLengthType === 6 || frameLengthType === 7) r.skip(1);
  let otherDataLenBits: number | undefined;
  if (r.flag()) {
    if (audioMuxVersion === 1) otherDataLenBits = latmGetValue(r);
    else {
      otherDataLenBits = 0;
      let esc: boolean;
      let rounds = 0;
      do {
        esc = r.flag();
        otherDataLenBits = otherDataLenBits * 256 + r.u(8);
        // More than 4 escaped bytes would exceed any payload this package accepts.
        if (++rounds > 4) throw new AacError(AacErrorCode.Unsupported, 'otherDataLenBits too large', r.byteOffset);
      } while (esc);
    }
  }
  const crcCheckSum = r.flag() ? r.u(8) : undefined;
  return {
    ...withTara,
    frameLengthType,
    ...(latmBufferFullness === undefined ? {} : { latmBufferFullness }),
    ...(otherDataLenBits === undefined ? {} : { otherDataLenBits }),
    ...(crcCheckSum === undefined ? {} : { crcCheckSum }),
  };
}

/**
 * Parses a StreamMuxConfig, e.g. the hex `config=` of an RFC 6416 fmtp with `cpresent=0`
 * (`40002320` + … for AAC-LC 48 kHz stereo). Throws {@link AacError}; `Unsupported` for
 * audioMuxVersionA 1 and several programs or layers.
 * @see ISO/IEC 14496-3 §1.7.3, RFC 6416 §6.2
 */
export function parseStreamMuxConfig(bytes: Uint8Array, options: ParseStreamMuxConfigOptions = {}): StreamMuxConfig {
  return readStreamMuxConfig(bitReader(bytes), options.tolerateTruncation ?? true);
}

/**
 * Writes a StreamMuxConfig (the fmtp `config=` of RFC 6416 with `cpresent=0`, as bytes).
 * Absent `latmBufferFullness` is written 0xFF (variable rate). Throws `ERR_AAC_UNSUPPORTED`
 * for a frameLengthType other than 0 (its fields are not modelled) and
 * `ERR_AAC_VALUE_OUT_OF_RANGE` for values that do not fit their fields. An ASC with a
 * backward-compatible sync extension (0x2b7) is written as it is in either version; with
 * version 0, whose readers find the extension by its syncword, only extensions of type 5
 * (SBR) and 22 (ER BSAC) are written, others throw `ERR_AAC_UNSUPPORTED`.
 *
 * ```
 * 40 00 23 20 3f c0   audioMuxVersion 0 | allStreamsSameTimeFraming 1 | numSubFrames 0 |
 *                     numProgram 0 | numLayer 0 | ASC 1190 (AAC-LC 48 kHz stereo) |
 *                     frameLengthType 0 | latmBufferFullness 0xFF | no other data | no CRC
 * ```
 * @see ISO/IEC 14496-3 §1.7.3 (table 1.42), RFC 6416 §7.3
 */
export function serializeStreamMuxConfig(config: StreamMuxConfig): Uint8Array {
  if (config.frameLengthType !== 0) {
    throw new AacError(AacErrorCode.Unsupported, `latm frameLengthType ${config.frameLengthType} is not written`);
  }
  const w = new BitWriter();
  w.u(1, config.audioMuxVersion);
  if (config.audioMuxVersion === 1) {
    w.u(1, 0); // audioMuxVersionA
    writeLatmValue(w, config.taraBufferFullness ?? 0xff, 'taraBufferFullness');
  }
  w.flag(config.allStreamsSameTimeFraming);
  put(w, 6, config.numSubFrames, 'numSubFrames');
  w.u(4, 0); // numProgram − 1
  w.u(3, 0); // numLayer − 1
  if (config.audioMuxVersion === 1) {
    const asc = new BitWriter();
    writeAudioSpecificConfig(asc, config.audioSpecificConfig);
    writeLatmValue(w, asc.bitLength, 'ascLen');
    putBits(w, asc.finish(), asc.bitLength);
  } else {
    const ext = config.audioSpecificConfig.extensionObjectType;
    if (hasSyncExtension(config.audioSpecificConfig) && ext !== 5 && ext !== 22) {
      throw new AacError(
        AacErrorCode.Unsupported,
        `an asc sync extension of type ${ext} needs audioMuxVersion 1 (version 0 has no ascLen to delimit it)`,
      );
    }
    writeAudioSpecificConfig(w, config.audioSpecificConfig);
  }
  w.u(3, 0); // frameLengthType
  put(w, 8, config.latmBufferFullness ?? 0xff, 'latmBufferFullness');
  w.flag(config.otherDataLenBits !== undefined);
  if (config.otherDataLenBits !== undefined) {
    if (config.audioMuxVersion === 1) writeLatmValue(w, config.otherDataLenBits, 'otherDataLenBits');
    else {
      // otherDataLenEsc + 8 bits per byte, most significant byte first
      const value = config.otherDataLenBits;
      if (!Number.isInteger(value) || value < 0 || value >= 2 ** 32) {
        throw new AacError(AacErrorCode.ValueOutOfRange, `otherDataLenBits ${value} does not fit in 32 bits`);
      }
      let bytes = 1;
      while (bytes < 4 && value >= 2 ** (8 * bytes)) bytes++;
      for (let i = bytes - 1; i >= 0; i--) {
        w.flag(i > 0);
        w.u(8, Math.floor(value / 2 ** (8 * i)) & 0xff);
      }
    }
  }
  w.flag(config.crcCheckSum !== undefined);
  if (config.crcCheckSum !== undefined) put(w, 8, config.crcCheckSum, 'crcCheckSum');
  return w.finish();
}

/**
 * The StreamMuxConfig RTP senders announce for one AudioSpecificConfig: audioMuxVersion 0,
 * one program with one layer, one AU per AudioMuxElement (numSubFrames 0), payload lengths
 * as 0xFF runs (frameLengthType 0), latmBufferFullness 0xFF, no other data, no CRC.
 * A sync extension saying SBR is absent (FFmpeg's encoder writes one) is left out, as it
 * says nothing a decoder needs; one saying SBR is present makes it audioMuxVersion 1.
 * @see RFC 6416 §7.3, ISO/IEC 14496-3 §1.7.3
 */
export function streamMuxConfigFromAsc(asc: AudioSpecificConfig): StreamMuxConfig {
  const explicit = hasSyncExtension(asc) && asc.sbrPresent === true;
  return {
    audioMuxVersion: explicit ? 1 : 0,
    ...(explicit ? { taraBufferFullness: 0xff } : {}),
    allStreamsSameTimeFraming: true,
    numSubFrames: 0,
    audioSpecificConfig: explicit ? asc : withoutSyncExtension(asc),
    frameLengthType: 0,
    latmBufferFullness: 0xff,
  };
}

/** True when the ASC signals SBR/PS with a sync extension after the GASpecificConfig. */
function hasSyncExtension(asc: AudioSpecificConfig): boolean {
  return asc.objectType !== 5 && asc.objectType !== 29 && asc.extensionObjectType !== undefined;
}

function withoutSyncExtension(asc: AudioSpecificConfig): AudioSpecificConfig {
  if (!hasSyncExtension(asc)) return asc;
  const {
    extensionObjectType: _type,
    sbrPresent: _sbr,
    psPresent: _ps,
    extensionSamplingFrequencyIndex: _index,
    extensionSamplingFrequency: _frequency,
    ...rest
  } = asc;
  return rest;
}
