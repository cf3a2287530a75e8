import { join } from 'node:path';
import { ffprobe, missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCustomServer } from '../src/main.js';

const SECONDS = 4;

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('a custom source served by @rtspkit/server', () => {
  let started: Awaited<ReturnType<typeof startCustomServer>>;
  const dir = tempDir('rtspkit-custom-source-');
  beforeAll(async () => {
    started = await startCustomServer(0, { ffmpeg: requirePeer('ffmpeg'), size: '320x240', fps: 25 });
  });
  afterAll(async () => {
    await started.server.close();
    dir.remove();
  });

  for (const transport of ['tcp', 'http'] as const) {
    it(`FFmpeg records ${SECONDS} s of the live test pattern over ${transport}`, { timeout: 60_000 }, async () => {
      const out = join(dir.path, `${transport}.mkv`);
      const r = await runProcess(
        requirePeer('ffmpeg'),
        [
          ...['-v', 'error', '-timeout', '10000000', '-rtsp_transport', transport, '-i', started.url],
          ...['-t', String(SECONDS), '-c', 'copy', '-y', out],
        ],
        { timeoutMs: 45_000 },
      );
      expect(r.code, `ffmpeg failed (timed out: ${r.timedOut}): ${r.stderr}`).toBe(0);
      const probe = await ffprobe(out, { countFrames: true });
      expect(probe.streams).toHaveLength(1);
      expect(probe.streams[0]).toMatchObject({ codecName: 'h264', width: 320, height: 240 });
      // SECONDS of a 25 fps stream, ±10%.
      expect(probe.streams[0]?.frames).toBeGreaterThanOrEqual(SECONDS * 25 * 0.9);
      expect(probe.streams[0]?.frames).toBeLessThanOrEqual(SECONDS * 25 * 1.1);
      const session = started.server.stats().sessions;
      expect(session.map((s) => s.framesDropped)).toEqual(session.map(() => 0));
    });
  }
});
