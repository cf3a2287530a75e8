import { AAC_HBR, Mpeg4GenericPacketizer } from '@rtspkit/aac';
import { H264Packetizer } from '@rtspkit/h264';
import { H265Packetizer } from '@rtspkit/h265';
import type { RtpPacket } from '@rtspkit/rtp';
import { buildH264Media, buildH265Media, buildMpeg4GenericMedia, type SdpMedia } from '@rtspkit/sdp';

/**
 * What the server knows about one track's coding: enough to describe it in SDP and to
 * packetize it. Plain readonly data, discriminated by `codec`.
 *
 * This module is the server's only contact with the codec packages' RTP and SDP writers.
 */
export type TrackFormat =
  | {
      readonly codec: 'h264';
      readonly payloadType: number;
      readonly clockRate: 90000;
      /** SPS and PPS NAL units without start codes (for `sprop-parameter-sets`). */
      readonly parameterSets: readonly Uint8Array[];
    }
  | {
      readonly codec: 'h265';
      readonly payloadType: number;
      readonly clockRate: 90000;
      readonly vps: readonly Uint8Array[];
      readonly sps: readonly Uint8Array[];
      readonly pps: readonly Uint8Array[];
    }
  | {
      readonly codec: 'mpeg4-audio';
      readonly payloadType: number;
      /** The sampling rate. */
      readonly clockRate: number;
      readonly channels: number;
      /** AudioSpecificConfig bytes. */
      readonly config: Uint8Array;
    };

/** The media kind (`m=` type) of a format. */
export function mediaKindOf(format: TrackFormat): 'video' | 'audio' {
  return format.codec === 'mpeg4-audio' ? 'audio' : 'video';
}

/**
 * The SDP media section announcing `format` with `a=control:<control>`.
 *
 * @see RFC 6184 §8.2.1, RFC 7798 §7.2.1, RFC 3640 §4.1
 */
export function mediaOf(format: TrackFormat, control: string): SdpMedia {
  const { payloadType } = format;
  switch (format.codec) {
    case 'h264':
      return buildH264Media({ control, payloadType, parameterSets: format.parameterSets });
    case 'h265':
      return buildH265Media({ control, payloadType, vps: format.vps, sps: format.sps, pps: format.pps });
    case 'mpeg4-audio':
      return buildMpeg4GenericMedia({
        control,
        payloadType,
        clockRate: format.clockRate,
        channels: format.channels,
        config: format.config,
      });
  }
}

/** One track's RTP packetizer, whatever its codec: one access unit in, its packets out. */
export type TrackPacketizer = {
  readonly ssrc: number;
  /** The sequence number of the next packet. */
  readonly sequenceNumber: number;
  /**
   * Packets of one access unit: NAL units (video) or one raw AAC frame (audio) at
   * `timestamp` (RTP clock units, wrapped to 32 bits).
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
 * A packetizer for `format`: H.264 and H.265 in non-interleaved mode (single NAL units,
 * aggregation and fragmentation units), AAC as `mpeg4-generic` AAC-hbr. SSRC and first
 * sequence number are random (RFC 3550 §5.1, §8.1).
 */
export function packetizerOf(format: TrackFormat, options: PacketizerOptions): TrackPacketizer {
  const ssrc = options.randomUint32() >>> 0;
  const sequenceNumber = options.randomUint32() & 0xffff;
  const { payloadType } = format;
  switch (format.codec) {
    case 'h264':
      return new H264Packetizer({ payloadType, mtu: options.mtu, ssrc, sequenceNumber });
    case 'h265':
      return new H265Packetizer({ payloadType, mtu: options.mtu, ssrc, sequenceNumber });
    case 'mpeg4-audio': {
      const p = new Mpeg4GenericPacketizer({
        ...AAC_HBR,
        payloadType,
        mtu: options.mtu,
        ssrc,
        initialSequenceNumber: sequenceNumber,
      });
      return {
        ssrc,
        get sequenceNumber() {
          return p.sequenceNumber;
        },
        packetize: (units, timestamp) => p.packetize(units, timestamp),
      };
    }
  }
}
