/**
 * An RTP packet as `@rtspkit/rtp` models it (`RtpPacket`), built for tests. Declared here
 * by shape: test-utils cannot depend on `@rtspkit/rtp`, whose own tests use test-utils.
 */
export type TestRtpPacket = {
  readonly marker: boolean;
  readonly payloadType: number;
  readonly sequenceNumber: number;
  readonly timestamp: number;
  readonly ssrc: number;
  readonly csrcs: readonly number[];
  readonly extension?: { readonly profile: number; readonly data: Uint8Array };
  readonly payload: Uint8Array;
  readonly paddingLength: number;
};

/** The defaults of {@link rtpPacket}: dynamic payload type 96, SSRC 0x11223344. */
export const RTP_PACKET_DEFAULTS = {
  marker: false,
  payloadType: 96,
  sequenceNumber: 0,
  timestamp: 0,
  ssrc: 0x11223344,
  paddingLength: 0,
} as const;

const NO_CSRCS: readonly number[] = [];
const EMPTY = new Uint8Array(0);

/**
 * An RTP packet (RFC 3550 §5.1) with test defaults for every field not given. The sequence
 * number is taken modulo 2^16 and the timestamp modulo 2^32, so tests can count past a wrap.
 *
 * @example
 * const p = rtpPacket({ sequenceNumber: 65535, timestamp: 3000, marker: true, payload: hex`65 88` });
 */
export function rtpPacket(fields: Partial<TestRtpPacket> = {}): TestRtpPacket {
  const packet = {
    marker: fields.marker ?? RTP_PACKET_DEFAULTS.marker,
    payloadType: fields.payloadType ?? RTP_PACKET_DEFAULTS.payloadType,
    sequenceNumber: (fields.sequenceNumber ?? RTP_PACKET_DEFAULTS.sequenceNumber) & 0xffff,
    timestamp: (fields.timestamp ?? RTP_PACKET_DEFAULTS.timestamp) >>> 0,
    ssrc: (fields.ssrc ?? RTP_PACKET_DEFAULTS.ssrc) >>> 0,
    csrcs: fields.csrcs ?? NO_CSRCS,
    payload: fields.payload ?? EMPTY,
    paddingLength: fields.paddingLength ?? RTP_PACKET_DEFAULTS.paddingLength,
  };
  return fields.extension === undefined ? packet : { ...packet, extension: fields.extension };
}
