import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hex } from '@rtspkit/bytes';
import { Fmp4Recorder, findBoxes, inspectBoxes } from '@rtspkit/fmp4';
import { ffprobe, missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  crc16,
  decodeG711,
  encodeFlacFrame,
  flacStreamHeader,
  G711FlacTranscoder,
  type G711Law,
  g711Table,
  PlayerError,
  parseG711Wav,
} from '../src/index.js';
import { decodeVerbatimFrame, wavFile } from './flac-reader.js';

describe('G.711 tables', () => {
  // ITU-T G.711 Tables 2a/2b: decoder output values of chosen codes (16-bit scale)
  const cases: ReadonlyArray<[G711Law, number, number]> = [
    ['mulaw', 0xff, 0], // positive zero
    ['mulaw', 0x7f, 0], // negative zero
    ['mulaw', 0x80, 32124], // largest positive
    ['mulaw', 0x00, -32124], // largest negative
    ['mulaw', 0xfe, 8], // smallest non-zero step
    ['mulaw', 0xef, 132], // first code of segment 1
    ['alaw', 0xd5, 8], // smallest positive (segment 0, step 0)
    ['alaw', 0x55, -8],
    ['alaw', 0xaa, 32256], // largest positive
    ['alaw', 0x2a, -32256],
    ['alaw', 0xc5, 264], // first code of segment 1
  ];
  for (const [law, code, value] of cases) {
    it(`${law} 0x${code.toString(16).padStart(2, '0')} → ${value}`, () => {
      expect(g711Table(law)[code]).toBe(value);
      expect(decodeG711(law, Uint8Array.of(code))[0]).toBe(value);
    });
  }

  it('each law is odd-symmetric in its sign bit and monotonic within a sign', () => {
    for (const law of ['mulaw', 'alaw'] as const) {
      const t = g711Table(law);
      const positive = law === 'mulaw' ? [...Array(128).keys()].map((i) => 0xff - i) : [];
      for (let c = 0; c < 128; c++) expect(t[c]! + t[c | 0x80]!).toBe(0);
      for (let i = 1; i < positive.length; i++) expect(t[positive[i]!]!).toBeGreaterThan(t[positive[i - 1]!]!);
    }
  });

  it('decodes into a given buffer without allocating when it is large enough', () => {
    const out = new Int16Array(8);
    const r = decodeG711('alaw', hex`d5 55 aa`, out);
    expect(r.buffer).toBe(out.buffer);
    expect([...r]).toEqual([8, -8, 32256]);
  });
});

describe('parseG711Wav', () => {
  const fmt = (tag: number, channels: number, rate: number, bits = 8) => {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setUint16(0, tag, true);
    v.setUint16(2, channels, true);
    v.setUint32(4, rate, true);
    v.setUint32(8, rate * channels, true);
    v.setUint16(12, channels, true);
    v.setUint16(14, bits, true);
    return b;
  };
  const data = hex`ff 7f 80 00 d5`;

  const decodeCases: ReadonlyArray<{ name: string; file: Uint8Array; expected: ReturnType<typeof parseG711Wav> }> = [
    {
      name: 'μ-law mono 8 kHz',
      file: wavFile([
        ['fmt ', fmt(7, 1, 8000)],
        ['data', data],
      ]),
      expected: { law: 'mulaw', sampleRate: 8000, channels: 1, data },
    },
    {
      name: 'A-law stereo 16 kHz: an odd trailing byte is half a sample frame and is left out',
      file: wavFile([
        ['fmt ', fmt(6, 2, 16000)],
        ['data', data],
      ]),
      expected: { law: 'alaw', sampleRate: 16000, channels: 2, data: data.subarray(0, 4) },
    },
    {
      name: 'fact and LIST chunks (ffmpeg, sox) and an odd-sized chunk with its pad byte are skipped',
      file: wavFile([
        ['fmt ', fmt(7, 1, 8000)],
        ['fact', hex`05 00 00 00`],
        ['LIST', hex`49 4e 46 4f 00`],
        ['data', data],
      ]),
      expected: { law: 'mulaw', sampleRate: 8000, channels: 1, data },
    },
    {
      name: 'WAVE_FORMAT_EXTENSIBLE with the μ-law sub-format GUID',
      file: wavFile([
        [
          'fmt ',
          Uint8Array.from([
            ...fmt(0xfffe, 1, 8000),
            ...hex`16 00  08 00  04 00 00 00`, // cbSize 22, valid bits 8, channel mask FC
            ...hex`07 00 00 00 00 00 10 00 80 00 00 aa 00 38 9b 71`, // KSDATAFORMAT_SUBTYPE_MULAW
          ]),
        ],
        ['data', data],
      ]),
      expected: { law: 'mulaw', sampleRate: 8000, channels: 1, data },
    },
    {
      name: 'a streaming writer: data size 0xFFFFFFFF, cut to the bytes present',
      file: wavFile(
        [
          ['fmt ', fmt(6, 1, 8000)],
          ['data', data],
        ],
        { dataSize: 0xffffffff },
      ),
      expected: { law: 'alaw', sampleRate: 8000, channels: 1, data },
    },
  ];
  for (const c of decodeCases) {
    it(c.name, () => expect(parseG711Wav(c.file)).toEqual(c.expected));
  }

  const errorCases: ReadonlyArray<{ name: string; file: Uint8Array; offset: number; message: RegExp }> = [
    { name: 'too short', file: hex`52 49 46 46`, offset: 0, message: /too short/ },
    { name: 'not RIFF', file: wavFile([['data', data]], { riff: 'RIFX' }), offset: 0, message: /not a RIFF/ },
    { name: 'not WAVE', file: wavFile([['data', data]], { form: 'AVI ' }), offset: 8, message: /not WAVE/ },
    {
      name: 'linear PCM',
      file: wavFile([
        ['fmt ', fmt(1, 1, 8000, 16)],
        ['data', data],
      ]),
      offset: 20,
      message: /0x0001 is not G.711/,
    },
    {
      name: '16-bit G.711',
      file: wavFile([
        ['fmt ', fmt(7, 1, 8000, 16)],
        ['data', data],
      ]),
      offset: 34,
      message: /16 bits/,
    },
    {
      name: 'no channels',
      file: wavFile([
        ['fmt ', fmt(7, 0, 8000)],
        ['data', data],
      ]),
      offset: 22,
      message: /0 channels/,
    },
    { name: 'data before fmt', file: wavFile([['data', data]]), offset: 12, message: /before the fmt/ },
    { name: 'no data chunk', file: wavFile([['fmt ', fmt(7, 1, 8000)]]), offset: 36, message: /no data chunk/ },
    {
      name: 'a short fmt chunk',
      file: wavFile([
        ['fmt ', hex`07 00 01 00`],
        ['data', data],
      ]),
      offset: 12,
      message: /fmt chunk of 4/,
    },
  ];
  for (const c of errorCases) {
    it(`refuses: ${c.name}`, () => {
      const e = (() => {
        try {
          parseG711Wav(c.file);
        } catch (error) {
          return error;
        }
      })();
      expect(e).toBeInstanceOf(PlayerError);
      expect(e).toMatchObject({ code: 'ERR_PLAYER_INVALID_WAV', offset: c.offset });
      expect((e as Error).message).toMatch(c.message);
    });
  }

  it('round trip: any G.711 WAV written reads back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(6, 7),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 192000 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.tuple(fc.constantFrom('LIST', 'fact', 'junk'), fc.uint8Array({ maxLength: 9 })), { maxLength: 3 }),
        (tag, channels, rate, codes, extra) => {
          const whole = codes.subarray(0, codes.length - (codes.length % channels));
          const w = parseG711Wav(wavFile([['fmt ', fmt(tag, channels, rate)], ...extra, ['data', whole]]));
          expect(w).toEqual({ law: tag === 7 ? 'mulaw' : 'alaw', sampleRate: rate, channels, data: whole });
        },
      ),
    );
  });

  it('arbitrary bytes give a G.711 WAV or PlayerError, nothing else', () => {
    const seed = wavFile([
      ['fmt ', fmt(7, 1, 8000)],
      ['data', data],
    ]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 96 }),
          fc.tuple(fc.integer({ min: 0, max: seed.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, v]) => {
            const b = seed.slice();
            b[i] = v;
            return b;
          }),
          fc.integer({ min: 0, max: seed.length }).map((n) => seed.slice(0, n)),
        ),
        (bytes) => {
          try {
            const w = parseG711Wav(bytes);
            expect(w.data.length % w.channels).toBe(0);
          } catch (e) {
            expect(e).toBeInstanceOf(PlayerError);
          }
        },
      ),
    );
  });
});

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
  const ffmpeg = () => requirePeer('ffmpeg');
  const run = async (args: string[]) => {
    const r = await runProcess(ffmpeg(), ['-v', 'error', '-nostdin', '-y', ...args], { timeoutMs: 60_000 });
    if (r.code !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${r.stderr}`);
    return r;
  };
  const pcmOf = async (file: string, extra: string[] = []) => {
    const r = await run([...extra, '-i', file, '-f', 's16le', '-acodec', 'pcm_s16le', '-']);
    return new Int16Array(r.stdout.buffer.slice(r.stdout.byteOffset, r.stdout.byteOffset + r.stdout.byteLength));
  };
  const files = [
    { law: 'mulaw', codec: 'pcm_mulaw', channels: 1 },
    { law: 'alaw', codec: 'pcm_alaw', channels: 1 },
    { law: 'alaw', codec: 'pcm_alaw', channels: 2 },
  ] as const;
  const path = (f: (typeof files)[number]) => join(dir.path, `${f.codec}-${f.channels}.wav`);

  beforeAll(async () => {
    for (const f of files) {
      // 3 s of a 440 Hz tone at 8 kHz, written by FFmpeg's WAV muxer
      await run(
        ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-ac', String(f.channels), '-ar', '8000'].concat([
          '-c:a',
          f.codec,
          path(f),
        ]),
      );
    }
  }, 60_000);
  afterAll(() => dir.remove());

  for (const f of files) {
    it(`${f.codec} ${f.channels} ch: our WAV reader and tables decode what FFmpeg decodes, sample for sample`, async () => {
      const wav = parseG711Wav(readFileSync(path(f)));
      expect(wav).toMatchObject({ law: f.law, sampleRate: 8000, channels: f.channels });
      expect(wav.data.length).toBe(3 * 8000 * f.channels);
      expect([...decodeG711(wav.law, wav.data)]).toEqual([...(await pcmOf(path(f)))]);
    });

    it(`${f.codec} ${f.channels} ch → FLAC (native and in fMP4): FFmpeg checks every CRC and decodes the same PCM`, async () => {
      const wav = parseG711Wav(readFileSync(path(f)));
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
      expect([...(await pcmOf(native, ['-err_detect', 'crccheck+explode']))]).toEqual(expected);
      expect([...(await pcmOf(mp4, ['-err_detect', 'crccheck+explode']))]).toEqual(expected);
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
