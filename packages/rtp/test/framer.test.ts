import { describe, expect, it } from 'vitest';
import { RtpError, type RtpPacket, rtpPayloadBudget } from '../src/index.js';
import { ToyDepacketizer, rtp, show } from './toy-format.js';

const cases: ReadonlyArray<{ name: string; packets: RtpPacket[]; flush?: boolean; out: string[] }> = [
  {
    name: 'units end at the marker',
    packets: [rtp(1, 0, false, 's'), rtp(2, 0, true, 'c'), rtp(3, 10, true, 's')],
    out: ['0:sc', '10:s'],
  },
  {
    name: 'a timestamp change ends a unit without marker; flush ends the last',
    packets: [rtp(1, 0, false, 's'), rtp(2, 10, false, 's')],
    flush: true,
    out: ['0:s', '10:s'],
  },
  {
    name: 'a gap drops the unit in progress and the one the next packet belongs to',
    packets: [rtp(1, 0, false, 's'), rtp(3, 0, true, 'c'), rtp(4, 10, true, 's')],
    out: ['ERR_TOY_PACKET_LOST', '10:s'],
  },
  {
    name: 'a gap inside a fragment is a lost fragment',
    packets: [rtp(1, 0, false, 'f'), rtp(3, 0, true, 'e'), rtp(4, 10, true, 's')],
    out: ['ERR_TOY_FRAGMENT_LOST', '10:s'],
  },
  {
    name: 'duplicates and late packets are ignored',
    packets: [rtp(5, 0, false, 's'), rtp(5, 0, false, 's'), rtp(4, 0, false, 's'), rtp(6, 0, true, 'c')],
    out: ['TOY_PACKET_OUT_OF_ORDER', 'TOY_PACKET_OUT_OF_ORDER', '0:sc'],
  },
  {
    name: 'sequence numbers wrap',
    packets: [rtp(0xffff, 0, false, 's'), rtp(0x10000, 0, true, 'c')],
    out: ['0:sc'],
  },
  {
    name: 'joining mid unit is benign; the next unit comes through',
    packets: [rtp(1, 0, true, 'c'), rtp(2, 10, true, 's')],
    out: ['TOY_JOINED_MID_ACCESS_UNIT', '10:s'],
  },
  {
    name: 'joining mid fragment',
    packets: [rtp(1, 0, false, 'm'), rtp(2, 0, true, 'e'), rtp(3, 10, true, 's')],
    out: ['TOY_JOINED_MID_ACCESS_UNIT', '10:s'],
  },
  {
    name: 'an ssrc change emits the finished unit, resets, and the next payload is a join',
    packets: [rtp(1, 0, false, 's'), rtp(900, 10, true, 'c', 2), rtp(901, 20, true, 's', 2)],
    out: ['0:s', 'TOY_SSRC_CHANGED', 'TOY_JOINED_MID_ACCESS_UNIT', '20:s'],
  },
  {
    name: 'a unit that ends inside a fragment is incomplete',
    packets: [rtp(1, 0, true, 'sf'), rtp(2, 10, false, 'f'), rtp(3, 20, true, 's')],
    out: ['ERR_TOY_FRAGMENT_INCOMPLETE', 'ERR_TOY_FRAGMENT_INCOMPLETE', '20:s'],
  },
  {
    name: 'flush inside a fragment is incomplete',
    packets: [rtp(1, 0, false, 'fm')],
    flush: true,
    out: ['ERR_TOY_FRAGMENT_INCOMPLETE'],
  },
  {
    name: 'a malformed payload drops its unit until the boundary',
    packets: [rtp(1, 0, false, 's'), rtp(2, 0, false, 'x'), rtp(3, 0, true, 's'), rtp(4, 10, true, 's')],
    out: ['ERR_TOY_MALFORMED', '10:s'],
  },
  {
    name: 'a unit over the part limit is dropped',
    packets: [rtp(1, 0, true, 'ssssssssssssssssss'), rtp(2, 10, true, 's')],
    out: ['ERR_TOY_ACCESS_UNIT_TOO_LARGE', '10:s'],
  },
  {
    name: 'a fragment over the byte limit is dropped',
    packets: [rtp(1, 0, false, `f${'m'.repeat(70)}`), rtp(2, 0, true, 'e'), rtp(3, 10, true, 's')],
    out: ['ERR_TOY_ACCESS_UNIT_TOO_LARGE', '10:s'],
  },
];

describe('RtpFramer case table (toy payload format)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const d = new ToyDepacketizer();
      const out = c.packets.flatMap((p) => d.push(p));
      if (c.flush) out.push(...d.flush());
      expect(show(out)).toEqual(c.out);
    });
  }

  it('reset forgets the stream: the next packet is a join, no gap is seen', () => {
    const d = new ToyDepacketizer();
    d.push(rtp(1, 0, false, 's'));
    d.reset();
    expect(show(d.flush())).toEqual([]);
    expect(show([...d.push(rtp(500, 10, true, 'c')), ...d.push(rtp(501, 20, true, 's'))])).toEqual([
      'TOY_JOINED_MID_ACCESS_UNIT',
      '20:s',
    ]);
  });

  it('events carry the packet sequence number and the unit timestamp', () => {
    const d = new ToyDepacketizer();
    d.push(rtp(1, 0, false, 's'));
    const [event] = d.push(rtp(3, 90, true, 's'));
    expect(event).toEqual({
      code: 'ERR_TOY_PACKET_LOST',
      message: '1 packets lost before 3, access unit dropped',
      sequenceNumber: 3,
      timestamp: 90,
    });
  });
});

describe('rtpPayloadBudget (the mtu check of every packetizer)', () => {
  it('leaves mtu - 12 bytes and refuses what leaves too little', () => {
    expect(rtpPayloadBudget({ payloadType: 96, mtu: 1200 }, 3)).toBe(1188);
    expect(rtpPayloadBudget({ payloadType: 96, mtu: 15 }, 3)).toBe(3);
    expect(() => rtpPayloadBudget({ payloadType: 96, mtu: 14 }, 3)).toThrow(RtpError);
    expect(() => rtpPayloadBudget({ payloadType: 96, mtu: 1200.5 }, 3)).toThrow(/mtu 1200.5/);
    expect(() => rtpPayloadBudget({ payloadType: 96, mtu: Number.NaN }, 3)).toThrow(RtpError);
  });
});
