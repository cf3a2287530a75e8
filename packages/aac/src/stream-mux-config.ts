import type { BitReader } from '@rtspkit/bytes';
import { type AudioSpecificConfig, readAudioSpecificConfig } from './asc.js';
import { AacError, AacErrorCode } from './errors.js';
import { bitReader } from './internal/bits.js';

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
    audioSpecificConfig = readAudioSpecificConfig(r, undefined);
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
