import { parseRtpPacket, SdesItemType, serializeRtcpCompound, unixMsToNtp } from '@rtspkit/rtp';

const TWO_32 = 2 ** 32;

/**
 * What a publishing session sent on one track, and the RTCP sender report made of it: the
 * SSRC of the packets, their packet and payload octet counts, and the RTP time of a
 * wall-clock instant, anchored at the track's first packet and advancing at the format's
 * clock rate.
 *
 * @see RFC 3550 §6.4.1
 */
export class TrackSender {
  readonly #clockRate: number;
  #ssrc: number | undefined;
  #packets = 0;
  #octets = 0;
  /** RTP time of the first packet and the wall clock (ms) at which it was sent. */
  #anchorRtp = 0;
  #anchorWall = 0;

  constructor(clockRate: number) {
    this.#clockRate = clockRate;
  }

  /** Packets sent since the first (or since the SSRC changed). */
  get packetCount(): number {
    return this.#packets;
  }

  /** Payload octets sent: headers and padding excluded (RFC 3550 §6.4.1). */
  get octetCount(): number {
    return this.#octets;
  }

  /**
   * Counts one serialized RTP packet sent at `now` (Unix ms). Returns true for the first
   * packet of an SSRC, which anchors RTP time to `now` and resets the counts.
   *
   * @throws RtpError when `packet` is not an RTP packet.
   */
  sent(packet: Uint8Array, now: number): boolean {
    const p = parseRtpPacket(packet);
    const first = p.ssrc !== this.#ssrc;
    if (first) {
      // A new SSRC is a new source: its counts start over (RFC 3550 §6.4.1).
      this.#ssrc = p.ssrc;
      this.#packets = 0;
      this.#octets = 0;
      this.#anchorRtp = p.timestamp;
      this.#anchorWall = now;
    }
    this.#packets++;
    this.#octets += p.payload.length;
    return first;
  }

  /**
   * A compound RTCP packet: SR (the NTP time of `now` with the RTP time it maps to, the
   * counts, wrapped to 32 bits) and SDES with `cname`; undefined before the first packet.
   *
   * @see RFC 3550 §6.4.1, §6.5.1
   */
  report(now: number, cname: string): Uint8Array | undefined {
    const ssrc = this.#ssrc;
    if (ssrc === undefined) return undefined;
    const elapsed = Math.round(((now - this.#anchorWall) * this.#clockRate) / 1000);
    return serializeRtcpCompound([
      {
        type: 'sr',
        ssrc,
        ntpTimestamp: unixMsToNtp(now),
        rtpTimestamp: wrap32(this.#anchorRtp + elapsed),
        packetCount: wrap32(this.#packets),
        octetCount: wrap32(this.#octets),
        reports: [],
      },
      { type: 'sdes', chunks: [{ ssrc, items: [{ type: SdesItemType.Cname, text: cname }] }] },
    ]);
  }
}

function wrap32(n: number): number {
  return ((n % TWO_32) + TWO_32) % TWO_32;
}
