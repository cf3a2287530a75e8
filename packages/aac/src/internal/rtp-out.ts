import { RtpSequencer } from '@rtspkit/rtp';
import { AacError, AacErrorCode } from '../errors.js';

/** Bytes of an RTP header without CSRCs or extension (RFC 3550 §5.1). */
export const RTP_HEADER_BYTES = 12;

/** The RTP fields a packetizer stamps on each packet it makes. */
export type RtpOutOptions = {
  readonly payloadType: number;
  readonly ssrc?: number;
  readonly initialSequenceNumber?: number;
};

/**
 * The sequencer of an AAC packetizer: SSRC and first sequence number default to 0, and a
 * payload type outside 0..127 is an {@link AacError}.
 */
export function rtpOut(options: RtpOutOptions): RtpSequencer {
  if (!Number.isInteger(options.payloadType) || options.payloadType < 0 || options.payloadType > 127) {
    throw new AacError(AacErrorCode.ValueOutOfRange, `payload type ${options.payloadType} is not 0 to 127`);
  }
  return new RtpSequencer({
    payloadType: options.payloadType,
    ssrc: options.ssrc ?? 0,
    sequenceNumber: options.initialSequenceNumber ?? 0,
  });
}
