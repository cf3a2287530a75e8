import fc from 'fast-check';
import type { RtpPacket } from '../src/index.js';

const u32 = fc.nat({ max: 0xffffffff });

/** Arbitrary valid RTP packets: any CSRC count, optional extension, optional padding. */
export const rtpPacketArb: fc.Arbitrary<RtpPacket> = fc
  .record({
    marker: fc.boolean(),
    payloadType: fc.nat({ max: 127 }),
    sequenceNumber: fc.nat({ max: 0xffff }),
    timestamp: u32,
    ssrc: u32,
    csrcs: fc.array(u32, { maxLength: 15 }),
    extension: fc.option(
      fc.record({
        profile: fc.nat({ max: 0xffff }),
        data: fc.nat({ max: 8 }).chain((words) => fc.uint8Array({ minLength: words * 4, maxLength: words * 4 })),
      }),
      { nil: undefined },
    ),
    payload: fc.uint8Array({ maxLength: 64 }),
    paddingLength: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 255 })),
  })
  .map(({ extension, ...rest }) => (extension === undefined ? rest : { ...rest, extension }));
