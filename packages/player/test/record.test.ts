import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { samples as media } from '@rtspkit/sample';
import { ffprobe, missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveRecorder, type RecordedFile } from '../src/index.js';
import { interleave, loadAac, loadH264 } from './media.js';

const video = loadH264(media.h264Baseline.path, 1);
const audio = loadAac(media.aac.path, 2);
const tracks = [video.track, audio.track];
/** The sample as a live source delivers it, with RTP-like timestamps that start near the 32-bit wrap. */
const live = interleave(video, audio).map(({ trackId, sample, at }) => {
  const offset = trackId === 1 ? 2 ** 32 - 90_000 : 2 ** 32 - 48_000; // wraps one second in
  return { trackId, at, sample: { ...sample, pts: (sample.pts + offset) % 2 ** 32 } };
});

/** Records the live sample; `events` are triggers: at `at` seconds, for `seconds`. */
function record(
  options: Omit<ConstructorParameters<typeof LiveRecorder>[0], 'tracks' | 'onFile'>,
  events: Array<{ at: number; seconds: number }> = [],
) {
  const files: RecordedFile[] = [];
  const rec = new LiveRecorder({ ...options, tracks, onFile: (f) => files.push(f) });
  const pending = [...events];
  for (const { trackId, sample, at } of live) {
    while (pending.length > 0 && pending[0]!.at <= at) rec.trigger(pending.shift()!.seconds);
    rec.push(trackId, sample);
  }
  rec.stop();
  return files;
}

describe('LiveRecorder', () => {
  it('continuous with a 4 s file length: files cut at key frames, nothing lost, nothing doubled', () => {
    const files = record({ maxFileSeconds: 4 });
    expect(files.map((f) => f.reason)).toEqual(['max-length', 'max-length', 'stop']);
    expect(files.map((f) => Math.round(f.startSeconds))).toEqual([0, 4, 8]);
    expect(files.map((f) => Math.round(f.durationMs / 100) / 10)).toEqual([4, 4, 2]);
  });

  it('event mode keeps only the pre-roll in memory and records pre-roll + event', () => {
    const files: RecordedFile[] = [];
    const rec = new LiveRecorder({ tracks, mode: 'event', preRollSeconds: 2, onFile: (f) => files.push(f) });
    let maxHeld = 0;
    for (const { trackId, sample } of live) {
      rec.push(trackId, sample);
      maxHeld = Math.max(maxHeld, rec.preRollHeld);
    }
    rec.stop();
    expect(files).toEqual([]); // no event, no file
    expect(maxHeld).toBeLessThan(2 + 1 + 0.1); // the pre-roll plus at most one GOP (1 s)
  });

  it('two triggers: the second extends the event', () => {
    const files = record({ mode: 'event', preRollSeconds: 1 }, [
      { at: 4, seconds: 4 },
      { at: 6, seconds: 6 },
    ]);
    // trigger(4) just before the key frame at 4 s (now 3.97 s) → until ~8 s; the pre-roll starts at
    // the key frame at or before 2.97 s, the one at 2 s; trigger(6) → until ~12 s, past the end: closed by stop()
    expect(files).toHaveLength(1);
    expect(files[0]!.reason).toBe('stop');
    expect(files[0]!.startSeconds).toBeCloseTo(2, 6);
  });
});

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('recordings open in FFmpeg', () => {
  const dir = tempDir('rtspkit-player-record-');
  afterAll(() => dir.remove());

  const check = async (file: RecordedFile, name: string, seconds: number) => {
    const path = join(dir.path, name);
    writeFileSync(path, Buffer.concat(file.chunks));
    const probe = await ffprobe(path, { countFrames: true });
    const v = probe.streams.find((s) => s.codecType === 'video');
    const a = probe.streams.find((s) => s.codecType === 'audio');
    expect(v).toMatchObject({ codecName: 'h264', width: 640, height: 360 });
    expect(a).toMatchObject({ codecName: 'aac', sampleRate: 48000, channels: 2 });
    expect(probe.duration).toBeGreaterThan(seconds - 0.1);
    expect(probe.duration).toBeLessThan(seconds + 0.2);
    expect(v!.frames).toBe(seconds * 30);
    expect(Math.abs(a!.frames! - (seconds * 48000) / 1024)).toBeLessThan(3);
    const decode = await runProcess(requirePeer('ffmpeg'), ['-v', 'error', '-nostdin', '-i', path, '-f', 'null', '-'], {
      timeoutMs: 60_000,
    });
    expect(decode.stderr).toBe('');
  };

  it('a 5 s continuous file: 150 frames, 5 s, audio, decodes without a message', async () => {
    const [first] = record({ maxFileSeconds: 5 });
    await check(first!, 'continuous.mp4', 5);
  });

  it('an event just after 6 s for 1.9 s with a 3 s pre-roll: the file runs from the key frame at 3 s to the one at 8 s', async () => {
    const files = record({ mode: 'event', preRollSeconds: 3 }, [{ at: 6.05, seconds: 1.9 }]);
    expect(files).toHaveLength(1);
    expect(files[0]!.reason).toBe('event-end');
    expect(files[0]!.startSeconds).toBeCloseTo(3, 6);
    await check(files[0]!, 'event.mp4', 5);
  });
});
