import type { BitReader } from '@rtspkit/bytes';
import type { RtpPacket } from '@rtspkit/rtp';
import type { AudioSpecificConfig } from '../asc.js';
import { AacError, AacErrorCode } from '../errors.js';
import { bitReader, readBitsAsBytes } from '../internal/bits.js';
import { readPayloadLengthInfo } from '../internal/payload-length.js';
import { Reassembly } from '../internal/reassembly.js';
import { type StreamMuxConfig, parseStreamMuxConfig, readStreamMuxConfig } from '../stream-mux-config.js';
import type { AacAccessUnit, AacDepacketizerEvent } from './types.js';

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

type Out = Array<AacAccessUnit | AacDepacketizerEvent>;

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
 *   collected bytes (senders that never set the marker). A sequence gap or timestamp change
 *   drops the partial element with an `ERR_AAC_FRAGMENT_LOST` event.
 * - One AudioMuxElement per packet (or fragment run); bytes after it are ignored.
 * - Supported: audioMuxVersion 0 and 1 (audioMuxVersionA 0), one program with one layer,
 *   frameLengthType 0, allStreamsSameTimeFraming 1.
 *
 * @see RFC 6416 §6.1, ISO/IEC 14496-3 §1.7.3
 */
export class LatmDepacketizer {
  readonly #cpresent: boolean;
  readonly #duration: number;
  readonly #fragment: Reassembly;
  #config: StreamMuxConfig | undefined;
  #lastSequence: number | undefined;
  /** The element being collected started after a sequence gap: it may be a tail. */
  #afterGap = false;

  constructor(options: LatmDepacketizerOptions) {
    this.#cpresent = options.cpresent;
    this.#duration = options.frameDuration ?? 1024;
    this.#fragment = new Reassembly(options.maxAudioMuxElementBytes ?? 65536);
    if (options.config !== undefined) this.#config = parseStreamMuxConfig(options.config);
    if (!options.cpresent && this.#config === undefined) {
      throw new AacError(AacErrorCode.LatmConfigMissing, 'cpresent=0 needs the out-of-band config');
    }
  }

  /** The StreamMuxConfig in force (from the fmtp, or the last one in band). */
  get streamMuxConfig(): StreamMuxConfig | undefined {
    return this.#config;
  }

  /** The AudioSpecificConfig of the stream, once known. */
  get audioSpecificConfig(): AudioSpecificConfig | undefined {
    return this.#config?.audioSpecificConfig;
  }

  /** Takes one RTP packet; returns the AUs it completes and events, in order. */
  push(packet: RtpPacket): Out {
    const out: Out = [];
    const seq = packet.sequenceNumber;
    const gap = this.#lastSequence !== undefined && seq !== ((this.#lastSequence + 1) & 0xffff);
    this.#lastSequence = seq;
    let element: Uint8Array;
    if (this.#fragment.active) {
      if (!this.#fragment.continues(seq, packet.timestamp)) {
        out.push({
          event: AacErrorCode.FragmentLost,
          message: `audioMuxElement fragment of ${this.#fragment.length} bytes interrupted by packet ${seq}`,
          sequenceNumber: seq,
        });
        this.#fragment.reset();
        return this.#startElement(packet, true, out);
      }
      this.#fragment.add(packet.payload, seq, packet.timestamp);
      if (!packet.marker && !this.#completes(this.#fragment.peek())) return out;
      element = this.#fragment.take();
    } else {
      return this.#startElement(packet, gap, out);
    }
    this.#parseElement(element, packet.timestamp, seq, out);
    return out;
  }

  #startElement(packet: RtpPacket, afterLoss: boolean, out: Out): Out {
    if (packet.payload.length === 0) return out; // nothing to collect (e.g. a marker-only packet)
    this.#afterGap = afterLoss;
    if (!packet.marker && !this.#completes(packet.payload)) {
      this.#fragment.add(packet.payload, packet.sequenceNumber, packet.timestamp);
      return out;
    }
    this.#parseElement(packet.payload, packet.timestamp, packet.sequenceNumber, out);
    return out;
  }

  /** True when `bytes` parse as one whole AudioMuxElement (no marker needed). */
  #completes(bytes: Uint8Array): boolean {
    try {
      const r = bitReader(bytes);
      const items: Out = [];
      const config = this.#readHeader(r, items);
      if (config === undefined) return false;
      this.#readPayloads(r, config, 0, items);
      return (r.bitPosition + 7) >>> 3 === bytes.length;
    } catch {
      return false; // not complete (yet): wait for more fragments
    }
  }

  #readHeader(r: BitReader, out: Out, seq = 0): StreamMuxConfig | undefined {
    if (this.#cpresent && !r.flag()) {
      // useSameStreamMux = 0: a new config follows
      return readStreamMuxConfig(r, false);
    }
    if (this.#config === undefined) {
      out.push({
        event: AacErrorCode.LatmConfigMissing,
        message: 'audioMuxElement before any StreamMuxConfig; dropped',
        sequenceNumber: seq,
      });
    }
    return this.#config;
  }

  #readPayloads(r: BitReader, config: StreamMuxConfig, timestamp: number, out: Out): void {
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
      out.push({ timestamp: (timestamp + k * this.#duration) >>> 0, data: readBitsAsBytes(r, length) });
    }
    if (config.otherDataLenBits !== undefined) r.skip(config.otherDataLenBits);
  }

  #parseElement(bytes: Uint8Array, timestamp: number, seq: number, out: Out): void {
    try {
      this.#parseElementOrThrow(bytes, timestamp, seq, out);
    } catch (e) {
      // After a loss, what looks like an element may be the tail of one: report, don't throw.
      if (!(e instanceof AacError) || !this.#afterGap) throw e;
      out.push({
        event: AacErrorCode.FragmentLost,
        message: `audioMuxElement after a sequence gap does not parse (${e.message}); dropped`,
        sequenceNumber: seq,
      });
    }
  }

  #parseElementOrThrow(bytes: Uint8Array, timestamp: number, seq: number, out: Out): void {
    const r = bitReader(bytes);
    const config = this.#readHeader(r, out, seq);
    if (config === undefined) return;
    this.#config = config;
    const aus: Out = [];
    this.#readPayloads(r, config, timestamp, aus);
    out.push(...aus);
  }
}
