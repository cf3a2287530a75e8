import { RtpError, RtpErrorCode } from './errors.js';
import type { RtpPacket } from './packet-types.js';

/** What {@link RtpSequencer} stamps on every packet. */
export type RtpSequencerOptions = {
  /** RTP payload type, 0..127. */
  readonly payloadType: number;
  /** SSRC; random when absent (RFC 3550 §8.1). */
  readonly ssrc?: number;
  /** Sequence number of the first packet; random when absent (RFC 3550 §5.1). */
  readonly sequenceNumber?: number;
  /** Source of random unsigned 32-bit integers; `crypto.getRandomValues` by default. */
  readonly randomUint32?: () => number;
};

function cryptoUint32(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0] as number;
}

/**
 * The sending side of one RTP stream: turns payloads into packets carrying its payload
 * type and SSRC and a sequence number that increments by one and wraps at 2^16. The
 * packetizers of every payload format number their packets with it.
 *
 * @example
 * const out = new RtpSequencer({ payloadType: 96 });
 * const packet = out.packet(payload, 90_000, true);
 * @see RFC 3550 §5.1
 */
export class RtpSequencer {
  readonly payloadType: number;
  readonly ssrc: number;
  #next: number;

  /** Throws `ERR_RTP_INVALID_VALUE` for a payload type outside 0..127. */
  constructor(options: RtpSequencerOptions) {
    const { payloadType } = options;
    if (!Number.isInteger(payloadType) || payloadType < 0 || payloadType > 127) {
      throw new RtpError(RtpErrorCode.InvalidValue, `payload type ${payloadType} outside 0..127`);
    }
    const random = options.randomUint32 ?? cryptoUint32;
    this.payloadType = payloadType;
    this.ssrc = (options.ssrc ?? random()) >>> 0;
    this.#next = (options.sequenceNumber ?? random()) & 0xffff;
  }

  /** The sequence number the next packet will carry. */
  get sequenceNumber(): number {
    return this.#next;
  }

  /** A packet of `payload` at `timestamp` (wrapped to 32 bits), taking the next sequence number. */
  packet(payload: Uint8Array, timestamp: number, marker: boolean): RtpPacket {
    const sequenceNumber = this.#next;
    this.#next = (sequenceNumber + 1) & 0xffff;
    return {
      marker,
      payloadType: this.payloadType,
      sequenceNumber,
      timestamp: timestamp >>> 0,
      ssrc: this.ssrc,
      csrcs: [],
      payload,
      paddingLength: 0,
    };
  }
}
