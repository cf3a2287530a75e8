import type { MediaFormat } from '@rtspkit/sdp';
import { PayloadDepacketizer } from './rtp/payload-depacketizer.js';
import { G711Packetizer, type PayloadPacketizerOptions } from './rtp/packetizers.js';

/**
 * G.711 audio, µ-law (`PCMU`, static payload type 0) or A-law (`PCMA`, static payload type
 * 8), or either on a dynamic payload type (`a=rtpmap:96 PCMA/16000/2`).
 */
export type G711Format = {
  readonly codec: 'g711';
  readonly payloadType: number;
  /** `PCMU` (µ-law) or `PCMA` (A-law), the RFC 3551 encoding names. */
  readonly encoding: 'PCMU' | 'PCMA';
  /** 8000 for the static payload types. */
  readonly clockRate: number;
  readonly channels: number;
};

/** Options of {@link g711Format}. */
export type G711FormatOptions = {
  readonly encoding: 'PCMU' | 'PCMA';
  /** 8000 by default. */
  readonly clockRate?: number;
  /** 1 by default. */
  readonly channels?: number;
  /** The static payload type (0 PCMU, 8 PCMA) for 8 kHz mono; else 96 unless given. */
  readonly payloadType?: number;
};

/**
 * A G.711 format: the static payload type of RFC 3551 §6 for 8 kHz mono, a dynamic one
 * otherwise.
 *
 * @see RFC 3551 §4.5.14, §6
 */
export function g711Format(options: G711FormatOptions): G711Format {
  const clockRate = options.clockRate ?? 8000;
  const channels = options.channels ?? 1;
  const fixed = clockRate === 8000 && channels === 1 ? (options.encoding === 'PCMU' ? 0 : 8) : 96;
  return { codec: 'g711', payloadType: options.payloadType ?? fixed, encoding: options.encoding, clockRate, channels };
}

/**
 * Reads a PCMU/PCMA format: the `a=rtpmap` (or the static entry of RFC 3551 §6 for payload
 * types 0 and 8) gives clock rate and channels; G.711 has no fmtp parameters.
 *
 * @see RFC 3551 §4.5.14
 */
export function readG711(format: MediaFormat): G711Format {
  return {
    codec: 'g711',
    payloadType: format.payloadType,
    encoding: format.encodingName.toUpperCase() === 'PCMU' ? 'PCMU' : 'PCMA',
    clockRate: format.clockRate,
    channels: format.channels ?? 1,
  };
}

/** One unit per packet: G.711 packets hold whole samples. */
export function g711Depacketizer(_format: G711Format): PayloadDepacketizer {
  return new PayloadDepacketizer();
}

/** The packetizer of a G.711 format: samples split over packets of at most `mtu` bytes. */
export function g711Packetizer(
  format: G711Format,
  options: Omit<PayloadPacketizerOptions, 'payloadType'>,
): G711Packetizer {
  return new G711Packetizer({ ...options, payloadType: format.payloadType, channels: format.channels });
}
