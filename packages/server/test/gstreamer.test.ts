import { join } from 'node:path';
import { ffprobe, missingPeers, requirePeer, startProcess, tempDir } from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RtspServer } from '../src/server.js';
import { startSampleServer } from './peers.js';

const skip = missingPeers('gst-launch-1.0', 'ffprobe');

describe.skipIf(skip)('GStreamer rtspsrc reads the sample from the server', () => {
  let server: RtspServer;
  let port: number;
  const dir = tempDir('rtspkit-server-gst-');

  beforeAll(async () => {
    ({ server, port } = await startSampleServer());
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  for (const protocols of ['udp', 'tcp']) {
    it(`records /sample over ${protocols}`, { timeout: 60_000 }, async () => {
      const out = join(dir.path, `gst-${protocols}.mkv`);
      const url = `rtsp://127.0.0.1:${port}/sample`;
      // Matroska rather than MP4: mp4mux may hang at end of stream after rtspsrc.
      const gst = startProcess(
        requirePeer('gst-launch-1.0'),
        [
          '-e',
          'rtspsrc',
          `location=${url}`,
          `protocols=${protocols}`,
          'name=src',
          'src.',
          '!',
          'rtph264depay',
          '!',
          'h264parse',
          '!',
          'matroskamux',
          'name=mux',
          '!',
          'filesink',
          `location=${out}`,
          'src.',
          '!',
          'rtpmp4gdepay',
          '!',
          'aacparse',
          '!',
          'mux.',
        ],
        { maxLifeMs: 50_000 },
      );
      // About 5 s of audio and video frames (30 + 46.875 a second).
      let transport: string | undefined;
      await expect
        .poll(
          () => {
            const session = [...server.sessions.values()].find((s) => s.counters.framesSent >= 400);
            transport = session?.transport;
            return session !== undefined;
          },
          { timeout: 30_000 },
        )
        .toBe(true);
      expect(transport).toBe(protocols);
      process.kill(gst.pid, 'SIGINT'); // -e: EOS, then the muxer finishes the file
      const code = await gst.exited(20_000);
      expect(code, gst.output()).toBe(0);
      const probe = await ffprobe(out, { countFrames: true });
      const video = probe.streams.find((s) => s.codecType === 'video');
      const audio = probe.streams.find((s) => s.codecType === 'audio');
      expect(video).toMatchObject({ codecName: 'h264', width: 640, height: 360 });
      expect(audio).toMatchObject({ codecName: 'aac', sampleRate: 48_000, channels: 2 });
      // Frames at the stream's rate over however long it ran: 30 fps, 46.875 AAC frames/s.
      const seconds = probe.duration ?? 0;
      expect(seconds).toBeGreaterThan(3);
      expect((video?.frames ?? 0) / seconds).toBeGreaterThan(30 * 0.9);
      expect((video?.frames ?? 0) / seconds).toBeLessThan(30 * 1.1);
      expect((audio?.frames ?? 0) / seconds).toBeGreaterThan(46.875 * 0.9);
    });
  }
});
