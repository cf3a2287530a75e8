/**
 * A minimal RTSP server built straight from the codec packages, in one file: it plays the
 * bundled sample (H.264 Constrained Baseline + AAC-LC) in a loop at real time to every
 * client that asks, RTP interleaved on the RTSP connection (RFC 2326 §10.12). No UDP, no
 * fan-out, no limits: `@rtspkit/server` is the real thing; this shows how the pieces fit.
 *
 *   pnpm start [port]    then: ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/sample
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ascFromAdtsHeader, serializeAudioSpecificConfig, splitAdts } from '@rtspkit/aac';
import { splitAnnexB } from '@rtspkit/bytes';
import { createPacketizer, formatToMedia, h264Format, mpeg4AudioFormat } from '@rtspkit/format';
import { groupH264AccessUnits, H264NalUnitType, h264NalUnitType } from '@rtspkit/h264';
import { rtpPacketSize, serializeRtpPacketInto, type RtpPacket } from '@rtspkit/rtp';
import {
  getHeader,
  MessageReader,
  parseTransports,
  type RtspRequest,
  serializeResponse,
  serializeRtpInfo,
  serializeTransport,
} from '@rtspkit/rtsp';
import { samples } from '@rtspkit/sample';
import { buildSession, serializeSdp } from '@rtspkit/sdp';

/** One access unit of the loop: which track, when it leaves (s), its timestamp and payload. */
type Frame = { readonly track: number; readonly at: number; readonly timestamp: number; readonly units: Uint8Array[] };

const PATH = '/sample';
const METHODS = 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER';

// The media, read once: access units with their send time and timestamp (clock units).
const video = groupH264AccessUnits(splitAnnexB(readFileSync(samples.h264Baseline.path)));
const adts = splitAdts(readFileSync(samples.aac.path));
const firstHeader = adts[0]?.header;
if (firstHeader === undefined) throw new Error('the AAC sample has no ADTS frame');
const asc = ascFromAdtsHeader(firstHeader);
const parameterSets = (type: number) => (video[0] ?? []).filter((n) => h264NalUnitType(n) === type);
const videoFormat = h264Format({ sps: parameterSets(H264NalUnitType.Sps), pps: parameterSets(H264NalUnitType.Pps) });
const audioFormat = mpeg4AudioFormat({ config: serializeAudioSpecificConfig(asc) });
const formats = [videoFormat, audioFormat];
// Constrained Baseline has no B-frames: presentation order is decode order, 30 fps.
const frames: Frame[] = [
  ...video.map((units, i) => ({ track: 0, at: i / 30, timestamp: i * 3000, units })),
  ...adts.map((f, j) => ({
    track: 1,
    at: (j * 1024) / asc.samplingFrequency,
    timestamp: j * 1024,
    units: [f.payload],
  })),
].sort((a, b) => a.at - b.at);
const loopSeconds = Math.max(video.length / 30, (adts.length * 1024) / asc.samplingFrequency);
const loopTicks = [Math.round(loopSeconds * 90_000), Math.round(loopSeconds * asc.samplingFrequency)];

const text = new TextEncoder();
const REASONS: Record<number, string> = {
  200: 'OK',
  404: 'Not Found',
  405: 'Method Not Allowed',
  461: 'Unsupported Transport',
};

/** One client connection: its requests in, responses and interleaved RTP out. */
function serveConnection(socket: Socket): void {
  const reader = new MessageReader();
  const session = randomBytes(8).toString('hex');
  const channels = new Map<number, number>(); // track → RTP channel
  let timer: NodeJS.Timeout | undefined;

  const reply = (request: RtspRequest, status: number, headers: [string, string][] = [], body = '') =>
    socket.write(
      serializeResponse({
        version: 'RTSP/1.0',
        status,
        reason: REASONS[status] ?? '',
        headers: [['CSeq', getHeader(request.headers, 'CSeq') ?? '0'], ...headers],
        body: text.encode(body),
      }),
    );

  const play = (request: RtspRequest) => {
    // Each track gets its own packetizer (random SSRC, sequence) and random first timestamp.
    const packetizers = [createPacketizer(videoFormat, { mtu: 1400 }), createPacketizer(audioFormat, { mtu: 1400 })];
    const offsets = formats.map(() => randomBytes(4).readUInt32BE(0));
    const url = request.uri.replace(/\/$/, '');
    reply(request, 200, [
      ['Session', session],
      ['Range', 'npt=0-'],
      [
        'RTP-Info',
        serializeRtpInfo(
          [...channels.keys()].map((t) => ({
            url: `${url}/trackID=${t}`,
            seq: (packetizers[t] as (typeof packetizers)[number]).sequenceNumber,
            rtptime: offsets[t] as number,
          })),
        ),
      ],
    ]);
    const started = performance.now();
    let next = 0;
    let loop = 0;
    // Every 10 ms, send what is due: one write per access unit.
    timer = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      for (;;) {
        const frame = frames[next];
        if (frame === undefined) {
          next = 0;
          loop++;
          continue;
        }
        if (loop * loopSeconds + frame.at > elapsed) break;
        next++;
        const channel = channels.get(frame.track);
        if (channel === undefined) continue;
        const timestamp =
          (offsets[frame.track] as number) + loop * (loopTicks[frame.track] as number) + frame.timestamp;
        const packets = (packetizers[frame.track] as (typeof packetizers)[number]).packetize(
          frame.units,
          timestamp >>> 0,
        );
        socket.write(interleaved(packets as RtpPacket[], channel));
      }
    }, 10);
  };

  const handle = (request: RtspRequest) => {
    const uri = request.uri;
    switch (request.method) {
      case 'OPTIONS':
        return reply(request, 200, [['Public', METHODS]]);
      case 'DESCRIBE': {
        if (!new URL(uri).pathname.endsWith(PATH)) return reply(request, 404);
        const sdp = buildSession({
          sessionName: 'rtspkit minimal server',
          media: formats.map((f, i) => formatToMedia(f, { control: `trackID=${i}` })),
        });
        return reply(
          request,
          200,
          [
            ['Content-Type', 'application/sdp'],
            ['Content-Base', `${uri.replace(/\/$/, '')}/`],
          ],
          serializeSdp(sdp),
        );
      }
      case 'SETUP': {
        const track = Number(/\/trackID=(\d+)$/.exec(uri)?.[1] ?? -1);
        if (formats[track] === undefined) return reply(request, 404);
        // Interleaved TCP only: the first offer that asks for it.
        const offer = parseTransports(getHeader(request.headers, 'Transport') ?? '').find(
          (t) => t.lowerTransport === 'TCP',
        );
        const channel = offer?.interleaved?.[0] ?? 2 * track;
        if (offer === undefined) return reply(request, 461);
        channels.set(track, channel);
        return reply(request, 200, [
          ['Session', `${session};timeout=60`],
          ['Transport', serializeTransport({ ...offer, interleaved: [channel, channel + 1] })],
        ]);
      }
      case 'PLAY':
        if (timer !== undefined) return reply(request, 200, [['Session', session]]);
        return play(request);
      case 'TEARDOWN':
        clearInterval(timer);
        timer = undefined;
        return reply(request, 200, [['Session', session]]);
      case 'GET_PARAMETER':
        return reply(request, 200, [['Session', session]]);
      default:
        return reply(request, 405, [['Allow', METHODS]]);
    }
  };

  socket.on('data', (chunk: Buffer) => {
    try {
      for (const item of reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))) {
        if (item.kind === 'request') handle(item);
        // Interleaved frames from the client (RTCP receiver reports) are ignored here.
      }
    } catch {
      socket.destroy(); // not RTSP
    }
  });
  socket.on('error', () => {});
  socket.on('close', () => clearInterval(timer));
}

/** `$`, channel, length, packet — every packet of one access unit in one buffer. */
function interleaved(packets: readonly RtpPacket[], channel: number): Uint8Array {
  const out = new Uint8Array(packets.reduce((n, p) => n + 4 + rtpPacketSize(p), 0));
  let o = 0;
  for (const p of packets) {
    const n = serializeRtpPacketInto(p, out, o + 4);
    out.set([0x24, channel, n >>> 8, n & 0xff], o);
    o += 4 + n;
  }
  return out;
}

/** Listens on `port` (0: any free port) at `host`; resolves with the server and its URL. */
export async function startMinimalServer(port = 8554, host = '127.0.0.1'): Promise<{ server: Server; url: string }> {
  const server = createServer(serveConnection);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return { server, url: `rtsp://${host}:${(server.address() as AddressInfo).port}${PATH}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startMinimalServer(Number(process.argv[2] ?? 8554));
  console.log(`serving ${url}\n  ffplay -rtsp_transport tcp ${url}`);
}
