import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { samples } from '@rtspkit/sample';
import { createServer, FileSource } from '@rtspkit/server';
import { ffprobe, liveLaunch, missingPeers, requirePeer, runProcess } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { segmentName } from '../src/commands/record.js';
import { main } from '../src/main.js';
import { useCameras, useTempDir } from './camera.js';
import { interruptAfterProgress, rtspkit, rtspkitOnTerminal } from './rtspkit.js';

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

  it('exits 2 on bad usage', { timeout: 120_000 }, async () => {
    expect(await main(['record', 'rtsp://h/x'])).toBe(2);
    expect(await main(['record', 'rtsp://h/x', 'o.mp4', '--duration', '-1'])).toBe(2);
    expect(await main(['record', 'rtsp://h/x', 'o.mp4', '--transport', 'smoke'])).toBe(2);
  });
});

describe.skipIf(missingPeers('gst-python', 'ffmpeg', 'ffprobe'))('rtspkit record against gst-rtsp-server', () => {
  const dir = useTempDir('rtspkit-record-');
  const cameras = useCameras({
    live: { launch: liveLaunch(), auth: 'digest' },
    bFrames: { launch: liveLaunch({ bFrames: true }) },
  });

  for (const transport of ['udp', 'tcp', 'http'] as const) {
    it(`records 5 s over ${transport} with Digest: 150 frames, H.264 and AAC, decodes cleanly`, {
      timeout: 120_000,
    }, async () => {
      const out = join(dir, `five-${transport}.mp4`);
      const url = cameras.live.url('/test', { credentials: true });
      const r = await rtspkit(['record', url, out, '--duration', '5', '--transport', transport]);
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
    const out = join(dir, 'bframes.mp4');
    const r = await rtspkit(['record', cameras.bFrames.url(), out, '--duration', '3', '--transport', 'tcp']);
    expect(r.code, r.stderr).toBe(0);
    const probe = await ffprobe(out, { countFrames: true });
    const video = probe.streams.find((s) => s.codecType === 'video')!;
    expect(video.profile).toBe('Main');
    expect(Math.abs(video.frames! - 90)).toBeLessThanOrEqual(5);
    await decodesCleanly(out);
  });

  it('cuts segments at key frames with --segment', { timeout: 120_000 }, async () => {
    const out = join(dir, 'seg.mp4');
    const r = await rtspkit([
      'record',
      cameras.live.url('/test', { credentials: true }),
      out,
      '--duration',
      '5',
      '--segment',
      '2',
      '--transport',
      'tcp',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const files = [0, 1, 2].map((n) => join(dir, `seg-00${n}.mp4`));
    let frames = 0;
    for (const f of files) {
      expect(existsSync(f), f).toBe(true);
      const probe = await ffprobe(f, { countFrames: true });
      frames += probe.streams.find((s) => s.codecType === 'video')!.frames!;
      await decodesCleanly(f);
    }
    expect(existsSync(join(dir, 'seg-003.mp4'))).toBe(false);
    expect(Math.abs(frames - 150)).toBeLessThanOrEqual(7);
  });

  it('stops cleanly on Ctrl-C with a playable file', { timeout: 120_000 }, async () => {
    const out = join(dir, 'interrupted.mp4');
    const output = await interruptAfterProgress([
      'record',
      cameras.live.url('/test', { credentials: true }),
      out,
      '--transport',
      'tcp',
    ]);
    expect(output).toContain(`wrote ${out}`);
    const probe = await ffprobe(out, { countFrames: true });
    expect(probe.streams.find((s) => s.codecType === 'video')!.frames).toBeGreaterThan(60);
    await decodesCleanly(out);
  });

  it('explains a wrong password, exit 1', { timeout: 120_000 }, async () => {
    const out = join(dir, 'never.mp4');
    const r = await rtspkit(['record', `rtsp://user:bad@127.0.0.1:${cameras.live.port}/test`, out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused the username or password');
    expect(existsSync(out)).toBe(false);
  });
});

/** One redraw of the progress line: `MM:SS  SIZE  RATE kbit/s  N frames`. */
const PROGRESS = /^\d\d:\d\d {2}\d+\.\d [KM]iB {2}\d+ kbit\/s {2}(\d+) frames$/;

describe('rtspkit record on a terminal', () => {
  const dir = useTempDir('rtspkit-record-tty-');

  it('redraws one progress line in place, frames growing, then prints the summary', { timeout: 90_000 }, async () => {
    const server = createServer({
      host: '127.0.0.1',
      port: 0,
      udpPortRange: false,
      mounts: { '/sample': new FileSource({ files: [samples.h264Baseline.path, samples.aac.path] }) },
    });
    const { port } = await server.listen();
    const url = `rtsp://127.0.0.1:${port}/sample`;
    const out = join(dir, 'terminal.mp4');
    let text: string;
    try {
      const r = await rtspkitOnTerminal(['record', url, out, '--duration', '3', '--transport', 'tcp']);
      text = r.stdout.toString('utf8');
      expect(r.code, text).toBe(0);
    } finally {
      await server.close();
    }
    // The terminal turns each \n into \r\n: three lines, the middle one redrawn in place.
    const lines = text.split('\r\n');
    expect(lines, text).toHaveLength(4);
    const [start, progress, summary, end] = lines as [string, string, string, string];
    expect(start).toBe(`recording ${url} to ${out}`);
    expect(end).toBe('');
    // `\r` goes back to the start of the line, `\x1b[K` (EL, erase in line) clears it.
    const redraws = progress.split('\r\x1b[K');
    expect(redraws.shift(), 'nothing before the first redraw').toBe('');
    // About two a second while 3 s of media arrive at real time; two are enough to see growth.
    expect(redraws.length, text).toBeGreaterThanOrEqual(2);
    const frames = redraws.map((r) => {
      const m = PROGRESS.exec(r);
      expect(m, `a progress line, got ${JSON.stringify(r)}`).not.toBeNull();
      return Number(m![1]);
    });
    for (let i = 1; i < frames.length; i++)
      expect(frames[i], `frames ${frames.join(', ')}`).toBeGreaterThanOrEqual(frames[i - 1]!);
    expect(frames.at(-1), `frames ${frames.join(', ')}`).toBeGreaterThan(frames[0]!);
    const m = /^wrote (.+): (.+), (\d+\.\d) s$/.exec(summary);
    expect(m, `the summary line, got ${JSON.stringify(summary)}`).not.toBeNull();
    expect(m![1]).toBe(out);
    const total = PROGRESS.exec(m![2]!);
    expect(total, m![2]).not.toBeNull();
    expect(Number(total![1])).toBeGreaterThanOrEqual(frames.at(-1)!);
  });
});
