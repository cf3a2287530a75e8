import { describe, expect, it } from 'vitest';
import {
  STATIC_PAYLOAD_TYPES,
  SdpError,
  buildSession,
  mediaFormats,
  parseFmtp,
  parseFmtpParameters,
  parseRtpmap,
  parseSdp,
  serializeSdp,
} from '../src/index.js';
import { rtpmapCases } from './cases.js';

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

describe('session builder', () => {
  it('a session with given media sections round-trips through the serializer and the parser', () => {
    const media = parseSdp(
      'v=0\r\ns=-\r\nm=audio 0 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=control:trackID=0\r\n',
    ).media;
    const sdp = buildSession({ sessionName: 'Camera 1', range: 'npt=0-12.5', tool: 'rtspkit', media });
    expect(parseSdp(serializeSdp(sdp))).toEqual(sdp);
    expect(sdp.attributes).toEqual([
      { name: 'tool', value: 'rtspkit' },
      { name: 'control', value: '*' },
      { name: 'range', value: 'npt=0-12.5' },
    ]);
    expect(sdp.media).toBe(media);
  });
});
