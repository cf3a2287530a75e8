import { type RtpPacket, type RtpPacketizerOptions, RtpSequencer, rtpPayloadBudget } from '@rtspkit/rtp';
import { payloadLengthInfoSize, writePayloadLengthInfo } from '../internal/payload-length.js';

/**
 * Options of {@link LatmPacketizer}: those of every packetizer (payload type, MTU; SSRC and
 * first sequence number, random by default) and the AU duration.
 */
export type LatmPacketizerOptions = RtpPacketizerOptions & {
  /** Samples per AU in RTP clock units. Default 1024. */
  readonly frameDuration?: number;
};

/**
 * RFC 6416 MP4A-LATM packetizer with `cpresent=0`: the StreamMuxConfig goes out of band
 * (`mp4aLatmFormat` of @rtspkit/format announces it), and each AU becomes one AudioMuxElement:
 *
 * ```
 * AudioMuxElement(muxConfigPresent = 0), numSubFrames 0, frameLengthType 0:
 *   PayloadLengthInfo   0xFF × ⌊length / 255⌋, then length mod 255
 *   PayloadMux          the AU, byte aligned
 * ```
 *
 * An element that fits the MTU is one packet with the marker set. A larger one is cut into
 * consecutive packets of the same timestamp, the marker on the last fragment only.
 * @see RFC 6416 §6.1, §6.3, ISO/IEC 14496-3 §1.7.3
 */
export class LatmPacketizer {
  readonly #out: RtpSequencer;
  readonly #budget: number;
  readonly #frameDuration: number;

  /**
   * Throws `RtpError` `ERR_RTP_INVALID_VALUE` from @rtspkit/rtp (which checks the options of
   * every packetizer) for a bad payload type or an MTU without room for a payload byte.
   */
  constructor(options: LatmPacketizerOptions) {
    this.#budget = rtpPayloadBudget(options, 1);
    this.#out = new RtpSequencer(options);
    this.#frameDuration = options.frameDuration ?? 1024;
  }

  /** The SSRC every packet carries. */
  get ssrc(): number {
    return this.#out.ssrc;
  }

  /** Sequence number the next packet will carry. */
  get sequenceNumber(): number {
    return this.#out.sequenceNumber;
  }

  /**
   * Packetizes consecutive AUs, the first presented at `timestamp` and each next one
   * `frameDuration` later. Whole elements are copies; fragments are views of one element.
   */
  packetize(aus: readonly Uint8Array[], timestamp: number): RtpPacket[] {
    const budget = this.#budget;
    const packets: RtpPacket[] = [];
    aus.forEach((au, i) => {
      const element = new Uint8Array(payloadLengthInfoSize(au.length) + au.length);
      element.set(au, writePayloadLengthInfo(au.length, element, 0));
      const ts = timestamp + i * this.#frameDuration;
      for (let offset = 0; offset < element.length; offset += budget) {
        const end = Math.min(element.length, offset + budget);
        packets.push(this.#out.packet(element.subarray(offset, end), ts, end === element.length));
      }
    });
    return packets;
  }
}
