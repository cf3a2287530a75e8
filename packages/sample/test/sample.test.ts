import { statSync } from 'node:fs';
import { ffprobe, missingPeers } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { type SampleMedia, samples } from '../src/index.js';

describe('sample media', () => {
  it('stays under 3 MB in all', () => {
    const total = Object.values(samples).reduce((sum, s) => sum + statSync(s.path).size, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });

  describe.skipIf(missingPeers('ffprobe'))('as ffprobe sees it', () => {
    for (const [name, sample] of Object.entries(samples) as Array<[string, SampleMedia]>) {
      it(`${name}: ${sample.frames} ${sample.codec} frames, as FIXTURES.md states`, async () => {
        const probe = await ffprobe(sample.path, { countFrames: true });
        expect(probe.streams).toHaveLength(1);
        const s = probe.streams[0]!;
        expect(s.codecName).toBe(sample.codec);
        expect(s.profile).toBe(sample.profile);
        expect(s.frames).toBe(sample.frames);
        if (sample.width !== undefined) expect([s.width, s.height]).toEqual([sample.width, sample.height]);
        if (sample.sampleRate !== undefined)
          expect([s.sampleRate, s.channels]).toEqual([sample.sampleRate, sample.channels]);
      });
    }
  });
});
