/**
 * RTSP fan-out: N TCP-interleaved readers on loopback of one ~4 Mbit/s H.264 mount, served
 * by rtspkit and by gst-rtsp-server side by side (each in a process of its own; readers in
 * this one). Reports server CPU, delivered rate per reader, late frames and losses.
 *
 *   pnpm bench -- fan-out
 *   BENCH_FANOUT_READERS=10,100 BENCH_FANOUT_SECONDS=5 pnpm bench -- fan-out
 *   BENCH_FANOUT_TRANSPORT=udp pnpm bench -- fan-out    # UDP unicast readers instead
 */
import { findPeer } from '@rtspkit/test-utils';
import type { Comparison } from '../src/harness.js';
import {
  type FanoutResult,
  type FanoutServer,
  gstRtspServer,
  LATE_MS,
  measureFanout,
  rtspkitServer,
} from '../src/fanout/measure.js';
import { benchStream } from '../src/fanout/stream.js';

const counts = (process.env.BENCH_FANOUT_READERS ?? '10,100,500').split(',').map(Number);
const seconds = Number(process.env.BENCH_FANOUT_SECONDS ?? 8);
const transport = process.env.BENCH_FANOUT_TRANSPORT === 'udp' ? 'udp' : 'tcp';

const METRICS = [
  'server CPU, % of one core',
  'server CPU per reader, % of one core',
  'delivered rate per reader (median), Mbit/s',
  'delivered rate per reader (lowest), Mbit/s',
  'video frames delivered, % of sent',
  `late frames (> ${LATE_MS} ms behind)`,
  'RTP packets missing',
  'time to connect every reader, s',
];

const valuesOf = (r: FanoutResult) => [
  r.cpuPercent,
  r.cpuPercent / r.readers,
  r.medianMbps,
  r.minMbps,
  r.delivered * 100,
  r.lateFrames,
  r.missingPackets,
  r.connectSeconds,
];

export async function comparisons(selected: (name: string) => boolean): Promise<Comparison[]> {
  const name = (n: number) =>
    `RTSP fan-out: ${n} ${transport.toUpperCase()} readers of a 4 Mbit/s H.264 mount, ${seconds} s`;
  const wanted = counts.filter((n) => selected(name(n)));
  if (wanted.length === 0) return [];
  if (findPeer('ffmpeg') === null) {
    process.stderr.write('skipping RTSP fan-out: ffmpeg (which makes the stream) is not installed\n');
    return [];
  }
  const stream = await benchStream();
  const peers: FanoutServer[] = [];
  if (findPeer('gst-python') !== null) peers.push(gstRtspServer);
  else
    process.stderr.write(
      'RTSP fan-out: no gst-rtsp-server (GStreamer GI bindings for /usr/bin/python3); rtspkit alone\n',
    );
  const out: Comparison[] = [];
  for (const [i, n] of wanted.entries()) {
    process.stderr.write(`running ${name(n)} (${[rtspkitServer, ...peers].map((s) => s.name).join(' vs ')})…\n`);
    // Alternate which server goes first, so drift in machine load hits both alike.
    const order = i % 2 === 0 ? [rtspkitServer, ...peers] : [...peers, rtspkitServer];
    const results = new Map<FanoutServer, FanoutResult>();
    for (const server of order) {
      results.set(server, await measureFanout(server, stream, n, { seconds, warmupMs: 2000, transport }));
    }
    out.push({
      name: `${name(n)} (stream ${(stream.bitsPerSecond / 1e6).toFixed(2)} Mbit/s)`,
      metrics: METRICS,
      ours: { name: rtspkitServer.name, values: valuesOf(results.get(rtspkitServer) as FanoutResult) },
      peers: peers.map((p) => ({ name: p.name, values: valuesOf(results.get(p) as FanoutResult) })),
    });
  }
  return out;
}
