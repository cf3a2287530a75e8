import { type RtpPacket, type RtpPacketizerOptions, RtpSequencer, rtpPayloadBudget } from '@rtspkit/rtp';
import { FormatError, FormatErrorCode } from '../errors.js';

/** Options of {@link PayloadPacketizer} and {@link G711Packetizer}: those of every packetizer. */
export type PayloadPacketizerOptions = RtpPacketizerOptions;

/**
 * One payload → one RTP packet with the marker bit set, for formats this package passes
 * through. Throws `ERR_FORMAT_INVALID_FORMAT` for a payload larger than the MTU allows
 * (such formats define their own fragmentation, which this packetizer does not know).
 *
 * @see RFC 3550 §5.1
 */
export class PayloadPacketizer {
  readonly #out: RtpSequencer;
  readonly #max: number;

  /** Throws `ERR_RTP_INVALID_VALUE` (from @rtspkit/rtp) for a payload type or MTU it cannot use. */
  constructor(options: PayloadPacketizerOptions) {
    this.#max = rtpPayloadBudget(options, 1);
    this.#out = new RtpSequencer(options);
  }

  get ssrc(): number {
    return this.#out.ssrc;
  }

  get sequenceNumber(): number {
    return this.#out.sequenceNumber;
  }

  /** The packet of `payload` at `timestamp`; the payload is not copied. */
  packetize(payload: Uint8Array, timestamp: number): RtpPacket[] {
    if (payload.length > this.#max) {
      throw new FormatError(FormatErrorCode.InvalidFormat, `payload of ${payload.length} bytes exceeds ${this.#max}`);
    }
    return [this.#out.packet(payload, timestamp, true)];
  }
}

/**
 * G.711 samples (one byte per sample and channel, interleaved) → RTP packets of at most
 * `mtu` bytes, each holding whole sample frames; the timestamp advances by the samples per
 * channel of the packets before. The marker bit is clear (it marks a talkspurt after
 * silence suppression, RFC 3551 §4.1, which this packetizer does not do).
 *
 * @see RFC 3551 §4.2, §4.5.14
 */
export class G711Packetizer {
  readonly #out: RtpSequencer;
  readonly #channels: number;
  readonly #max: number;

  /** Throws `ERR_RTP_INVALID_VALUE` (from @rtspkit/rtp) for a payload type or MTU it cannot use. */
  constructor(options: PayloadPacketizerOptions & { readonly channels?: number }) {
    this.#channels = options.channels ?? 1;
    const budget = rtpPayloadBudget(options, this.#channels);
    this.#max = budget - (budget % this.#channels);
    this.#out = new RtpSequencer(options);
  }

  get ssrc(): number {
    return this.#out.ssrc;
  }

  get sequenceNumber(): number {
    return this.#out.sequenceNumber;
  }

  /**
   * The packets of `samples` taken at `timestamp` (the clock rate's units, wrapped to 32
   * bits). Payloads alias `samples`. Throws `ERR_FORMAT_INVALID_FORMAT` when `samples` is
   * not a whole number of sample frames.
   */
  packetize(samples: Uint8Array, timestamp: number): RtpPacket[] {
    if (samples.length % this.#channels !== 0) {
      throw new FormatError(
        FormatErrorCode.InvalidFormat,
        `${samples.length} bytes are not whole frames of ${this.#channels} channels`,
      );
    }
    const packets: RtpPacket[] = [];
    for (let offset = 0; offset < samples.length; offset += this.#max) {
      const end = Math.min(samples.length, offset + this.#max);
      packets.push(this.#out.packet(samples.subarray(offset, end), timestamp + offset / this.#channels, false));
    }
    return packets;
  }
}
