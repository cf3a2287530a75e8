import { hex } from '@rtspkit/bytes';
import type { RtpPacket } from '@rtspkit/rtp';
import { describe, expect, it } from 'vitest';
import {
  H265Depacketizer,
  type H265DepacketizerOutput,
  H265Packetizer,
  type H265AccessUnit,
  type H265DepacketizerEvent,
  isH265AccessUnit,
} from '../src/index.js';
import { depacketizeQuirks, rtp, rtpCases } from './cases.js';

function run(packets: readonly RtpPacket[], options = {}): H265DepacketizerOutput[] {
  const d = new H265Depacketizer(options);
  return [...packets.flatMap((p) => d.push(p)), ...d.flush()];
}
const units = (out: H265DepacketizerOutput[]) => out.filter(isH265AccessUnit);
const events = (out: H265DepacketizerOutput[]) =>
  out.filter((o): o is H265DepacketizerEvent => !isH265AccessUnit(o)).map((e) => e.code);
const plain = (u: H265AccessUnit) => ({
  timestamp: u.timestamp,
  nalUnits: u.nalUnits.map((n) => n.slice()),
  key: u.key,
});

describe('golden packets, both directions', () => {
  for (const c of rtpCases) {
    it(`${c.name}: packetize`, () => {
      const p = new H265Packetizer({ payloadType: 96, mtu: c.mtu, ssrc: 0x11223344, sequenceNumber: 1 });
      const copies = c.nalUnits.map((n) => n.slice());
      expect(p.packetize(c.nalUnits, c.timestamp)).toEqual(c.packets);
      expect(c.nalUnits).toEqual(copies);
    });
    it(`${c.name}: depacketize`, () => {
      const out = run(c.packets);
      expect(events(out)).toEqual([]);
      expect(units(out).map(plain)).toEqual([
        { timestamp: c.timestamp, nalUnits: c.nalUnits, key: c.nalUnits.some((n) => n[0] === 0x26) },
      ]);
    });
  }
});

describe('decode-only quirks', () => {
  for (const c of depacketizeQuirks) {
    it(c.name, () => {
      const copies = c.packets.map((p) => p.payload.slice());
      const out = run(c.packets, c.maxDonDiff === undefined ? {} : { maxDonDiff: c.maxDonDiff });
      expect(c.packets.map((p) => p.payload)).toEqual(copies);
      expect(events(out)).toEqual([]);
      expect(units(out).map(plain)).toEqual(c.accessUnits);
    });
  }
});

describe('depacketizer events', () => {
  const idrFu = rtpCases[2]?.packets as RtpPacket[];
  const trail = hex`02 01 d0 08 77`;
  it('a lost middle fragment drops the access unit with ERR_H265_FRAGMENT_LOST', () => {
    const out = run([idrFu[0], idrFu[2]] as RtpPacket[]);
    expect(events(out)).toEqual(['ERR_H265_FRAGMENT_LOST']);
    expect(units(out)).toEqual([]);
  });
  it('joining mid fragment is benign and the next access unit comes through', () => {
    const out = run([idrFu[1], idrFu[2], rtp(4, 93000, true, trail)] as RtpPacket[]);
    expect(events(out)).toEqual(['H265_JOINED_MID_ACCESS_UNIT']);
    expect(units(out).map(plain)).toEqual([{ timestamp: 93000, nalUnits: [trail], key: false }]);
  });
  it('joining at a slice segment that is not the first of its picture', () => {
    const out = run([rtp(1, 0, true, hex`02 01 50 08`), rtp(2, 3000, true, trail)]);
    expect(events(out)).toEqual(['H265_JOINED_MID_ACCESS_UNIT']);
    expect(units(out)).toHaveLength(1);
  });
  it('a gap between access units drops the one after it (its start may be lost)', () => {
    const out = run([rtp(1, 0, true, trail), rtp(3, 6000, true, trail), rtp(4, 9000, true, trail)]);
    expect(events(out)).toEqual(['ERR_H265_PACKET_LOST']);
    expect(units(out).map((u) => u.timestamp)).toEqual([0, 9000]);
  });
  it('duplicates and late packets are ignored', () => {
    const out = run([
      rtp(5, 0, true, trail),
      rtp(5, 0, true, trail),
      rtp(4, 0, true, trail),
      rtp(6, 3000, true, trail),
    ]);
    expect(events(out)).toEqual(['H265_PACKET_OUT_OF_ORDER', 'H265_PACKET_OUT_OF_ORDER']);
    expect(units(out)).toHaveLength(2);
  });
  it('an ssrc change resets state and keeps going', () => {
    const other = { ...rtp(900, 3000, true, trail), ssrc: 7 };
    const out = run([rtp(1, 0, true, trail), other]);
    expect(events(out)).toEqual(['H265_SSRC_CHANGED']);
    expect(units(out)).toHaveLength(2);
  });
  it('after an ssrc change, a slice segment that continues a picture is a join, not an access unit', () => {
    // Before the shared framer this came out as an access unit missing its first slice segment.
    const continuation = { ...rtp(900, 3000, true, hex`02 01 50 08`), ssrc: 7 };
    const out = run([rtp(1, 0, true, trail), continuation, { ...rtp(901, 6000, true, trail), ssrc: 7 }]);
    expect(events(out)).toEqual(['H265_SSRC_CHANGED', 'H265_JOINED_MID_ACCESS_UNIT']);
    expect(units(out).map((u) => u.timestamp)).toEqual([0, 6000]);
  });
  it('a fragment cut by a timestamp change is incomplete', () => {
    const out = run([idrFu[0], rtp(2, 93000, true, trail)] as RtpPacket[]);
    expect(events(out)).toEqual(['ERR_H265_FRAGMENT_INCOMPLETE']);
    expect(units(out).map((u) => u.timestamp)).toEqual([93000]);
  });
  it('limits: too many nal units or bytes drop the access unit', () => {
    const many = run([rtp(1, 0, false, trail), rtp(2, 0, false, trail), rtp(3, 0, true, trail)], { maxNalUnits: 2 });
    expect(events(many)).toEqual(['ERR_H265_ACCESS_UNIT_TOO_LARGE']);
    expect(units(many)).toEqual([]);
    const big = run(idrFu, { maxAccessUnitBytes: 10 });
    expect(events(big)).toEqual(['ERR_H265_ACCESS_UNIT_TOO_LARGE']);
  });
  it('malformed payloads: truncated aggregation unit, short fu, nested paci, reserved type', () => {
    expect(events(run([rtp(1, 0, true, hex`60 01 00 09 02 01`)]))).toEqual(['ERR_H265_MALFORMED_PACKET']);
    expect(events(run([rtp(1, 0, true, hex`62 01`)]))).toEqual(['ERR_H265_MALFORMED_PACKET']);
    expect(events(run([rtp(1, 0, true, hex`64 01 64 00 02 01`)]))).toEqual(['ERR_H265_MALFORMED_PACKET']);
    expect(events(run([rtp(1, 0, true, hex`02`)]))).toEqual(['ERR_H265_MALFORMED_PACKET']);
    const reserved = run([rtp(1, 0, false, hex`66 01 00`), rtp(2, 0, true, trail)]);
    expect(events(reserved)).toEqual(['ERR_H265_MALFORMED_PACKET']);
    expect(units(reserved)).toHaveLength(1);
  });
  it('don beyond sprop-max-don-diff is reported, nal unit kept', () => {
    const out = run([rtp(1, 0, false, hex`02 01 00 01 d0 08`), rtp(2, 0, true, hex`02 01 00 09 d0 09`)], {
      maxDonDiff: 2,
    });
    expect(events(out)).toEqual(['ERR_H265_DON_OUT_OF_ORDER']);
    expect(units(out).map(plain)).toEqual([
      { timestamp: 0, nalUnits: [hex`02 01 d0 08`, hex`02 01 d0 09`], key: false },
    ]);
  });
  it('single nal unit packets alias the payload', () => {
    const payload = trail.slice();
    const [unit] = units(run([rtp(1, 0, true, payload)]));
    expect(unit?.nalUnits[0]).toBe(payload);
  });
});

describe('packetizer', () => {
  it('rejects an mtu with no room for fragment data and a bad payload type', () => {
    expect(() => new H265Packetizer({ payloadType: 96, mtu: 15 })).toThrow(/mtu 15/);
    expect(() => new H265Packetizer({ payloadType: 128, mtu: 1200 })).toThrow(/payload type 128/);
  });
  it('sequence numbers continue across access units and wrap', () => {
    const p = new H265Packetizer({ payloadType: 96, mtu: 1200, ssrc: 1, sequenceNumber: 0xffff });
    const a = p.packetize([hex`02 01 d0`], 0);
    const b = p.packetize([hex`02 01 d0`], 3000);
    expect([a[0]?.sequenceNumber, b[0]?.sequenceNumber]).toEqual([0xffff, 0]);
  });
  it('aggregation header takes the lowest layer id and tid, and the or of f bits', () => {
    const p = new H265Packetizer({ payloadType: 96, mtu: 1200, ssrc: 1, sequenceNumber: 0 });
    const [packet] = p.packetize([hex`4e 0b 01`, hex`4e 02 01`, hex`cf 01 02`], 0);
    expect(packet?.payload.subarray(0, 2)).toEqual(hex`e0 01`); // F=1, type 48, layer 0, tid 1
  });
});
