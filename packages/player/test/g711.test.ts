import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hex } from '@rtspkit/bytes';
import { Fmp4Recorder, findBoxes, inspectBoxes } from '@rtspkit/fmp4';
import { ffmpegPcm, ffprobe, G711_TONE_CASES, missingPeers, tempDir, writeG711Tones } from '@rtspkit/test-utils';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeG711, parseG711Wav } from '@rtspkit/g711';
import { crc16, encodeFlacFrame, flacStreamHeader, G711FlacTranscoder, PlayerError } from '../src/index.js';
import { decodeVerbatimFrame } from './flac-reader.js';

describe('FLAC verbatim frames', () => {
  it('a frame of 160 μ-law samples at 8 kHz, byte by byte', () => {
    const pcm = Int16Array.from({ length: 160 }, (_, i) => (i - 80) * 100);
    const frame = encodeFlacFrame({ sampleRate: 8000, channels: 1 }, pcm, 0);
    expect(frame.subarray(0, 6)).toEqual(
      hex`ff f9   # sync, reserved, variable block size
          64      # block size from 8 bits at the end (6), 8 kHz (4)
          08      # mono (0), 16-bit samples (4), reserved
          00      # first sample number 0
          9f      # block size − 1 = 159`,
    );
    expect(frame[7]).toBe(0x02); // the CRC-8 at [6], then VERBATIM subframe header
    expect(frame.length).toBe(7 + 1 + 320 + 2);
    expect(crc16(frame)).toBe(0); // a frame followed by its CRC-16 checks to 0
  });

  it('round trip for any samples, channel count, rate and sample number; CRCs check', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.oneof(fc.constantFrom(8000, 16000, 44100, 48000, 96000), fc.integer({ min: 1, max: 655350 })),
        fc.integer({ min: 1, max: 400 }),
        fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 2 ** 36 - 1 })),
        fc.integer(),
        (channels, sampleRate, blockSize, firstSample, seed) => {
          const pcm = Int16Array.from({ length: blockSize * channels }, (_, i) => ((seed + i * 7919) % 65536) - 32768);
          const frame = encodeFlacFrame({ sampleRate, channels }, pcm, firstSample);
          const decoded = decodeVerbatimFrame(frame, sampleRate);
          expect(decoded.firstSample).toBe(firstSample);
          expect(decoded.channels).toBe(channels);
          expect([...decoded.samples]).toEqual([...pcm]);
        },
      ),
    );
  });

  it('refuses what FLAC cannot hold', () => {
    const f = { sampleRate: 8000, channels: 1 };
    expect(() => encodeFlacFrame(f, new Int16Array(0), 0)).toThrow(PlayerError);
    expect(() => encodeFlacFrame(f, new Int16Array(65536), 0)).toThrow(/65535/);
    expect(() => encodeFlacFrame({ sampleRate: 8000, channels: 2 }, new Int16Array(3), 0)).toThrow(/whole samples/);
    expect(() => encodeFlacFrame({ sampleRate: 8000, channels: 9 }, new Int16Array(9), 0)).toThrow(/9 channels/);
    expect(() => encodeFlacFrame(f, new Int16Array(1), 2 ** 36)).toThrow(/36 bits/);
    expect(() => new G711FlacTranscoder({ law: 'alaw', sampleRate: 0 })).toThrow(/sample rate of 0/);
  });

  it('a fLaC track: the init segment holds the sample entry and dfLa with STREAMINFO', () => {
    const track = new G711FlacTranscoder({ law: 'mulaw' }).track(2);
    const rec = new Fmp4Recorder({ tracks: [track], keepChunks: true });
    const { chunks } = rec.finish();
    const boxes = inspectBoxes(chunks[0]!);
    const [entry] = findBoxes(boxes, 'moov/trak/mdia/minf/stbl/stsd/fLaC');
    expect(entry?.fields).toMatchObject({
      kind: 'audioSampleEntry',
      channelCount: 1,
      sampleSize: 16,
      sampleRate: 8000,
    });
    const [dfLa] = findBoxes(boxes, 'moov/trak/mdia/minf/stbl/stsd/fLaC/dfLa');
    expect(dfLa?.payload).toEqual(Uint8Array.from([0, 0, 0, 0, ...track.config]));
    expect(track.config.subarray(0, 4)).toEqual(hex`80 00 00 22`); // last block, STREAMINFO, 34 bytes
  });
});

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('G.711 against FFmpeg', () => {
  const dir = tempDir('rtspkit-player-g711-');
  beforeAll(() => writeG711Tones(dir.path), 60_000);
  afterAll(() => dir.remove());

  for (const f of G711_TONE_CASES) {
    it(`${f.codec} ${f.channels} ch → FLAC (native and in fMP4): FFmpeg checks every CRC and decodes the same PCM`, async () => {
      const file = join(dir.path, f.file);
      const wav = parseG711Wav(readFileSync(file));
      const pcmu = new G711FlacTranscoder({ law: wav.law, channels: wav.channels });
      const packet = 160 * wav.channels; // 20 ms RTP packets
      const frames: Uint8Array[] = [];
      const rec = new Fmp4Recorder({ tracks: [pcmu.track(1)], keepChunks: true, fragment: { durationMs: 500 } });
      const chunks: Uint8Array[] = [];
      for (let at = 0; at < wav.data.length; at += packet) {
        const codes = wav.data.subarray(at, at + packet);
        const pts = pcmu.samples;
        const frame = pcmu.transcode(codes);
        frames.push(frame);
        chunks.push(...rec.push(1, { pts, key: true, data: frame, duration: codes.length / wav.channels }));
      }
      const native = join(dir.path, `${f.codec}-${f.channels}.flac`);
      writeFileSync(native, Buffer.concat([flacStreamHeader(pcmu.format), ...frames]));
      const mp4 = join(dir.path, `${f.codec}-${f.channels}.mp4`);
      writeFileSync(mp4, Buffer.concat(rec.finish().chunks));
      const expected = [...decodeG711(wav.law, wav.data)];
      expect([...(await ffmpegPcm(native, ['-err_detect', 'crccheck+explode']))]).toEqual(expected);
      expect([...(await ffmpegPcm(mp4, ['-err_detect', 'crccheck+explode']))]).toEqual(expected);
      const probe = await ffprobe(mp4, { countFrames: true });
      expect(probe.streams).toHaveLength(1);
      expect(probe.streams[0]).toMatchObject({
        codecName: 'flac',
        sampleRate: 8000,
        channels: f.channels,
        frames: 150,
      });
      expect(probe.duration).toBeCloseTo(3, 2);
    });
  }
});
