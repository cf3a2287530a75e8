import type { RtpPacket } from '@rtspkit/rtp';
import { expect } from 'vitest';
import { type AacAccessUnit, type AacDepacketizerEvent, AacError, isAacAccessUnit } from '../src/index.js';

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

/** What `f` throws, which must be an AacError; fails the test when it does not throw. */
export function thrown(f: () => unknown): AacError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AacError);
    return e as AacError;
  }
  throw new Error('did not throw');
}
