import { fileURLToPath } from 'node:url';
import { freeTcpPort, startCamera, startProcess } from '@rtspkit/test-utils';
import { median } from '../harness.js';
import { cpuSeconds } from './cpu.js';
import { FanoutReader } from './readers.js';
import type { BenchStream } from './stream.js';

/** A server under test, started in a process of its own. */
export type FanoutServer = {
  readonly name: string;
  /** Starts the file again at its end (rtspkit's FileSource); false: plays it once. */
  readonly loops: boolean;
  start(stream: BenchStream): Promise<RunningServer>;
};

type RunningServer = { readonly pid: number; readonly port: number; readonly url: string; stop(): Promise<void> };

/** What N readers of one server got during the measured window. */
export type FanoutResult = {
  readonly server: string;
  readonly readers: number;
  readonly seconds: number;
  /** Wall time to connect every reader (DESCRIBE, SETUP, PLAY; 25 at a time), seconds. */
  readonly connectSeconds: number;
  /** Server CPU time over wall time, percent of one core. */
  readonly cpuPercent: number;
  /** Median and lowest delivered rate per reader, Mbit/s. */
  readonly medianMbps: number;
  readonly minMbps: number;
  /** Video frames received over frames sent (30 per second per reader), all readers. */
  readonly delivered: number;
  /** Frames more than {@link LATE_MS} behind the reader's best arrival-minus-media time. */
  readonly lateFrames: number;
  /** RTP sequence numbers missing, all readers. */
  readonly missingPackets: number;
};

/** A frame this far behind its reader's steady offset counts as late. */
export const LATE_MS = 100;
const FPS = 30;

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** rtspkit: `our-server.ts` on the Annex-B file, through tsx like the bench itself. */
export const rtspkitServer: FanoutServer = {
  name: 'rtspkit',
  loops: true,
  async start(stream) {
    const port = await freeTcpPort();
    const child = startProcess(
      process.execPath,
      ['--conditions=@rtspkit/source', '--import', 'tsx', here('./our-server.ts'), stream.annexB, String(port)],
      { maxLifeMs: 600_000 },
    );
    await child.waitForOutput(/^ready$/m, 60_000);
    return { pid: child.pid, port, url: `rtsp://127.0.0.1:${port}/bench`, stop: () => child.stop() };
  },
};

/**
 * gst-rtsp-server 1.22 (camera.py) on the MP4 of the same stream: one shared pipeline
 * (qtdemux ! h264parse ! rtph264pay), as rtspkit packetizes once per mount.
 */
export const gstRtspServer: FanoutServer = {
  name: 'gst-rtsp-server 1.22',
  loops: false,
  async start(stream) {
    const camera = await startCamera({
      launch: `( filesrc location=${stream.mp4} ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1 )`,
      shared: true,
      maxLifeMs: 600_000,
    });
    return { pid: camera.pid, port: camera.port, url: camera.url('/test'), stop: () => camera.stop() };
  },
};

/**
 * Starts `server`, connects `readers` readers (TCP interleaved unless `transport` says
 * `udp`; 25 at a time), lets them
 * settle for `warmupMs`, then measures for `seconds`: the server's CPU time (from /proc,
 * the same for both servers), each reader's bytes, frames, lateness and losses.
 */
export async function measureFanout(
  server: FanoutServer,
  stream: BenchStream,
  readers: number,
  options: { readonly seconds: number; readonly warmupMs: number; readonly transport?: 'tcp' | 'udp' },
): Promise<FanoutResult> {
  const running = await server.start(stream);
  const playing: FanoutReader[] = [];
  try {
    const started = performance.now();
    for (let i = 0; i < readers; i += 25) {
      const batch = Array.from({ length: Math.min(25, readers - i) }, () =>
        FanoutReader.play(running.port, running.url, options.transport),
      );
      playing.push(...(await Promise.all(batch)));
    }
    const connectSeconds = (performance.now() - started) / 1000;
    // A server that plays the file once must still be playing at the end of the window
    const needed = connectSeconds + options.warmupMs / 1000 + options.seconds;
    if (!server.loops && needed > stream.seconds - 1) {
      throw new Error(
        `${server.name} plays the ${stream.seconds} s stream once, and connecting ${readers} readers took ` +
          `${connectSeconds.toFixed(1)} s: the window would end ${needed.toFixed(0)} s in. ` +
          `Set BENCH_FANOUT_STREAM_SECONDS=${Math.ceil((needed * 1.3) / 10) * 10} (the stream is made once per length).`,
      );
    }
    await sleep(options.warmupMs);
    for (const r of playing) r.take();
    const cpu0 = cpuSeconds(running.pid);
    const t0 = performance.now();
    await sleep(options.seconds * 1000);
    const cpu1 = cpuSeconds(running.pid);
    const elapsed = (performance.now() - t0) / 1000;
    const counts = playing.map((r) => r.take());
    const mbps = counts.map((c) => (c.bytes * 8) / elapsed / 1e6);
    let late = 0;
    for (const c of counts) {
      const best = Math.min(...c.offsets);
      for (const o of c.offsets) if (o - best > LATE_MS) late++;
    }
    return {
      server: server.name,
      readers,
      seconds: elapsed,
      connectSeconds,
      cpuPercent: ((cpu1 - cpu0) / elapsed) * 100,
      medianMbps: median(mbps),
      minMbps: Math.min(...mbps),
      delivered: counts.reduce((n, c) => n + c.frames, 0) / (readers * FPS * elapsed),
      lateFrames: late,
      missingPackets: counts.reduce((n, c) => n + c.missing, 0),
    };
  } finally {
    for (const r of playing) r.close();
    await running.stop();
  }
}
