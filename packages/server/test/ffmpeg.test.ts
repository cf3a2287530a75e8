import { join } from 'node:path';
import { missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RtspServer } from '../src/server.js';
import { expectSampleRecording, startSampleServer } from './peers.js';

const skip = missingPeers('ffmpeg', 'ffprobe');

describe.skipIf(skip)('FFmpeg reads the sample from the server', () => {
  let server: RtspServer;
  let port: number;
  const dir = tempDir('rtspkit-server-ffmpeg-');

  beforeAll(async () => {
    ({ server, port } = await startSampleServer());
  });
  afterAll(async () => {
    await server.close();
    dir.remove();
  });

  const runs: [mount: string, transport: string, codec: 'h264' | 'hevc', profile: string][] = [
    ['/sample', 'udp', 'h264', 'Constrained Baseline'],
    ['/sample', 'tcp', 'h264', 'Constrained Baseline'],
    ['/sample-high', 'tcp', 'h264', 'High'],
    ['/sample-h265', 'tcp', 'hevc', 'Main'],
  ];
  for (const [mount, transport, codec, profile] of runs) {
    it(`records 5 s of ${mount} over ${transport}`, { timeout: 60_000 }, async () => {
      const out = join(dir.path, `${mount.slice(1)}-${transport}.mp4`);
      const url = `rtsp://127.0.0.1:${port}${mount}`;
      const r = await runProcess(
        requirePeer('ffmpeg'),
        [
          '-v',
          'error',
          '-rtsp_transport',
          transport,
          '-timeout',
          '10000000',
          '-i',
          url,
          '-t',
          '5',
          '-c',
          'copy',
          '-y',
          out,
        ],
        { timeoutMs: 45_000 },
      );
      expect(r.code, `ffmpeg ${url} over ${transport} failed (timed out: ${r.timedOut}): ${r.stderr}`).toBe(0);
      await expectSampleRecording(out, { codec, profile }, 5);
      // The session ended with ffmpeg's TEARDOWN (or its connection): nothing is left behind.
      await expect.poll(() => server.sessions.size, { timeout: 10_000 }).toBe(0);
      expect(server.udpPairs).toBe(0);
    });
  }
});
