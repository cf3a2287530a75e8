import { samples } from '@rtspkit/sample';
import { ffprobe, freeUdpPortPair, type ProbedStream } from '@rtspkit/test-utils';
import { expect } from 'vitest';
import { createServer, type RtspServer, type ServerOptions } from '../src/server.js';
import { FileSource } from '../src/source/file-source.js';

/** The three sample mounts `rtspkit serve` offers by default. */
export function sampleSources() {
  return {
    '/sample': new FileSource({ files: [samples.h264Baseline.path, samples.aac.path] }),
    '/sample-high': new FileSource({ files: [samples.h264High.path, samples.aac.path] }),
    '/sample-h265': new FileSource({ files: [samples.h265.path, samples.aac.path] }),
  };
}

/** A server on a free loopback port with the sample mounts and its own UDP port range. */
export async function startSampleServer(options: ServerOptions = {}): Promise<{ server: RtspServer; port: number }> {
  const first = await freeUdpPortPair();
  const server = createServer({
    port: 0,
    host: '127.0.0.1',
    udpPortRange: [first, Math.min(65535, first + 400)],
    mounts: sampleSources(),
    ...options,
  });
  const address = await server.listen();
  return { server, port: address.port };
}

/** Frames of the sample in `seconds`: video at 30 fps, AAC at 48000/1024 per second. */
export const expected = (seconds: number) => ({ video: seconds * 30, audio: (seconds * 48_000) / 1024 });

/** Checks a recorded file: codecs, resolution, stereo 48 kHz AAC, and frame counts within 5%. */
export async function expectSampleRecording(
  file: string,
  video: { codec: 'h264' | 'hevc'; profile: string },
  seconds: number,
): Promise<{ video: ProbedStream; audio: ProbedStream }> {
  const probe = await ffprobe(file, { countFrames: true });
  const v = probe.streams.find((s) => s.codecType === 'video');
  const a = probe.streams.find((s) => s.codecType === 'audio');
  expect(v, `no video stream in ${file}`).toBeDefined();
  expect(a, `no audio stream in ${file}`).toBeDefined();
  expect(v).toMatchObject({ codecName: video.codec, profile: video.profile, width: 640, height: 360 });
  expect(a).toMatchObject({ codecName: 'aac', sampleRate: 48_000, channels: 2 });
  const want = expected(seconds);
  expect(v?.frames, `video frames of ${file}`).toBeGreaterThanOrEqual(want.video * 0.95);
  expect(v?.frames, `video frames of ${file}`).toBeLessThanOrEqual(want.video * 1.05);
  expect(a?.frames, `audio frames of ${file}`).toBeGreaterThanOrEqual(want.audio * 0.95);
  expect(a?.frames, `audio frames of ${file}`).toBeLessThanOrEqual(want.audio * 1.05);
  return { video: v as ProbedStream, audio: a as ProbedStream };
}
