import { toHex } from '@rtspkit/bytes';
import { H264Depacketizer, type H264Packetizer, isH264AccessUnit } from '@rtspkit/h264';
import { H265Depacketizer, isH265AccessUnit } from '@rtspkit/h265';
import { LatmDepacketizer, Mpeg4GenericDepacketizer } from '@rtspkit/aac';
import type { RtpPacket } from '@rtspkit/rtp';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Format,
  FormatError,
  type H264Format,
  PayloadDepacketizer,
  codecString,
  createDepacketizer,
  createPacketizer,
  fmp4Track,
  formatsOf,
  g711Format,
  h264Format,
  h265Format,
  isPayloadUnit,
  mp4aLatmFormat,
  mpeg4AudioFormat,
  withParameterSets,
} from '../src/index.js';
import { allCases } from './cases.js';
import { parseMedia } from './helpers.js';
import { aacConfig, aacFrames, h264OfType, h264Units, h265OfType, h265Units } from './media.js';

const FRAME = 3000; // 90 kHz ÷ 30 fps
const fixed = { ssrc: 0x1234, sequenceNumber: 65530 };

const h264 = h264Format({ sps: h264OfType(h264Units[0]!, 7), pps: h264OfType(h264Units[0]!, 8) });
const h265 = h265Format({
  vps: h265OfType(h265Units[0]!, 32),
  sps: h265OfType(h265Units[0]!, 33),
  pps: h265OfType(h265Units[0]!, 34),
});
const aac = mpeg4AudioFormat({ config: aacConfig });
const latm = mp4aLatmFormat({ config: aacConfig });

describe('builders', () => {
  it('h264Format takes profile-level-id from the SPS (x264 baseline: 42c01e)', () => {
    expect(h264).toMatchObject({ codec: 'h264', payloadType: 96, clockRate: 90000, packetizationMode: 1 });
    expect(h264.profileLevelId).toBe('42c01e');
  });

  it('mpeg4AudioFormat and mp4aLatmFormat announce one profile-level-id: 41, AAC Profile L2 (ISO/IEC 14496-3 table 1.14)', () => {
    expect(aac).toMatchObject({ clockRate: 48000, channels: 2, mode: 'AAC-hbr', profileLevelId: 41 });
    expect(latm).toMatchObject({ clockRate: 48000, channels: 2, cpresent: false, profileLevelId: 41, object: 2 });
    expect(toHex(latm.config!)).toBe('400023203fc0');
  });

  it('g711Format uses the static payload types for 8 kHz mono', () => {
    expect(g711Format({ encoding: 'PCMU' }).payloadType).toBe(0);
    expect(g711Format({ encoding: 'PCMA' }).payloadType).toBe(8);
    expect(g711Format({ encoding: 'PCMA', clockRate: 16000 }).payloadType).toBe(96);
  });

  it('refuse NAL units of the wrong type', () => {
    expect(() => h264Format({ sps: h264OfType(h264Units[0]!, 8), pps: [] })).toThrow(FormatError);
    expect(() => h265Format({ vps: h265OfType(h265Units[0]!, 33), sps: [], pps: [] })).toThrow(FormatError);
  });
});

describe('codecString', () => {
  it.each([
    ['H.264 from the SPS', h264, 'avc1.42C01E'],
    ['H.264 from profile-level-id alone', { ...h264, sps: [], pps: [] } as H264Format, 'avc1.42C01E'],
    ['H.264 with neither', { ...h264, sps: [], pps: [], profileLevelId: undefined } as unknown as Format, undefined],
    ['H.265 (Main, level 2.1, progressive and frame-only)', h265, 'hvc1.1.6.L63.90'],
    ['H.265 without SPS', { ...h265, sps: [] }, undefined],
    ['mpeg4-generic', aac, 'mp4a.40.2'],
    ['MP4A-LATM', latm, 'mp4a.40.2'],
    ['G.711', g711Format({ encoding: 'PCMU' }), undefined],
  ] as const)('%s', (_name, format, expected) => {
    expect(codecString(format as Format)).toBe(expected);
  });
});

describe('fmp4Track', () => {
  it('maps video formats to avc1/hvc1 tracks with the SPS picture size', () => {
    expect(fmp4Track(h264, 1)).toMatchObject({
      id: 1,
      kind: 'video',
      codec: 'avc1',
      width: 640,
      height: 360,
      timescale: 90000,
    });
    expect(fmp4Track(h265, 2)).toMatchObject({ id: 2, kind: 'video', codec: 'hvc1', width: 640, height: 360 });
  });

  it('maps AAC formats to an mp4a track carrying the AudioSpecificConfig', () => {
    const expected = {
      kind: 'audio',
      codec: 'mp4a',
      timescale: 48000,
      sampleRate: 48000,
      channels: 2,
      defaultDuration: 1024,
    };
    expect(fmp4Track(aac, 3)).toMatchObject({ ...expected, config: aacConfig });
    expect(fmp4Track(latm, 3)).toMatchObject({ ...expected, config: aacConfig });
  });

  it('is undefined while parameter sets or config are unknown, and for G.711 (no fmp4 sample entry)', () => {
    expect(fmp4Track({ ...h264, pps: [] }, 1)).toBeUndefined();
    expect(fmp4Track({ ...h265, vps: [] }, 1)).toBeUndefined();
    const { config: _, ...noConfig } = aac;
    expect(fmp4Track(noConfig, 1)).toBeUndefined();
    expect(fmp4Track(g711Format({ encoding: 'PCMA' }), 1)).toBeUndefined();
  });

  it('gives a track for every readable camera format of the case table with parameter sets', () => {
    for (const c of allCases) {
      for (const f of formatsOf(parseMedia(c.media))) {
        const track = fmp4Track(f, 1);
        if (f.codec === 'h264' && f.sps.length > 0 && f.pps.length > 0) expect(track, c.name).toBeDefined();
        if (f.codec === 'mpeg4-audio' && f.config !== undefined) expect(track, c.name).toBeDefined();
      }
    }
  });
});

describe('withParameterSets', () => {
  const bare: H264Format = { codec: 'h264', payloadType: 96, clockRate: 90000, packetizationMode: 1, sps: [], pps: [] };

  it('fills an H.264 format from the first access unit, then returns the same object', () => {
    expect(fmp4Track(bare, 1)).toBeUndefined();
    const next = withParameterSets(bare, h264Units[0]!);
    expect(next).toEqual(h264);
    expect(withParameterSets(next, h264Units[0]!)).toBe(next);
    expect(withParameterSets(next, h264Units[1]!)).toBe(next);
  });

  it('fills an H.265 format and leaves audio formats alone', () => {
    const next = withParameterSets({ ...h265, vps: [], sps: [], pps: [] }, h265Units[0]!);
    expect(next).toEqual(h265);
    expect(withParameterSets(aac, h264Units[0]!)).toBe(aac);
  });

  it('throws the codec error for an SPS that does not parse', () => {
    expect(() => withParameterSets(bare, [Uint8Array.of(0x67, 0xff)])).toThrow(
      expect.objectContaining({ name: 'H264Error' }),
    );
  });
});

describe('createDepacketizer and createPacketizer', () => {
  it('are typed by the format codec', () => {
    expectTypeOf(createDepacketizer(h264)).toEqualTypeOf<H264Depacketizer>();
    expectTypeOf(createPacketizer(h264)).toEqualTypeOf<H264Packetizer>();
    expect(createDepacketizer(h264)).toBeInstanceOf(H264Depacketizer);
    expect(createDepacketizer(h265)).toBeInstanceOf(H265Depacketizer);
    expect(createDepacketizer(aac)).toBeInstanceOf(Mpeg4GenericDepacketizer);
    expect(createDepacketizer(latm)).toBeInstanceOf(LatmDepacketizer);
    expect(createDepacketizer(g711Format({ encoding: 'PCMU' }))).toBeInstanceOf(PayloadDepacketizer);
  });

  it('H.264: the sample through packetizer and depacketizer comes back unit for unit', () => {
    const packetizer = createPacketizer(h264, { ...fixed, mtu: 1200 });
    const depacketizer = createDepacketizer(h264);
    const units = h264Units.slice(0, 60);
    const out = units.flatMap((u, i) => packetizer.packetize(u, i * FRAME).flatMap((p) => depacketizer.push(p)));
    expect(out.every(isH264AccessUnit)).toBe(true);
    expect(out.filter(isH264AccessUnit).map((u) => u.nalUnits)).toEqual(units);
    expect(packetizer.ssrc).toBe(0x1234);
  });

  it('H.265: the same', () => {
    const packetizer = createPacketizer(h265, { mtu: 1000 });
    const depacketizer = createDepacketizer(h265);
    const units = h265Units.slice(0, 40);
    const out = units.flatMap((u, i) => packetizer.packetize(u, i * FRAME).flatMap((p) => depacketizer.push(p)));
    expect(out.filter(isH265AccessUnit).map((u) => u.nalUnits)).toEqual(units);
  });

  it.each([
    ['mpeg4-generic', aac],
    ['MP4A-LATM', latm],
  ] as const)('%s: AUs come back with timestamps 1024 apart', (_name, format) => {
    const packetizer = createPacketizer(format, { ...fixed, mtu: 400 });
    const depacketizer = createDepacketizer(format);
    const frames = aacFrames.slice(0, 50);
    const packets: RtpPacket[] = frames.flatMap((f, i) => packetizer.packetize([f], 5000 + i * 1024));
    const out = packets.flatMap((p) => depacketizer.push(p));
    expect(out).toEqual(frames.map((data, i) => ({ timestamp: 5000 + i * 1024, data })));
  });

  it('refuse formats the packetizers cannot write', () => {
    const cases: Format[] = [
      { ...h264, packetizationMode: 0 },
      { ...h265, maxDonDiff: 2 },
      { ...aac, constantSize: 10 },
      { ...latm, cpresent: true },
    ];
    for (const f of cases) {
      expect(() => createPacketizer(f), f.codec).toThrow(expect.objectContaining({ code: 'ERR_FORMAT_UNSUPPORTED' }));
    }
  });

  it('never throws for a format read from the case table', () => {
    for (const c of allCases)
      for (const f of formatsOf(parseMedia(c.media))) expect(() => createDepacketizer(f)).not.toThrow();
  });
});

describe('G.711 and pass-through payloads', () => {
  const stereo = g711Format({ encoding: 'PCMA', clockRate: 16000, channels: 2 });
  const samples = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);

  it('splits samples over packets of whole frames, timestamps advancing by samples per channel', () => {
    const packets = createPacketizer(stereo, { ...fixed, mtu: 12 + 301 }).packetize(samples, 0xfffffff0);
    expect(packets.map((p) => [p.payload.length, p.timestamp, p.sequenceNumber, p.marker])).toEqual([
      [300, 0xfffffff0, 65530, false],
      [300, (0xfffffff0 + 150) >>> 0, 65531, false],
      [300, (0xfffffff0 + 300) >>> 0, 65532, false],
      [100, (0xfffffff0 + 450) >>> 0, 65533, false],
    ]);
    expect(packets.map((p) => p.payloadType)).toEqual([96, 96, 96, 96]);
  });

  it('refuses a partial sample frame, and (as every packetizer) an MTU without room for one', () => {
    const packetizer = createPacketizer(stereo);
    expect(() => packetizer.packetize(samples.subarray(1), 0)).toThrow(FormatError);
    expect(() => createPacketizer(stereo, { mtu: 13 })).toThrow(
      expect.objectContaining({ code: 'ERR_RTP_INVALID_VALUE' }),
    );
  });

  it('depacketizes one unit per packet and reports gaps, late packets and SSRC changes', () => {
    const d = createDepacketizer(g711Format({ encoding: 'PCMU' }));
    const packet = (sequenceNumber: number, ssrc = 1): RtpPacket => ({
      marker: false,
      payloadType: 0,
      sequenceNumber,
      timestamp: sequenceNumber * 160,
      ssrc,
      csrcs: [],
      payload: Uint8Array.of(sequenceNumber & 0xff),
      paddingLength: 0,
    });
    const codes = (items: ReturnType<typeof d.push>) => items.map((i) => (isPayloadUnit(i) ? i.data[0] : i.code));
    expect(codes(d.push(packet(65535)))).toEqual([255]);
    expect(codes(d.push(packet(0)))).toEqual([0]);
    expect(codes(d.push(packet(3)))).toEqual(['ERR_FORMAT_PACKET_LOST', 3]);
    expect(codes(d.push(packet(2)))).toEqual(['FORMAT_PACKET_OUT_OF_ORDER']);
    expect(codes(d.push(packet(3)))).toEqual(['FORMAT_PACKET_OUT_OF_ORDER']);
    expect(codes(d.push(packet(9, 2)))).toEqual(['FORMAT_SSRC_CHANGED', 9]);
    d.reset();
    expect(codes(d.push(packet(1, 3)))).toEqual([1]);
    expect(d.flush()).toEqual([]);
  });

  it('passes a generic payload through as one packet', () => {
    const [format] = formatsOf(parseMedia('m=application 0 RTP/AVP 107\r\na=rtpmap:107 vnd.onvif.metadata/90000'));
    if (format?.codec !== 'generic') throw new Error('expected generic');
    const packetizer = createPacketizer(format, { mtu: 100 });
    const [p] = packetizer.packetize(samples.subarray(0, 88), 7);
    expect(p).toMatchObject({ payloadType: 107, timestamp: 7, marker: true });
    expect(p?.payload).toEqual(samples.subarray(0, 88));
    expect(() => packetizer.packetize(samples.subarray(0, 89), 7)).toThrow(FormatError);
  });
});
