import type { RtpPacket } from '@rtspkit/rtp';
import { isH264AccessUnit, type H264AccessUnit, type H264DepacketizerOutput } from '../src/index.js';

/** An RTP packet with test defaults (PT 96, SSRC 0x11223344). */
export function rtp(
  sequenceNumber: number,
  timestamp: number,
  marker: boolean,
  payload: Uint8Array,
  ssrc = 0x11223344,
): RtpPacket {
  return { marker, payloadType: 96, sequenceNumber, timestamp, ssrc, csrcs: [], payload, paddingLength: 0 };
}

export const accessUnits = (out: readonly H264DepacketizerOutput[]): H264AccessUnit[] => out.filter(isH264AccessUnit);
export const eventCodes = (out: readonly H264DepacketizerOutput[]): string[] =>
  out.flatMap((o) => (isH264AccessUnit(o) ? [] : [o.code]));
