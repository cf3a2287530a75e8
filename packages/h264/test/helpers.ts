import type { RtpPacket } from '@rtspkit/rtp';
import { rtpPacket } from '@rtspkit/test-utils';
import { isH264AccessUnit, type H264AccessUnit, type H264DepacketizerOutput } from '../src/index.js';

/** An RTP packet (test-utils' `rtpPacket`: PT 96, SSRC 0x11223344 unless given), positionally. */
export const rtp = (
  sequenceNumber: number,
  timestamp: number,
  marker: boolean,
  payload: Uint8Array,
  ssrc?: number,
): RtpPacket => rtpPacket({ sequenceNumber, timestamp, marker, payload, ...(ssrc === undefined ? {} : { ssrc }) });

export const accessUnits = (out: readonly H264DepacketizerOutput[]): H264AccessUnit[] => out.filter(isH264AccessUnit);
export const eventCodes = (out: readonly H264DepacketizerOutput[]): string[] =>
  out.flatMap((o) => (isH264AccessUnit(o) ? [] : [o.code]));
