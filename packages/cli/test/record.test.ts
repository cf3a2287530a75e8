import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Camera,
  ffprobe,
  missingPeers,
  repoRoot,
  requirePeer,
  runProcess,
  startCamera,
  startProcess,
  tempDir,
} from '@rtspkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressText, segmentName } from '../src/commands/record.js';
import { main } from '../src/main.js';

const cli = join(repoRoot, 'packages', 'cli', 'dist', 'index.js');

/** A live camera: H.264 320x240 at 30 fps (a key frame a second) and AAC 48 kHz stereo. */
function live(options: { bFrames?: boolean } = {}): string {
  const x264 = options.bFrames
    ? 'x264enc speed-preset=ultrafast key-int-max=30 bitrate=300 bframes=2 b-adapt=false ! video/x-h264,profile=main'
    : 'x264enc speed-preset=ultrafast key-int-max=30 bitrate=300 tune=zerolatency ! video/x-h264,profile=constrained-baseline';
  return (
    `( videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 ! ${x264} ` +
    '! rtph264pay name=pay0 pt=96 config-interval=-1 ' +
    'audiotestsrc is-live=true ! audio/x-raw,rate=48000,channels=2 ! avenc_aac ! rtpmp4gpay name=pay1 pt=97 )'
  );
}

/** FFmpeg decodes the whole file and has nothing to say. */
async function decodesCleanly(path: string): Promise<void> {
  const r = await runProcess(requirePeer('ffmpeg'), ['-v', 'error', '-i', path, '-f', 'null', '-'], {
    timeoutMs: 60_000,
  });
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
}

describe('record options', () => {
  it('names segments', () => {
    expect(segmentName('out.mp4', 0)).toBe('out-000.mp4');
    expect(segmentName('dir.v1/out.mp4', 12)).toBe('dir.v1/out-012.mp4');
    expect(segmentName('cam-%05d.mp4', 7)).toBe('cam-00007.mp4');
    expect(segmentName('noext', 1)).toBe('noext-001');
  });

  it('shows elapsed time, size, bitrate and frames', () => {
    expect(progressText({ elapsedS: 65.4, bytes: 2 * 1024 * 1024, frames: 1962, files: ['a.mp4'] })).toBe(
      '01:05  2.0 MiB  257 kbit/s  1962 frames',
    );
  });

  it('exits 2 on bad usage', { timeout: 120_000 }, async () => {
    expect(await main(['record', 'rtsp://h/x'])).toBe(2);
    expect(await main(['record', 'rtsp://h/x', 'o.mp4', '--duration', '-1'])).toBe(2);
    expect(await main(['record', 'rtsp://h/x', 'o.mp4', '--transport', 'smoke'])).toBe(2);
  });
});

describe.skipIf(missingPeers('gst-python', 'ffmpeg', 'ffprobe'))('rtspkit record against gst-rtsp-server', () => {
  let camera: Camera;
  let bframes: Camera;
  const dir = tempDir('rtspkit-record-');
  beforeAll(async () => {
    [camera, bframes] = await Promise.all([
      startCamera({ launch: live(), auth: 'digest', maxLifeMs: 170_000 }),
      startCamera({ launch: live({ bFrames: true }), maxLifeMs: 170_000 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([camera?.stop(), bframes?.stop()]);
    dir.remove();
  });

  for (const transport of ['udp', 'tcp', 'http'] as const) {
    it(`records 5 s over ${transport} with Digest: 150 frames, H.264 and AAC, decodes cleanly`, {
      timeout: 120_000,
    }, async () => {
      const out = join(dir.path, `five-${transport}.mp4`);
      const url = camera.url('/test', { credentials: true });
      const r = await runProcess(
        process.execPath,
        [cli, 'record', url, out, '--duration', '5', '--transport', transport],
        {
          timeoutMs: 60_000,
        },
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`wrote ${out}`);
      expect(r.stderr).not.toContain('secret');
      const probe = await ffprobe(out, { countFrames: true });
      const video = probe.streams.find((s) => s.codecType === 'video')!;
      const audio = probe.streams.find((s) => s.codecType === 'audio')!;
      expect([video.codecName, audio.codecName]).toEqual(['h264', 'aac']);
      expect([video.width, video.height]).toEqual([320, 240]);
      expect(audio.sampleRate).toBe(48000);
      expect(Math.abs(video.frames! - 150)).toBeLessThanOrEqual(7);
      expect(probe.duration).toBeGreaterThan(4.75);
      expect(probe.duration).toBeLessThan(5.4);
      await decodesCleanly(out);
    });
  }

  it('records B-frames with decode times FFmpeg accepts', { timeout: 120_000 }, async () => {
    const out = join(dir.path, 'bframes.mp4');
    const r = await runProcess(
      process.execPath,
      [cli, 'record', bframes.url(), out, '--duration', '3', '--transport', 'tcp'],
      {
        timeoutMs: 60_000,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const probe = await ffprobe(out, { countFrames: true });
    const video = probe.streams.find((s) => s.codecType === 'video')!;
    expect(video.profile).toBe('Main');
    expect(Math.abs(video.frames! - 90)).toBeLessThanOrEqual(5);
    await decodesCleanly(out);
  });

  it('cuts segments at key frames with --segment', { timeout: 120_000 }, async () => {
    const out = join(dir.path, 'seg.mp4');
    const r = await runProcess(
      process.execPath,
      [
        cli,
        'record',
        camera.url('/test', { credentials: true }),
        out,
        '--duration',
        '5',
        '--segment',
        '2',
        '--transport',
        'tcp',
      ],
      { timeoutMs: 60_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const files = [0, 1, 2].map((n) => join(dir.path, `seg-00${n}.mp4`));
    let frames = 0;
    for (const f of files) {
      expect(existsSync(f), f).toBe(true);
      const probe = await ffprobe(f, { countFrames: true });
      frames += probe.streams.find((s) => s.codecType === 'video')!.frames!;
      await decodesCleanly(f);
    }
    expect(existsSync(join(dir.path, 'seg-003.mp4'))).toBe(false);
    expect(Math.abs(frames - 150)).toBeLessThanOrEqual(7);
  });

  it('stops cleanly on Ctrl-C with a playable file', { timeout: 120_000 }, async () => {
    const out = join(dir.path, 'interrupted.mp4');
    const proc = startProcess(
      process.execPath,
      [cli, 'record', camera.url('/test', { credentials: true }), out, '--transport', 'tcp'],
      {
        maxLifeMs: 60_000,
      },
    );
    try {
      // Not a TTY: plain progress lines, the first after 5 s.
      await proc.waitForOutput(/frames\n/, 30_000);
      process.kill(proc.pid, 'SIGINT');
      expect(await proc.exited(20_000), proc.output()).toBe(0);
    } finally {
      await proc.stop();
    }
    expect(proc.output()).toContain(`wrote ${out}`);
    const probe = await ffprobe(out, { countFrames: true });
    expect(probe.streams.find((s) => s.codecType === 'video')!.frames).toBeGreaterThan(60);
    await decodesCleanly(out);
  });

  it('explains a wrong password, exit 1', { timeout: 120_000 }, async () => {
    const out = join(dir.path, 'never.mp4');
    const r = await runProcess(
      process.execPath,
      [cli, 'record', `rtsp://user:bad@127.0.0.1:${camera.port}/test`, out],
      {
        timeoutMs: 60_000,
      },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused the username or password');
    expect(existsSync(out)).toBe(false);
  });
});
