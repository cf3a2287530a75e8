import type { Sdp, SdpQuirkCodeValue } from '../src/index.js';
import { SdpQuirkCode as Q } from '../src/index.js';

/** What a fixture must decode to, media section by media section. */
export type MediaFacts = {
  readonly type: string;
  readonly control?: string;
  /** `mediaFormats()` as `<pt> <name>/<rate>[/<channels>]`. */
  readonly formats: readonly string[];
  readonly direction?: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
  readonly framerate?: number;
};

/** A real description from a device or server, with where it came from and what it says. */
export type FixtureCase = {
  readonly file: string;
  readonly make: string;
  readonly sessionName: string;
  readonly sessionControl?: string;
  readonly range?: string;
  /** Every distinct quirk `parseSdpWithQuirks` must report. */
  readonly quirks: readonly SdpQuirkCodeValue[];
  readonly media: readonly MediaFacts[];
};

const LF = Q.BareLineEnding;

export const fixtureCases: readonly FixtureCase[] = [
  {
    file: 'hikvision-ds-no-sprop-aac.sdp',
    make: 'Hikvision (HIK Media Server V3.5.43)',
    sessionName: 'HIK Media Server V3.5.43',
    sessionControl: '*',
    range: 'npt=now-',
    quirks: [LF, Q.OutOfOrder],
    media: [
      {
        type: 'video',
        control: 'trackID=video',
        formats: ['96 H264/90000'],
      },
      {
        type: 'audio',
        control: 'trackID=audio',
        formats: ['104 MPEG4-GENERIC/48000'],
      },
    ],
  },
  {
    file: 'hikvision-nvr-playback-range-clock.sdp',
    make: 'Hikvision NVR playback (HIK Media Server V3.4.109)',
    sessionName: 'HIK Media Server V3.4.109',
    sessionControl: '*',
    range: 'clock=20200618T212222Z-20200618T212312Z',
    quirks: [LF, Q.OutOfOrder],
    media: [
      {
        type: 'video',
        control: 'trackID=video',
        formats: ['96 H264/90000'],
      },
      {
        type: 'audio',
        control: 'trackID=audio',
        formats: ['104 MPEG4-GENERIC/32000'],
      },
    ],
  },
  {
    file: 'hikvision-v5-fmtp-wrong-payload-type.sdp',
    make: 'Hikvision (HIK Media Server V5.03.010)',
    sessionName: 'HIK Media Server V5.03.010',
    sessionControl: '*',
    range: 'npt=now-',
    quirks: [LF, Q.FmtpForUnlistedFormat],
    media: [
      {
        type: 'video',
        control: 'trackID=video',
        direction: 'recvonly',
        formats: ['96 H264/90000'],
      },
      {
        type: 'audio',
        control: 'trackID=audio',
        direction: 'recvonly',
        formats: ['104 MPEG4-GENERIC/16000'],
      },
    ],
  },
  {
    file: 'axis-h264-sprop.sdp',
    make: 'Axis',
    sessionName: 'Media Presentation',
    sessionControl: '*',
    range: 'npt=0.000000-',
    quirks: [LF],
    media: [
      {
        type: 'video',
        control: 'trackID=1',
        framerate: 30,
        formats: ['96 H264/90000'],
      },
    ],
  },
  {
    file: 'axis-m1125-gstreamer-absolute-control.sdp',
    make: 'Axis M1125 (GStreamer based firmware)',
    sessionName: 'Session streamed with GStreamer',
    sessionControl: 'rtsp://172.16.16.129:554/axis-media/media.amp?videocodec=h264',
    range: 'npt=now-',
    quirks: [LF],
    media: [
      {
        type: 'video',
        control: 'rtsp://172.16.16.129:554/axis-media/media.amp/stream=0?videocodec=h264',
        framerate: 30,
        formats: ['96 H264/90000'],
      },
    ],
  },
  {
    file: 'dahua-c5a-h265-backchannel.sdp',
    make: 'Dahua C5A',
    sessionName: 'Media Server',
    sessionControl: '*',
    range: 'npt=now-',
    quirks: [],
    media: [
      {
        type: 'video',
        control: 'trackID=0',
        direction: 'recvonly',
        framerate: 30,
        formats: ['98 H265/90000'],
      },
      { type: 'audio', control: 'trackID=1', direction: 'recvonly', formats: ['8 PCMA/8000'] },
      { type: 'audio', control: 'trackID=5', direction: 'sendonly', formats: ['8 PCMA/8000'] },
    ],
  },
  {
    file: 'ubiquiti-unifi-duplicate-payload-type.sdp',
    make: 'Ubiquiti UniFi Protect',
    sessionName: 'F4E2C67AE581_1',
    sessionControl: '*',
    range: 'npt=now-',
    quirks: [],
    media: [
      {
        type: 'audio',
        control: 'trackID=0',
        direction: 'recvonly',
        formats: ['96 mpeg4-generic/16000/1'],
      },
      { type: 'audio', control: 'trackID=1', direction: 'recvonly', formats: ['96 opus/48000/2'] },
      {
        type: 'video',
        control: 'trackID=2',
        direction: 'recvonly',
        formats: ['97 H264/90000'],
      },
    ],
  },
  {
    file: 'ubiquiti-evostream-empty-fmtp.sdp',
    make: 'Ubiquiti UniFi Video (EvoStream)',
    sessionName: '74ACB9012365_0',
    sessionControl: '*',
    range: 'npt=now-',
    quirks: [LF],
    media: [
      {
        type: 'audio',
        control: 'trackID=0',
        formats: ['96 mpeg4-generic/48000/1'],
      },
      { type: 'audio', control: 'trackID=1', formats: ['96 opus/48000/2'] },
      {
        type: 'video',
        control: 'trackID=2',
        formats: ['97 H264/90000'],
      },
    ],
  },
  {
    file: 'foscam-fi8620-framesize.sdp',
    make: 'Foscam FI8620 (HiIpcam VodServer)',
    sessionName: '\\11',
    sessionControl: '*',
    range: 'npt=now-',
    quirks: [LF],
    media: [
      {
        type: 'video',
        control: 'trackID=0',
        formats: ['96 H264/90000'],
      },
    ],
  },
  {
    file: 'live555-2016-diva.sdp',
    make: 'LIVE555 Media Server v2016.11.28',
    sessionName: '6947244519572367685?device=3&connid=401040&sessionid=26',
    sessionControl: '*',
    range: 'npt=0-',
    quirks: [LF],
    media: [
      {
        type: 'video',
        control: 'track1',
        formats: ['96 H264/90000'],
      },
    ],
  },
  {
    file: 'wuhan-ants-honeywell-out-of-order.sdp',
    make: 'Honeywell (WUHAN Ants RtspServer)',
    sessionName: 'WUHAN Ants RtspServer',
    sessionControl: '*',
    range: 'npt=0-',
    quirks: [LF, Q.OutOfOrder],
    media: [
      {
        type: 'video',
        control: 'ctype=video',
        direction: 'recvonly',
        formats: ['96 H264/90000'],
      },
      {
        type: 'application',
        control: 'ctype=app106',
        direction: 'sendonly',
        formats: ['106 vnd.onvif.metadata/90000'],
      },
    ],
  },
  {
    file: 'bosch-flexidome-payload-type-35.sdp',
    make: 'Bosch FLEXIDOME IP starlight 8000i',
    sessionName: 'LIVE VIEW',
    sessionControl: 'rtsp://10.100.14.102:554/?inst=2&h26x=4',
    quirks: [LF],
    media: [
      {
        type: 'video',
        control: 'rtsp://10.100.14.102:554/?inst=2&h26x=4&stream=video',
        direction: 'recvonly',
        formats: ['35 H264/90000'],
      },
    ],
  },
  {
    file: 'ezviz-c6n-h265-empty-sprop.sdp',
    make: 'Ezviz C6N',
    sessionName: 'Media Presentation',
    sessionControl: 'rtsp://192.168.1.58:554/h264_stream/',
    quirks: [LF],
    media: [
      {
        type: 'video',
        control: 'rtsp://192.168.1.58:554/h264_stream/trackID=1',
        formats: ['96 H265/90000'],
      },
    ],
  },
  {
    file: 'h3c-connection-without-address.sdp',
    make: 'H3C (VCP IPC)',
    sessionName: 'VCP IPC Realtime stream',
    quirks: [LF, Q.MalformedOrigin, Q.IncompleteConnection, Q.MissingTiming],
    media: [
      {
        type: 'video',
        control: 'rtsp://192.168.0.60/media/video1/video',
        direction: 'recvonly',
        formats: ['105 H264/90000'],
      },
      {
        type: 'application',
        control: 'rtsp://192.168.0.60/media/video1/metadata',
        direction: 'recvonly',
        formats: ['107 vnd.onvif.metadata/90000'],
      },
    ],
  },
  {
    file: 'tplink-h265-odd-application-media.sdp',
    make: 'TP-Link IPC',
    sessionName: 'Session streamed by "TP-LINK RTSP Server"',
    quirks: [LF, Q.MalformedOrigin],
    media: [
      { type: 'video', control: 'track1', formats: ['96 H265/90000'] },
      { type: 'audio', control: 'track2', formats: ['8 PCMA/8000'] },
      { type: 'application/tp-link', control: 'track3', formats: [] },
    ],
  },
  {
    file: 'macro-video-no-origin-base64-profile.sdp',
    make: 'macro-video RTSP server',
    sessionName: 'streamed by the macro-video rtsp server',
    sessionControl: '*',
    range: 'npt=0-',
    quirks: [LF, Q.OutOfOrder, Q.MissingOrigin],
    media: [
      {
        type: 'video',
        control: 'track1',
        formats: ['96 H264/90000'],
      },
    ],
  },
  {
    file: 'htms-media-header.sdp',
    make: 'HTMS camera server',
    sessionName: 'HTMS',
    sessionControl: '*',
    range: 'npt=0-',
    quirks: [LF],
    media: [
      {
        type: 'video',
        control: 'track=1',
        direction: 'recvonly',
        formats: ['96 H264/90000'],
      },
    ],
  },
  {
    file: 'unbranded-media-only.sdp',
    make: 'unbranded camera (media section only)',
    sessionName: '-',
    quirks: [LF, Q.MissingVersion, Q.MissingOrigin, Q.MissingSessionName, Q.MissingTiming],
    media: [{ type: 'video', control: 'trackID=0', formats: ['96 H264/90000'] }],
  },
  {
    file: 'ffmpeg-rtp-h264-aac.sdp',
    make: 'FFmpeg 5.1 RTP muxer',
    sessionName: 'No Name',
    quirks: [],
    media: [
      { type: 'video', formats: ['96 H264/90000'] },
      {
        type: 'audio',
        formats: ['97 MPEG4-GENERIC/48000/1'],
      },
    ],
  },
  {
    file: 'gst-rtsp-server-h264-aac.sdp',
    make: 'gst-rtsp-server 1.22 (x264enc, avenc_aac)',
    sessionName: 'Session streamed with GStreamer',
    sessionControl: '*',
    range: 'npt=now-',
    quirks: [],
    media: [
      {
        type: 'video',
        control: 'stream=0',
        framerate: 10,
        formats: ['96 H264/90000'],
      },
      {
        type: 'audio',
        control: 'stream=1',
        formats: ['97 MPEG4-GENERIC/48000/2'],
      },
    ],
  },
  {
    file: 'gst-rtsp-server-h265-latm.sdp',
    make: 'gst-rtsp-server 1.22 (x265enc, rtpmp4apay)',
    sessionName: 'Session streamed with GStreamer',
    sessionControl: '*',
    range: 'npt=now-',
    quirks: [],
    media: [
      {
        type: 'video',
        control: 'stream=0',
        framerate: 10,
        formats: ['96 H265/90000'],
      },
      {
        type: 'audio',
        control: 'stream=1',
        formats: ['97 MP4A-LATM/44100'],
      },
    ],
  },
];

/** Canonical text ⇄ model: drives both parse and serialize tests. */
export const canonicalCases: ReadonlyArray<{ readonly name: string; readonly text: string; readonly sdp: Sdp }> = [
  {
    name: 'server H.264 + AAC session',
    text: [
      'v=0',
      'o=- 1 2 IN IP4 127.0.0.1',
      's=Camera 1',
      'c=IN IP4 0.0.0.0',
      't=0 0',
      'a=control:*',
      'a=range:npt=now-',
      'm=video 0 RTP/AVP 96',
      'b=AS:2048',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1;profile-level-id=42c015;sprop-parameter-sets=Z0LAFQ==,aMuMsg==',
      'a=control:trackID=0',
      'm=audio 0 RTP/AVP 97',
      'a=rtpmap:97 MPEG4-GENERIC/48000/2',
      'a=fmtp:97 streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1190',
      'a=control:trackID=1',
      '',
    ].join('\r\n'),
    sdp: {
      version: 0,
      origin: {
        username: '-',
        sessionId: '1',
        sessionVersion: '2',
        netType: 'IN',
        addressType: 'IP4',
        address: '127.0.0.1',
      },
      sessionName: 'Camera 1',
      emails: [],
      phones: [],
      connection: { netType: 'IN', addressType: 'IP4', address: '0.0.0.0' },
      bandwidths: [],
      timings: [{ start: 0, stop: 0, repeats: [] }],
      attributes: [
        { name: 'control', value: '*' },
        { name: 'range', value: 'npt=now-' },
      ],
      media: [
        {
          type: 'video',
          port: 0,
          protocol: 'RTP/AVP',
          formats: ['96'],
          connections: [],
          bandwidths: [{ type: 'AS', value: 2048 }],
          attributes: [
            { name: 'rtpmap', value: '96 H264/90000' },
            {
              name: 'fmtp',
              value: '96 packetization-mode=1;profile-level-id=42c015;sprop-parameter-sets=Z0LAFQ==,aMuMsg==',
            },
            { name: 'control', value: 'trackID=0' },
          ],
        },
        {
          type: 'audio',
          port: 0,
          protocol: 'RTP/AVP',
          formats: ['97'],
          connections: [],
          bandwidths: [],
          attributes: [
            { name: 'rtpmap', value: '97 MPEG4-GENERIC/48000/2' },
            {
              name: 'fmtp',
              value:
                '97 streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3;config=1190',
            },
            { name: 'control', value: 'trackID=1' },
          ],
        },
      ],
    },
  },
  {
    name: 'every RFC 8866 line type, multicast media with a port count',
    text: [
      'v=0',
      'o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1',
      's=Call to John Smith',
      'i=SDP Offer #1',
      'u=http://www.jdoe.example.com/home.html',
      'e=Jane Doe <jane@jdoe.example.com>',
      'p=+1 617 555-6011',
      'c=IN IP4 198.51.100.1',
      'b=CT:128',
      't=2873397496 2873404696',
      'r=604800 3600 0 90000',
      't=0 0',
      'z=2882844526 -1h 2898848070 0',
      'k=clear:secret',
      'a=recvonly',
      'm=audio 49170/2 RTP/AVP 0 8',
      'i=Audio',
      'c=IN IP4 233.252.0.1/127',
      'c=IN IP4 233.252.0.2/127',
      'b=AS:64',
      'k=prompt',
      'a=sendonly',
      'm=video 51372 RTP/AVP 99',
      'a=rtpmap:99 h263-1998/90000',
      '',
    ].join('\r\n'),
    sdp: {
      version: 0,
      origin: {
        username: 'jdoe',
        sessionId: '3724394400',
        sessionVersion: '3724394405',
        netType: 'IN',
        addressType: 'IP4',
        address: '198.51.100.1',
      },
      sessionName: 'Call to John Smith',
      sessionInfo: 'SDP Offer #1',
      uri: 'http://www.jdoe.example.com/home.html',
      emails: ['Jane Doe <jane@jdoe.example.com>'],
      phones: ['+1 617 555-6011'],
      connection: { netType: 'IN', addressType: 'IP4', address: '198.51.100.1' },
      bandwidths: [{ type: 'CT', value: 128 }],
      timings: [
        { start: 2873397496, stop: 2873404696, repeats: ['604800 3600 0 90000'] },
        { start: 0, stop: 0, repeats: [] },
      ],
      timeZones: '2882844526 -1h 2898848070 0',
      encryptionKey: 'clear:secret',
      attributes: [{ name: 'recvonly' }],
      media: [
        {
          type: 'audio',
          port: 49170,
          portCount: 2,
          protocol: 'RTP/AVP',
          formats: ['0', '8'],
          title: 'Audio',
          connections: [
            { netType: 'IN', addressType: 'IP4', address: '233.252.0.1/127' },
            { netType: 'IN', addressType: 'IP4', address: '233.252.0.2/127' },
          ],
          bandwidths: [{ type: 'AS', value: 64 }],
          encryptionKey: 'prompt',
          attributes: [{ name: 'sendonly' }],
        },
        {
          type: 'video',
          port: 51372,
          protocol: 'RTP/AVP',
          formats: ['99'],
          connections: [],
          bandwidths: [],
          attributes: [{ name: 'rtpmap', value: '99 h263-1998/90000' }],
        },
      ],
    },
  },
];

/**
 * Decode-only cases: one tolerated deviation each, named after the device or issue that
 * showed it, with the canonical text it must come out as.
 */
export type QuirkCase = {
  readonly name: string;
  readonly text: string;
  /** The deviation that must be reported; `null` for inputs that are valid as they are. */
  readonly quirk: SdpQuirkCodeValue | null;
  /** Canonical form the input must serialize to. */
  readonly canonical: string;
};

const HEAD = 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

export const quirkCases: readonly QuirkCase[] = [
  {
    name: 'LF-only line endings (most cameras, e.g. Hikvision)',
    text: 'v=0\no=- 0 0 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=video 0 RTP/AVP 96\n',
    quirk: Q.BareLineEnding,
    canonical: `${HEAD}m=video 0 RTP/AVP 96\r\n`,
  },
  {
    name: 'CR-only line endings',
    text: 'v=0\ro=- 0 0 IN IP4 127.0.0.1\rs=-\rt=0 0\r',
    quirk: Q.BareLineEnding,
    canonical: HEAD,
  },
  {
    name: 'c=IN <ip> without address type (go2rtc issue reports)',
    text: `${HEAD}m=video 0 RTP/AVP 96\r\nc=IN 192.168.1.10\r\n`,
    quirk: Q.ConnectionWithoutAddressType,
    canonical: `${HEAD}m=video 0 RTP/AVP 96\r\nc=IN IP4 192.168.1.10\r\n`,
  },
  {
    name: 'c=IN IP6 inferred from an IPv6 address',
    text: `${HEAD}m=video 0 RTP/AVP 96\r\nc=IN ::1\r\n`,
    quirk: Q.ConnectionWithoutAddressType,
    canonical: `${HEAD}m=video 0 RTP/AVP 96\r\nc=IN IP6 ::1\r\n`,
  },
  {
    name: 'duplicated c=IN c=IN prefix',
    text: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN c=IN IP4 10.0.0.2\r\nt=0 0\r\n',
    quirk: Q.DuplicatedConnectionPrefix,
    canonical: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.2\r\nt=0 0\r\n',
  },
  {
    name: 'c=IN IP4 without address (Uniview IPC2A4L, mediamtx #5033)',
    text: `${HEAD}m=video 0 RTP/AVP 96\r\nc=IN IP4\r\n`,
    quirk: Q.IncompleteConnection,
    canonical: `${HEAD}m=video 0 RTP/AVP 96\r\n`,
  },
  {
    name: 't=now- (Hikvision playback)',
    text: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=now-\r\n',
    quirk: Q.MalformedTiming,
    canonical: HEAD,
  },
  {
    name: 'r= before any t=',
    text: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nr=7d 1h 0 25h\r\nt=0 0\r\n',
    quirk: Q.OrphanRepeat,
    canonical: HEAD,
  },
  {
    name: 'trailing whitespace and indentation',
    text: 'v=0  \r\n  o=- 0 0 IN IP4 127.0.0.1\r\ns=-\t\r\nt=0 0 \r\n',
    quirk: Q.Whitespace,
    canonical: HEAD,
  },
  {
    name: 'empty lines inside the description',
    text: 'v=0\r\n\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\n\r\nt=0 0\r\n\r\n',
    quirk: Q.EmptyLine,
    canonical: HEAD,
  },
  {
    name: 'unknown line type letter is dropped',
    text: `${HEAD}y=whatever\r\nm=video 0 RTP/AVP 96\r\nx=42\r\n`,
    quirk: Q.UnknownLineType,
    canonical: `${HEAD}m=video 0 RTP/AVP 96\r\n`,
  },
  {
    name: 'session lines out of order (WUHAN Ants: a= before s=)',
    text: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\na=control:*\r\ns=-\r\nt=0 0\r\n',
    quirk: Q.OutOfOrder,
    canonical: `${HEAD}a=control:*\r\n`,
  },
  {
    name: 'session-only line after m= moves to the session',
    text: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\nm=video 0 RTP/AVP 96\r\ns=late\r\nt=0 0\r\n',
    quirk: Q.SessionLineInMedia,
    canonical: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=late\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n',
  },
  {
    name: 'o= with seven fields (TP-Link IPC, go-sdp #5)',
    text: 'v=0\r\no=- 14665860 31787219 1 IN IP4 192.168.35.39\r\ns=-\r\nt=0 0\r\n',
    quirk: Q.MalformedOrigin,
    canonical: 'v=0\r\no=- 31787219 1 IN IP4 192.168.35.39\r\ns=-\r\nt=0 0\r\n',
  },
  {
    name: 'o= without address (H3C VCP IPC, go2rtc #1663)',
    text: 'v=0\r\no=- 1001 1 IN\r\ns=-\r\nt=0 0\r\n',
    quirk: Q.MalformedOrigin,
    canonical: 'v=0\r\no=- 1001 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n',
  },
  {
    name: 'a= values containing ":" and "=" (Hikvision Media_header, ONVIF source-filter)',
    text: `${HEAD}a=Media_header:MEDIAINFO=494D4B48;\r\na=source-filter: incl IN IP4 * 192.168.5.106\r\na=x-url:rtsp://h:554/a?b=c:d\r\n`,
    canonical: `${HEAD}a=Media_header:MEDIAINFO=494D4B48;\r\na=source-filter: incl IN IP4 * 192.168.5.106\r\na=x-url:rtsp://h:554/a?b=c:d\r\n`,
    quirk: null,
  },
  {
    name: 'b= that is not <type>:<number>',
    text: `${HEAD}m=video 0 RTP/AVP 96\r\nb=AS\r\nb=AS:fast\r\n`,
    quirk: Q.MalformedBandwidth,
    canonical: `${HEAD}m=video 0 RTP/AVP 96\r\n`,
  },
  {
    name: 'm= without formats',
    text: `${HEAD}m=video 0 RTP/AVP\r\n`,
    quirk: Q.MediaWithoutFormats,
    canonical: `${HEAD}m=video 0 RTP/AVP\r\n`,
  },
  {
    name: 'second s= line, last wins',
    text: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=a\r\ns=b\r\nt=0 0\r\n',
    quirk: Q.DuplicateLine,
    canonical: 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=b\r\nt=0 0\r\n',
  },
  {
    name: 'duplicate media sections, only one with a=control',
    text: `${HEAD}m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n`,
    quirk: null,
    canonical: `${HEAD}m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:trackID=1\r\n`,
  },
];

/** Inputs that cannot be understood, and the error code each must give. */
export const errorCases: ReadonlyArray<{
  readonly name: string;
  readonly text: string;
  readonly code: string;
  readonly line?: number;
}> = [
  { name: 'empty', text: '', code: 'ERR_SDP_EMPTY' },
  { name: 'blank lines only', text: '\r\n \r\n\n', code: 'ERR_SDP_EMPTY' },
  {
    name: 'an RTSP header instead of SDP',
    text: 'v=0\r\nContent-Length: 12\r\n',
    code: 'ERR_SDP_MALFORMED_LINE',
    line: 2,
  },
  { name: 'a lone letter', text: 'v=0\r\nm\r\n', code: 'ERR_SDP_MALFORMED_LINE', line: 2 },
  { name: 'digit type', text: '1=0\r\n', code: 'ERR_SDP_MALFORMED_LINE', line: 1 },
  { name: 'non-numeric version', text: 'v=zero\r\n', code: 'ERR_SDP_INVALID_VERSION', line: 1 },
  {
    name: 'm= with a word for a port',
    text: `${HEAD}m=video any RTP/AVP 96\r\n`,
    code: 'ERR_SDP_INVALID_MEDIA',
    line: 5,
  },
  { name: 'm= port above 65535', text: `${HEAD}m=video 70000 RTP/AVP 96\r\n`, code: 'ERR_SDP_INVALID_MEDIA', line: 5 },
  { name: 'm= port count 0', text: `${HEAD}m=video 5000/0 RTP/AVP 96\r\n`, code: 'ERR_SDP_INVALID_MEDIA', line: 5 },
  { name: 'm= without protocol', text: `${HEAD}m=video 0\r\n`, code: 'ERR_SDP_INVALID_MEDIA', line: 5 },
];

/** `a=rtpmap` values and what they mean. */
export const rtpmapCases: ReadonlyArray<{
  readonly value: string;
  readonly rtpmap: { payloadType: number; encodingName: string; clockRate: number; channels?: number };
}> = [
  { value: '96 H264/90000', rtpmap: { payloadType: 96, encodingName: 'H264', clockRate: 90000 } },
  {
    value: '97 MPEG4-GENERIC/48000/2',
    rtpmap: { payloadType: 97, encodingName: 'MPEG4-GENERIC', clockRate: 48000, channels: 2 },
  },
  {
    value: '96  mpeg4-generic/16000/1 ',
    rtpmap: { payloadType: 96, encodingName: 'mpeg4-generic', clockRate: 16000, channels: 1 },
  },
  { value: '0 PCMU/8000', rtpmap: { payloadType: 0, encodingName: 'PCMU', clockRate: 8000 } },
];
