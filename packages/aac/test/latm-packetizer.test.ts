import { fromHex, hex, toHex } from '@rtspkit/bytes';
import { RtpError } from '@rtspkit/rtp';
import { expectCodecError } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AacErrorCode,
  type AudioSpecificConfig,
  audioProfileLevelId,
  LatmDepacketizer,
  LatmPacketizer,
  parseAudioSpecificConfig,
  parseStreamMuxConfig,
  serializeStreamMuxConfig,
  streamMuxConfigFromAsc,
} from '../src/index.js';
import { latmPacketizerCases, streamMuxConfigCases } from './cases.js';
import { accessUnits, events, thrown } from './helpers.js';

describe('StreamMuxConfig table', () => {
  for (const c of streamMuxConfigCases) {
    it(`parses ${c.name}`, () => {
      expect(parseStreamMuxConfig(c.bytes, { tolerateTruncation: false })).toEqual(c.config);
    });
    it(`serializes ${c.name}`, () => {
      expect(serializeStreamMuxConfig(c.config)).toEqual(c.bytes);
    });
  }

  it('writes latmBufferFullness 0xFF when absent', () => {
    const { latmBufferFullness: _, ...rest } = streamMuxConfigCases[0]!.config;
    expect(serializeStreamMuxConfig(rest)).toEqual(streamMuxConfigCases[0]!.bytes);
  });

  it('refuses frameLengthType other than 0 and fields that do not fit', () => {
    const base = streamMuxConfigCases[0]!.config;
    expect(thrown(() => serializeStreamMuxConfig({ ...base, frameLengthType: 1 })).code).toBe(AacErrorCode.Unsupported);
    expect(thrown(() => serializeStreamMuxConfig({ ...base, numSubFrames: 64 })).code).toBe(
      AacErrorCode.ValueOutOfRange,
    );
    expect(thrown(() => serializeStreamMuxConfig({ ...base, crcCheckSum: 256 })).code).toBe(
      AacErrorCode.ValueOutOfRange,
    );
  });
});

describe('StreamMuxConfig and profile level of an AudioSpecificConfig', () => {
  const lc48 = parseAudioSpecificConfig(hex`11 90`);
  const configHex = (asc: AudioSpecificConfig) => toHex(serializeStreamMuxConfig(streamMuxConfigFromAsc(asc)));

  it('builds the StreamMuxConfig announced out of band (cpresent=0)', () => {
    expect(configHex(lc48)).toBe('400023203fc0');
    expect(streamMuxConfigFromAsc(lc48)).toEqual(streamMuxConfigCases[0]!.config);
    expect(audioProfileLevelId(lc48)).toBe(41); // 0x29: AAC Profile L2 (2 channels, 48 kHz)
  });

  it('leaves out a sync extension that says SBR is absent (FFmpeg config=119056E500)', () => {
    const ffmpeg = parseAudioSpecificConfig(hex`11 90 56 e5 00`);
    expect(configHex(ffmpeg)).toBe('400023203fc0');
    // given one, the version 0 writer keeps it: readers find it by its syncword
    expect(toHex(serializeStreamMuxConfig({ ...streamMuxConfigFromAsc(lc48), audioSpecificConfig: ffmpeg }))).toBe(
      '40002320adca1fe0',
    );
  });

  it('uses audioMuxVersion 1 for a sync extension that says SBR is present', () => {
    const he = parseAudioSpecificConfig(hex`13 10 56 e5 98`);
    const config = streamMuxConfigFromAsc(he);
    expect(config).toMatchObject({ audioMuxVersion: 1, audioSpecificConfig: he });
    expect(parseStreamMuxConfig(fromHex(configHex(he)))).toEqual(config);
    expect(audioProfileLevelId(he)).toBe(0x2c); // HE-AAC L2
  });

  it('picks the lowest level that fits, per profile', () => {
    const asc = (o: object) => ({ ...lc48, ...o });
    expect(audioProfileLevelId(asc({ samplingFrequency: 16000, channelConfiguration: 1 }))).toBe(0x28);
    expect(audioProfileLevelId(asc({ channelConfiguration: 6 }))).toBe(0x2a); // 5.1 at 48 kHz: L4
    expect(audioProfileLevelId(asc({ samplingFrequency: 96000, channelConfiguration: 6 }))).toBe(0x2b);
    expect(audioProfileLevelId(asc({ channelConfiguration: 7 }))).toBe(0xfe); // 7.1: no AAC level
    // HE-AAC explicit (aot 5, 24 kHz core, 48 kHz output) and HE-AAC v2 (aot 29)
    expect(audioProfileLevelId(parseAudioSpecificConfig(hex`2b 11 88 00`))).toBe(0x2c);
    expect(audioProfileLevelId(parseAudioSpecificConfig(hex`ec 0b 08 00`))).toBe(0x30);
    expect(audioProfileLevelId(parseAudioSpecificConfig(hex`b9 8c 00`))).toBe(0xfe); // AAC-LD
  });
});

describe('LATM packetizer', () => {
  const config = serializeStreamMuxConfig(streamMuxConfigFromAsc(parseAudioSpecificConfig(hex`11 90`)));

  for (const c of latmPacketizerCases) {
    it(`packetizes ${c.name}`, () => {
      const p = new LatmPacketizer({ payloadType: 97, mtu: c.mtu, ssrc: 0xabc, sequenceNumber: 0 });
      const packets = p.packetize(c.aus, 90000);
      expect(packets.map((x) => ({ payload: x.payload, marker: x.marker, timestamp: x.timestamp }))).toEqual(c.packets);
      expect(packets.map((x) => x.sequenceNumber)).toEqual(c.packets.map((_, i) => i));
      expect(packets.every((x) => x.payloadType === 97 && x.ssrc === 0xabc && 12 + x.payload.length <= c.mtu)).toBe(
        true,
      );
      expect(p.sequenceNumber).toBe(c.packets.length);
    });

    it(`depacketizes ${c.name}`, () => {
      const d = new LatmDepacketizer({ cpresent: false, config });
      const out = c.packets.flatMap((x, i) =>
        d.push({
          ...x,
          payloadType: 97,
          sequenceNumber: i,
          ssrc: 0,
          csrcs: [],
          paddingLength: 0,
        }),
      );
      expect(events(out)).toEqual([]);
      expect(accessUnits(out)).toEqual(c.aus.map((data, i) => ({ timestamp: 90000 + i * 1024, data })));
    });
  }

  it('wraps sequence numbers and timestamps', () => {
    const p = new LatmPacketizer({ payloadType: 96, mtu: 14, sequenceNumber: 0xffff });
    const packets = p.packetize([hex`01 02 03`, hex`04`], 0xffffffff);
    expect(packets.map((x) => [x.sequenceNumber, x.timestamp, x.marker, toHex(x.payload)])).toEqual([
      [0xffff, 0xffffffff, false, '0301'],
      [0, 0xffffffff, true, '0203'],
      [1, 1023, true, '0104'],
    ]);
  });

  it('does not mutate the AUs', () => {
    const au = hex`10 20 30`;
    new LatmPacketizer({ payloadType: 96, mtu: 13 }).packetize([au], 0);
    expect(au).toEqual(hex`10 20 30`);
  });

  it('refuses an MTU with no room for a payload, and a bad payload type (checked by @rtspkit/rtp)', () => {
    expectCodecError(() => new LatmPacketizer({ payloadType: 96, mtu: 12 }), {
      code: 'ERR_RTP_INVALID_VALUE',
      type: RtpError,
    });
    expectCodecError(() => new LatmPacketizer({ payloadType: 128, mtu: 1500 }), {
      code: 'ERR_RTP_INVALID_VALUE',
      type: RtpError,
    });
  });

  it('draws SSRC and first sequence number at random by default (RFC 3550 §5.1)', () => {
    const values = [0xdeadbeef, 0x12345];
    const p = new LatmPacketizer({ payloadType: 96, mtu: 1500, randomUint32: () => values.shift() as number });
    expect([p.ssrc, p.sequenceNumber]).toEqual([0xdeadbeef, 0x2345]);
    const [packet] = p.packetize([hex`01`], 0);
    expect(packet).toMatchObject({ ssrc: 0xdeadbeef, sequenceNumber: 0x2345 });
  });
});
