// Camera deviations the session tolerates, one decode-only case each, named after what the
// device or peer does. Each case changes one answer of the scripted server.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatList } from '@rtspkit/bytes';
import { getHeader, parseTransport, type RtspRequest } from '@rtspkit/rtsp';
import { repoRoot } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { ClientError, ClientErrorCode } from '../src/index.js';
import {
  type Answer,
  defaultAnswer,
  type FakeServer,
  type FakeServerOptions,
  interleaved,
  sampleMedia,
  samplePackets,
  sampleSdp,
  serializeRtpPacket,
} from './fake-server.js';
import { Harness } from './harness.js';

const stream = () => {
  const { video, audio } = samplePackets();
  return concatList([
    ...video.map((p) => interleaved(0, serializeRtpPacket(p))),
    ...audio.map((p) => interleaved(2, serializeRtpPacket(p))),
  ]);
};

/** Replaces the headers of the default answer to `method` (a value of '' is sent empty). */
function edit(method: string, change: (headers: Array<[string, string]>) => Array<[string, string]>) {
  return (request: RtspRequest, server: FakeServer): Answer | undefined => {
    if (request.method !== method) return undefined;
    const answer = defaultAnswer(server, request);
    return { ...answer, headers: change([...(answer.headers ?? [])] as Array<[string, string]>) };
  };
}

const set = (name: string, value: string | undefined) => (headers: Array<[string, string]>) => {
  const out = headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
  if (value !== undefined) out.push([name, value]);
  return out;
};

type Case = {
  readonly name: string;
  readonly server: FakeServerOptions;
  readonly transport?: 'udp' | 'tcp';
  readonly url?: string;
  /** Extra checks after the session played the sample. */
  readonly check?: (h: Harness) => void;
  /** A quirk the session reports. */
  readonly quirk?: RegExp;
};

const cases: Case[] = [
  {
    name: 'no interleaved= in the SETUP answer: the channels asked for are used (FFmpeg and live555 do the same)',
    server: { transport: () => 'RTP/AVP/TCP;unicast' },
    quirk: /no interleaved=/,
  },
  {
    name: 'other interleaved channels than asked for (a server that numbers them itself)',
    server: { transport: (_req, track) => `RTP/AVP/TCP;unicast;interleaved=${track === 0 ? '0-1' : '2-3'}` },
  },
  {
    name: 'RTP/AVP/UDP spelling of the profile in the SETUP answer',
    transport: 'udp',
    server: {
      transport: (requested, track) =>
        `RTP/AVP/UDP;unicast;client_port=${parseTransport(requested).clientPort!.join('-')};server_port=${7000 + 2 * track}-${7001 + 2 * track}`,
    },
    check: (h) => {
      h.advance(5000);
      // Only the video track received packets, so only it reports, to its server RTCP port.
      expect(h.datagrams.filter((d) => d.kind === 'rtcp').map((d) => d.port)).toEqual([7001]);
    },
  },
  {
    name: 'ssrc= padded with spaces and short (Hikvision, Dahua)',
    server: { transport: (requested) => `${requested};ssrc=  1A2B3C` },
  },
  {
    name: 'no server_port in a UDP SETUP answer: no receiver reports',
    transport: 'udp',
    server: {
      transport: (requested) => `RTP/AVP;unicast;client_port=${parseTransport(requested).clientPort!.join('-')}`,
    },
    quirk: /no server_port/,
    check: (h) => {
      h.advance(5000);
      expect(h.datagrams).toEqual([]);
    },
  },
  {
    name: 'empty header values: Content-Base, RTP-Info (the request URL and the first packets are used)',
    server: {
      handle: (r, s) =>
        edit('DESCRIBE', set('Content-Base', ''))(r, s) ?? edit('PLAY', set('RTP-Info', ''))(r, s) ?? undefined,
    },
    quirk: /no RTP-Info/,
    check: (h) => {
      const setups = h.server.requests.filter((r) => r.method === 'SETUP');
      expect(setups.map((r) => r.uri)).toEqual([`${h.server.url}/stream=0`, `${h.server.url}/stream=1`]);
    },
  },
  {
    name: 'a session timeout under 30 s (timeout=8): keepalives every 4 s',
    server: { session: 'shortlived;timeout=8' },
    quirk: /short session timeout \(8 s\)/,
    check: (h) => {
      const before = h.server.requests.length;
      h.advance(8100);
      expect(h.server.requests.slice(before).map((r) => r.method)).toEqual(['GET_PARAMETER', 'GET_PARAMETER']);
    },
  },
  {
    name: 'a server that never answers keepalives',
    server: { handle: (r) => (r.method === 'GET_PARAMETER' ? { status: 0, silent: true } : undefined) },
    quirk: /keepalives go unanswered/,
    check: (h) => {
      h.advance(95_000);
      expect(h.session.state).toBe('playing');
    },
  },
  {
    name: 'a server that refuses a SETUP not right after a DESCRIBE',
    server: {
      handle: (r, s) => {
        const previous = s.requests.at(-2);
        if (r.method === 'SETUP' && r.uri.endsWith('stream=1') && previous?.method !== 'DESCRIBE')
          return { status: 455, reason: 'Method Not Valid in This State' };
        return undefined;
      },
    },
    quirk: /until DESCRIBE was sent again/,
    check: (h) => {
      expect(h.server.methods).toEqual(['OPTIONS', 'DESCRIBE', 'SETUP', 'SETUP', 'DESCRIBE', 'SETUP', 'PLAY']);
      expect(getHeader(h.server.requests[5]!.headers, 'Session')).toBe('abcdef0123');
    },
  },
  {
    name: 'no Content-Base: controls resolve against the request URL',
    server: { handle: edit('DESCRIBE', set('Content-Base', undefined)) },
    check: (h) => {
      const setups = h.server.requests.filter((r) => r.method === 'SETUP');
      expect(setups.map((r) => r.uri)).toEqual([`${h.server.url}/stream=0`, `${h.server.url}/stream=1`]);
      expect(h.server.requests.find((r) => r.method === 'PLAY')!.uri).toBe(h.server.url);
    },
  },
  {
    name: 'a Content-Base that is only a path',
    server: { handle: edit('DESCRIBE', set('Content-Base', '/media/main/')) },
    check: (h) => {
      const setups = h.server.requests.filter((r) => r.method === 'SETUP');
      expect(setups[0]!.uri).toBe('rtsp://127.0.0.1:8554/media/main/stream=0');
    },
  },
  {
    name: 'absolute control URLs (VLC, Axis through GStreamer)',
    server: {
      sdp: sampleSdp()
        .replace('a=control:stream=0', 'a=control:rtsp://127.0.0.1:8554/live/trackID=0')
        .replace('a=control:stream=1', 'a=control:rtsp://127.0.0.1:8554/live/trackID=1'),
      transport: (requested) => requested,
    },
    check: (h) => {
      const setups = h.server.requests.filter((r) => r.method === 'SETUP');
      expect(setups.map((r) => r.uri)).toEqual([
        'rtsp://127.0.0.1:8554/live/trackID=0',
        'rtsp://127.0.0.1:8554/live/trackID=1',
      ]);
    },
  },
  {
    name: 'responses without CSeq answer the oldest request',
    server: {
      handle: (r, s) => {
        const answer = defaultAnswer(s, r);
        return { ...answer, omitCSeq: true };
      },
    },
    quirk: /without CSeq/,
  },
  {
    name: 'OPTIONS refused (cameras that only know DESCRIBE onwards)',
    server: { handle: (r) => (r.method === 'OPTIONS' ? { status: 501, reason: 'Not Implemented' } : undefined) },
    quirk: /OPTIONS answered 501/,
  },
];

describe('camera quirks the session plays through', () => {
  for (const c of cases) {
    it(c.name, () => {
      const h = new Harness({ transport: c.transport ?? 'tcp', mediaTimeoutMs: Number.POSITIVE_INFINITY }, c.server);
      h.start();
      if (c.transport === 'udp') {
        h.session.setUdpPorts(
          [
            [5000, 5001],
            [5002, 5003],
          ],
          h.now,
        );
        h.pump();
        for (const p of samplePackets().video) h.session.receiveDatagram(0, 'rtp', serializeRtpPacket(p), h.now);
        h.advance(500);
      } else h.deliver(stream());
      expect(h.of('error').map((e) => e.error.message)).toEqual([]);
      expect(h.session.state).toBe('playing');
      expect(h.units(0)).toHaveLength(sampleMedia().video.length);
      c.check?.(h);
      if (c.quirk) expect(h.session.quirks.join('\n')).toMatch(c.quirk);
    });
  }
});

describe('session descriptions from real cameras (packages/sdp corpus)', () => {
  const dir = join(repoRoot, 'packages/sdp/test/fixtures');
  const files = readdirSync(dir).filter((f) => f.endsWith('.sdp'));
  it('has the corpus', () => expect(files.length).toBeGreaterThan(10));
  for (const file of files) {
    it(`${file}: tracks are described; every supported one is set up`, () => {
      const sdp = readFileSync(join(dir, file));
      const h = new Harness({}, { sdp: new TextDecoder().decode(sdp), transport: (requested) => requested });
      h.start();
      const errors = h.of('error').map((e) => e.error);
      for (const e of errors) {
        expect(e).toBeInstanceOf(ClientError);
        expect([ClientErrorCode.UnsupportedCodec, ClientErrorCode.Protocol]).toContain(e.code);
      }
      if (errors.length === 0) {
        const tracks = h.of('tracks')[0]!.tracks;
        const selected = tracks.filter((t) => t.selected);
        expect(selected.length).toBeGreaterThan(0);
        expect(h.server.methods.filter((m) => m === 'SETUP')).toHaveLength(selected.length);
        expect(h.session.state).toBe('playing');
      }
    });
  }
});
