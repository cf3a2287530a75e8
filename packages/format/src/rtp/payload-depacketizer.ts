import type { RtpPacket } from '@rtspkit/rtp';
import { FormatErrorCode } from '../errors.js';

/** One RTP payload as a unit: G.711 samples, or the payload of a format this package does not know. */
export type PayloadUnit = {
  /** RTP timestamp of the packet. */
  readonly timestamp: number;
  /** The payload; a view aliasing the packet. */
  readonly data: Uint8Array;
};

/** Something {@link PayloadDepacketizer} noticed: a loss, a late packet, a new SSRC. */
export type PayloadDepacketizerEvent = {
  readonly code: FormatErrorCode;
  readonly message: string;
  readonly sequenceNumber: number;
  readonly timestamp: number;
};

/** What {@link PayloadDepacketizer.push} returns. */
export type PayloadDepacketizerOutput = PayloadUnit | PayloadDepacketizerEvent;

/** Tells a unit from an event. */
export function isPayloadUnit(item: PayloadDepacketizerOutput): item is PayloadUnit {
  return 'data' in item;
}

/**
 * RTP → one unit per packet, for payload formats whose packets stand alone: G.711 (each
 * packet holds whole samples, RFC 3551 §4.5.14) and formats this package passes through.
 * A sequence gap is reported (the packet is still delivered); a packet at or before the last
 * sequence number is dropped with an event; an SSRC change restarts the numbering. `push`
 * never throws.
 *
 * @see RFC 3550 §5.1, RFC 3551 §4.2
 */
export class PayloadDepacketizer {
  #ssrc: number | undefined;
  #lastSeq = -1;

  /** Takes one packet; returns its unit, preceded by an event when something was odd. */
  push(packet: RtpPacket): PayloadDepacketizerOutput[] {
    const out: PayloadDepacketizerOutput[] = [];
    const { sequenceNumber, timestamp } = packet;
    const event = (code: FormatErrorCode, message: string) => out.push({ code, message, sequenceNumber, timestamp });
    if (this.#ssrc !== undefined && packet.ssrc !== this.#ssrc) {
      event(FormatErrorCode.SsrcChanged, `ssrc changed to ${packet.ssrc}`);
      this.#lastSeq = -1;
    } else if (this.#lastSeq >= 0) {
      const diff = (sequenceNumber - this.#lastSeq) & 0xffff;
      if (diff === 0 || diff >= 0x8000) {
        event(FormatErrorCode.PacketOutOfOrder, `packet ${sequenceNumber} after ${this.#lastSeq} ignored`);
        return out;
      }
      if (diff > 1) event(FormatErrorCode.PacketLost, `${diff - 1} packets lost before ${sequenceNumber}`);
    }
    this.#ssrc = packet.ssrc;
    this.#lastSeq = sequenceNumber;
    out.push({ timestamp, data: packet.payload });
    return out;
  }

  /** Nothing is ever held back: always `[]`. */
  flush(): PayloadDepacketizerOutput[] {
    return [];
  }

  /** Forgets the SSRC and sequence number (after a seek or a new PLAY). */
  reset(): void {
    this.#ssrc = undefined;
    this.#lastSeq = -1;
  }
}
