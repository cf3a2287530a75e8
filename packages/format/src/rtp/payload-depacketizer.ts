import {
  type DepacketizerEvent,
  RtpDepacketizer,
  type RtpFramer,
  type RtpFramerCode,
  type RtpPayloadReader,
  rtpFramerCodes,
} from '@rtspkit/rtp';

/** One RTP payload as a unit: G.711 samples, or the payload of a format this package does not know. */
export type PayloadUnit = {
  /** RTP timestamp of the packet. */
  readonly timestamp: number;
  /** The payload; a view aliasing the packet. */
  readonly data: Uint8Array;
};

/** The codes of {@link PayloadDepacketizer}'s events: the shared RTP framer's, prefixed `FORMAT`. */
export type PayloadDepacketizerEventCode = RtpFramerCode<'FORMAT'>;

/** Something {@link PayloadDepacketizer} noticed: a loss, a late packet, a new SSRC. */
export type PayloadDepacketizerEvent = DepacketizerEvent<PayloadDepacketizerEventCode>;

/** What {@link PayloadDepacketizer.push} returns. */
export type PayloadDepacketizerOutput = PayloadUnit | PayloadDepacketizerEvent;

/** Tells a unit from an event. */
export function isPayloadUnit(item: PayloadDepacketizerOutput): item is PayloadUnit {
  return !('code' in item);
}

// A payload is one unit, so the limits only have to admit the largest RTP payload.
const MAX_PAYLOAD_BYTES = 65536;

/**
 * RTP → one unit per packet, for payload formats whose packets stand alone: G.711 (each
 * packet holds whole samples, RFC 3551 §4.5.14) and formats this package passes through.
 * Sequence numbers, SSRC changes and late packets are the shared RTP framer's
 * (@rtspkit/rtp): a gap is reported (`ERR_FORMAT_PACKET_LOST`) and the packet after it still
 * delivered, a packet not newer than the last is dropped (`FORMAT_PACKET_OUT_OF_ORDER`).
 * `push` never throws.
 *
 * @see RFC 3550 §5.1, RFC 3551 §4.2
 */
export class PayloadDepacketizer extends RtpDepacketizer<PayloadUnit, PayloadDepacketizerEventCode> {
  constructor() {
    super(new WholePayloads(), rtpFramerCodes('FORMAT'), {
      maxUnitBytes: MAX_PAYLOAD_BYTES,
      maxUnitParts: 1,
      selfDelimiting: true,
    });
  }
}

/** Each payload is a unit of its own. */
class WholePayloads implements RtpPayloadReader<PayloadUnit, PayloadDepacketizerEventCode> {
  readonly fragmentActive = false;

  read(payload: Uint8Array, framer: RtpFramer<PayloadUnit, PayloadDepacketizerEventCode>): void {
    framer.emit({ timestamp: framer.timestamp, data: payload });
  }

  finish(): undefined {
    return undefined;
  }

  clear(): void {}

  restart(): void {}
}
