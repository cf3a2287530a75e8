import fc from 'fast-check';
import type { RtcpPacket, RtcpReportBlock, RtpPacket } from '../src/index.js';

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

const blockArb: fc.Arbitrary<RtcpReportBlock> = fc.record({
  ssrc: u32,
  fractionLost: fc.nat({ max: 255 }),
  cumulativeLost: fc.integer({ min: -0x800000, max: 0x7fffff }),
  highestSequence: u32,
  jitter: u32,
  lastSr: u32,
  delaySinceLastSr: u32,
});
const words = (max: number) => fc.nat({ max }).chain((n) => fc.uint8Array({ minLength: n * 4, maxLength: n * 4 }));
const withExtension = <T extends object>(base: T, ext: Uint8Array) =>
  ext.length > 0 ? { ...base, extension: ext } : base;
/** Text whose UTF-8 form fits an SDES item or BYE reason (255 bytes). */
const text = fc.string({ maxLength: 60 });

const srArb: fc.Arbitrary<RtcpPacket> = fc
  .record({
    ssrc: u32,
    ntpTimestamp: fc.bigInt({ min: 0n, max: 0xffffffffffffffffn }),
    rtpTimestamp: u32,
    packetCount: u32,
    octetCount: u32,
    reports: fc.array(blockArb, { maxLength: 3 }),
    ext: words(2),
  })
  .map(({ ext, ...sr }) => withExtension({ type: 'sr' as const, ...sr }, ext));
const rrArb: fc.Arbitrary<RtcpPacket> = fc
  .record({ ssrc: u32, reports: fc.array(blockArb, { maxLength: 3 }), ext: words(2) })
  .map(({ ext, ...rr }) => withExtension({ type: 'rr' as const, ...rr }, ext));
const otherArb: fc.Arbitrary<RtcpPacket> = fc.oneof(
  fc.record({
    type: fc.constant('sdes' as const),
    chunks: fc.array(
      fc.record({
        ssrc: u32,
        items: fc.array(fc.record({ type: fc.integer({ min: 1, max: 255 }), text }), { maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
  }),
  fc
    .record({ ssrcs: fc.array(u32, { maxLength: 4 }), reason: fc.option(text, { nil: undefined }) })
    .map(({ ssrcs, reason }) =>
      reason === undefined ? { type: 'bye' as const, ssrcs } : { type: 'bye' as const, ssrcs, reason },
    ),
  fc.record({
    type: fc.constant('app' as const),
    subtype: fc.nat({ max: 31 }),
    ssrc: u32,
    name: fc.stringMatching(/^[A-Za-z0-9 ]{4}$/),
    data: words(3),
  }),
  fc.record({
    type: fc.constant('unknown' as const),
    packetType: fc.constantFrom(205, 206, 207, 210, 255),
    count: fc.nat({ max: 31 }),
    body: words(3),
  }),
);

/** Arbitrary valid compound RTCP: SR or RR first, padding (a multiple of 4) on the last only. */
export const rtcpCompoundArb: fc.Arbitrary<RtcpPacket[]> = fc
  .tuple(fc.oneof(srArb, rrArb), fc.array(fc.oneof(srArb, rrArb, otherArb), { maxLength: 4 }), fc.nat({ max: 3 }))
  .map(([first, rest, padWords]) => {
    const packets = [first, ...rest];
    if (padWords === 0) return packets;
    const last = packets.length - 1;
    packets[last] = { ...(packets[last] as RtcpPacket), paddingLength: padWords * 4 };
    return packets;
  });
