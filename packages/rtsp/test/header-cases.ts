import type { AuthHeader, Range, RtpInfoEntry, Session, Transport } from '../src/index.js';

/** A header case: `value` ⇄ `parsed`. `decodeOnly` cases are tolerated deviations. */
export type HeaderCase<T> = {
  readonly name: string;
  readonly value: string;
  readonly parsed: T;
  readonly decodeOnly?: true;
};

export const transportCases: ReadonlyArray<HeaderCase<Transport[]>> = [
  {
    name: 'ffmpeg SETUP over TCP',
    value: 'RTP/AVP/TCP;unicast;interleaved=0-1',
    parsed: [{ profile: 'RTP/AVP', lowerTransport: 'TCP', delivery: 'unicast', interleaved: [0, 1] }],
  },
  {
    name: 'gst-rtsp-server SETUP response over TCP',
    value: 'RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=5E7D4B0A;mode=play',
    parsed: [
      {
        profile: 'RTP/AVP',
        lowerTransport: 'TCP',
        delivery: 'unicast',
        interleaved: [0, 1],
        ssrc: 0x5e7d4b0a,
        mode: 'play',
      },
    ],
  },
  {
    name: 'UDP unicast response',
    value: 'RTP/AVP;unicast;source=192.168.1.64;client_port=3456-3457;server_port=8000-8001',
    parsed: [
      {
        profile: 'RTP/AVP',
        lowerTransport: 'UDP',
        delivery: 'unicast',
        source: '192.168.1.64',
        clientPort: [3456, 3457],
        serverPort: [8000, 8001],
      },
    ],
  },
  {
    name: 'multicast with ttl',
    value: 'RTP/AVP;multicast;destination=225.219.201.15;ttl=127;port=7000-7001',
    parsed: [
      {
        profile: 'RTP/AVP',
        lowerTransport: 'UDP',
        delivery: 'multicast',
        destination: '225.219.201.15',
        ttl: 127,
        port: [7000, 7001],
      },
    ],
  },
  {
    name: 'ffmpeg publisher: record mode',
    value: 'RTP/AVP/TCP;unicast;interleaved=2-3;mode=record',
    parsed: [{ profile: 'RTP/AVP', lowerTransport: 'TCP', delivery: 'unicast', interleaved: [2, 3], mode: 'record' }],
  },
  {
    name: 'several alternatives, IPv6 destination, unknown parameter kept',
    value:
      'RTP/AVP;unicast;client_port=5000-5001,RTP/AVP/TCP;unicast;interleaved=0-1,RTP/AVP;multicast;destination="ff15::1";x-foo=bar',
    parsed: [
      { profile: 'RTP/AVP', lowerTransport: 'UDP', delivery: 'unicast', clientPort: [5000, 5001] },
      { profile: 'RTP/AVP', lowerTransport: 'TCP', delivery: 'unicast', interleaved: [0, 1] },
      {
        profile: 'RTP/AVP',
        lowerTransport: 'UDP',
        delivery: 'multicast',
        destination: 'ff15::1',
        parameters: [['x-foo', 'bar']],
      },
    ],
  },
  {
    name: 'Hikvision SETUP response: quoted lowercase mode (androidx/media#357)',
    decodeOnly: true,
    value: 'RTP/AVP;unicast;client_port=36618-36619;server_port=8314-8315;ssrc=0cb32b85;mode="play"',
    parsed: [
      {
        profile: 'RTP/AVP',
        lowerTransport: 'UDP',
        delivery: 'unicast',
        clientPort: [36618, 36619],
        serverPort: [8314, 8315],
        ssrc: 0x0cb32b85,
        mode: 'play',
      },
    ],
  },
  {
    name: 'RFC 2326 style: quoted upper-case mode, explicit /UDP, single ports',
    decodeOnly: true,
    value: 'RTP/AVP/UDP;unicast;server_port=8052;client_port=14186;ssrc=0B6020AD;mode="PLAY"',
    parsed: [
      {
        profile: 'RTP/AVP',
        lowerTransport: 'UDP',
        delivery: 'unicast',
        serverPort: [8052, 8053],
        clientPort: [14186, 14187],
        ssrc: 0x0b6020ad,
        mode: 'play',
      },
    ],
  },
  {
    name: 'Hikvision: ssrc with a leading space and 5 digits (gortsplib transport_test)',
    decodeOnly: true,
    value: 'RTP/AVP/UDP;unicast;client_port=14186;server_port=8052;ssrc= 4317f;mode=play',
    parsed: [
      {
        profile: 'RTP/AVP',
        lowerTransport: 'UDP',
        delivery: 'unicast',
        clientPort: [14186, 14187],
        serverPort: [8052, 8053],
        ssrc: 0x4317f,
        mode: 'play',
      },
    ],
  },
  {
    name: 'Dahua: ssrc padded with spaces (gortsplib transport_test)',
    decodeOnly: true,
    value: 'RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=     D93FF',
    parsed: [{ profile: 'RTP/AVP', lowerTransport: 'TCP', delivery: 'unicast', interleaved: [0, 1], ssrc: 0xd93ff }],
  },
  {
    name: 'camera with 0x-prefixed ssrc (scottlamb/retina#138)',
    decodeOnly: true,
    value: 'RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=0x6f7c;mode="PLAY"',
    parsed: [
      {
        profile: 'RTP/AVP',
        lowerTransport: 'TCP',
        delivery: 'unicast',
        interleaved: [0, 1],
        ssrc: 0x6f7c,
        mode: 'play',
      },
    ],
  },
  {
    name: 'camera with a decimal ssrc too long for hex: dropped (gortsplib transport_test)',
    decodeOnly: true,
    value: 'RTP/AVP;unicast;client_port=14236;source=172.16.8.2;server_port=56002;ssrc=1449463210',
    parsed: [
      {
        profile: 'RTP/AVP',
        lowerTransport: 'UDP',
        delivery: 'unicast',
        clientPort: [14236, 14237],
        source: '172.16.8.2',
        serverPort: [56002, 56003],
      },
    ],
  },
  {
    name: 'empty source, parameters before the profile (gortsplib transport_test)',
    decodeOnly: true,
    value: 'client_port=32560-32561;RTP/AVP/UDP;unicast;source=;server_port=3046-3047;ssrc=45dcb578',
    parsed: [
      {
        profile: 'RTP/AVP',
        lowerTransport: 'UDP',
        delivery: 'unicast',
        clientPort: [32560, 32561],
        serverPort: [3046, 3047],
        ssrc: 0x45dcb578,
      },
    ],
  },
];

export const invalidTransportValues: readonly string[] = [
  '',
  'aasd',
  'RTP/AVP;client_port=aa-14187',
  'RTP/AVP;client_port=70000',
  'RTP/AVP/TCP;interleaved=300-301',
  'RTP/AVP;ttl=aa',
  'RTP/AVP;destination="unclosed',
  'RTP/AVP;mode=',
];

export const sessionCases: ReadonlyArray<HeaderCase<Session>> = [
  { name: 'id only', value: '12345678', parsed: { id: '12345678' } },
  { name: 'id with timeout', value: 'Hs8Fq2xR;timeout=60', parsed: { id: 'Hs8Fq2xR', timeout: 60 } },
  {
    name: 'Hikvision: padded id (androidx/media#357)',
    decodeOnly: true,
    value: '      1299260789;timeout=60',
    parsed: { id: '1299260789', timeout: 60 },
  },
  { name: 'spaces around = and ;', decodeOnly: true, value: 'abc ; timeout = 30', parsed: { id: 'abc', timeout: 30 } },
  // Fuzzer finding: the parser accepted a comma in the id and the serializer refused it.
  { name: 'comma in the id', value: 'a,b;timeout=5', parsed: { id: 'a,b', timeout: 5 } },
];

export const rangeCases: ReadonlyArray<HeaderCase<Range>> = [
  { name: 'npt open from 0', value: 'npt=0-', parsed: { unit: 'npt', start: 0 } },
  { name: 'npt live', value: 'npt=now-', parsed: { unit: 'npt', start: 'now' } },
  { name: 'npt closed, fractions', value: 'npt=10.5-20.25', parsed: { unit: 'npt', start: 10.5, end: 20.25 } },
  { name: 'npt end only', value: 'npt=-20', parsed: { unit: 'npt', end: 20 } },
  {
    name: 'clock with time',
    value: 'clock=19961108T142300Z-19961108T143520Z;time=19970123T143720Z',
    parsed: { unit: 'clock', start: '19961108T142300Z', end: '19961108T143520Z', time: '19970123T143720Z' },
  },
  { name: 'smpte open', value: 'smpte=10:12:33:20-', parsed: { unit: 'smpte', start: '10:12:33:20' } },
  {
    name: 'smpte-25 closed',
    value: 'smpte-25=10:07:00-10:07:33:05.01',
    parsed: { unit: 'smpte-25', start: '10:07:00', end: '10:07:33:05.01' },
  },
  {
    name: 'gst-rtsp-server: npt with trailing zeros',
    decodeOnly: true,
    value: 'npt=0.000-',
    parsed: { unit: 'npt', start: 0 },
  },
  { name: 'npt hh:mm:ss', decodeOnly: true, value: 'npt=00:01:05.5-', parsed: { unit: 'npt', start: 65.5 } },
  { name: 'spaces and upper-case NOW', decodeOnly: true, value: 'npt = NOW - ', parsed: { unit: 'npt', start: 'now' } },
  // Fuzzer findings: npt times are read to the nanosecond the serializer writes.
  { name: 'npt below a nanosecond', decodeOnly: true, value: 'npt=0.0000000001-', parsed: { unit: 'npt', start: 0 } },
  {
    name: 'npt with more digits than nanoseconds',
    decodeOnly: true,
    value: 'npt=12.3456789012-',
    parsed: { unit: 'npt', start: 12.345678901 },
  },
  { name: 'npt nanoseconds', value: 'npt=0.000000001-1', parsed: { unit: 'npt', start: 1e-9, end: 1 } },
  {
    name: 'npt of 1e20 s, written without exponent',
    value: 'npt=-100000000000000000000',
    parsed: { unit: 'npt', end: 1e20 },
  },
];

export const invalidRangeValues: readonly string[] = [
  '',
  'npt',
  'npt=-',
  'npt=abc-',
  'bytes=0-100',
  'clock=1996-',
  'smpte=aa-',
  // Fuzzer findings: a number too long for a double read as Infinity; 1e21 written as 1e+21.
  `npt=${'9'.repeat(400)}-`,
  'npt=1000000000000000000000-',
];

export const rtpInfoCases: ReadonlyArray<HeaderCase<RtpInfoEntry[]>> = [
  {
    name: 'two streams',
    value:
      'url=rtsp://127.0.0.1:8554/test/stream=0;seq=14286;rtptime=3283541926,url=rtsp://127.0.0.1:8554/test/stream=1;seq=1;rtptime=0',
    parsed: [
      { url: 'rtsp://127.0.0.1:8554/test/stream=0', seq: 14286, rtptime: 3283541926 },
      { url: 'rtsp://127.0.0.1:8554/test/stream=1', seq: 1, rtptime: 0 },
    ],
  },
  { name: 'url only', value: 'url=rtsp://cam/track1', parsed: [{ url: 'rtsp://cam/track1' }] },
  {
    name: 'comma in a url query, spaces after commas',
    decodeOnly: true,
    value: 'url=rtsp://cam/live?ch=1,2/trackID=1;seq=5, url=rtsp://cam/live?ch=1,2/trackID=2;seq=6',
    parsed: [
      { url: 'rtsp://cam/live?ch=1,2/trackID=1', seq: 5 },
      { url: 'rtsp://cam/live?ch=1,2/trackID=2', seq: 6 },
    ],
  },
  {
    name: 'RTSP 2.0 quoted url, empty rtptime',
    decodeOnly: true,
    value: 'url="rtsp://cam/a";seq=1;rtptime=',
    parsed: [{ url: 'rtsp://cam/a', seq: 1 }],
  },
];

export const challengeCases: ReadonlyArray<HeaderCase<AuthHeader[]>> = [
  {
    name: 'Basic (frigate#9006, IP Camera L4906)',
    value: 'Basic realm="IP Camera(L4906)"',
    parsed: [{ scheme: 'Basic', params: { realm: 'IP Camera(L4906)' } }],
  },
  {
    name: 'Dahua Digest without qop (scottlamb/retina#62)',
    value: 'Digest realm="Login to 4K01FD2PAJ6E3FF", nonce="203c8d27b595204504dfa65fd22586bd"',
    parsed: [
      { scheme: 'Digest', params: { realm: 'Login to 4K01FD2PAJ6E3FF', nonce: '203c8d27b595204504dfa65fd22586bd' } },
    ],
  },
  {
    name: 'RFC 7616 §3.9.1 SHA-256 challenge, qop list',
    value:
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    parsed: [
      {
        scheme: 'Digest',
        params: {
          realm: 'http-auth@example.org',
          qop: 'auth, auth-int',
          algorithm: 'SHA-256',
          nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
          opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
        },
      },
    ],
  },
  {
    name: 'two challenges in one header',
    value: 'Digest realm="cam", nonce="abc", algorithm=MD5, Basic realm="cam"',
    parsed: [
      { scheme: 'Digest', params: { realm: 'cam', nonce: 'abc', algorithm: 'MD5' } },
      { scheme: 'Basic', params: { realm: 'cam' } },
    ],
  },
  {
    name: 'Hikvision NVR: quoted stale="FALSE", empty opaque, domain (maciej-or/hikvision_next#50)',
    decodeOnly: true,
    value:
      'Digest realm="fe12f37bdXXXXXbccbbd35f1", domain="::", qop="auth", nonce="300b7e88f3d69ebfXXXXXf3e2f04218a:1685XXXXX4756", opaque="", algorithm="MD5", stale="FALSE"',
    parsed: [
      {
        scheme: 'Digest',
        params: {
          realm: 'fe12f37bdXXXXXbccbbd35f1',
          domain: '::',
          qop: 'auth',
          nonce: '300b7e88f3d69ebfXXXXXf3e2f04218a:1685XXXXX4756',
          opaque: '',
          algorithm: 'MD5',
          stale: 'FALSE',
        },
      },
    ],
  },
  {
    name: 'no spaces after commas, unquoted stale and algorithm (gortsplib authenticate_test)',
    decodeOnly: true,
    value:
      'Digest realm="Please log in with a valid username",nonce="752a62306daf32b401a41004555c7663",opaque="",stale=FALSE,algorithm=MD5',
    parsed: [
      {
        scheme: 'Digest',
        params: {
          realm: 'Please log in with a valid username',
          nonce: '752a62306daf32b401a41004555c7663',
          opaque: '',
          stale: 'FALSE',
          algorithm: 'MD5',
        },
      },
    ],
  },
  {
    name: 'leading comma and doubled comma, unquoted nonce with / and =',
    decodeOnly: true,
    value: ', Digest realm=cam,, nonce=ODQ4MDguNTQzNTE6MTY1ODg2MDUwOQ==',
    parsed: [{ scheme: 'Digest', params: { realm: 'cam', nonce: 'ODQ4MDguNTQzNTE6MTY1ODg2MDUwOQ==' } }],
  },
];
