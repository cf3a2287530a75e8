// A scripted RTSP server for the session's unit tests: it parses what the client sends,
// answers like gst-rtsp-server does by default, and lets a test override any answer.
import { readFileSync } from 'node:fs';
import { fromAscii, splitAnnexB, toBase64 } from '@rtspkit/bytes';
import { Mpeg4GenericPacketizer, splitAdts } from '@rtspkit/aac';
import { groupH264AccessUnits, H264Packetizer } from './codec-shim.js';
import { type RtpPacket, serializeRtcpCompound, serializeRtpPacket, unixMsToNtp } from '@rtspkit/rtp';
import {
  type AuthServer,
  getHeader,
  MessageReader,
  parseTransport,
  type RtspHeaders,
  type RtspRequest,
  serializeRequest,
  serializeResponse,
  serializeTransport,
} from '@rtspkit/rtsp';
import { samples } from '@rtspkit/sample';

/** A response a test writes: status and headers; CSeq is added. */
export type Answer = {
  readonly status: number;
  readonly reason?: string;
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly body?: string | Uint8Array;
  /** Send nothing at all (a server that ignores the request). */
  readonly silent?: boolean;
  /** Leave CSeq out of the answer. */
  readonly omitCSeq?: boolean;
};

export type FakeServerOptions = {
  readonly url?: string;
  readonly sdp?: string;
  readonly public?: string;
  readonly session?: string;
  readonly auth?: { readonly server: AuthServer; readonly users: Readonly<Record<string, string>> };
  /** Overrides: return an answer, or undefined for the default one. */
  readonly handle?: (request: RtspRequest, server: FakeServer) => Answer | undefined;
  /** The Transport the server answers SETUP with, from the one asked for. */
  readonly transport?: (requested: string, track: number) => string | undefined;
  readonly rtpInfo?: boolean;
};

export const SERVER_SSRC = [0x11223344, 0x55667788] as const;
export const RTPTIME = [1_000_000, 2_000_000] as const;

/** The SDP gst-rtsp-server writes for the sample (its SPS/PPS as sprop-parameter-sets). */
export function sampleSdp(): string {
  const first = sampleMedia().video[0]!;
  const sets = first.filter((n) => ((n[0] ?? 0) & 0x1f) === 7 || ((n[0] ?? 0) & 0x1f) === 8);
  return [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=Session streamed with GStreamer',
    't=0 0',
    'a=control:*',
    'a=range:npt=now-',
    'm=video 0 RTP/AVP 96',
    'c=IN IP4 0.0.0.0',
    'a=rtpmap:96 H264/90000',
    `a=fmtp:96 packetization-mode=1;profile-level-id=42c01e;sprop-parameter-sets=${sets.map(toBase64).join(',')}`,
    'a=control:stream=0',
    'm=audio 0 RTP/AVP 97',
    'c=IN IP4 0.0.0.0',
    'a=rtpmap:97 MPEG4-GENERIC/48000/2',
    'a=fmtp:97 streamtype=5;profile-level-id=2;mode=AAC-hbr;config=1190;sizelength=13;indexlength=3;indexdeltalength=3',
    'a=control:stream=1',
    '',
  ].join('\r\n');
}

const EMPTY = new Uint8Array(0);

/** What the sample files hold, as the server sends it. */
export type SampleMedia = {
  readonly video: readonly (readonly Uint8Array[])[];
  readonly audio: readonly Uint8Array[];
};

let cached: SampleMedia | undefined;
/** The first 60 H.264 access units and 94 AAC frames of the sample (2 s). */
export function sampleMedia(): SampleMedia {
  if (cached) return cached;
  const video = groupH264AccessUnits(splitAnnexB(new Uint8Array(readFileSync(samples.h264Baseline.path)))).slice(0, 60);
  const audio = splitAdts(new Uint8Array(readFileSync(samples.aac.path)))
    .slice(0, 94)
    .map((f) => f.payload);
  cached = { video, audio };
  return cached;
}

/** RTP packets of the sample: video at 30 fps from RTPTIME[0], audio 1024 ticks apart from RTPTIME[1]. */
export function samplePackets(): { video: RtpPacket[]; audio: RtpPacket[] } {
  const media = sampleMedia();
  const h264 = new H264Packetizer({ payloadType: 96, mtu: 1200, ssrc: SERVER_SSRC[0] });
  const aac = new Mpeg4GenericPacketizer({ payloadType: 97, mtu: 1200, ssrc: SERVER_SSRC[1] });
  const video = media.video.flatMap((au, i) => h264.packetize(au, (RTPTIME[0] + i * 3000) >>> 0));
  const audio = media.audio.flatMap((frame, i) => aac.packetize([frame], (RTPTIME[1] + i * 1024) >>> 0));
  return { video, audio };
}

/** `$`-framed bytes of a packet on `channel`. */
export function interleaved(channel: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + data.length);
  out.set([0x24, channel, data.length >> 8, data.length & 0xff]);
  out.set(data, 4);
  return out;
}

/** An RTCP SR of track `i` pairing `rtpTimestamp` with `unixMs`. */
export function senderReport(i: 0 | 1, rtpTimestamp: number, unixMs: number): Uint8Array {
  return serializeRtcpCompound([
    {
      type: 'sr',
      ssrc: SERVER_SSRC[i],
      ntpTimestamp: unixMsToNtp(unixMs),
      rtpTimestamp,
      packetCount: 0,
      octetCount: 0,
      reports: [],
    },
  ]);
}

export { serializeRtpPacket };

/** The scripted server. */
export class FakeServer {
  readonly options: FakeServerOptions;
  readonly url: string;
  readonly requests: RtspRequest[] = [];
  readonly frames: Array<{ channel: number; payload: Uint8Array }> = [];
  readonly responses: Uint8Array[] = [];
  #reader = new MessageReader();
  #cseq = 100;
  now = 0;

  constructor(options: FakeServerOptions = {}) {
    this.options = options;
    this.url = options.url ?? 'rtsp://127.0.0.1:8554/live';
  }

  /** Methods received, in order. */
  get methods(): string[] {
    return this.requests.map((r) => r.method);
  }

  /** Takes client bytes; returns the bytes the server answers with. */
  receive(bytes: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const item of this.#reader.push(bytes)) {
      if (item.kind === 'frame') {
        this.frames.push({ channel: item.channel, payload: item.payload.slice() });
        continue;
      }
      if (item.kind === 'response') {
        this.responses.push(fromAscii(String(item.status)));
        continue;
      }
      this.requests.push(item);
      const answer = this.#answer(item);
      if (answer.silent) continue;
      const headers: Array<[string, string]> = answer.omitCSeq
        ? []
        : [['CSeq', getHeader(item.headers, 'CSeq') ?? '0']];
      for (const [n, v] of answer.headers ?? []) headers.push([n, v]);
      const body = typeof answer.body === 'string' ? fromAscii(answer.body) : (answer.body ?? EMPTY);
      out.push(
        serializeResponse({
          version: 'RTSP/1.0',
          status: answer.status,
          reason: answer.reason ?? (answer.status === 200 ? 'OK' : 'Error'),
          headers,
          body,
        }),
      );
    }
    return out;
  }

  /** A request the server sends to the client. */
  request(method: string): Uint8Array {
    return serializeRequest({
      method,
      uri: this.url,
      version: 'RTSP/1.0',
      headers: [['CSeq', String(++this.#cseq)]],
      body: EMPTY,
    });
  }

  #answer(request: RtspRequest): Answer {
    const custom = this.options.handle?.(request, this);
    if (custom !== undefined) return custom;
    const auth = this.options.auth;
    if (auth !== undefined) {
      const result = auth.server.verify(request, (u) => auth.users[u], this.now);
      if (!result.ok) {
        return {
          status: 401,
          reason: 'Unauthorized',
          headers: auth.server.challenges(this.now, result.reason === 'stale').map((v) => ['WWW-Authenticate', v]),
        };
      }
    }
    return defaultAnswer(this, request);
  }
}

/** What gst-rtsp-server answers by default. */
export function defaultAnswer(server: FakeServer, request: RtspRequest): Answer {
  const session = server.options.session ?? 'abcdef0123;timeout=60';
  switch (request.method) {
    case 'OPTIONS':
      return {
        status: 200,
        headers: [
          [
            'Public',
            server.options.public ?? 'OPTIONS, DESCRIBE, ANNOUNCE, GET_PARAMETER, PAUSE, SETUP, PLAY, RECORD, TEARDOWN',
          ],
        ],
      };
    case 'DESCRIBE':
      return {
        status: 200,
        headers: [
          ['Content-Type', 'application/sdp'],
          ['Content-Base', `${server.url}/`],
        ],
        body: server.options.sdp ?? sampleSdp(),
      };
    case 'SETUP': {
      const requested = getHeader(request.headers, 'Transport') ?? '';
      const track = request.uri.endsWith('stream=1') ? 1 : 0;
      let reply = server.options.transport?.(requested, track);
      if (reply === undefined) {
        const t = parseTransport(requested);
        reply = serializeTransport(
          t.lowerTransport === 'UDP'
            ? { ...t, serverPort: [6000 + 2 * track, 6001 + 2 * track], ssrc: SERVER_SSRC[track] }
            : { ...t, ssrc: SERVER_SSRC[track] },
        );
      }
      return {
        status: 200,
        headers: [
          ['Transport', reply],
          ['Session', session],
        ],
      };
    }
    case 'PLAY': {
      const headers: Array<[string, string]> = [['Range', 'npt=0-']];
      if (server.options.rtpInfo !== false)
        headers.push([
          'RTP-Info',
          `url=${server.url}/stream=0;seq=0;rtptime=${RTPTIME[0]}, url=${server.url}/stream=1;seq=0;rtptime=${RTPTIME[1]}`,
        ]);
      headers.push(['Session', session]);
      return { status: 200, headers };
    }
    default:
      return { status: 200, headers: [['Session', session]] };
  }
}

/** Headers as a record, for assertions. */
export function headerRecord(headers: RtspHeaders): Record<string, string> {
  return Object.fromEntries(headers.map(([n, v]) => [n.toLowerCase(), v]));
}
