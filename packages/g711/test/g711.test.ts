import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hex } from '@rtspkit/bytes';
import { ffmpegPcm, G711_TONE_CASES, missingPeers, tempDir, writeG711Tones } from '@rtspkit/test-utils';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeG711, G711Error, type G711Law, g711Table, parseG711Wav } from '../src/index.js';
import { wavFile } from './wav-file.js';

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
      expect(e).toBeInstanceOf(G711Error);
      expect(e).toMatchObject({ code: 'ERR_G711_INVALID_WAV', offset: c.offset });
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

  it('arbitrary bytes give a G.711 WAV or G711Error, nothing else', () => {
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
            expect(e).toBeInstanceOf(G711Error);
          }
        },
      ),
    );
  });
});

describe.skipIf(missingPeers('ffmpeg'))('G.711 against FFmpeg', () => {
  const dir = tempDir('rtspkit-g711-');
  beforeAll(() => writeG711Tones(dir.path), 60_000);
  afterAll(() => dir.remove());

  for (const f of G711_TONE_CASES) {
    it(`${f.codec} ${f.channels} ch: our WAV reader and tables decode what FFmpeg decodes, sample for sample`, async () => {
      const file = join(dir.path, f.file);
      const wav = parseG711Wav(readFileSync(file));
      expect(wav).toMatchObject({ law: f.law, sampleRate: 8000, channels: f.channels });
      expect(wav.data.length).toBe(3 * 8000 * f.channels);
      expect([...decodeG711(wav.law, wav.data)]).toEqual([...(await ffmpegPcm(file))]);
    });
  }
});
