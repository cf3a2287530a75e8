import type { RtpPacket } from '@rtspkit/rtp';
import { type TestRtpPacket, rtpPacket } from '@rtspkit/test-utils';
import { expect } from 'vitest';
import { type AacAccessUnit, type AacDepacketizerEvent, AacError, isAacAccessUnit } from '../src/index.js';

/** An RTP packet with the test-utils defaults, the marker set unless given (AAC packets mostly end AUs). */
export const rtp = (fields: Partial<TestRtpPacket>): RtpPacket => rtpPacket({ marker: true, ...fields });

export function accessUnits(items: ReadonlyArray<AacAccessUnit | AacDepacketizerEvent>): AacAccessUnit[] {
  return items.filter(isAacAccessUnit);
}

export function events(items: ReadonlyArray<AacAccessUnit | AacDepacketizerEvent>): string[] {
  return items.filter((i): i is AacDepacketizerEvent => !isAacAccessUnit(i)).map((e) => e.code);
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
