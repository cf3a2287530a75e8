import type { BitReader } from '@rtspkit/bytes';
import { RtpDepacketizer, type RtpFramer, type RtpPayloadReader, rtpFramerCodes } from '@rtspkit/rtp';
import type { AudioSpecificConfig } from '../asc.js';
import { AacError, AacErrorCode } from '../errors.js';
import { bitReader, readBitsAsBytes } from '../internal/bits.js';
import { readPayloadLengthInfo } from '../internal/payload-length.js';
import { type StreamMuxConfig, parseStreamMuxConfig, readStreamMuxConfig } from '../stream-mux-config.js';
import { type AacAccessUnit, type AacDepacketizerEventCode, aacFramerOptions } from './types.js';

/** Options of {@link LatmDepacketizer}. */
export type LatmDepacketizerOptions = {
  /** fmtp `cpresent`: true when each AudioMuxElement may carry its StreamMuxConfig in band. */
  readonly cpresent: boolean;
  /** fmtp `config` decoded from hex: the out-of-band StreamMuxConfig (required with cpresent 0). */
  readonly config?: Uint8Array;
  /** Samples per AU in RTP clock units, the step between subframes. Default 1024. */
  readonly frameDuration?: number;
  /**
   * Largest AudioMuxElement accepted, in bytes. Default 65536: AAC allows at most 6144 bits
   * per channel per frame; this bounds reassembly memory.
   */
  readonly maxAudioMuxElementBytes?: number;
};

/**
 * RFC 6416 MP4A-LATM depacketizer: AudioMuxElements, whole or fragmented over packets of
 * one timestamp until the marker, each holding `numSubFrames + 1` AUs.
 *
 * ```
 * AudioMuxElement(muxConfigPresent):
 *   [useSameStreamMux 1] [StreamMuxConfig]          when cpresent = 1
 *   numSubFrames + 1 × { PayloadLengthInfo: bytes while 0xFF, then the last (< 0xFF) byte
 *                        PayloadMux: that many bytes of AU }
 *   [otherData]  byte_alignment
 * ```
 *
 * - `cpresent: false`: the config comes from the fmtp; everything is byte aligned and AUs
 *   alias the packet (when the element came in one packet).
 * - `cpresent: true`: a StreamMuxConfig in band replaces the current one; payloads follow
 *   the 1-bit useSameStreamMux and are copied out bit-shifted. Data before the first config
 *   is dropped with an `ERR_AAC_LATM_CONFIG_MISSING` event.
 * - Subframe k is stamped `timestamp + k × frameDuration`.
 * - An element is complete at the marker, or earlier when it parses to the exact end of the
 *   collected bytes (senders that never set the marker). A collected element is parsed again
 *   only once enough bytes arrived for the length fields read so far (and, inside an in-band
 *   config, after the collected bytes doubled), so fragment storms cost linear time.
 * - Sequence numbers, SSRC changes, late and duplicate packets are handled by the shared
 *   `RtpFramer` of @rtspkit/rtp. A sequence gap drops the partial element
 *   (`ERR_AAC_FRAGMENT_LOST`), a timestamp change drops it as `ERR_AAC_FRAGMENT_INCOMPLETE`;
 *   an element after a gap that does not parse is a lost tail (`ERR_AAC_FRAGMENT_LOST`), and
 *   one at the start of the stream a benign `AAC_JOINED_MID_ACCESS_UNIT`.
 * - One AudioMuxElement per packet (or fragment run); bytes after it are ignored.
 * - Supported: audioMuxVersion 0 and 1 (audioMuxVersionA 0), one program with one layer,
 *   frameLengthType 0, allStreamsSameTimeFraming 1. Others come out as `ERR_AAC_UNSUPPORTED`.
 *
 * `push` never throws: elements that do not parse come out as events with the code of the
 * failure (`ERR_AAC_INVALID_AUDIO_MUX_ELEMENT`, `ERR_AAC_TRUNCATED`, …, all {@link AacErrorCode}s).
 *
 * @see RFC 6416 §6.1, ISO/IEC 14496-3 §1.7.3
 */
export class LatmDepacketizer extends RtpDepacketizer<AacAccessUnit, AacDepacketizerEventCode> {
  readonly #reader: LatmReader;

  /**
   * Throws {@link AacError} for options that cannot work: `ERR_AAC_LATM_CONFIG_MISSING` for
   * `cpresent: false` without `config`, the StreamMuxConfig parser's codes for a bad one.
   */
  constructor(options: LatmDepacketizerOptions) {
    const reader = new LatmReader(options);
    super(reader, rtpFramerCodes('AAC'), aacFramerOptions(options.maxAudioMuxElementBytes));
    this.#reader = reader;
  }

  /** The StreamMuxConfig in force (from the fmtp, or the last one in band). */
  get streamMuxConfig(): StreamMuxConfig | undefined {
    return this.#reader.config;
  }

  /** The AudioSpecificConfig of the stream, once known. */
  get audioSpecificConfig(): AudioSpecificConfig | undefined {
    return this.#reader.config?.audioSpecificConfig;
  }
}

type Framer = RtpFramer<AacAccessUnit, AacDepacketizerEventCode>;

const EMPTY = new Uint8Array(0);
/** What {@link LatmReader.probe} returns for an element that parses to the exact end. */
const COMPLETE = 0;

/** RFC 6416 payloads → AudioMuxElements → AAC access units. */
class LatmReader implements RtpPayloadReader<AacAccessUnit, AacDepacketizerEventCode> {
  readonly #cpresent: boolean;
  readonly #duration: number;
  readonly #initialConfig: StreamMuxConfig | undefined;
  config: StreamMuxConfig | undefined;
  /** The element collected over packets: a growable copy, handed over whole to its AUs. */
  #buf: Uint8Array = EMPTY;
  #len = 0;
  /** Bytes the collected element needs at least before parsing it again can succeed. */
  #need = 0;
  /** The element began in a packet read while joining, or after a loss: it may be a tail. */
  #joining = false;
  #afterLoss = false;
  /** AUs of the element being parsed, emitted once it parsed whole; reused. */
  readonly #aus: Uint8Array[] = [];

  constructor(options: LatmDepacketizerOptions) {
    this.#cpresent = options.cpresent;
    this.#duration = options.frameDuration ?? 1024;
    if (options.config !== undefined) this.#initialConfig = parseStreamMuxConfig(options.config);
    if (!options.cpresent && this.#initialConfig === undefined) {
      throw new AacError(AacErrorCode.LatmConfigMissing, 'cpresent=0 needs the out-of-band config');
    }
    this.config = this.#initialConfig;
  }

  get fragmentActive(): boolean {
    return this.#len > 0;
  }

  finish(): undefined {
    return undefined;
  }

  clear(): void {
    this.#len = 0;
    this.#need = 0;
  }

  restart(): void {
    this.config = this.#initialConfig;
  }

  read(payload: Uint8Array, framer: Framer): void {
    if (this.#len === 0) {
      if (payload.length === 0) return; // nothing to collect (e.g. a marker-only packet)
      this.#joining = framer.joining;
      this.#afterLoss = framer.afterLoss;
      // Nearly always: one whole element in one packet, whose AUs alias it.
      const need = framer.marker ? COMPLETE : this.#probe(payload);
      if (need === COMPLETE) {
        this.#element(payload, framer);
        return;
      }
      if (!framer.within(payload.length)) return;
      this.#append(payload);
      this.#need = need;
      return;
    }
    if (!framer.within(this.#len + payload.length)) return;
    this.#append(payload);
    if (!framer.marker) {
      if (this.#len < this.#need) return;
      const need = this.#probe(this.#buf.subarray(0, this.#len));
      if (need !== COMPLETE) {
        this.#need = need;
        return;
      }
    }
    const element = this.#buf.subarray(0, this.#len);
    // The AUs alias the collected bytes: the next element collects into a new buffer.
    this.#buf = EMPTY;
    this.clear();
    this.#element(element, framer);
  }

  /** Appends a copy of `bytes` to the collected element, growing its buffer geometrically. */
  #append(bytes: Uint8Array): void {
    const len = this.#len + bytes.length;
    if (len > this.#buf.length) {
      const grown = new Uint8Array(Math.max(len, this.#buf.length * 2, 1024));
      grown.set(this.#buf.subarray(0, this.#len));
      this.#buf = grown;
    }
    this.#buf.set(bytes, this.#len);
    this.#len = len;
  }

  /**
   * Without copying anything: {@link COMPLETE} when `bytes` parse as one whole element, else
   * how many bytes the element needs at least (`Infinity` when more bytes cannot help: it
   * is malformed, or longer than its fields say; the marker or the unit end settles it).
   */
  #probe(bytes: Uint8Array): number {
    const r = bitReader(bytes);
    let config: StreamMuxConfig | undefined;
    try {
      config = this.#header(r);
    } catch (e) {
      // A truncated in-band config: try again once the collected bytes doubled.
      return (e as AacError).code === AacErrorCode.Truncated ? bytes.length * 2 : Number.POSITIVE_INFINITY;
    }
    // No config, or one this reader does not support: parsing now reports it.
    if (config === undefined || config.frameLengthType !== 0 || !config.allStreamsSameTimeFraming) return COMPLETE;
    for (let k = 0; k <= config.numSubFrames; k++) {
      let length = 0;
      for (let b = 0xff; b === 0xff; length += b) {
        // PayloadLengthInfo: the next length byte and at least `length` payload bytes are needed.
        if (r.bitsLeft < 8) return (r.bitPosition + 7 + 8 + length * 8) >>> 3;
        b = r.u(8);
      }
      if (length * 8 > r.bitsLeft) return (r.bitPosition + 7 + length * 8) >>> 3;
      r.skip(length * 8);
    }
    const other = config.otherDataLenBits ?? 0;
    if (other > r.bitsLeft) return (r.bitPosition + 7 + other) >>> 3;
    r.skip(other);
    return (r.bitPosition + 7) >>> 3 === bytes.length ? COMPLETE : Number.POSITIVE_INFINITY;
  }

  /** useSameStreamMux and the StreamMuxConfig it announces: the config in force, if any. */
  #header(r: BitReader): StreamMuxConfig | undefined {
    // useSameStreamMux = 0: a new config follows
    if (this.#cpresent && !r.flag()) return readStreamMuxConfig(r, false);
    return this.config;
  }

  /** Parses one whole AudioMuxElement and emits its AUs, or reports why it does not parse. */
  #element(bytes: Uint8Array, framer: Framer): void {
    const aus = this.#aus;
    aus.length = 0;
    try {
      const r = bitReader(bytes);
      const config = this.#header(r);
      if (config === undefined) {
        framer.event(AacErrorCode.LatmConfigMissing, 'audioMuxElement before any StreamMuxConfig; dropped');
        return;
      }
      this.config = config;
      if (config.frameLengthType !== 0 || !config.allStreamsSameTimeFraming) {
        throw new AacError(
          AacErrorCode.Unsupported,
          `latm frameLengthType ${config.frameLengthType} is not supported`,
          r.byteOffset,
        );
      }
      for (let k = 0; k <= config.numSubFrames; k++) {
        const length = readPayloadLengthInfo(r);
        if (length * 8 > r.bitsLeft) {
          throw new AacError(
            AacErrorCode.InvalidAudioMuxElement,
            `latm payload length ${length} exceeds remaining ${r.bitsLeft >>> 3} bytes`,
            r.byteOffset,
          );
        }
        aus.push(readBitsAsBytes(r, length));
      }
    } catch (e) {
      // Only AacErrors come out of the parsers here (their readers report through aacErrorFactory).
      const error = e as AacError;
      if (this.#joining) framer.joined();
      else if (this.#afterLoss) {
        // After a loss, what looks like an element may be the tail of one.
        framer.damage(
          AacErrorCode.FragmentLost,
          `audioMuxElement after a sequence gap does not parse (${error.message})`,
        );
      } else framer.damage(error.code as AacErrorCode, error.message);
      return;
    }
    const timestamp = framer.timestamp;
    for (let k = 0; k < aus.length; k++) {
      framer.emit({ timestamp: (timestamp + k * this.#duration) >>> 0, data: aus[k] as Uint8Array });
    }
  }
}
