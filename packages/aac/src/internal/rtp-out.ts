import type { RtpPacket } from '@rtspkit/rtp';
import { AacError, AacErrorCode } from '../errors.js';

/** Bytes of an RTP header without CSRCs or extension (RFC 3550 §5.1). */
export const RTP_HEADER_BYTES = 12;

/** The RTP fields a packetizer stamps on each packet it makes. */
export type RtpOutOptions = {
  readonly payloadType: number;
  readonly ssrc?: number;
  readonly initialSequenceNumber?: number;
};

/** Numbers the packets of one packetizer: payload type, SSRC, a wrapping sequence number. */
export class RtpOut {
  readonly #payloadType: number;
  readonly #ssrc: number;
  #sequenceNumber: number;

  constructor(options: RtpOutOptions) {
    if (!Number.isInteger(options.payloadType) || options.payloadType < 0 || options.payloadType > 127) {
      throw new AacError(AacErrorCode.ValueOutOfRange, `payload type ${options.payloadType} is not 0 to 127`);
    }
    this.#payloadType = options.payloadType;
    this.#ssrc = (options.ssrc ?? 0) >>> 0;
    this.#sequenceNumber = (options.initialSequenceNumber ?? 0) & 0xffff;
  }

  /** Sequence number the next packet will carry. */
  get sequenceNumber(): number {
    return this.#sequenceNumber;
  }

  /** A packet with the next sequence number. */
  packet(payload: Uint8Array, timestamp: number, marker: boolean): RtpPacket {
    const sequenceNumber = this.#sequenceNumber;
    this.#sequenceNumber = (sequenceNumber + 1) & 0xffff;
    return {
      marker,
      payloadType: this.#payloadType,
      sequenceNumber,
      timestamp: timestamp >>> 0,
      ssrc: this.#ssrc,
      csrcs: [],
      payload,
      paddingLength: 0,
    };
  }
}
