import { createFile, MP4BoxBuffer, type Sample as Mp4BoxSample } from 'mp4box';
import { samples as media } from '@rtspkit/sample';
import { describe, expect, it } from 'vitest';
import { Fmp4Muxer, type Sample, type Track } from '../src/index.js';
import { aacTrack, avcTrack, hvcTrack } from './cases.js';
import { join } from './helpers.js';
import { interleave, loadAac, loadH264 } from './media.js';

type Parsed = {
  tracks: Array<{ id: number; codec: string; timescale: number; width: number; height: number; samples: number }>;
  samples: Map<number, Mp4BoxSample[]>;
};

/** Parses a fragmented file with mp4box.js, an independent reader, and extracts every sample. */
function parseWithMp4box(file: Uint8Array): Parsed {
  const mp4 = createFile();
  const out: Parsed = { tracks: [], samples: new Map() };
  mp4.onError = (_module: string, message: string) => {
    throw new Error(`mp4box: ${message}`);
  };
  mp4.onReady = (info) => {
    for (const t of info.tracks) {
      out.tracks.push({
        id: t.id,
        codec: t.codec,
        timescale: t.timescale,
        width: t.video?.width ?? 0,
        height: t.video?.height ?? 0,
        samples: t.nb_samples,
      });
      out.samples.set(t.id, []);
      mp4.setExtractionOptions(t.id, undefined, { nbSamples: 1_000_000 });
    }
    mp4.start();
  };
  mp4.onSamples = (id, _user, samples) => {
    out.samples.get(id)?.push(...samples);
  };
  const buffer = MP4BoxBuffer.fromArrayBuffer(file.slice().buffer, 0);
  mp4.appendBuffer(buffer);
  mp4.flush();
  return out;
}

function muxAll(tracks: Track[], input: Array<[number, Sample]>): Uint8Array {
  const m = new Fmp4Muxer({ tracks, fragment: 'gop' });
  const chunks = input.flatMap(([id, s]) => m.push(id, s));
  return join([...chunks, ...m.flush()]);
}

describe('mp4box.js reads what we write', () => {
  it('H.264 + AAC: codecs, sizes, sample counts, sizes, durations and composition offsets', () => {
    const video: Sample[] = Array.from({ length: 20 }, (_, i) => ({
      dts: i * 3000,
      pts: i * 3000 + (i % 3) * 3000,
      key: i % 10 === 0,
      data: new Uint8Array(10 + i).fill(i),
    }));
    const audio: Sample[] = Array.from({ length: 30 }, (_, i) => ({
      pts: i * 1024,
      key: true,
      data: new Uint8Array(5 + i),
    }));
    const input: Array<[number, Sample]> = [...video.map((s) => [1, s] as [number, Sample])];
    for (const a of audio) input.push([2, a]);
    const parsed = parseWithMp4box(muxAll([{ ...avcTrack, defaultDuration: 3000 }, aacTrack], input));
    expect(parsed.tracks.map((t) => [t.id, t.codec, t.timescale])).toEqual([
      [1, 'avc1.42c01e', 90000],
      [2, 'mp4a.40.2', 48000],
    ]);
    expect(parsed.tracks[0]).toMatchObject({ width: 640, height: 360 });
    const v = parsed.samples.get(1)!;
    expect(v.map((s) => s.size)).toEqual(video.map((s) => s.data.length));
    expect(v.map((s) => s.dts)).toEqual(video.map((s) => s.dts));
    expect(v.map((s) => s.cts - s.dts)).toEqual(video.map((s) => s.pts - s.dts!));
    expect(v.map((s) => s.duration)).toEqual(video.map(() => 3000));
    expect(v.map((s) => s.is_sync)).toEqual(video.map((s) => s.key));
    expect(v[5]!.data).toEqual(video[5]!.data);
    const a = parsed.samples.get(2)!;
    expect(a.map((s) => s.size)).toEqual(audio.map((s) => s.data.length));
    expect(a.map((s) => s.duration)).toEqual(audio.map(() => 1024));
  });

  it('H.265 (hvc1) track header', () => {
    const parsed = parseWithMp4box(muxAll([hvcTrack], [[1, { pts: 0, key: true, data: new Uint8Array(8) }]]));
    expect(parsed.tracks[0]).toMatchObject({ id: 1, width: 640, height: 360 });
    expect(parsed.tracks[0]!.codec.startsWith('hvc1.1')).toBe(true);
    expect(parsed.samples.get(1)).toHaveLength(1);
  });
});

describe('mp4box.js reads the muxed sample fixtures', () => {
  it('H.264 baseline + AAC: 300 video and 470 audio samples with their sizes', () => {
    const video = loadH264(media.h264Baseline.path, 1);
    const audio = loadAac(media.aac.path, 2);
    const m = new Fmp4Muxer({ tracks: [video.track, audio.track], fragment: 'gop' });
    const chunks = interleave(video, audio).flatMap(({ trackId, sample }) => m.push(trackId, sample));
    const parsed = parseWithMp4box(join([...chunks, ...m.flush()]));
    expect(parsed.tracks.map((t) => t.codec)).toEqual([video.codec.toLowerCase(), audio.codec]);
    expect(parsed.samples.get(1)!.map((s) => s.size)).toEqual(video.samples.map((s) => s.data.length));
    expect(parsed.samples.get(2)!.map((s) => s.size)).toEqual(audio.samples.map((s) => s.data.length));
    expect(parsed.samples.get(1)!.filter((s) => s.is_sync)).toHaveLength(10);
  });
});
