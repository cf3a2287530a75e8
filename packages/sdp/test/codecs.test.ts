import { hex, joinAnnexB, toBase64, toHex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import {
  STATIC_PAYLOAD_TYPES,
  SdpError,
  buildH264Media,
  buildH265Media,
  buildMp4aLatmMedia,
  buildMpeg4GenericMedia,
  buildSession,
  h264Parameters,
  h265Parameters,
  mediaFormats,
  mp4aLatmParameters,
  mpeg4GenericParameters,
  parseFmtp,
  parseFmtpParameters,
  parseRtpmap,
  parseSdp,
  serializeSdp,
} from '../src/index.js';
import { rtpmapCases } from './cases.js';

const sps = hex`67 42 c0 15 d9 01 41 fb 01 6a`;
const pps = hex`68 cb 8c b2`;

describe('rtpmap and fmtp', () => {
  for (const c of rtpmapCases) {
    it(`rtpmap ${JSON.stringify(c.value)}`, () => expect(parseRtpmap(c.value)).toEqual(c.rtpmap));
  }
  it('rejects a malformed rtpmap with SdpError', () => {
    for (const v of ['H264/90000', '128 H264/90000', '96 H264', '96 /90000', '96 H264/0', '96 a/1/2/3']) {
      expect(() => parseRtpmap(v)).toThrow(SdpError);
    }
  });
  it('fmtp keeps parameter order, trims spaces, skips empty entries, keeps "=" in values', () => {
    expect(parseFmtp('96 packetization-mode=1; sprop-parameter-sets=Z0IAKQ==,aM48gA==;;Profile=1;')).toEqual({
      payloadType: 96,
      parameters: [
        { name: 'packetization-mode', value: '1' },
        { name: 'sprop-parameter-sets', value: 'Z0IAKQ==,aM48gA==' },
        { name: 'Profile', value: '1' },
      ],
    });
    expect(parseFmtp('96')).toEqual({ payloadType: 96, parameters: [] });
    expect(parseFmtp('x=1')).toBeUndefined();
    expect(parseFmtpParameters('DecoderTag=h3c-v3 RTCP=0')).toEqual([{ name: 'DecoderTag', value: 'h3c-v3 RTCP=0' }]);
  });
  it('static payload types come from RFC 3551 without rtpmap', () => {
    const sdp = parseSdp('v=0\r\ns=-\r\nm=audio 0 RTP/AVP 0 8 14 26 96\r\n');
    expect(mediaFormats(sdp.media[0]!).map((f) => [f.payloadType, f.encodingName, f.clockRate])).toEqual([
      [0, 'PCMU', 8000],
      [8, 'PCMA', 8000],
      [14, 'MPA', 90000],
      [26, 'JPEG', 90000],
    ]);
    expect(STATIC_PAYLOAD_TYPES[10]).toEqual({ payloadType: 10, encodingName: 'L16', clockRate: 44100, channels: 2 });
  });
  it('an rtpmap overrides the static table (Bosch maps 35; PT 0 remapped)', () => {
    const sdp = parseSdp('v=0\r\ns=-\r\nm=video 0 RTP/AVP 0\r\na=rtpmap:0 H264/90000\r\n');
    expect(mediaFormats(sdp.media[0]!)[0]).toMatchObject({ encodingName: 'H264', clockRate: 90000 });
  });
});

describe('H.264 parameters', () => {
  it('decodes sprop-parameter-sets and profile-level-id', () => {
    const h = h264Parameters(
      parseFmtpParameters(
        `packetization-mode=1;profile-level-id=42C015;sprop-parameter-sets=${toBase64(sps)},${toBase64(pps)}`,
      ),
    );
    expect(h.parameterSets).toEqual([sps, pps]);
    expect(h.packetizationMode).toBe(1);
    expect(toHex(h.profileLevelId!)).toBe('42c015');
  });
  it('splits parameter sets that carry Annex-B start codes inside', () => {
    const both = joinAnnexB([sps, pps]);
    expect(h264Parameters(parseFmtpParameters(`sprop-parameter-sets=${toBase64(both)}`)).parameterSets).toEqual([
      sps,
      pps,
    ]);
  });
  it('skips empty entries and TP-Link Tapo "(null)" entries', () => {
    expect(h264Parameters(parseFmtpParameters('sprop-parameter-sets=(null),(null)')).parameterSets).toEqual([]);
    expect(h264Parameters(parseFmtpParameters(`sprop-parameter-sets=${toBase64(sps)},`)).parameterSets).toEqual([sps]);
  });
  it('throws SdpError for parameter sets that are not base64', () => {
    expect(() => h264Parameters(parseFmtpParameters('sprop-parameter-sets=Z0I*AA=='))).toThrow(
      expect.objectContaining({ code: 'ERR_SDP_INVALID_PARAMETER_SET' }),
    );
    expect(() => h264Parameters(parseFmtpParameters('profile-level-id=zz'))).toThrow(
      expect.objectContaining({ code: 'ERR_SDP_INVALID_PARAMETER' }),
    );
  });
});

describe('H.265 parameters', () => {
  it('reads sprop-vps/sps/pps and sprop-max-don-diff', () => {
    const h = h265Parameters(
      parseFmtpParameters(
        'sprop-vps=QAEMAQ==;sprop-sps=QgEB;sprop-pps=RAHA;sprop-max-don-diff=2;profile-id=1;level-id=93',
      ),
    );
    expect([h.vps, h.sps, h.pps]).toEqual([[hex`40 01 0c 01`], [hex`42 01 01`], [hex`44 01 c0`]]);
    expect(h.maxDonDiff).toBe(2);
    expect([h.profileId, h.levelId, h.tierFlag]).toEqual([1, 93, undefined]);
  });
  it('defaults sprop-max-don-diff to 0', () => expect(h265Parameters([]).maxDonDiff).toBe(0));
});

describe('AAC parameters', () => {
  it('mpeg4-generic with mixed-case names (Hikvision)', () => {
    const a = mpeg4GenericParameters(
      parseFmtpParameters(
        'streamtype=5;profile-level-id=15;mode=AAC-hbr;config=1190;SizeLength=13;IndexLength=3;IndexDeltaLength=3',
      ),
    );
    expect(a).toEqual({
      config: hex`11 90`,
      mode: 'AAC-hbr',
      sizeLength: 13,
      indexLength: 3,
      indexDeltaLength: 3,
      streamType: 5,
      profileLevelId: 15,
    });
  });
  it('rejects a config that is not hex', () => {
    expect(() => mpeg4GenericParameters(parseFmtpParameters('config=119'))).toThrow(
      expect.objectContaining({ code: 'ERR_SDP_INVALID_PARAMETER' }),
    );
    expect(() => mpeg4GenericParameters(parseFmtpParameters('sizelength=x'))).toThrow(SdpError);
  });
  it('MP4A-LATM: cpresent defaults to 1', () => {
    expect(mp4aLatmParameters(parseFmtpParameters('config=40002410'))).toEqual({
      config: hex`40 00 24 10`,
      cpresent: true,
    });
    expect(mp4aLatmParameters(parseFmtpParameters('cpresent=0;object=2;config=40002410'))).toEqual({
      config: hex`40 00 24 10`,
      cpresent: false,
      object: 2,
    });
  });
});

describe('server builders', () => {
  it('an H.264 + AAC session round-trips through the readers', () => {
    const sdp = buildSession({
      sessionName: 'Camera 1',
      media: [
        buildH264Media({ control: 'trackID=0', parameterSets: [sps, pps], framerate: 30 }),
        buildMpeg4GenericMedia({ control: 'trackID=1', clockRate: 48000, channels: 2, config: hex`11 90` }),
      ],
    });
    const parsed = parseSdp(serializeSdp(sdp));
    expect(parsed).toEqual(sdp);
    const [video, audio] = parsed.media.map((m) => mediaFormats(m)[0]!);
    expect(video).toMatchObject({ payloadType: 96, encodingName: 'H264', clockRate: 90000 });
    expect(h264Parameters(video!.parameters)).toEqual({
      parameterSets: [sps, pps],
      packetizationMode: 1,
      profileLevelId: hex`42 c0 15`,
    });
    expect(audio).toMatchObject({ payloadType: 97, encodingName: 'MPEG4-GENERIC', clockRate: 48000, channels: 2 });
    expect(mpeg4GenericParameters(audio!.parameters)).toMatchObject({
      config: hex`11 90`,
      sizeLength: 13,
      indexLength: 3,
      indexDeltaLength: 3,
    });
  });
  it('H.265 and MP4A-LATM sections round-trip', () => {
    const sdp = buildSession({
      media: [
        buildH265Media({ control: 'stream=0', vps: [hex`40 01 0c`], sps: [hex`42 01 01`], pps: [hex`44 01 c0`] }),
        buildMp4aLatmMedia({
          control: 'stream=1',
          payloadType: 98,
          clockRate: 44100,
          channels: 1,
          config: hex`40 00 24 10`,
        }),
      ],
    });
    const parsed = parseSdp(serializeSdp(sdp));
    const [video, audio] = parsed.media.map((m) => mediaFormats(m)[0]!);
    expect(h265Parameters(video!.parameters)).toMatchObject({
      vps: [hex`40 01 0c`],
      sps: [hex`42 01 01`],
      pps: [hex`44 01 c0`],
    });
    expect(audio).toMatchObject({ payloadType: 98, encodingName: 'MP4A-LATM', clockRate: 44100, channels: 1 });
    expect(mp4aLatmParameters(audio!.parameters)).toEqual({
      config: hex`40 00 24 10`,
      cpresent: false,
      object: 2,
      profileLevelId: 1,
    });
  });
});
