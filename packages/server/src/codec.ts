import { createPacketizer, type Format, formatToMedia } from '@rtspkit/format';
import type { RtpPacket } from '@rtspkit/rtp';
import type { SdpMedia } from '@rtspkit/sdp';

/**
 * The SDP media section announcing `format` with `a=control:<control>`.
 *
 * @see RFC 2326 §C.1.1
 */
export function mediaOf(format: Format, control: string): SdpMedia {
  return formatToMedia(format, { control });
}

/** One track's RTP packetizer, whatever its codec: one access unit in, its packets out. */
export type TrackPacketizer = {
  readonly ssrc: number;
  /** The sequence number of the next packet. */
  readonly sequenceNumber: number;
  /**
   * Packets of one access unit: NAL units (video), one raw AAC frame (audio) or one payload
   * (G.711, generic) at `timestamp` (RTP clock units, wrapped to 32 bits).
   */
  packetize(units: readonly Uint8Array[], timestamp: number): RtpPacket[];
};

/** Options of {@link packetizerOf}. */
export type PacketizerOptions = {
  /** Largest RTP packet in bytes. */
  readonly mtu: number;
  /** Source of random unsigned 32-bit integers for SSRC and first sequence number. */
  readonly randomUint32: () => number;
};

/**
 * The packetizer `@rtspkit/format` makes for `format`, with a random SSRC and first
 * sequence number (RFC 3550 §5.1, §8.1), behind one signature for every codec.
 */
export function packetizerOf(format: Format, options: PacketizerOptions): TrackPacketizer {
  const ssrc = options.randomUint32() >>> 0;
  const sequenceNumber = options.randomUint32() & 0xffff;
  const common = { mtu: options.mtu, ssrc, sequenceNumber };
  switch (format.codec) {
    case 'h264':
    case 'h265':
    case 'mpeg4-audio':
    case 'mp4a-latm': {
      const p = createPacketizer(format, common);
      return {
        ssrc,
        get sequenceNumber() {
          return p.sequenceNumber;
        },
        packetize: (units, timestamp) => p.packetize(units, timestamp),
      };
    }
    case 'g711':
    case 'generic': {
      const p = createPacketizer(format, common);
      return {
        ssrc,
        get sequenceNumber() {
          return p.sequenceNumber;
        },
        packetize: (units, timestamp) => units.flatMap((unit) => p.packetize(unit, timestamp)),
      };
    }
  }
}
