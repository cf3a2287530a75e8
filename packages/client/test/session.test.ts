import { concatList, equals, fromAscii } from '@rtspkit/bytes';
import {
  ntpToUnixMs,
  parseRtcpCompound,
  type RtcpReceiverReport,
  type RtcpSenderReport,
  type RtpPacket,
  unixMsToNtp,
} from '@rtspkit/rtp';
import { AuthServer, type DigestAlgorithm, getHeader, parseTransport, type RtspRequest } from '@rtspkit/rtsp';
import { parseSdp } from '@rtspkit/sdp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClientErrorCode } from '../src/index.js';
import {
  type Answer,
  interleaved,
  RTPTIME,
  SERVER_SSRC,
  sampleMedia,
  samplePackets,
  sampleSdp,
  senderReport,
  serializeRtpPacket,
} from './fake-server.js';
import { Harness } from './harness.js';

/** Every sample packet, framed on the channels the client asked for (video 0, audio 2). */
function sampleStream(): Uint8Array {
  const { video, audio } = samplePackets();
  return concatList([
    ...video.map((p) => interleaved(0, serializeRtpPacket(p))),
    ...audio.map((p) => interleaved(2, serializeRtpPacket(p))),
  ]);
}

const never = Number.POSITIVE_INFINITY;

describe('the play exchange', () => {
  it('sends OPTIONS, DESCRIBE, SETUP per track, PLAY, and plays', () => {
    const h = new Harness().start();
    expect(h.server.methods).toEqual(['OPTIONS', 'DESCRIBE', 'SETUP', 'SETUP', 'PLAY']);
    const [, describe, setup0, setup1, play] = h.server.requests;
    expect(getHeader(describe!.headers, 'Accept')).toBe('application/sdp');
    expect(setup0!.uri).toBe(`${h.server.url}/stream=0`);
    expect(setup1!.uri).toBe(`${h.server.url}/stream=1`);
    expect(parseTransport(getHeader(setup0!.headers, 'Transport')!).interleaved).toEqual([0, 1]);
    expect(parseTransport(getHeader(setup1!.headers, 'Transport')!).interleaved).toEqual([2, 3]);
    expect(getHeader(setup0!.headers, 'Session')).toBeUndefined();
    expect(getHeader(setup1!.headers, 'Session')).toBe('abcdef0123');
    // Content-Base ends in '/' and the session control is '*': the aggregate URL is the base.
    expect(play!.uri).toBe(`${h.server.url}/`);
    expect(getHeader(play!.headers, 'Session')).toBe('abcdef0123');
    expect(h.session.state).toBe('playing');
    expect(h.of('playing')).toEqual([{ type: 'playing', transport: 'tcp' }]);
    const cseqs = h.server.requests.map((r) => Number(getHeader(r.headers, 'CSeq')));
    expect(cseqs).toEqual([...cseqs].sort((a, b) => a - b));
    expect(new Set(cseqs).size).toBe(cseqs.length);
  });

  it('describes the tracks: codec, clock rate, parameters, codec string', () => {
    const h = new Harness().start();
    const [event] = h.of('tracks');
    const [video, audio] = event!.tracks;
    expect(video).toMatchObject({
      index: 0,
      media: 'video',
      selected: true,
      format: { codec: 'h264', clockRate: 90000, payloadType: 96, packetizationMode: 1 },
      details: { codecString: 'avc1.42C01E', width: 640, height: 360, frameRate: 30 },
    });
    const format = video!.format;
    expect(format.codec === 'h264' && [format.sps.length, format.pps.length]).toEqual([1, 1]);
    expect(audio).toMatchObject({
      index: 1,
      media: 'audio',
      selected: true,
      format: { codec: 'mpeg4-audio', clockRate: 48000, channels: 2 },
      details: { codecString: 'mp4a.40.2', sampleRate: 48000, channels: 2 },
    });
    const aac = audio!.format;
    expect(aac.codec === 'mpeg4-audio' && Array.from(aac.config!)).toEqual([0x11, 0x90]);
  });

  it('hands out the access units the server sent, timed from the RTP-Info rtptime', () => {
    const h = new Harness().start();
    h.deliver(sampleStream());
    const media = sampleMedia();
    const video = h.units(0);
    const audio = h.units(1);
    expect(video).toHaveLength(media.video.length);
    expect(audio).toHaveLength(media.audio.length);
    video.forEach((u, i) => {
      expect(u.pts).toBe(i * 3000);
      expect(u.dts).toBe(u.pts);
      expect(u.timestamp).toBe(RTPTIME[0] + i * 3000);
      expect(u.nalUnits!.length).toBe(media.video[i]!.length);
      for (const [k, n] of u.nalUnits!.entries()) expect(equals(n, media.video[i]![k]!)).toBe(true);
    });
    expect(video[0]!.key).toBe(true);
    audio.forEach((u, i) => {
      expect(u.pts).toBe(i * 1024);
      expect(equals(u.data!, media.audio[i]!)).toBe(true);
    });
    expect(h.of('note')).toEqual([]);
    const stats = h.session.stats();
    expect(stats.tracks.map((t) => t.packetsLost)).toEqual([0, 0]);
    expect(stats.tracks[0]!.accessUnits).toBe(media.video.length);
  });

  it('gives the same events whatever the chunking of the server stream', () => {
    const reference = new Harness().start();
    reference.deliver(sampleStream());
    const expected = reference.events.map((e) => e.type);
    const units = reference.units();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        const h = new Harness();
        h.split = (bytes) => {
          const out: Uint8Array[] = [];
          for (let o = 0, i = 0; o < bytes.length; i++) {
            const n = sizes[i % sizes.length]!;
            out.push(bytes.subarray(o, o + n));
            o += n;
          }
          return out;
        };
        h.start();
        h.deliver(sampleStream());
        expect(h.events.map((e) => e.type)).toEqual(expected);
        const got = h.units();
        expect(got.map((u) => [u.track, u.pts, u.dts, u.key])).toEqual(
          units.map((u) => [u.track, u.pts, u.dts, u.key]),
        );
      }),
      { numRuns: 15 },
    );
  });

  it('plays the handshake fed one byte at a time', () => {
    const h = new Harness();
    h.split = (bytes) => Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    h.start();
    expect(h.session.state).toBe('playing');
    const { video } = samplePackets();
    h.deliver(concatList(video.slice(0, 40).map((p) => interleaved(0, serializeRtpPacket(p)))));
    expect(h.units(0).length).toBeGreaterThan(0);
  });

  it('answers requests the server sends (GET_PARAMETER, OPTIONS) with their CSeq', () => {
    const h = new Harness().start();
    h.deliver(concatList([h.server.request('GET_PARAMETER'), h.server.request('OPTIONS')]));
    expect(h.server.responses.map((r) => new TextDecoder().decode(r))).toEqual(['200', '200']);
    expect(h.of('server-request').map((e) => e.request.method)).toEqual(['GET_PARAMETER', 'OPTIONS']);
  });

  it('PAUSE, PLAY again, TEARDOWN', () => {
    const h = new Harness().start();
    h.session.pause(h.now);
    h.pump();
    expect(h.session.state).toBe('paused');
    h.session.play(h.now);
    h.pump();
    expect(h.session.state).toBe('playing');
    h.session.close(h.now);
    h.pump();
    expect(h.session.state).toBe('closed');
    expect(h.server.methods.slice(-3)).toEqual(['PAUSE', 'PLAY', 'TEARDOWN']);
    expect(h.of('closed')).toHaveLength(1);
  });

  it('refuses commands its state does not allow', () => {
    const h = new Harness();
    expect(() => h.session.play(0)).toThrow(expect.objectContaining({ code: ClientErrorCode.InvalidState }));
    h.start();
    expect(() => h.session.connect(0)).toThrow(expect.objectContaining({ code: ClientErrorCode.InvalidState }));
  });
});

describe('authentication', () => {
  const cases: Array<{ name: string; algorithms: DigestAlgorithm[]; basic?: boolean; qop?: boolean; scheme: string }> =
    [
      { name: 'Basic', algorithms: [], basic: true, scheme: 'Basic' },
      { name: 'Digest MD5, qop=auth', algorithms: ['MD5'], scheme: 'Digest MD5' },
      { name: 'Digest MD5 without qop (RFC 2069)', algorithms: ['MD5'], qop: false, scheme: 'Digest MD5' },
      { name: 'Digest SHA-256 offered after MD5', algorithms: ['MD5', 'SHA-256'], scheme: 'Digest SHA-256' },
      { name: 'Digest MD5-sess', algorithms: ['MD5-sess'], scheme: 'Digest MD5-sess' },
      { name: 'Digest SHA-256-sess', algorithms: ['SHA-256-sess'], scheme: 'Digest SHA-256-sess' },
    ];
  for (const c of cases) {
    it(`plays with ${c.name}`, () => {
      const server = new AuthServer({
        realm: 'cam',
        algorithms: c.algorithms,
        basic: c.basic ?? false,
        qop: c.qop ?? true,
      });
      const h = new Harness(
        { username: 'admin', password: 'p@ss:word' },
        { auth: { server, users: { admin: 'p@ss:word' } } },
      );
      h.start();
      expect(h.session.state).toBe('playing');
      expect(h.session.authScheme).toBe(c.scheme);
      // One unauthenticated OPTIONS, then every request carries credentials.
      expect(h.server.methods).toEqual(['OPTIONS', 'OPTIONS', 'DESCRIBE', 'SETUP', 'SETUP', 'PLAY']);
      for (const r of h.server.requests.slice(1)) expect(getHeader(r.headers, 'Authorization')).toBeDefined();
    });
  }

  it('takes credentials from the URL', () => {
    const server = new AuthServer({ realm: 'cam', algorithms: ['MD5'] });
    const h = new Harness(
      { url: 'rtsp://admin:secret@127.0.0.1:8554/live' },
      { auth: { server, users: { admin: 'secret' } } },
    );
    h.start();
    expect(h.session.state).toBe('playing');
    expect(h.server.requests[0]!.uri).toBe('rtsp://127.0.0.1:8554/live');
  });

  it('answers a stale nonce on a keepalive and plays on', () => {
    const server = new AuthServer({ realm: 'cam', algorithms: ['MD5'], nonceLifetimeMs: 5000 });
    const h = new Harness(
      { username: 'admin', password: 'secret', mediaTimeoutMs: never },
      { auth: { server, users: { admin: 'secret' } } },
    );
    h.start();
    h.advance(31_000);
    const tail = h.server.requests.slice(-2);
    expect(tail.map((r) => r.method)).toEqual(['GET_PARAMETER', 'GET_PARAMETER']);
    const nonce = (r: (typeof tail)[number]) => /nonce="([^"]+)"/.exec(getHeader(r.headers, 'Authorization')!)?.[1];
    expect(nonce(tail[0]!)).not.toBe(nonce(tail[1]!));
    expect(h.of('error')).toEqual([]);
    expect(h.session.state).toBe('playing');
  });

  it('follows a nonce that changes mid-session (a server that restarted its auth)', () => {
    let server = new AuthServer({ realm: 'cam', algorithms: ['MD5'] });
    let plays = 0;
    const handle = (request: RtspRequest): Answer | undefined => {
      // A new authenticator forgets every nonce issued before PLAY: its 401 is not stale.
      if (request.method === 'PLAY' && ++plays === 1) server = new AuthServer({ realm: 'cam', algorithms: ['MD5'] });
      const result = server.verify(request, () => 'secret', 0);
      if (result.ok) return undefined;
      return { status: 401, headers: server.challenges(0).map((v) => ['WWW-Authenticate', v] as const) };
    };
    const h = new Harness({ username: 'admin', password: 'secret' }, { handle });
    h.start();
    expect(h.session.state).toBe('playing');
    expect(h.server.methods.slice(-2)).toEqual(['PLAY', 'PLAY']);
  });

  it('reports a wrong password clearly, after one retry', () => {
    const server = new AuthServer({ realm: 'cam', algorithms: ['MD5'] });
    const h = new Harness({ username: 'admin', password: 'wrong' }, { auth: { server, users: { admin: 'secret' } } });
    h.start();
    const error = h.error();
    expect(error.code).toBe(ClientErrorCode.Unauthorized);
    expect(error.status).toBe(401);
    expect(error.message).toContain('refused the username or password');
    expect(error.message).toContain(h.server.url);
    expect(error.hint).toContain('username and password');
    expect(h.server.methods).toEqual(['OPTIONS', 'OPTIONS']);
    expect(h.session.state).toBe('failed');
  });

  it('says credentials are needed when none were given', () => {
    const server = new AuthServer({ realm: 'cam', algorithms: ['MD5'] });
    const h = new Harness({}, { auth: { server, users: { admin: 'secret' } } });
    h.start();
    const error = h.error();
    expect(error.code).toBe(ClientErrorCode.Unauthorized);
    expect(error.hint).toContain('rtsp://user:password@host/path');
  });

  it('says so when no offered scheme is supported', () => {
    const h = new Harness(
      { username: 'a', password: 'b' },
      { handle: () => ({ status: 401, headers: [['WWW-Authenticate', 'Negotiate abcdef']] }) },
    );
    h.start();
    expect(h.error().code).toBe(ClientErrorCode.UnsupportedAuth);
  });
});

describe('redirects', () => {
  it('follows a 302 to another server, keeping the credentials', () => {
    const h = new Harness(
      { url: 'rtsp://admin:secret@127.0.0.1:8554/live' },
      {
        handle: (r) =>
          r.method === 'DESCRIBE' && r.uri.includes(':8554')
            ? { status: 302, reason: 'Found', headers: [['Location', 'rtsp://127.0.0.2:9554/other']] }
            : undefined,
      },
    );
    h.start();
    expect(h.of('redirect')).toEqual([{ type: 'redirect', url: 'rtsp://127.0.0.2:9554/other' }]);
    expect(h.session.url).toMatchObject({ host: '127.0.0.2', port: 9554, path: '/other', username: 'admin' });
    h.session.connect(h.now);
    h.pump();
    expect(h.server.requests.at(-5)!.uri).toBe('rtsp://127.0.0.2:9554/other');
    expect(h.session.state).toBe('playing');
  });

  it('resolves a Location that is only a path', () => {
    const h = new Harness(
      {},
      {
        handle: (r) =>
          r.method === 'DESCRIBE' && r.uri.endsWith('/live')
            ? { status: 301, headers: [['Location', '/moved']] }
            : undefined,
      },
    );
    h.start();
    expect(h.of('redirect')).toHaveLength(1);
    expect(h.session.url).toMatchObject({ host: '127.0.0.1', port: 8554, path: '/moved' });
  });

  it('stops after too many redirects', () => {
    const h = new Harness(
      { maxRedirects: 2 },
      { handle: (r) => (r.method === 'DESCRIBE' ? { status: 302, headers: [['Location', r.uri]] } : undefined) },
    );
    h.start();
    for (let i = 0; i < 2; i++) {
      h.session.connect(h.now);
      h.pump();
    }
    expect(h.error().code).toBe(ClientErrorCode.Redirect);
  });

  it('fails on a redirect without Location', () => {
    const h = new Harness({}, { handle: (r) => (r.method === 'DESCRIBE' ? { status: 302 } : undefined) });
    h.start();
    expect(h.error().code).toBe(ClientErrorCode.Redirect);
  });
});

describe('keepalive', () => {
  it('uses GET_PARAMETER when Public lists it, every half Session timeout', () => {
    const h = new Harness({ mediaTimeoutMs: never }, { session: 'k1;timeout=10' });
    h.start();
    expect(h.session.keepalivePeriod).toBe(5000);
    const before = h.server.requests.length;
    h.advance(30_000);
    const sent = h.server.requests.slice(before);
    expect(sent.map((r) => r.method)).toEqual(Array(6).fill('GET_PARAMETER'));
    for (const r of sent) {
      expect(r.uri).toBe(`${h.server.url}/`);
      expect(getHeader(r.headers, 'Session')).toBe('k1');
    }
  });

  it('uses OPTIONS when Public does not list GET_PARAMETER', () => {
    const h = new Harness({ mediaTimeoutMs: never }, { public: 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN' });
    h.start();
    expect(h.session.keepalivePeriod).toBe(30_000);
    const before = h.server.requests.length;
    h.advance(60_000);
    expect(h.server.requests.slice(before).map((r) => r.method)).toEqual(['OPTIONS', 'OPTIONS']);
  });

  it('switches to OPTIONS when GET_PARAMETER is refused', () => {
    const h = new Harness(
      { mediaTimeoutMs: never },
      { handle: (r) => (r.method === 'GET_PARAMETER' ? { status: 501, reason: 'Not Implemented' } : undefined) },
    );
    h.start();
    const before = h.server.requests.length;
    h.advance(60_000);
    expect(h.server.requests.slice(before).map((r) => r.method)).toEqual(['GET_PARAMETER', 'OPTIONS']);
    expect(h.session.state).toBe('playing');
  });

  it('lives on with a server that never answers keepalives', () => {
    const h = new Harness(
      { mediaTimeoutMs: never },
      {
        session: 's;timeout=20',
        handle: (r) => (r.method === 'GET_PARAMETER' ? { status: 0, silent: true } : undefined),
      },
    );
    h.start();
    h.advance(120_000);
    expect(h.of('error')).toEqual([]);
    expect(h.session.state).toBe('playing');
    expect(h.session.stats().keepalivesSent).toBe(12);
  });
});

describe('RTCP', () => {
  it('sends receiver reports on the RTCP channels with the reception statistics', () => {
    const h = new Harness().start();
    h.deliver(sampleStream());
    h.advance(5000);
    const reports = h.server.frames.filter((f) => f.channel === 1 || f.channel === 3);
    expect(reports.map((f) => f.channel).sort()).toEqual([1, 3]);
    for (const f of reports) {
      const [rr, sdes] = parseRtcpCompound(f.payload);
      expect(rr!.type).toBe('rr');
      expect(sdes!.type).toBe('sdes');
      const block = (rr as RtcpReceiverReport).reports[0]!;
      expect(block.ssrc).toBe(f.channel === 1 ? SERVER_SSRC[0] : SERVER_SSRC[1]);
      expect(block.cumulativeLost).toBe(0);
    }
    expect(h.session.stats().receiverReportsSent).toBe(2);
  });

  it('stamps access units with wall-clock time once a sender report came', () => {
    const h = new Harness().start();
    const { video } = samplePackets();
    const first = video.filter((p) => p.timestamp === RTPTIME[0]);
    h.deliver(concatList(first.map((p) => interleaved(0, serializeRtpPacket(p)))));
    const unixMs = 1_700_000_000_000;
    h.deliver(interleaved(1, senderReport(0, RTPTIME[0], unixMs)));
    h.deliver(concatList(video.slice(first.length).map((p) => interleaved(0, serializeRtpPacket(p)))));
    const units = h.units(0);
    expect(units[0]!.wallClock).toBeUndefined();
    units.slice(1).forEach((u) => {
      expect(u.wallClock).toBeCloseTo(unixMs + ((u.timestamp - RTPTIME[0]) * 1000) / 90000, 0);
    });
    expect(h.session.stats().tracks[0]!.senderReports).toBe(1);
  });
});

describe('UDP media', () => {
  function udpHarness(options: ConstructorParameters<typeof Harness>[0] = {}) {
    const h = new Harness({ transport: 'udp', ...options });
    h.start();
    expect(h.of('need-udp-ports')).toEqual([{ type: 'need-udp-ports', count: 2 }]);
    h.session.setUdpPorts(
      [
        [5000, 5001],
        [5002, 5003],
      ],
      h.now,
    );
    h.pump();
    return h;
  }

  it('asks for client ports, plays, and reorders datagrams', () => {
    const h = udpHarness();
    const setups = h.server.requests.filter((r) => r.method === 'SETUP');
    expect(setups.map((r) => parseTransport(getHeader(r.headers, 'Transport')!).clientPort)).toEqual([
      [5000, 5001],
      [5002, 5003],
    ]);
    expect(h.of('playing')).toEqual([{ type: 'playing', transport: 'udp' }]);
    const { video } = samplePackets();
    const datagrams = video.map(serializeRtpPacket);
    // Swap each pair: every packet arrives one late.
    for (let i = 0; i + 1 < datagrams.length; i += 2)
      [datagrams[i], datagrams[i + 1]] = [datagrams[i + 1]!, datagrams[i]!];
    for (const d of datagrams) {
      h.now += 1;
      h.session.receiveDatagram(0, 'rtp', d, h.now);
    }
    h.advance(1000);
    const units = h.units(0);
    expect(units).toHaveLength(sampleMedia().video.length);
    expect(units.map((u) => u.pts)).toEqual(units.map((_, i) => i * 3000));
    expect(h.of('note')).toEqual([]);
  });

  it('sends receiver reports to the server_port RTCP port', () => {
    const h = udpHarness();
    for (const p of samplePackets().video.slice(0, 20))
      h.session.receiveDatagram(0, 'rtp', serializeRtpPacket(p), h.now);
    h.advance(5000);
    const rtcp = h.datagrams.filter((d) => d.kind === 'rtcp');
    expect(rtcp.map((d) => [d.track, d.port])).toEqual([[0, 6001]]);
  });

  it('falls back to TCP when no datagram arrives in time', () => {
    const h = udpHarness({ udpTimeoutMs: 2000 });
    h.advance(2500);
    expect(h.of('transport-fallback')).toEqual([{ type: 'transport-fallback', from: 'udp', to: 'tcp' }]);
    expect(h.server.methods.slice(-4)).toEqual(['TEARDOWN', 'SETUP', 'SETUP', 'PLAY']);
    const setups = h.server.requests.slice(-3, -1);
    expect(setups.map((r) => parseTransport(getHeader(r.headers, 'Transport')!).interleaved)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(h.session.transport).toBe('tcp');
    expect(h.of('playing').map((e) => e.transport)).toEqual(['udp', 'tcp']);
    h.deliver(sampleStream());
    expect(h.units(0)).toHaveLength(sampleMedia().video.length);
  });
});

describe('B-frames', () => {
  it('derives DTS from the picture order count', async () => {
    const { readRtpCapture, repoRoot } = await import('@rtspkit/test-utils');
    const packets = readRtpCapture(`${repoRoot}/packages/h264/test/fixtures/gstreamer-x264-bframes-live.rtp`);
    const sdp = [
      'v=0',
      'o=- 1 1 IN IP4 127.0.0.1',
      's=-',
      't=0 0',
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1',
      'a=control:stream=0',
      '',
    ].join('\r\n');
    const h = new Harness({}, { sdp, rtpInfo: false });
    h.start();
    h.deliver(concatList(packets.map((p) => interleaved(0, p))));
    const units = h.units(0);
    expect(units).toHaveLength(40);
    let reordered = 0;
    units.forEach((u, i) => {
      expect(u.dts).toBeLessThanOrEqual(u.pts);
      if (i > 0) expect(u.dts).toBeGreaterThan(units[i - 1]!.dts);
      if (i > 0 && u.pts < units[i - 1]!.pts) reordered++;
    });
    expect(reordered).toBeGreaterThan(5);
    // The SDP had no sprop-parameter-sets: the track learnt them from the stream, once.
    const formats = h.of('format');
    expect(formats).toHaveLength(1);
    expect(formats[0]).toMatchObject({ track: 0, format: { codec: 'h264' }, details: { width: 320, height: 180 } });
  });
});

describe('errors a user understands', () => {
  it('404: names the URL and says to check the path', () => {
    const h = new Harness(
      {},
      { handle: (r) => (r.method === 'DESCRIBE' ? { status: 404, reason: 'Not Found' } : undefined) },
    );
    h.start();
    const e = h.error();
    expect(e).toMatchObject({ code: ClientErrorCode.NotFound, status: 404, url: h.server.url });
    expect(e.message).toBe(`DESCRIBE answered 404 Not Found (${h.server.url})`);
    expect(e.hint).toContain('path');
  });

  it('a request without answer times out', () => {
    const h = new Harness(
      { requestTimeoutMs: 4000 },
      { handle: (r) => (r.method === 'DESCRIBE' ? { status: 0, silent: true } : undefined) },
    );
    h.start();
    h.advance(3999);
    expect(h.of('error')).toEqual([]);
    h.advance(1);
    expect(h.error().code).toBe(ClientErrorCode.Timeout);
  });

  it('a stream with no readable codec lists what it has', () => {
    const sdp = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\na=control:track1\r\n';
    const h = new Harness({}, { sdp });
    h.start();
    const e = h.error();
    expect(e.code).toBe(ClientErrorCode.UnsupportedCodec);
    expect(e.message).toContain('video JPEG');
  });

  it('media that stops while playing is a media timeout', () => {
    const h = new Harness({ mediaTimeoutMs: 6000 }).start();
    h.deliver(sampleStream());
    h.advance(5999);
    expect(h.of('error')).toEqual([]);
    h.advance(1);
    expect(h.error().code).toBe(ClientErrorCode.MediaTimeout);
  });

  it('a lost connection is a connection error; connect() starts over', () => {
    const h = new Harness().start();
    h.session.connectionLost(h.now);
    expect(h.error().code).toBe(ClientErrorCode.Connection);
    h.session.connect(h.now);
    h.pump();
    expect(h.session.state).toBe('playing');
    expect(h.server.methods.slice(-5)).toEqual(['OPTIONS', 'DESCRIBE', 'SETUP', 'SETUP', 'PLAY']);
  });

  it('garbage from the server ends the session with a protocol error, not an exception', () => {
    const h = new Harness().start();
    h.deliver(fromAscii(`RTSP/1.0 200 OK\r\nCSeq: 9\r\nContent-Length: x\r\n\r\n`));
    expect(h.error().code).toBe(ClientErrorCode.Protocol);
  });
});

describe('publishing (ANNOUNCE/RECORD)', () => {
  it('announces, sets up each section with mode=record, records, and sends packets interleaved', () => {
    const sdp = parseSdp(sampleSdp());
    const h = new Harness({ publish: sdp, url: 'rtsp://127.0.0.1:8554/live' });
    h.start();
    expect(h.server.methods).toEqual(['OPTIONS', 'ANNOUNCE', 'SETUP', 'SETUP', 'RECORD']);
    const announce = h.server.requests[1]!;
    expect(getHeader(announce.headers, 'Content-Type')).toBe('application/sdp');
    expect(parseSdp(announce.body).media.map((m) => m.type)).toEqual(['video', 'audio']);
    const setups = h.server.requests.filter((r) => r.method === 'SETUP');
    expect(setups.map((r) => r.uri)).toEqual([
      'rtsp://127.0.0.1:8554/live/stream=0',
      'rtsp://127.0.0.1:8554/live/stream=1',
    ]);
    for (const r of setups) expect(parseTransport(getHeader(r.headers, 'Transport')!).mode).toBe('record');
    expect(getHeader(setups[0]!.headers, 'Transport')).toContain('mode=record');
    expect(h.session.state).toBe('recording');
    expect(h.of('recording')).toEqual([{ type: 'recording', transport: 'tcp' }]);
    const { video } = samplePackets();
    for (const p of video.slice(0, 10)) h.session.sendRtp(0, serializeRtpPacket(p), h.now);
    h.pump();
    expect(h.server.frames.filter((f) => f.channel === 0)).toHaveLength(10);
    expect(() => new Harness().start().session.sendRtp(0, new Uint8Array(12), 0)).toThrow(
      expect.objectContaining({ code: ClientErrorCode.InvalidState }),
    );
  });
});

describe('RTCP sender reports while publishing', () => {
  const announce = (options: Partial<ConstructorParameters<typeof Harness>[0]> = {}) => {
    const h = new Harness({ publish: parseSdp(sampleSdp()), url: 'rtsp://127.0.0.1:8554/live', ...options });
    h.start();
    return h;
  };
  const reportsOn = (h: Harness, channel: number) =>
    h.server.frames.filter((f) => f.channel === channel).map((f) => parseRtcpCompound(f.payload));
  const payloadOctets = (packets: readonly RtpPacket[]) => packets.reduce((n, p) => n + p.payload.length, 0);

  it('reports each track at its first packet and every 5 s: SSRC, NTP ↔ RTP time, packet and octet counts', () => {
    const h = announce();
    const { video, audio } = samplePackets();
    const start = h.now;
    // 2 s of media at 30 fps and 47 AAC frames a second, sent in real time.
    let v = 0;
    let a = 0;
    for (let ms = 0; ms <= 6000; ms += 10) {
      h.now = start + ms;
      while (v < video.length && (video[v]!.timestamp - RTPTIME[0]) / 90 <= ms)
        h.session.sendRtp(0, serializeRtpPacket(video[v++]!), h.now);
      while (a < audio.length && ((audio[a]!.timestamp - RTPTIME[1]) * 1000) / 48000 <= ms)
        h.session.sendRtp(1, serializeRtpPacket(audio[a++]!), h.now);
      h.advance(0);
    }
    for (const [track, channel, packets, rate, ssrc] of [
      [0, 1, video, 90_000, SERVER_SSRC[0]],
      [1, 3, audio, 48_000, SERVER_SSRC[1]],
    ] as const) {
      const reports = reportsOn(h, channel);
      expect(reports.length, `sender reports of track ${track}`).toBe(2);
      const [first, second] = reports.map((compound) => {
        expect(compound.map((p) => p.type)).toEqual(['sr', 'sdes']);
        return compound[0] as RtcpSenderReport;
      });
      expect(first!.ssrc).toBe(ssrc);
      expect(first!.packetCount).toBe(1);
      expect(first!.octetCount).toBe(packets[0]!.payload.length);
      expect(first!.rtpTimestamp).toBe(packets[0]!.timestamp);
      expect(first!.ntpTimestamp).toBe(unixMsToNtp(start));
      // Five seconds later: everything sent so far, and RTP time advanced by 5 s of the clock.
      expect(second!.ntpTimestamp).toBe(unixMsToNtp(start + 5000));
      expect(second!.rtpTimestamp).toBe((packets[0]!.timestamp + 5 * rate) >>> 0);
      expect(second!.packetCount).toBe(packets.length);
      expect(second!.octetCount).toBe(payloadOctets(packets));
    }
    expect(h.session.stats().senderReportsSent).toBe(4);
  });

  it('sends them to the RTCP server_port over UDP', () => {
    const h = new Harness({ publish: parseSdp(sampleSdp()), url: 'rtsp://127.0.0.1:8554/live', transport: 'udp' });
    h.start();
    h.session.setUdpPorts(
      [
        [5000, 5001],
        [5002, 5003],
      ],
      h.now,
    );
    h.pump();
    expect(h.session.state).toBe('recording');
    const { video } = samplePackets();
    for (const p of video.slice(0, 30)) h.session.sendRtp(0, serializeRtpPacket(p), h.now);
    h.advance(5000);
    const rtp = h.datagrams.filter((d) => d.kind === 'rtp');
    expect(rtp.map((d) => [d.track, d.port])).toEqual(video.slice(0, 30).map(() => [0, 6000]));
    const rtcp = h.datagrams.filter((d) => d.kind === 'rtcp');
    expect(rtcp.map((d) => [d.track, d.port])).toEqual([
      [0, 6001],
      [0, 6001],
    ]);
    const last = parseRtcpCompound(rtcp[1]!.data)[0] as RtcpSenderReport;
    expect([last.packetCount, last.octetCount]).toEqual([30, payloadOctets(video.slice(0, 30))]);
  });

  it('holds for any send times and packet sizes: counts sum, RTP time follows the clock from the first packet (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 3000 }), size: fc.integer({ min: 0, max: 1400 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (firstTimestamp, sends) => {
          const h = announce();
          const start = h.now;
          let octets = 0;
          sends.forEach((s, i) => {
            h.now += s.gapMs;
            octets += s.size;
            const packet = {
              ...samplePackets().video[0]!,
              sequenceNumber: i,
              timestamp: firstTimestamp,
              payload: new Uint8Array(s.size),
            };
            h.session.sendRtp(0, serializeRtpPacket(packet), h.now);
            h.pump();
          });
          h.advance(5000);
          const reports = reportsOn(h, 1).map((c) => c[0] as RtcpSenderReport);
          const last = reports.at(-1)!;
          const at = Math.round(ntpToUnixMs(last.ntpTimestamp));
          expect(last.packetCount).toBe(sends.length);
          expect(last.octetCount).toBe(octets);
          const firstAt = start + sends[0]!.gapMs;
          expect(last.rtpTimestamp).toBe((firstTimestamp + Math.round(((at - firstAt) * 90_000) / 1000)) % 2 ** 32);
        },
      ),
      { numRuns: 50 },
    );
  });
});
