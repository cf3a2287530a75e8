import { RtpError, RtpErrorCode } from './errors.js';
import type { RtpSequencerOptions } from './sequencer.js';

/**
 * The options of every packetizer (H.264, H.265, mpeg4-generic, MP4A-LATM): what
 * {@link RtpSequencer} stamps on each packet (payload type; SSRC and first sequence number,
 * random by default as RFC 3550 §5.1 asks) and the largest packet to produce.
 */
export type RtpPacketizerOptions = RtpSequencerOptions & {
  /** Largest RTP packet in bytes, 12-byte header included (no CSRCs, no extension). */
  readonly mtu: number;
};

/** Bytes of the RTP fixed header without CSRCs or extension (RFC 3550 §5.1). */
export const RTP_HEADER_BYTES = 12;

/**
 * The payload bytes a packet of `options.mtu` holds: `mtu - 12`. Every packetizer checks its
 * MTU here (and its payload type in `RtpSequencer`), so they all refuse the same way.
 * Throws `ERR_RTP_INVALID_VALUE` for an MTU that is not an integer, or that leaves fewer than
 * `minPayloadBytes` (what the payload format needs to make progress).
 */
export function rtpPayloadBudget(options: RtpPacketizerOptions, minPayloadBytes: number): number {
  const { mtu } = options;
  if (!Number.isInteger(mtu) || mtu - RTP_HEADER_BYTES < minPayloadBytes) {
    throw new RtpError(
      RtpErrorCode.InvalidValue,
      `mtu ${mtu} leaves no room for ${minPayloadBytes} payload bytes after the ${RTP_HEADER_BYTES}-byte header`,
    );
  }
  return mtu - RTP_HEADER_BYTES;
}
