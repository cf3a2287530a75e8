import type { RtpPacket } from '@rtspkit/rtp';
import { type AacAccessUnit, type AacDepacketizerEvent, isAacAccessUnit } from '../src/index.js';

/** An RTP packet with test defaults (PT 96, SSRC 0x1234). */
export function rtp(fields: {
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly marker?: boolean;
  readonly payload: Uint8Array;
}): RtpPacket {
  return {
    marker: fields.marker ?? true,
    payloadType: 96,
    sequenceNumber: fields.sequenceNumber,
    timestamp: fields.timestamp,
    ssrc: 0x1234,
    csrcs: [],
    payload: fields.payload,
    paddingLength: 0,
  };
}

export function accessUnits(items: ReadonlyArray<AacAccessUnit | AacDepacketizerEvent>): AacAccessUnit[] {
  return items.filter(isAacAccessUnit);
}

export function events(items: ReadonlyArray<AacAccessUnit | AacDepacketizerEvent>): string[] {
  return items.filter((i): i is AacDepacketizerEvent => !isAacAccessUnit(i)).map((e) => e.event);
}
