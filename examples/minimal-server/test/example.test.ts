import { join } from 'node:path';
import { samples } from '@rtspkit/sample';
import { ffprobe, missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMinimalServer } from '../src/server.js';

const SECONDS = 4;

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('the minimal server, played by FFmpeg', () => {
  let server: Awaited<ReturnType<typeof startMinimalServer>>;
  const dir = tempDir('rtspkit-minimal-server-');
  beforeAll(async () => {
    server = await startMinimalServer(0);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.server.close(() => resolve()));
    dir.remove();
  });

  it(`records ${SECONDS} s over TCP: H.264 and AAC at the sample's rates`, { timeout: 60_000 }, async () => {
    const out = join(dir.path, 'out.mkv');
    const r = await runProcess(
      requirePeer('ffmpeg'),
      [
        ...['-v', 'error', '-timeout', '10000000', '-rtsp_transport', 'tcp', '-i', server.url],
        ...['-t', String(SECONDS), '-c', 'copy', '-y', out],
      ],
      { timeoutMs: 45_000 },
    );
    expect(r.code, `ffmpeg failed (timed out: ${r.timedOut}): ${r.stderr}`).toBe(0);
    const probe = await ffprobe(out, { countFrames: true });
    const video = probe.streams.find((s) => s.codecType === 'video');
    const audio = probe.streams.find((s) => s.codecType === 'audio');
    expect(video).toMatchObject({ codecName: 'h264', profile: 'Constrained Baseline', width: 640, height: 360 });
    expect(audio).toMatchObject({ codecName: 'aac', sampleRate: 48_000, channels: 2 });
    // Frames of SECONDS of the stream: 30 fps video, 48000 / 1024 AAC frames per second (±10%).
    const fps = samples.h264Baseline.fps ?? 30;
    expect(video?.frames).toBeGreaterThanOrEqual(SECONDS * fps * 0.9);
    expect(video?.frames).toBeLessThanOrEqual(SECONDS * fps * 1.1);
    expect(audio?.frames).toBeGreaterThanOrEqual(((SECONDS * 48_000) / 1024) * 0.9);
    expect(audio?.frames).toBeLessThanOrEqual(((SECONDS * 48_000) / 1024) * 1.1);
  });
});
