import { fromBase64, hex } from '@rtspkit/bytes';
import type { Format } from '../src/index.js';

/**
 * One media section and the formats it means. Both directions run unless `decodeOnly`:
 * `formatsOf` of the section gives `formats`, and `formatToMedia(formats[0], { control })`
 * writes the section back byte for byte. Decode-only cases are what real devices send
 * (named after the device; the full descriptions are in packages/sdp/test/fixtures) and the
 * values this package refuses (they give a GenericFormat with a reason).
 */
export type FormatCase = {
  readonly name: string;
  /** The `m=` section, lines joined with CRLF. */
  readonly media: string;
  readonly formats: readonly Format[];
  readonly decodeOnly?: boolean;
};

const b64 = fromBase64;
const lines = (...l: string[]) => l.join('\r\n');

// gst-rtsp-server 1.22 (x264 baseline 320x240, x265, AAC-LC 48 kHz stereo): gst-rtsp-server-h264-aac.sdp and -h265-latm.sdp.
export const GST_SPS = b64('Z0LAFdkBQfsBagwMDUoAAAMAAgAAAwApHixckA==');
export const GST_PPS = b64('aMuMsg==');
export const GST_VPS_265 = b64('QAEMAf//BAgAAAMAmAgAAAMAAD+SgJA=');
export const GST_SPS_265 = b64('QgEBBAgAAAMAmAgAAAMAAD+QAUEB4ilLJUkmV/+AAIAAtQYGBgQAAAMABAAAAwAoIA==');
export const GST_PPS_265 = b64('RAHBcoYMRiQ=');
/** AudioSpecificConfig of AAC-LC, 48 kHz, stereo. */
export const ASC_LC_48_STEREO = hex`11 90`;

export const h264Cases: readonly FormatCase[] = [
  {
    name: 'H.264 as written (gst-rtsp-server parameter sets)',
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1;profile-level-id=42c015;sprop-parameter-sets=Z0LAFdkBQfsBagwMDUoAAAMAAgAAAwApHixckA==,aMuMsg==',
      'a=control:trackID=0',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 96,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [GST_SPS],
        pps: [GST_PPS],
        profileLevelId: '42c015',
      },
    ],
  },
  {
    name: 'H.264 without parameter sets (FFmpeg before the first frame)',
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1',
      'a=control:trackID=0',
    ),
    formats: [{ codec: 'h264', payloadType: 96, clockRate: 90000, packetizationMode: 1, sps: [], pps: [] }],
  },
  {
    name: 'gst-rtsp-server 1.22: parameters out of order, level-asymmetry-allowed',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z0LAFdkBQfsBagwMDUoAAAMAAgAAAwApHixckA==,aMuMsg==;profile-level-id=42c015;level-asymmetry-allowed=1',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 96,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [GST_SPS],
        pps: [GST_PPS],
        profileLevelId: '42c015',
      },
    ],
  },
  {
    name: 'Axis: spaces after the semicolons',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1; profile-level-id=420029; sprop-parameter-sets=Z0IAKeKQCgDLYC3AQEBpB4kRUA==,aM48gA==',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 96,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [b64('Z0IAKeKQCgDLYC3AQEBpB4kRUA==')],
        pps: [b64('aM48gA==')],
        profileLevelId: '420029',
      },
    ],
  },
  {
    name: 'Bosch Flexidome: H.264 on static payload type 35',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 35',
      'a=rtpmap:35 H264/90000',
      'a=fmtp:35 packetization-mode=1;profile-level-id=4d4029;sprop-parameter-sets=Z01AKY2NYDwBE/LgLcBDQECA,aO44gA==',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 35,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [b64('Z01AKY2NYDwBE/LgLcBDQECA')],
        pps: [b64('aO44gA==')],
        profileLevelId: '4d4029',
      },
    ],
  },
  {
    name: 'Foscam FI8620: upper-case profile-level-id that disagrees with the SPS (kept as written)',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1;profile-level-id=4D400C;sprop-parameter-sets=Z0LgHtoCwEkQ,aM4wpIA=',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 96,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [b64('Z0LgHtoCwEkQ')],
        pps: [b64('aM4wpIA=')],
        profileLevelId: '4d400c',
      },
    ],
  },
  {
    name: 'Hikvision DS: no sprop-parameter-sets, packetization-mode 0',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 profile-level-id=4D0014;packetization-mode=0',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 96,
        clockRate: 90000,
        packetizationMode: 0,
        sps: [],
        pps: [],
        profileLevelId: '4d0014',
      },
    ],
  },
  {
    name: 'macro-video: base64 profile-level-id (retina #68), SPS with nal_ref_idc 1',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 profile-level-id=TQAf;packetization-mode=1;sprop-parameter-sets=J00AH+dAKALdgKUFBQXwAAADABAAAAMCiwEAAtxoAAIlUX//AoA=,KO48gA==',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 96,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [b64('J00AH+dAKALdgKUFBQXwAAADABAAAAMCiwEAAtxoAAIlUX//AoA=')],
        pps: [b64('KO48gA==')],
        profileLevelId: '4d001f',
      },
    ],
  },
  {
    name: 'unbranded camera: rtpmap only',
    decodeOnly: true,
    media: lines('m=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000'),
    formats: [{ codec: 'h264', payloadType: 96, clockRate: 90000, packetizationMode: 0, sps: [], pps: [] }],
  },
  {
    name: 'Annex-B start codes inside one sprop entry, a trailing comma and (null) (Hikvision, Tapo C200)',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 h264/90000',
      'a=fmtp:96 packetization-mode=1;sprop-parameter-sets=AAAAAWdCwBXZAUH7AWoMDA1KAAADAAIAAAMAKR4sXJAAAAABaMuMsg==,(null),',
    ),
    formats: [
      { codec: 'h264', payloadType: 96, clockRate: 90000, packetizationMode: 1, sps: [GST_SPS], pps: [GST_PPS] },
    ],
  },
  {
    name: 'Axis M1125 (GStreamer server): Main profile, no spaces',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1;profile-level-id=4d0029;sprop-parameter-sets=Z00AKeKQDwBE/LgLcBAQGkHiRFQ=,aO48gA==',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 96,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [b64('Z00AKeKQDwBE/LgLcBAQGkHiRFQ=')],
        pps: [b64('aO48gA==')],
        profileLevelId: '4d0029',
      },
    ],
  },
  {
    name: 'H3C: High profile, profile-level-id first, spaces after the semicolons, payload type 105',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 105',
      'a=rtpmap:105 H264/90000',
      'a=fmtp:105 profile-level-id=640032; packetization-mode=1; sprop-parameter-sets=Z2QAMqw7UBQAWtCAAAH0AABhqEI=,aOqPLA==',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 105,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [b64('Z2QAMqw7UBQAWtCAAAH0AABhqEI=')],
        pps: [b64('aOqPLA==')],
        profileLevelId: '640032',
      },
    ],
  },
  {
    name: 'live555 (2016, Diva): upper-case profile-level-id',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1;profile-level-id=64002A;sprop-parameter-sets=Z2QAKq2EAQwgCGEAQwgCGEAQwgCEK1A8ARPyzcBAQECA,aO48sA==',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 96,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [b64('Z2QAKq2EAQwgCGEAQwgCGEAQwgCEK1A8ARPyzcBAQECA')],
        pps: [b64('aO48sA==')],
        profileLevelId: '64002a',
      },
    ],
  },
  {
    name: 'UniFi Protect: spaces after the semicolons, payload type 97',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 97',
      'a=rtpmap:97 H264/90000',
      'a=fmtp:97 profile-level-id=4d401f; packetization-mode=1; sprop-parameter-sets=Z01AH6aAUAW6bgICAoAAAfSAAA+kTtBEI1A=,aOqPIA==',
    ),
    formats: [
      {
        codec: 'h264',
        payloadType: 97,
        clockRate: 90000,
        packetizationMode: 1,
        sps: [b64('Z01AH6aAUAW6bgICAoAAAfSAAA+kTtBEI1A=')],
        pps: [b64('aOqPIA==')],
        profileLevelId: '4d401f',
      },
    ],
  },
];

export const h265Cases: readonly FormatCase[] = [
  {
    name: 'H.265 as written (gst-rtsp-server parameter sets)',
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H265/90000',
      'a=fmtp:96 sprop-vps=QAEMAf//BAgAAAMAmAgAAAMAAD+SgJA=;sprop-sps=QgEBBAgAAAMAmAgAAAMAAD+QAUEB4ilLJUkmV/+AAIAAtQYGBgQAAAMABAAAAwAoIA==;sprop-pps=RAHBcoYMRiQ=',
      'a=control:stream=0',
    ),
    formats: [
      {
        codec: 'h265',
        payloadType: 96,
        clockRate: 90000,
        vps: [GST_VPS_265],
        sps: [GST_SPS_265],
        pps: [GST_PPS_265],
        maxDonDiff: 0,
      },
    ],
  },
  {
    name: 'H.265 with profile, tier, level and DONL',
    media: lines(
      'm=video 0 RTP/AVP 98',
      'a=rtpmap:98 H265/90000',
      'a=fmtp:98 profile-id=1;tier-flag=0;level-id=93;sprop-max-don-diff=2;sprop-depack-buf-nalus=4',
    ),
    formats: [
      {
        codec: 'h265',
        payloadType: 98,
        clockRate: 90000,
        vps: [],
        sps: [],
        pps: [],
        maxDonDiff: 2,
        depackBufNalus: 4,
        profileId: 1,
        tierFlag: 0,
        levelId: 93,
      },
    ],
  },
  {
    name: 'TP-Link: profile-space and interop-constraints (ignored)',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H265/90000',
      'a=fmtp:96 profile-space=0;profile-id=1;tier-flag=0;level-id=153;interop-constraints=000000000000;sprop-vps=QAEMAf//AUAAAAMAAAMAAAMAAAMAmawJ;sprop-sps=QgEBAUAAAAMAAAMAAAMAAAMAmaADwIARB8uWu5G4NcqqbAgAAAMACAAAAwB4QA==;sprop-pps=RAHAc8BBgwk=',
    ),
    formats: [
      {
        codec: 'h265',
        payloadType: 96,
        clockRate: 90000,
        vps: [b64('QAEMAf//AUAAAAMAAAMAAAMAAAMAmawJ')],
        sps: [b64('QgEBAUAAAAMAAAMAAAMAAAMAmaADwIARB8uWu5G4NcqqbAgAAAMACAAAAwB4QA==')],
        pps: [b64('RAHAc8BBgwk=')],
        maxDonDiff: 0,
        profileId: 1,
        tierFlag: 0,
        levelId: 153,
      },
    ],
  },
  {
    name: 'Ezviz C6N: an H.264 fmtp under H265 with an empty sprop-parameter-sets',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H265/90000',
      'a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=',
    ),
    formats: [{ codec: 'h265', payloadType: 96, clockRate: 90000, vps: [], sps: [], pps: [], maxDonDiff: 0 }],
  },
  {
    name: 'Dahua C5A: profile-id only, sprop-vps last',
    decodeOnly: true,
    media: lines(
      'm=video 0 RTP/AVP 98',
      'a=rtpmap:98 H265/90000',
      'a=fmtp:98 profile-id=1;sprop-sps=QgEBAWAAAAMAAAMAAAMAAAMAlqABaCAGWfeNrkkya5YwCAAAAwAIAAADAPBA;sprop-pps=RAHgdoaNAwYMZA==;sprop-vps=QAEMAf//AWAAAAMAAAMAAAMAAAMAlqwJ',
    ),
    formats: [
      {
        codec: 'h265',
        payloadType: 98,
        clockRate: 90000,
        vps: [b64('QAEMAf//AWAAAAMAAAMAAAMAAAMAlqwJ')],
        sps: [b64('QgEBAWAAAAMAAAMAAAMAAAMAlqABaCAGWfeNrkkya5YwCAAAAwAIAAADAPBA')],
        pps: [b64('RAHgdoaNAwYMZA==')],
        maxDonDiff: 0,
        profileId: 1,
      },
    ],
  },
];

export const mpeg4AudioCases: readonly FormatCase[] = [
  {
    name: 'AAC-hbr as written (AAC-LC 48 kHz stereo, profile-level-id 41 = AAC Profile L2)',
    media: lines(
      'm=audio 0 RTP/AVP 97',
      'a=rtpmap:97 MPEG4-GENERIC/48000/2',
      'a=fmtp:97 streamtype=5;profile-level-id=41;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1190',
      'a=control:trackID=1',
    ),
    formats: [
      {
        codec: 'mpeg4-audio',
        payloadType: 97,
        clockRate: 48000,
        channels: 2,
        config: ASC_LC_48_STEREO,
        mode: 'AAC-hbr',
        profileLevelId: 41,
        sizeLength: 13,
        indexLength: 3,
        indexDeltaLength: 3,
      },
    ],
  },
  {
    name: 'AAC-lbr with constant duration and random access flags',
    media: lines(
      'm=audio 0 RTP/AVP 100',
      'a=rtpmap:100 MPEG4-GENERIC/16000/1',
      'a=fmtp:100 streamtype=5;mode=AAC-lbr;sizelength=6;indexlength=2;indexdeltalength=2;randomaccessindication=1;constantduration=1024;config=1408',
    ),
    formats: [
      {
        codec: 'mpeg4-audio',
        payloadType: 100,
        clockRate: 16000,
        channels: 1,
        config: hex`14 08`,
        mode: 'AAC-lbr',
        sizeLength: 6,
        indexLength: 2,
        indexDeltaLength: 2,
        randomAccessIndication: true,
        constantDuration: 1024,
      },
    ],
  },
  {
    name: 'Hikvision DS: no channels in rtpmap (from the config), mixed-case names, trailing semicolon, Profile=1',
    decodeOnly: true,
    media: lines(
      'm=audio 0 RTP/AVP 104',
      'a=rtpmap:104 MPEG4-GENERIC/48000',
      'a=fmtp:104 streamtype=5;profile-level-id=15;mode=AAC-hbr;config=1190;SizeLength=13;IndexLength=3;IndexDeltaLength=3;Profile=1;',
    ),
    formats: [
      {
        codec: 'mpeg4-audio',
        payloadType: 104,
        clockRate: 48000,
        channels: 2,
        config: ASC_LC_48_STEREO,
        mode: 'AAC-hbr',
        profileLevelId: 15,
        sizeLength: 13,
        indexLength: 3,
        indexDeltaLength: 3,
      },
    ],
  },
  {
    name: 'Hikvision V5: the fmtp names payload type 97 under m=audio 104 (the only format takes it)',
    decodeOnly: true,
    media: lines(
      'm=audio 0 RTP/AVP 104',
      'a=rtpmap:104 MPEG4-GENERIC/16000',
      'a=fmtp:97 streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1408',
    ),
    formats: [
      {
        codec: 'mpeg4-audio',
        payloadType: 104,
        clockRate: 16000,
        channels: 1,
        config: hex`14 08`,
        mode: 'AAC-hbr',
        profileLevelId: 1,
        sizeLength: 13,
        indexLength: 3,
        indexDeltaLength: 3,
      },
    ],
  },
  {
    name: 'UniFi: lower-case encoding name, spaces around values; opus on the same payload type',
    decodeOnly: true,
    media: lines(
      'm=audio 0 RTP/AVP 96',
      'a=rtpmap:96 mpeg4-generic/48000/1',
      'a=fmtp:96 streamtype=5; profile-level-id=15; mode=AAC-hbr; config=1188; SizeLength=13; IndexLength=3; IndexDeltaLength=3;',
    ),
    formats: [
      {
        codec: 'mpeg4-audio',
        payloadType: 96,
        clockRate: 48000,
        channels: 1,
        config: hex`11 88`,
        mode: 'AAC-hbr',
        profileLevelId: 15,
        sizeLength: 13,
        indexLength: 3,
        indexDeltaLength: 3,
      },
    ],
  },
  {
    name: 'FFmpeg 5.1: no streamtype, profile-level-id=1, a space before config',
    decodeOnly: true,
    media: lines(
      'm=audio 0 RTP/AVP 97',
      'a=rtpmap:97 MPEG4-GENERIC/48000/1',
      'a=fmtp:97 profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3; config=118856E500',
    ),
    formats: [
      {
        codec: 'mpeg4-audio',
        payloadType: 97,
        clockRate: 48000,
        channels: 1,
        config: hex`11 88 56 e5 00`,
        mode: 'AAC-hbr',
        profileLevelId: 1,
        sizeLength: 13,
        indexLength: 3,
        indexDeltaLength: 3,
      },
    ],
  },
  {
    name: 'no mode: inferred from sizelength 13, mode written in any case',
    decodeOnly: true,
    media: lines(
      'm=audio 0 RTP/AVP 97',
      'a=rtpmap:97 mpeg4-generic/48000/2',
      'a=fmtp:97 sizelength=13;indexlength=3;indexdeltalength=3;config=1190',
    ),
    formats: [
      {
        codec: 'mpeg4-audio',
        payloadType: 97,
        clockRate: 48000,
        channels: 2,
        config: ASC_LC_48_STEREO,
        mode: 'AAC-hbr',
        sizeLength: 13,
        indexLength: 3,
        indexDeltaLength: 3,
      },
    ],
  },
  {
    name: 'Hikvision NVR playback: RTP clock 32000 for a 16 kHz config (implicit SBR), spaces after semicolons',
    decodeOnly: true,
    media: lines(
      'm=audio 0 RTP/AVP 104',
      'a=rtpmap:104 MPEG4-GENERIC/32000',
      'a=fmtp:104 profile-level-id=15; streamtype=5; mode=AAC-hbr; config=1408;SizeLength=13; IndexLength=3; IndexDeltaLength=3; Profile=1;',
    ),
    formats: [
      {
        codec: 'mpeg4-audio',
        payloadType: 104,
        clockRate: 32000,
        channels: 1,
        config: hex`14 08`,
        mode: 'AAC-hbr',
        profileLevelId: 15,
        sizeLength: 13,
        indexLength: 3,
        indexDeltaLength: 3,
      },
    ],
  },
];

export const mp4aLatmCases: readonly FormatCase[] = [
  {
    name: 'MP4A-LATM as written (AAC-LC 48 kHz stereo, config out of band)',
    media: lines(
      'm=audio 0 RTP/AVP 97',
      'a=rtpmap:97 MP4A-LATM/48000/2',
      'a=fmtp:97 profile-level-id=41;cpresent=0;object=2;config=400023203fc0',
      'a=control:trackID=1',
    ),
    formats: [
      {
        codec: 'mp4a-latm',
        payloadType: 97,
        clockRate: 48000,
        channels: 2,
        cpresent: false,
        config: hex`40 00 23 20 3f c0`,
        profileLevelId: 41,
        object: 2,
      },
    ],
  },
  {
    name: 'MP4A-LATM with the config in band (cpresent=1), bitrate and SBR-enabled',
    media: lines(
      'm=audio 0 RTP/AVP 96',
      'a=rtpmap:96 MP4A-LATM/90000/2',
      'a=fmtp:96 profile-level-id=44;cpresent=1;bitrate=64000;SBR-enabled=1',
    ),
    formats: [
      {
        codec: 'mp4a-latm',
        payloadType: 96,
        clockRate: 90000,
        channels: 2,
        cpresent: true,
        profileLevelId: 44,
        bitrate: 64000,
        sbrEnabled: true,
      },
    ],
  },
  {
    name: 'gst-rtsp-server 1.22 (rtpmp4apay): no profile-level-id (30, RFC 6416 §7.3), no channels, config ending early',
    decodeOnly: true,
    media: lines('m=audio 0 RTP/AVP 97', 'a=rtpmap:97 MP4A-LATM/44100', 'a=fmtp:97 cpresent=0;config=40002410adca00'),
    formats: [
      {
        codec: 'mp4a-latm',
        payloadType: 97,
        clockRate: 44100,
        channels: 1,
        cpresent: false,
        config: hex`40 00 24 10 ad ca 00`,
        profileLevelId: 30,
      },
    ],
  },
];

export const g711Cases: readonly FormatCase[] = [
  {
    name: 'PCMU on static payload type 0',
    media: lines('m=audio 0 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', 'a=control:trackID=2'),
    formats: [{ codec: 'g711', payloadType: 0, encoding: 'PCMU', clockRate: 8000, channels: 1 }],
  },
  {
    name: 'PCMA 16 kHz stereo on a dynamic payload type',
    media: lines('m=audio 0 RTP/AVP 96', 'a=rtpmap:96 PCMA/16000/2'),
    formats: [{ codec: 'g711', payloadType: 96, encoding: 'PCMA', clockRate: 16000, channels: 2 }],
  },
  {
    name: 'Dahua, TP-Link: PCMA as static payload type 8 without rtpmap',
    decodeOnly: true,
    media: lines('m=audio 0 RTP/AVP 8'),
    formats: [{ codec: 'g711', payloadType: 8, encoding: 'PCMA', clockRate: 8000, channels: 1 }],
  },
  {
    name: 'lower-case pcmu, two static payload types in one section',
    decodeOnly: true,
    media: lines('m=audio 0 RTP/AVP 0 8', 'a=rtpmap:0 pcmu/8000'),
    formats: [
      { codec: 'g711', payloadType: 0, encoding: 'PCMU', clockRate: 8000, channels: 1 },
      { codec: 'g711', payloadType: 8, encoding: 'PCMA', clockRate: 8000, channels: 1 },
    ],
  },
];

const invalid = (message: string) => ({ code: 'ERR_FORMAT_INVALID_PARAMETER', message });

export const genericCases: readonly FormatCase[] = [
  {
    name: 'ONVIF metadata',
    media: lines('m=application 0 RTP/AVP 107', 'a=rtpmap:107 vnd.onvif.metadata/90000', 'a=control:trackID=3'),
    formats: [
      {
        codec: 'generic',
        payloadType: 107,
        mediaType: 'application',
        encodingName: 'vnd.onvif.metadata',
        clockRate: 90000,
        parameters: [],
      },
    ],
  },
  {
    name: 'Opus, fmtp kept as written',
    media: lines('m=audio 0 RTP/AVP 111', 'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1'),
    formats: [
      {
        codec: 'generic',
        payloadType: 111,
        mediaType: 'audio',
        encodingName: 'opus',
        clockRate: 48000,
        channels: 2,
        parameters: [
          { name: 'minptime', value: '10' },
          { name: 'useinbandfec', value: '1' },
        ],
      },
    ],
  },
  {
    name: 'H3C: ONVIF metadata with a space-separated fmtp (one parameter)',
    decodeOnly: true,
    media: lines(
      'm=application 0 RTP/AVP 107',
      'a=rtpmap:107 vnd.onvif.metadata/90000',
      'a=fmtp:107 DecoderTag=h3c-v3 RTCP=0',
    ),
    formats: [
      {
        codec: 'generic',
        payloadType: 107,
        mediaType: 'application',
        encodingName: 'vnd.onvif.metadata',
        clockRate: 90000,
        parameters: [{ name: 'DecoderTag', value: 'h3c-v3 RTCP=0' }],
      },
    ],
  },
  {
    name: 'refused: constantsize=1e3 is not strict decimal',
    media: lines(
      'm=audio 0 RTP/AVP 97',
      'a=rtpmap:97 MPEG4-GENERIC/8000/1',
      'a=fmtp:97 streamtype=5;mode=AAC-hbr;constantsize=1e3;config=1588',
    ),
    formats: [
      {
        codec: 'generic',
        payloadType: 97,
        mediaType: 'audio',
        encodingName: 'MPEG4-GENERIC',
        clockRate: 8000,
        channels: 1,
        parameters: [
          { name: 'streamtype', value: '5' },
          { name: 'mode', value: 'AAC-hbr' },
          { name: 'constantsize', value: '1e3' },
          { name: 'config', value: '1588' },
        ],
        reason: invalid('constantsize "1e3" is not a decimal number'),
      },
    ],
  },
  {
    name: 'refused: sprop-parameter-sets that is not base64',
    decodeOnly: true,
    media: lines('m=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000', 'a=fmtp:96 sprop-parameter-sets=Z0I*AA=='),
    formats: [
      {
        codec: 'generic',
        payloadType: 96,
        mediaType: 'video',
        encodingName: 'H264',
        clockRate: 90000,
        parameters: [{ name: 'sprop-parameter-sets', value: 'Z0I*AA==' }],
        reason: invalid('sprop-parameter-sets "Z0I*AA==" is not base64'),
      },
    ],
  },
  {
    name: 'refused: mpeg4-generic streamtype 4 (video)',
    decodeOnly: true,
    media: lines('m=video 0 RTP/AVP 96', 'a=rtpmap:96 mpeg4-generic/90000', 'a=fmtp:96 streamtype=4;mode=generic'),
    formats: [
      {
        codec: 'generic',
        payloadType: 96,
        mediaType: 'video',
        encodingName: 'mpeg4-generic',
        clockRate: 90000,
        parameters: [
          { name: 'streamtype', value: '4' },
          { name: 'mode', value: 'generic' },
        ],
        reason: { code: 'ERR_FORMAT_UNSUPPORTED', message: 'mpeg4-generic streamtype 4 is not audio (5)' },
      },
    ],
  },
  {
    name: 'refused: MP4A-LATM with cpresent=0 and no config',
    decodeOnly: true,
    media: lines('m=audio 0 RTP/AVP 97', 'a=rtpmap:97 MP4A-LATM/48000/2', 'a=fmtp:97 cpresent=0'),
    formats: [
      {
        codec: 'generic',
        payloadType: 97,
        mediaType: 'audio',
        encodingName: 'MP4A-LATM',
        clockRate: 48000,
        channels: 2,
        parameters: [{ name: 'cpresent', value: '0' }],
        reason: { code: 'ERR_FORMAT_MISSING_PARAMETER', message: 'mp4a-latm with cpresent=0 has no config' },
      },
    ],
  },
  {
    name: 'refused: packetization-mode 3',
    decodeOnly: true,
    media: lines('m=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000', 'a=fmtp:96 packetization-mode=3'),
    formats: [
      {
        codec: 'generic',
        payloadType: 96,
        mediaType: 'video',
        encodingName: 'H264',
        clockRate: 90000,
        parameters: [{ name: 'packetization-mode', value: '3' }],
        reason: invalid('packetization-mode "3" is not in 0..2'),
      },
    ],
  },
];

export const allCases: readonly FormatCase[] = [
  ...h264Cases,
  ...h265Cases,
  ...mpeg4AudioCases,
  ...mp4aLatmCases,
  ...g711Cases,
  ...genericCases,
];
