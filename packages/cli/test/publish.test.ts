import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatsOf } from '@rtspkit/format';
import { samples } from '@rtspkit/sample';
import { controlOf } from '@rtspkit/sdp';
import { createServer, FileSource } from '@rtspkit/server';
import {
  ffprobe,
  freeTcpPort,
  missingPeers,
  recordToFilesLaunch,
  requirePeer,
  startProcess,
  tempDir,
} from '@rtspkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { announcement } from '../src/commands/publish.js';
import { main } from '../src/main.js';
import { useCameras, useTempDir } from './camera.js';
import { interruptAfterProgress, rtspkit } from './rtspkit.js';

const VIDEO_FRAMES = samples.h264Baseline.frames;
const AUDIO_FRAMES = samples.aac.frames;

/** `expected` within 5 %. */
function expectAbout(actual: number | undefined, expected: number, what: string): void {
  expect(actual, what).toBeDefined();
  expect(Math.abs(actual! - expected), `${what}: ${actual}, expected ${expected} ± 5 %`).toBeLessThanOrEqual(
    Math.ceil(expected * 0.05),
  );
}

/** Frames of each stream of a file, by codec name. */
async function framesOf(path: string): Promise<Record<string, number | undefined>> {
  const probe = await ffprobe(path, { countFrames: true });
  return Object.fromEntries(probe.streams.map((s) => [s.codecName, s.frames]));
}

/** Resolves once `path` exists and has not grown for `quietMs` (a receiver flushing its file). */
async function settled(path: string, timeoutMs = 20_000, quietMs = 700): Promise<void> {
  const end = Date.now() + timeoutMs;
  let size = -1;
  let since = Date.now();
  while (Date.now() < end) {
    const now = existsSync(path) ? statSync(path).size : -1;
    if (now !== size) {
      size = now;
      since = Date.now();
    } else if (size > 0 && Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} did not settle within ${timeoutMs} ms (size ${size})`);
}

describe('publish options', () => {
  it('announces one section per file, trackID=<index>, with its format', async () => {
    const source = new FileSource({ files: [samples.h265.path, samples.aac.path], loop: false });
    const sdp = announcement(await source.open());
    expect(sdp.media.map((m) => [m.type, controlOf(m), formatsOf(m)[0]?.codec])).toEqual([
      ['video', 'trackID=0', 'h265'],
      ['audio', 'trackID=1', 'mpeg4-audio'],
    ]);
  });

  it('exits 2 on bad usage', async () => {
    expect(await main(['publish'])).toBe(2);
    expect(await main(['publish', 'a.h264'])).toBe(2);
    expect(await main(['publish', 'rtsp://h/x', '--transport', 'http'])).toBe(2);
    expect(await main(['publish', 'rtsp://h/x', '--frobnicate'])).toBe(2);
  });

  it('exits 1 naming a file it cannot read, or cannot use', { timeout: 30_000 }, async () => {
    const missing = await rtspkit(['publish', 'nowhere.h264', 'rtsp://127.0.0.1:9/x'], 20_000);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('cannot read nowhere.h264 (ENOENT)');
    expect(missing.stderr).toContain('try: check the path');
    const two = await rtspkit(
      ['publish', samples.h264Baseline.path, samples.h265.path, 'rtsp://127.0.0.1:9/x'],
      20_000,
    );
    expect(two.code).toBe(1);
    expect(two.stderr).toContain('at most one video and one audio');
  });
});

describe.skipIf(missingPeers('gst-python', 'ffprobe'))("rtspkit publish to gst-rtsp-server's RECORD mount", () => {
  const dir = useTempDir('rtspkit-publish-gst-');
  const video = join(dir, 'received.h264');
  const audio = join(dir, 'received.aac');
  const hevc = join(dir, 'received.h265');
  const bFrames = join(dir, 'received-high.h264');
  const cameras = useCameras({
    receiver: {
      record: true,
      auth: 'digest',
      launch: recordToFilesLaunch({ path: video, codec: 'h264' }, { path: audio, codec: 'aac' }),
      mounts: {
        '/hevc': recordToFilesLaunch({ path: hevc, codec: 'h265' }),
        '/high': recordToFilesLaunch({ path: bFrames, codec: 'h264' }),
      },
    },
  });

  for (const transport of ['tcp', 'udp'] as const) {
    it(`publishes the sample over ${transport} with Digest: every video and audio frame arrives`, {
      timeout: 90_000,
    }, async () => {
      // What an earlier session wrote must not count.
      for (const f of [video, audio]) rmSync(f, { force: true });
      const r = await rtspkit([
        'publish',
        cameras.receiver.url('/test', { credentials: true }),
        '--transport',
        transport,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`recording over ${transport}`);
      expect(r.stderr).toContain('published the sample');
      expect(r.stderr).not.toContain('secret');
      await Promise.all([settled(video), settled(audio)]);
      const frames = { ...(await framesOf(video)), ...(await framesOf(audio)) };
      expectAbout(frames.h264, VIDEO_FRAMES, 'h264 frames gst-rtsp-server wrote');
      expectAbout(frames.aac, AUDIO_FRAMES, 'aac frames gst-rtsp-server wrote');
    });
  }

  for (const { what, file, path, out, codec } of [
    { what: 'H.265', file: samples.h265, path: '/hevc', out: hevc, codec: 'hevc' },
    { what: 'H.264 High with B-frames', file: samples.h264High, path: '/high', out: bFrames, codec: 'h264' },
  ]) {
    it(`publishes ${what} from a file: every frame arrives`, { timeout: 90_000 }, async () => {
      const r = await rtspkit([
        'publish',
        file.path,
        cameras.receiver.url(path, { credentials: true }),
        '--transport',
        'tcp',
      ]);
      expect(r.code, r.stderr).toBe(0);
      await settled(out);
      expectAbout((await framesOf(out))[codec], file.frames, `${codec} frames gst-rtsp-server wrote`);
    });
  }

  it('explains a wrong password, exit 1', { timeout: 60_000 }, async () => {
    const r = await rtspkit(['publish', `rtsp://user:bad@127.0.0.1:${cameras.receiver.port}/test`], 30_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `refused the username or password (401) (rtsp://127.0.0.1:${cameras.receiver.port}/test)`,
    );
    expect(r.stderr).toContain('try: check the username and password');
  });
});

/** True when a TCP socket listens on `port` (Linux: state 0A in /proc/net/tcp). */
function listening(port: number): boolean {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  return ['/proc/net/tcp', '/proc/net/tcp6'].some((table) => {
    if (!existsSync(table)) return false;
    return readFileSync(table, 'latin1')
      .split('\n')
      .some((line) => {
        const fields = line.trim().split(/\s+/);
        return `${fields[1]} `.endsWith(hex) && fields[3] === '0A';
      });
  });
}

/** `ffmpeg -rtsp_flags listen` on a free port, copying what it receives to `out`. */
async function ffmpegListener(out: string): Promise<{ url: string; proc: ReturnType<typeof startProcess> }> {
  const port = await freeTcpPort();
  const url = `rtsp://127.0.0.1:${port}/live`;
  const proc = startProcess(
    requirePeer('ffmpeg'),
    ['-v', 'error', '-rtsp_flags', 'listen', '-i', url, '-c', 'copy', '-y', out],
    { maxLifeMs: 80_000 },
  );
  // FFmpeg accepts one connection only: watch for its listening socket instead of trying it.
  const end = Date.now() + 20_000;
  while (!listening(port)) {
    if (Date.now() > end) throw new Error(`ffmpeg did not listen on ${port} within 20 s:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, proc };
}

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('rtspkit publish to ffmpeg -rtsp_flags listen', () => {
  const dir = tempDir('rtspkit-publish-ffmpeg-');
  afterAll(() => dir.remove());

  for (const transport of ['tcp', 'udp'] as const) {
    it(`publishes the sample over ${transport}; ffmpeg -c copy out.mp4 has every frame`, {
      timeout: 90_000,
    }, async () => {
      const out = join(dir.path, `out-${transport}.mp4`);
      const ffmpeg = await ffmpegListener(out);
      try {
        const r = await rtspkit(['publish', ffmpeg.url, '--transport', transport]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain(`recording over ${transport}`);
        // TEARDOWN ends FFmpeg's input: it finishes the file and exits 0.
        expect(await ffmpeg.proc.exited(20_000), ffmpeg.proc.output()).toBe(0);
      } finally {
        await ffmpeg.proc.stop();
      }
      const frames = await framesOf(out);
      expectAbout(frames.h264, VIDEO_FRAMES, 'h264 frames in out.mp4');
      expectAbout(frames.aac, AUDIO_FRAMES, 'aac frames in out.mp4');
    });
  }

  it('stops on Ctrl-C with TEARDOWN while looping; FFmpeg finishes its file', { timeout: 90_000 }, async () => {
    const out = join(dir.path, 'interrupted.mp4');
    const ffmpeg = await ffmpegListener(out);
    try {
      const output = await interruptAfterProgress(['publish', ffmpeg.url, '--transport', 'tcp', '--loop']);
      expect(output).toContain('in a loop');
      expect(output).toContain('published the sample');
      expect(await ffmpeg.proc.exited(20_000), ffmpeg.proc.output()).toBe(0);
    } finally {
      await ffmpeg.proc.stop();
    }
    const frames = await framesOf(out);
    // At least the 5 s before the first progress line: 150 frames at 30 fps.
    expect(frames.h264).toBeGreaterThanOrEqual(140);
  });
});

describe('rtspkit publish to our server', () => {
  it('is refused: mounts are play-only (405), and the message says so', { timeout: 60_000 }, async () => {
    const server = createServer({
      host: '127.0.0.1',
      port: 0,
      udpPortRange: false,
      mounts: { '/sample': new FileSource({ files: [samples.h264Baseline.path] }) },
    });
    const { port } = await server.listen();
    try {
      const url = `rtsp://127.0.0.1:${port}/sample`;
      const r = await rtspkit(['publish', url, '--transport', 'tcp'], 30_000);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`ANNOUNCE answered 405 Method Not Allowed (${url})`);
      expect(r.stderr).toContain('to publish, use a path of a server that accepts ANNOUNCE/RECORD');
    } finally {
      await server.close();
    }
  });
});
