import { RtpError } from '@rtspkit/rtp';
import { describe, expect, it } from 'vitest';
import { H264Depacketizer, H264Packetizer } from '../src/index.js';
import { accessUnits, eventCodes, rtp } from './helpers.js';
import { depacketizeCases, nals, quirkCases } from './rtp-cases.js';

describe('H264Depacketizer case table', () => {
  for (const c of depacketizeCases) {
    it(c.name, () => {
      const d = new H264Depacketizer();
      const copies = c.packets.map((p) => p.payload.slice());
      const out = c.packets.flatMap((p) => d.push(p));
      expect(accessUnits(out)).toEqual(c.accessUnits);
      expect(eventCodes(out)).toEqual(c.events ?? []);
      for (const [i, p] of c.packets.entries()) expect(p.payload).toEqual(copies[i]);
    });
  }
});

describe('H264Packetizer case table (strict writer)', () => {
  for (const c of depacketizeCases.filter((c) => c.packetizeMtu !== undefined)) {
    it(c.name, () => {
      const first = c.packets[0]!;
      const p = new H264Packetizer({
        payloadType: 96,
        mtu: c.packetizeMtu!,
        ssrc: first.ssrc,
        sequenceNumber: first.sequenceNumber,
      });
      const au = c.accessUnits[0]!;
      const packets = p.packetize(au.nalUnits, au.timestamp);
      expect(packets).toEqual(c.packets);
      for (const packet of packets) expect(packet.payload.length).toBeLessThanOrEqual(c.packetizeMtu! - 12);
    });
  }

  it('numbers packets consecutively across calls and wraps', () => {
    const p = new H264Packetizer({ payloadType: 96, mtu: 20, ssrc: 1, sequenceNumber: 65534 });
    const a = p.packetize([nals.IDR], 0);
    const b = p.packetize([nals.P_SLICE], 3000);
    expect([...a, ...b].map((x) => x.sequenceNumber)).toEqual([65534, 65535, 0]);
    expect([...a, ...b].map((x) => x.marker)).toEqual([false, true, true]);
    expect(p.sequenceNumber).toBe(1);
  });

  it('takes ssrc and sequence number from the injected random source', () => {
    const values = [0xdeadbeef, 0x12345];
    const p = new H264Packetizer({ payloadType: 97, mtu: 1200, randomUint32: () => values.shift()! });
    const [packet] = p.packetize([nals.P_SLICE], 2 ** 32 + 5);
    expect(packet).toMatchObject({ ssrc: 0xdeadbeef, sequenceNumber: 0x2345, timestamp: 5, payloadType: 97 });
  });

  it('rejects an mtu without room for an fu-a byte, a bad payload type and empty nal units', () => {
    // Options are checked by @rtspkit/rtp for every packetizer: its RtpError passes through.
    expect(() => new H264Packetizer({ payloadType: 96, mtu: 14 })).toThrow(RtpError);
    expect(() => new H264Packetizer({ payloadType: 96, mtu: 15 })).not.toThrow();
    expect(() => new H264Packetizer({ payloadType: 128, mtu: 1200 })).toThrow(/payload type 128/);
    expect(() => new H264Packetizer({ payloadType: 96, mtu: 1200 }).packetize([new Uint8Array(0)], 0)).toThrow(
      /nal unit 0 is empty/,
    );
  });
});

describe('H264Depacketizer tolerated deviations (decode only)', () => {
  for (const c of quirkCases) {
    it(c.name, () => {
      const d = new H264Depacketizer();
      const out = c.packets.flatMap((p) => d.push(p));
      if (c.flush) out.push(...d.flush());
      expect(accessUnits(out)).toEqual(c.accessUnits);
      expect(eventCodes(out)).toEqual([]);
    });
  }
});

describe('H264Depacketizer state', () => {
  it('resets on ssrc change, emitting the finished access unit first', () => {
    const d = new H264Depacketizer();
    const out = [...d.push(rtp(1, 3000, false, nals.P_SLICE, 1)), ...d.push(rtp(500, 9000, true, nals.P_SLICE, 2))];
    expect(accessUnits(out).map((a) => a.timestamp)).toEqual([3000, 9000]);
    expect(eventCodes(out)).toEqual(['H264_SSRC_CHANGED']);
  });

  it('drops access units above maxAccessUnitBytes and maxNalUnits', () => {
    const d = new H264Depacketizer({ maxAccessUnitBytes: 8, maxNalUnits: 2 });
    const big = d.push(rtp(1, 0, true, nals.IDR));
    expect(eventCodes(big)).toEqual(['ERR_H264_ACCESS_UNIT_TOO_LARGE']);
    const many = [
      ...d.push(rtp(2, 3000, false, nals.SPS)),
      ...d.push(rtp(3, 3000, false, nals.PPS)),
      ...d.push(rtp(4, 3000, true, nals.P_SLICE)),
    ];
    expect(eventCodes(many)).toEqual(['ERR_H264_ACCESS_UNIT_TOO_LARGE']);
    expect(accessUnits(d.push(rtp(5, 6000, true, nals.P_SLICE)))).toHaveLength(1);
  });

  it('reports undefined payload types and empty payloads without throwing', () => {
    const d = new H264Depacketizer();
    expect(eventCodes(d.push(rtp(1, 0, false, new Uint8Array([0x1e, 1]))))).toEqual(['ERR_H264_MALFORMED_PACKET']);
    expect(eventCodes(d.push(rtp(2, 0, true, new Uint8Array(0))))).toEqual(['ERR_H264_MALFORMED_PACKET']);
  });

  it('reports a fragment that never ends when the timestamp changes', () => {
    const d = new H264Depacketizer();
    d.push(rtp(1, 0, false, new Uint8Array([0x7c, 0x85, 0x88])));
    const out = d.push(rtp(2, 3000, true, nals.P_SLICE));
    expect(eventCodes(out)).toEqual(['ERR_H264_FRAGMENT_INCOMPLETE']);
    expect(accessUnits(out).map((a) => a.timestamp)).toEqual([3000]);
  });
});
