import { describe, expect, it } from 'vitest';
import { RtpError, RtpSequencer } from '../src/index.js';

describe('RtpSequencer', () => {
  it('stamps payload type and SSRC, counts sequence numbers and wraps them at 2^16', () => {
    const out = new RtpSequencer({ payloadType: 96, ssrc: 0x11223344, sequenceNumber: 0xfffe });
    const payload = Uint8Array.of(1, 2, 3);
    const packets = [
      out.packet(payload, 3000, false),
      out.packet(payload, 3000, true),
      out.packet(payload, 6000, true),
    ];
    expect(packets.map((p) => p.sequenceNumber)).toEqual([0xfffe, 0xffff, 0]);
    expect(packets.map((p) => p.marker)).toEqual([false, true, true]);
    expect(packets[0]).toEqual({
      marker: false,
      payloadType: 96,
      sequenceNumber: 0xfffe,
      timestamp: 3000,
      ssrc: 0x11223344,
      csrcs: [],
      payload,
      paddingLength: 0,
    });
    expect(out.sequenceNumber).toBe(1);
  });

  it('wraps timestamps to 32 bits', () => {
    const out = new RtpSequencer({ payloadType: 0, ssrc: 1, sequenceNumber: 0 });
    expect(out.packet(new Uint8Array(0), 2 ** 32 + 5, true).timestamp).toBe(5);
  });

  it('draws SSRC and first sequence number from randomUint32 when absent', () => {
    const draws = [0xdeadbeef, 0x12345678];
    const out = new RtpSequencer({ payloadType: 8, randomUint32: () => draws.shift() as number });
    expect(out.ssrc).toBe(0xdeadbeef);
    expect(out.sequenceNumber).toBe(0x5678);
    const a = new RtpSequencer({ payloadType: 8 });
    const b = new RtpSequencer({ payloadType: 8 });
    expect(a.ssrc === b.ssrc && a.sequenceNumber === b.sequenceNumber).toBe(false);
  });

  it('refuses a payload type outside 0..127 with RtpError', () => {
    for (const payloadType of [-1, 128, 96.5]) {
      expect(() => new RtpSequencer({ payloadType })).toThrow(RtpError);
    }
  });
});
