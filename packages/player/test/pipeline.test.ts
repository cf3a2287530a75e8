import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitAnnexB } from '@rtspkit/bytes';
import { splitAdts } from '@rtspkit/aac';
import { groupH264AccessUnits as groupH264, isH264KeyFrame as isH264Key } from '@rtspkit/h264';
import { groupH265AccessUnits as groupH265, isH265KeyFrame as isH265Key } from '@rtspkit/h265';
import { samples as media } from '@rtspkit/sample';
import { ffprobe, missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type Format, g711Format, mpeg4AudioFormat } from '@rtspkit/format';
import { MediaPipeline, type PipelineOutput, type PipelineUnit, PlayerError } from '../src/index.js';
import { loadAac } from './media.js';

const h264Units = (path: string, track: number): PipelineUnit[] =>
  groupH264(splitAnnexB(readFileSync(path))).map((nalUnits, i) => ({
    track,
    pts: i * 3000,
    dts: i * 3000,
    key: isH264Key(nalUnits),
    nalUnits,
    wallClock: 1_700_000_000_000 + i * 33.3,
  }));
const aacUnits = (track: number): PipelineUnit[] =>
  splitAdts(readFileSync(media.aac.path)).map((f, i) => ({
    track,
    pts: i * 1024,
    dts: i * 1024,
    key: true,
    data: f.payload,
  }));
const byTime = (units: PipelineUnit[], clock: (u: PipelineUnit) => number) =>
  [...units].sort((a, b) => clock(a) - clock(b));

// as the session describes a camera whose SDP has no sprop-parameter-sets: SPS/PPS come in band
const h264Track: Format = { codec: 'h264', payloadType: 96, clockRate: 90_000, packetizationMode: 1, sps: [], pps: [] };
const aacTrack: Format = mpeg4AudioFormat({ config: loadAac(media.aac.path, 2).track.config });
const generic: Format = {
  codec: 'generic',
  payloadType: 26,
  mediaType: 'video',
  encodingName: 'JPEG',
  clockRate: 90_000,
  parameters: [],
};

const run = (p: MediaPipeline, units: readonly PipelineUnit[]) => units.flatMap((u) => p.push(u));
const bytesOf = (out: readonly PipelineOutput[]) => Buffer.concat(out.map((o) => o.data));

describe('MediaPipeline', () => {
  const dir = tempDir('rtspkit-player-pipeline-');
  afterAll(() => dir.remove());

  it('H.264 with parameter sets in band only + AAC: one init naming both codecs once video is configured, then a fragment per unit', () => {
    const p = new MediaPipeline([h264Track, aacTrack]);
    const video = h264Units(media.h264Baseline.path, 0);
    const audio = aacUnits(1);
    // audio first: nothing comes out until the video track knows its SPS/PPS
    expect(run(p, audio.slice(0, 5))).toEqual([]);
    const units = byTime([...video, ...audio.slice(5)], (u) => u.pts / (u.track === 0 ? 90_000 : 48_000));
    const out = run(p, units);
    expect(out[0]).toMatchObject({
      kind: 'init',
      mime: 'video/mp4; codecs="avc1.42C01E, mp4a.40.2"',
      codecs: ['avc1.42C01E', 'mp4a.40.2'],
    });
    expect(out.filter((o) => o.kind === 'init')).toHaveLength(1);
    const mediaOut = out.filter((o) => o.kind === 'media');
    expect(mediaOut.length).toBeGreaterThan(video.length + audio.length - 10);
    // key segments are exactly the video key frames (one a second)
    expect(mediaOut.filter((o) => o.key)).toHaveLength(10);
    // video segments carry the unit's wall clock; their media times rise
    const clocked = mediaOut.filter((o) => o.wallClockMs !== undefined);
    expect(clocked.length).toBe(video.length);
    for (let i = 1; i < clocked.length; i++) expect(clocked[i]!.mediaTime).toBeGreaterThan(clocked[i - 1]!.mediaTime);
  });

  it('a change of SPS mid-stream gives a new init segment with the new codec string', () => {
    const p = new MediaPipeline([h264Track]);
    const first = h264Units(media.h264Baseline.path, 0).slice(0, 60);
    const second = h264Units(media.h264High.path, 0)
      .slice(0, 60)
      .map((u, i) => ({ ...u, pts: (60 + i) * 3000, dts: (60 + i) * 3000 }));
    const out = run(p, [...first, ...second]);
    const inits = out.filter((o) => o.kind === 'init');
    expect(inits.map((o) => (o.kind === 'init' ? o.codecs[0] : ''))).toEqual(['avc1.42C01E', 'avc1.64001F']);
    expect(p.mime).toBe('video/mp4; codecs="avc1.64001F"');
  });

  it('H.265: hvc1 with the codec string from the SPS (which Chromium here refuses, so the player can name it)', () => {
    const p = new MediaPipeline([
      { codec: 'h265', payloadType: 96, clockRate: 90_000, vps: [], sps: [], pps: [], maxDonDiff: 0 },
    ]);
    const units = groupH265(splitAnnexB(readFileSync(media.h265.path)))
      .slice(0, 31)
      .map(
        (nalUnits, i): PipelineUnit => ({ track: 0, pts: i * 3000, dts: i * 3000, key: isH265Key(nalUnits), nalUnits }),
      );
    const out = run(p, units);
    expect(out[0]).toMatchObject({ kind: 'init' });
    expect(out[0]?.kind === 'init' && out[0].mime).toMatch(/^video\/mp4; codecs="hvc1\.1\.6\.L\d+(\.[0-9A-F]+)*"$/);
  });

  it('G.711 becomes FLAC in audio/mp4', () => {
    const p = new MediaPipeline([g711Format({ encoding: 'PCMA' })]);
    const out = p.push({ track: 0, pts: 0, dts: 0, key: true, data: new Uint8Array(160).fill(0xd5) });
    expect(out.map((o) => o.kind)).toEqual(['init', 'media']);
    expect(out[0]).toMatchObject({ mime: 'audio/mp4; codecs="flac"' });
  });

  it('skips tracks it cannot carry and refuses a stream with none', () => {
    const p = new MediaPipeline([h264Track, generic]);
    expect(p.skipped).toEqual([{ index: 1, reason: 'JPEG/90000 is not playable in a browser' }]);
    expect(() => new MediaPipeline([generic])).toThrow(PlayerError);
    const { config: _, ...noConfig } = aacTrack as Extract<Format, { codec: 'mpeg4-audio' }>;
    expect(() => new MediaPipeline([noConfig])).toThrow(/without an AudioSpecificConfig/);
  });

  it('arbitrary units never throw: garbage NAL units, odd timestamps, unknown tracks', () => {
    const nal = fc.uint8Array({ minLength: 0, maxLength: 40 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            track: fc.integer({ min: -1, max: 3 }),
            pts: fc.oneof(fc.integer({ min: 0, max: 2 ** 32 }), fc.constant(Number.NaN)),
            key: fc.boolean(),
            nalUnits: fc.array(fc.oneof(nal, fc.constantFrom(...h264Units(media.h264Baseline.path, 0)[0]!.nalUnits!)), {
              maxLength: 5,
            }),
            data: nal,
          }),
          { maxLength: 30 },
        ),
        (units) => {
          const p = new MediaPipeline([h264Track, aacTrack, g711Format({ encoding: 'PCMU' })]);
          for (const u of units) p.push({ ...u, dts: u.pts });
        },
      ),
    );
  });

  it.skipIf(missingPeers('ffmpeg', 'ffprobe'))(
    'what it writes is one valid fragmented MP4: FFmpeg counts every frame',
    async () => {
      const p = new MediaPipeline([h264Track, aacTrack]);
      const units = byTime(
        [...h264Units(media.h264Baseline.path, 0), ...aacUnits(1)],
        (u) => u.pts / (u.track === 0 ? 90_000 : 48_000),
      );
      const file = join(dir.path, 'pipeline.mp4');
      writeFileSync(file, bytesOf(run(p, units)));
      const probe = await ffprobe(file, { countFrames: true });
      expect(probe.streams.find((s) => s.codecType === 'video')).toMatchObject({ codecName: 'h264', frames: 300 });
      expect(probe.streams.find((s) => s.codecType === 'audio')).toMatchObject({ codecName: 'aac', frames: 470 });
      const decode = await runProcess(
        requirePeer('ffmpeg'),
        ['-v', 'error', '-nostdin', '-i', file, '-f', 'null', '-'],
        { timeoutMs: 60_000 },
      );
      expect(decode.stderr).toBe('');
    },
  );
});
