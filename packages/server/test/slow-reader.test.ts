import type { Format } from '@rtspkit/format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RtspServer } from '../src/server.js';
import type { SourceSink, StreamSource } from '../src/source/types.js';
import { H264, PPS, SPS } from './support.js';
import { TransportReader } from './transport-reader.js';

const FRAME_BYTES = 48 * 1024;
const MAX_QUEUE_BYTES = 256 * 1024;
const MAX_STALL_MS = 2000;

/**
 * A live H.264 source of 48 KiB frames at 30 fps (about 12 Mbit/s), a key frame each
 * second: it fills a stalled reader's socket buffers within a second or two.
 */
class HeavySource implements StreamSource {
  #timer: NodeJS.Timeout | undefined;
  async open(): Promise<readonly Format[]> {
    return [H264];
  }
  start(sink: SourceSink): void {
    let n = 0;
    this.#timer = setInterval(() => {
      const key = n % 30 === 0;
      const slice = new Uint8Array(FRAME_BYTES).fill(n & 0xff);
      slice[0] = key ? 0x65 : 0x41;
      sink.frame({ track: 0, timestamp: n * 3000, key, units: key ? [SPS, PPS, slice] : [slice] });
      n++;
    }, 33);
  }
  stop(): void {
    clearInterval(this.#timer);
  }
}

let server: RtspServer;
let port: number;

beforeAll(async () => {
  server = createServer({
    port: 0,
    host: '127.0.0.1',
    udpPortRange: false,
    mounts: { '/heavy': new HeavySource() },
    limits: { maxQueueBytes: MAX_QUEUE_BYTES, maxStallMs: MAX_STALL_MS },
  });
  port = (await server.listen()).port;
});
afterAll(async () => {
  await server.close();
});

describe('a reader that never reads', () => {
  for (const kind of ['tcp', 'websocket', 'http-tunnel'] as const) {
    it(`over ${kind}: its queue stays under the limit, then it is disconnected; a healthy reader loses nothing`, {
      timeout: 60_000,
    }, async () => {
      const healthy = await TransportReader.play('tcp', port, '/heavy');
      const stalled = await TransportReader.play(kind, port, '/heavy');
      const id = stalled.session;
      stalled.stopReading();
      let maxQueued = 0;
      let dropped = 0;
      let connectionsWhilePlaying = 0;
      // Sample the stalled session in /stats until the server lets it go.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const s = server.stats().sessions.find((x) => x.id === id);
        if (s === undefined) break;
        connectionsWhilePlaying = server.resources().connections;
        maxQueued = Math.max(maxQueued, s.queuedBytes);
        dropped = s.framesDropped;
        if (Date.now() > deadline) throw new Error(`the stalled ${kind} reader was not disconnected within 30 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(maxQueued, 'the stalled reader filled its queue').toBeGreaterThan(0);
      // Over the limit, frames are dropped whole: the queue holds at most the limit and one more frame.
      expect(maxQueued).toBeLessThanOrEqual(MAX_QUEUE_BYTES + FRAME_BYTES + 4096);
      expect(dropped, 'frames dropped before disconnecting').toBeGreaterThan(0);
      await expect
        .poll(() => server.resources().connections, { timeout: 10_000, message: 'its connection is closed' })
        .toBeLessThan(connectionsWhilePlaying);
      // The healthy reader still gets every packet.
      const before = healthy.videoFrames;
      await expect.poll(() => healthy.videoFrames, { timeout: 10_000 }).toBeGreaterThan(before + 15);
      expect(healthy.tracks[0]?.firstSeq).toBe(healthy.tracks[0]?.rtpInfoSeq);
      expect(healthy.tracks[0]?.missing).toBe(0);
      expect(server.stats().sessions.find((x) => x.id === healthy.session)?.framesDropped).toBe(0);
      await stalled.leave('drop');
      await healthy.leave('teardown');
      await expect
        .poll(() => server.resources(), { timeout: 10_000 })
        .toMatchObject({ sessions: 0, connections: 0, queuedBytes: 0 });
    });
  }
});
