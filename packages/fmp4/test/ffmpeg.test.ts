import { writeFileSync } from 'node:fs';
import { join as joinPath } from 'node:path';
import { samples as media } from '@rtspkit/sample';
import { ffprobe, missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { Fmp4Recorder, type FragmentPolicy, type Track } from '../src/index.js';
import { type Elementary, interleave, loadAac, loadH264, loadH265 } from './media.js';

/** Display slot of each coded picture, from ffprobe's decoded frames (presentation order). */
async function presentationIndex(path: string): Promise<number[]> {
  const r = await runProcess(
    requirePeer('ffprobe'),
    ['-v', 'error', '-of', 'json', '-show_entries', 'frame=coded_picture_number', path],
    { timeoutMs: 30_000 },
  );
  const frames = (JSON.parse(r.stdout.toString('utf8')) as { frames: Array<{ coded_picture_number: number }> }).frames;
  const index: number[] = [];
  frames.forEach((f, display) => {
    index[f.coded_picture_number] = display;
  });
  return index;
}

const dir = tempDir('rtspkit-fmp4-');
afterAll(() => dir.remove());

function record(name: string, streams: Array<Elementary<Track>>, fragment: FragmentPolicy): string {
  const rec = new Fmp4Recorder({ tracks: streams.map((s) => s.track), fragment, keepChunks: true });
  for (const { trackId, sample } of interleave(...streams)) rec.push(trackId, sample);
  const { chunks } = rec.finish();
  const path = joinPath(dir.path, name);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}

async function decodeErrors(path: string): Promise<string> {
  const r = await runProcess(requirePeer('ffmpeg'), ['-v', 'error', '-i', path, '-f', 'null', '-'], {
    timeoutMs: 30_000,
  });
  expect(r.code).toBe(0);
  return r.stderr;
}

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('ffprobe and ffmpeg read the sample fixtures we mux', () => {
  const frame = 1 / 30;

  it.each([['gop'], ['frame']] as const)('H.264 baseline (%s fragments)', async (fragment) => {
    const video = loadH264(media.h264Baseline.path, 1);
    expect(video.codec).toBe('avc1.42C01E');
    const path = record(`baseline-${fragment}.mp4`, [video], fragment);
    const probe = await ffprobe(path, { countFrames: true });
    expect(probe.streams).toHaveLength(1);
    expect(probe.streams[0]).toMatchObject({ codecName: 'h264', width: 640, height: 360, frames: 300 });
    expect(Math.abs(probe.duration! - 10)).toBeLessThanOrEqual(frame);
    expect(Math.abs(probe.streams[0]!.duration! - 10)).toBeLessThanOrEqual(frame);
    expect(await decodeErrors(path)).toBe('');
  });

  it('H.264 High with B-frames: DTS from the POC extractor, PTS order kept', async () => {
    const order = await presentationIndex(media.h264High.path);
    const video = loadH264(media.h264High.path, 1, order);
    expect(video.samples.some((s) => s.dts !== s.pts)).toBe(true);
    const path = record('high-bframes.mp4', [video], 'gop');
    const probe = await ffprobe(path, { countFrames: true });
    expect(probe.streams[0]).toMatchObject({
      codecName: 'h264',
      profile: 'High',
      width: 640,
      height: 360,
      frames: 300,
    });
    expect(Math.abs(probe.streams[0]!.duration! - 10)).toBeLessThanOrEqual(frame);
    expect(await decodeErrors(path)).toBe('');
    // presentation timestamps come back strictly increasing in display order
    const r = await runProcess(
      requirePeer('ffprobe'),
      ['-v', 'error', '-of', 'json', '-show_entries', 'frame=pts', path],
      { timeoutMs: 30_000 },
    );
    const pts = (JSON.parse(r.stdout.toString('utf8')) as { frames: Array<{ pts: number }> }).frames.map((f) => f.pts);
    expect(pts).toHaveLength(300);
    for (let i = 1; i < pts.length; i++) expect(pts[i]! - pts[i - 1]!).toBe(3000);
  });

  it('H.265 (hvc1)', async () => {
    const video = loadH265(media.h265.path, 1);
    const path = record('h265.mp4', [video], 'gop');
    const probe = await ffprobe(path, { countFrames: true });
    expect(probe.streams[0]).toMatchObject({
      codecName: 'hevc',
      profile: 'Main',
      width: 640,
      height: 360,
      frames: 300,
    });
    expect(Math.abs(probe.streams[0]!.duration! - 10)).toBeLessThanOrEqual(frame);
    expect(await decodeErrors(path)).toBe('');
  });

  it('AAC-LC', async () => {
    const audio = loadAac(media.aac.path, 1);
    expect(audio.codec).toBe('mp4a.40.2');
    const path = record('aac.mp4', [audio], 'gop');
    const probe = await ffprobe(path, { countFrames: true });
    expect(probe.streams[0]).toMatchObject({ codecName: 'aac', sampleRate: 48000, channels: 2, frames: 470 });
    const seconds = (470 * 1024) / 48000;
    expect(Math.abs(probe.streams[0]!.duration! - seconds)).toBeLessThanOrEqual(1024 / 48000);
    expect(await decodeErrors(path)).toBe('');
  });

  it('H.264 + AAC in one file, one fragment per GOP', async () => {
    const video = loadH264(media.h264Baseline.path, 1);
    const audio = loadAac(media.aac.path, 2);
    const path = record('h264-aac.mp4', [video, audio], 'gop');
    const probe = await ffprobe(path, { countFrames: true });
    const v = probe.streams.find((s) => s.codecType === 'video')!;
    const a = probe.streams.find((s) => s.codecType === 'audio')!;
    expect(v).toMatchObject({ codecName: 'h264', width: 640, height: 360, frames: 300 });
    expect(a).toMatchObject({ codecName: 'aac', frames: 470 });
    expect(Math.abs(probe.duration! - 10.0267)).toBeLessThanOrEqual(frame);
    expect(await decodeErrors(path)).toBe('');
  });
});
