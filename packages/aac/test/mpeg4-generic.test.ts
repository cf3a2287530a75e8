import { hex } from '@rtspkit/bytes';
import { RtpError } from '@rtspkit/rtp';
import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AAC_HBR,
  AacError,
  AacErrorCode,
  AacNoticeCode,
  Mpeg4GenericDepacketizer,
  Mpeg4GenericPacketizer,
} from '../src/index.js';
import { mpeg4GenericCases } from './cases.js';
import { accessUnits, events, rtp } from './helpers.js';

describe('mpeg4-generic depacketizer', () => {
  for (const c of mpeg4GenericCases) {
    it(`depacketizes ${c.name}`, () => {
      const d = new Mpeg4GenericDepacketizer(c.params);
      const before = c.packets.map((p) => p.payload.slice());
      const out = c.packets.flatMap((p, i) =>
        d.push(rtp({ sequenceNumber: 100 + i, timestamp: 90000, marker: p.marker, payload: p.payload })),
      );
      expect(accessUnits(out)).toEqual(c.aus);
      expect(c.packets.map((p) => p.payload)).toEqual(before);
    });
    if (c.roundTrip) {
      it(`packetizes ${c.name}`, () => {
        const p = new Mpeg4GenericPacketizer({ payloadType: 96, mtu: 1400, ...c.params });
        const packets = p.packetize(
          c.aus.map((a) => a.data),
          90000,
        );
        expect(packets.map((x) => ({ payload: x.payload, marker: x.marker }))).toEqual(c.packets);
      });
    }
  }

  it('aliases the packet for whole AUs', () => {
    const payload = hex`00 10 00 18 a1 a2 a3`;
    const [au] = accessUnits(
      new Mpeg4GenericDepacketizer(AAC_HBR).push(rtp({ sequenceNumber: 1, timestamp: 0, payload })),
    );
    expect(au?.data.buffer).toBe(payload.buffer);
  });

  it('reports the ADTS quirk once', () => {
    const d = new Mpeg4GenericDepacketizer(AAC_HBR);
    const adts = mpeg4GenericCases.find((c) => c.name.includes('ADTS'))!.packets[0]!.payload;
    const first = d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: adts }));
    const second = d.push(rtp({ sequenceNumber: 2, timestamp: 1024, payload: adts }));
    expect(events(first)).toEqual([AacNoticeCode.AdtsInPayload]);
    expect(events(second)).toEqual([]);
    expect(accessUnits(second)).toHaveLength(1);
  });

  it('leaves ADTS-looking AUs alone when stripping is off', () => {
    const d = new Mpeg4GenericDepacketizer({ ...AAC_HBR, stripAdts: false });
    const adts = mpeg4GenericCases.find((c) => c.name.includes('ADTS'))!.packets[0]!.payload;
    expect(accessUnits(d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: adts })))[0]?.data).toHaveLength(10);
  });

  const fragments = [hex`00 10 00 50 01 02 03 04`, hex`00 10 00 50 05 06 07`, hex`00 10 00 50 08 09 0a`];

  it('drops an AU whose middle fragment is lost, with an event', () => {
    const d = new Mpeg4GenericDepacketizer(AAC_HBR);
    const out = [
      ...d.push(rtp({ sequenceNumber: 1, timestamp: 0, marker: false, payload: fragments[0]! })),
      ...d.push(rtp({ sequenceNumber: 3, timestamp: 0, marker: true, payload: fragments[2]! })),
    ];
    expect(accessUnits(out)).toEqual([]);
    // one for the interrupted AU, one for the orphan last fragment after the gap
    expect(events(out)).toEqual([AacErrorCode.FragmentLost, AacErrorCode.FragmentLost]);
  });

  it('keeps whole AUs after a gap: AU headers say where each AU starts', () => {
    const d = new Mpeg4GenericDepacketizer(AAC_HBR);
    const out = [
      ...d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: hex`00 10 00 08 a1` })),
      ...d.push(rtp({ sequenceNumber: 3, timestamp: 2048, payload: hex`00 10 00 08 a3` })),
    ];
    expect(accessUnits(out).map((a) => a.timestamp)).toEqual([0, 2048]);
    expect(events(out)).toEqual([AacErrorCode.PacketLost]);
  });

  it('drops an AU whose first fragment came before the stream was joined (benign)', () => {
    const d = new Mpeg4GenericDepacketizer(AAC_HBR);
    const out = [
      ...d.push(rtp({ sequenceNumber: 2, timestamp: 0, marker: false, payload: fragments[1]! })),
      ...d.push(rtp({ sequenceNumber: 3, timestamp: 0, marker: true, payload: fragments[2]! })),
    ];
    expect(accessUnits(out)).toEqual([]);
    expect(events(out)).toEqual([AacNoticeCode.JoinedMidAccessUnit]);
  });

  it('drops an AU whose marker comes before AU-size bytes', () => {
    const d = new Mpeg4GenericDepacketizer(AAC_HBR);
    const out = [
      ...d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: hex`00 10 00 08 a1` })),
      ...d.push(rtp({ sequenceNumber: 2, timestamp: 1024, marker: false, payload: fragments[0]! })),
      ...d.push(rtp({ sequenceNumber: 3, timestamp: 1024, marker: true, payload: fragments[1]! })),
    ];
    expect(accessUnits(out).map((a) => a.timestamp)).toEqual([0]);
    expect(events(out)).toEqual([AacErrorCode.FragmentIncomplete]);
  });

  it('reassembles three fragments across a sequence number wrap', () => {
    const d = new Mpeg4GenericDepacketizer(AAC_HBR);
    const out = fragments.flatMap((payload, i) =>
      d.push(rtp({ sequenceNumber: (0xfffe + i) & 0xffff, timestamp: 7, marker: i === 2, payload })),
    );
    expect(accessUnits(out)).toEqual([{ timestamp: 7, data: hex`01 02 03 04 05 06 07 08 09 0a` }]);
  });

  it('reports AU sizes past the payload as events, never throws, and stays usable', () => {
    const d = new Mpeg4GenericDepacketizer(AAC_HBR);
    const bad = hex`00 20 00 10 00 18 a1 a2`; // second AU of 3 bytes, none left
    const first = d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: bad }));
    expect(first).toEqual([
      {
        code: AacErrorCode.InvalidAuHeaders,
        message: 'au 1 size 3 exceeds remaining 0 bytes',
        sequenceNumber: 1,
        timestamp: 0,
      },
    ]);
    expect(events(d.push(rtp({ sequenceNumber: 2, timestamp: 1024, payload: hex`00 40` })))).toEqual([
      AacErrorCode.InvalidAuHeaders,
    ]);
    const ok = d.push(rtp({ sequenceNumber: 3, timestamp: 2048, payload: hex`00 10 00 08 a1` }));
    expect(accessUnits(ok)).toHaveLength(1);
  });

  it('applies CTS-delta when present', () => {
    const d = new Mpeg4GenericDepacketizer({ ...AAC_HBR, ctsDeltaLength: 8 });
    // header bits: size 13 | index 3 | CTS-flag 1 | CTS-delta 8 = 25 bits → 4 bytes
    // AU 1: size 1, index 0, flag 1, delta 0xfe (−2) → 0000000001 000 1 11111110 0000000
    const payload = hex`00 19   00 08 ff 00   a1`;
    expect(accessUnits(d.push(rtp({ sequenceNumber: 1, timestamp: 100, payload })))).toEqual([
      { timestamp: 98, data: hex`a1` },
    ]);
  });
});

describe('mpeg4-generic packetizer', () => {
  it('fragments an AU larger than the MTU; marker on the last fragment', () => {
    const p = new Mpeg4GenericPacketizer({ payloadType: 97, mtu: 12 + 4 + 4, ssrc: 5, sequenceNumber: 0xffff });
    const packets = p.packetize([hex`01 02 03 04 05 06 07 08 09 0a`], 1000);
    expect(packets.map((x) => [x.sequenceNumber, x.timestamp, x.marker, [...x.payload]])).toEqual([
      [0xffff, 1000, false, [0x00, 0x10, 0x00, 0x50, 1, 2, 3, 4]],
      [0, 1000, false, [0x00, 0x10, 0x00, 0x50, 5, 6, 7, 8]],
      [1, 1000, true, [0x00, 0x10, 0x00, 0x50, 9, 10]],
    ]);
    expect(p.sequenceNumber).toBe(2);
  });

  it('starts a new packet when the next AU does not fit, stamped with its own time', () => {
    const p = new Mpeg4GenericPacketizer({ payloadType: 97, mtu: 12 + 6 + 4 });
    const packets = p.packetize([hex`a1 a2`, hex`b1 b2`, hex`c1 c2 c3`], 0);
    expect(packets.map((x) => [x.timestamp, x.payload.length])).toEqual([
      [0, 2 + 4 + 4],
      [2048, 2 + 2 + 3],
    ]);
  });

  it('draws SSRC and first sequence number at random by default, options checked by @rtspkit/rtp', () => {
    const values = [7, 0x10005];
    const p = new Mpeg4GenericPacketizer({ payloadType: 97, mtu: 1400, randomUint32: () => values.shift() as number });
    expect([p.ssrc, p.sequenceNumber]).toEqual([7, 5]);
    // 12-byte header + 2 + 2 bytes of AU header section leave no AU data byte at mtu 16
    expectCodecError(() => new Mpeg4GenericPacketizer({ payloadType: 97, mtu: 16 }), {
      code: 'ERR_RTP_INVALID_VALUE',
      type: RtpError,
    });
    expect(new Mpeg4GenericPacketizer({ payloadType: 97, mtu: 17 }).packetize([hex`a1 a2`], 0)).toHaveLength(2);
    expectCodecError(() => new Mpeg4GenericPacketizer({ payloadType: -1, mtu: 1400 }), {
      code: 'ERR_RTP_INVALID_VALUE',
      type: RtpError,
    });
  });

  it('refuses an AU that does not fit sizelength', () => {
    const p = new Mpeg4GenericPacketizer({
      payloadType: 97,
      mtu: 1400,
      sizeLength: 6,
      indexLength: 2,
      indexDeltaLength: 2,
    });
    expect(() => p.packetize([new Uint8Array(64)], 0)).toThrow(AacError);
  });
});

describe('mpeg4-generic depacketizer, fuzzer findings (decode only)', () => {
  it('an empty payload where AU headers are due is an event, not a throw', () => {
    // Minimized input of aac-Mpeg4GenericDepacketizer.threw.*: fmtp indexlength=3, an empty payload.
    const d = new Mpeg4GenericDepacketizer({ sizeLength: 13, indexLength: 3, indexDeltaLength: 3 });
    for (const marker of [false, true])
      expect(events(d.push(rtp({ sequenceNumber: marker ? 2 : 1, timestamp: 0, marker, payload: hex`` })))).toEqual([
        AacErrorCode.Truncated,
      ]);
  });

  it('constantsize=1 without AU headers does not make one AU per payload byte', () => {
    // Minimized: 700 KB of such packets allocated 123 MiB of AU objects.
    const d = new Mpeg4GenericDepacketizer({ sizeLength: 0, indexLength: 0, indexDeltaLength: 0, constantSize: 1 });
    const out = d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: new Uint8Array(1400) }));
    expect(out).toEqual([
      {
        code: AacErrorCode.TooManyAccessUnits,
        message: '65 aus in one packet exceed maxAccessUnitsPerPacket 64',
        sequenceNumber: 1,
        timestamp: 0,
      },
    ]);
  });

  it('the same with AU headers: at most maxAccessUnitsPerPacket AUs come out of a packet', () => {
    const d = new Mpeg4GenericDepacketizer({ ...AAC_HBR, maxAccessUnitsPerPacket: 2 });
    // three 1-byte AUs: 3 × 16 bits of AU headers
    const three = hex`00 30  00 08 00 08 00 08  a1 a2 a3`;
    expect(events(d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: three })))).toEqual([
      AacErrorCode.TooManyAccessUnits,
    ]);
    const two = hex`00 20  00 08 00 08  a1 a2`;
    expect(accessUnits(d.push(rtp({ sequenceNumber: 2, timestamp: 3072, payload: two })))).toEqual([
      { timestamp: 3072, data: hex`a1` },
      { timestamp: 4096, data: hex`a2` },
    ]);
  });

  it('constant-size AUs without AU headers, within the limit', () => {
    const d = new Mpeg4GenericDepacketizer({ sizeLength: 0, indexLength: 0, indexDeltaLength: 0, constantSize: 2 });
    expect(accessUnits(d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: hex`a1 a2 b1 b2` })))).toEqual([
      { timestamp: 0, data: hex`a1 a2` },
      { timestamp: 1024, data: hex`b1 b2` },
    ]);
  });
});
