import { hex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import {
  AacError,
  AacErrorCode,
  aacCodecString,
  parseAudioSpecificConfig,
  serializeAudioSpecificConfig,
} from '../src/index.js';
import { ascCases, ascDecodeOnlyCases } from './cases.js';

describe('AudioSpecificConfig', () => {
  for (const c of ascCases) {
    it(`parses ${c.name}`, () => {
      const before = c.bytes.slice();
      expect(parseAudioSpecificConfig(c.bytes)).toEqual(c.asc);
      expect(c.bytes).toEqual(before);
    });
    it(`serializes ${c.name}`, () => {
      expect(serializeAudioSpecificConfig(c.asc)).toEqual(c.bytes);
    });
    it(`codec string of ${c.name}`, () => {
      expect(aacCodecString(c.asc)).toBe(c.codec);
    });
  }
  for (const c of ascDecodeOnlyCases) {
    it(`decode-only: ${c.name}`, () => {
      expect(parseAudioSpecificConfig(c.bytes)).toEqual(c.asc);
    });
  }

  it('writes the table index when only the frequency is given', () => {
    expect(serializeAudioSpecificConfig({ objectType: 2, samplingFrequency: 48000, channelConfiguration: 2 })).toEqual(
      hex`11 90`,
    );
  });

  it('rejects reserved sampling frequency index 13 with its offset', () => {
    const e = catchError(() => parseAudioSpecificConfig(hex`16 90`));
    expect(e).toBeInstanceOf(AacError);
    expect(e.code).toBe(AacErrorCode.InvalidSamplingFrequencyIndex);
    expect(e.offset).toBe(0);
  });

  it('rejects an explicit sampling frequency of 0 (fuzzer finding)', () => {
    const e = catchError(() => parseAudioSpecificConfig(hex`17 80 00 00 08   # 00010 | 1111 | 0x000000 | 0001 | …`));
    expect(e.code).toBe(AacErrorCode.InvalidSamplingFrequencyIndex);
    expect(e.offset).toBe(0);
  });

  it('rejects a truncated config', () => {
    const e = catchError(() => parseAudioSpecificConfig(hex`11`));
    expect(e.code).toBe(AacErrorCode.Truncated);
  });

  it('refuses to write values that do not fit', () => {
    const e = catchError(() =>
      serializeAudioSpecificConfig({
        objectType: 2,
        samplingFrequencyIndex: 3,
        samplingFrequency: 48000,
        channelConfiguration: 16,
      }),
    );
    expect(e.code).toBe(AacErrorCode.ValueOutOfRange);
  });
});

function catchError(fn: () => unknown): AacError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AacError) return e;
    throw e;
  }
  throw new Error('expected an AacError');
}
