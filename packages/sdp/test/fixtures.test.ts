import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  controlOf,
  directionOf,
  framerateOf,
  mediaFormats,
  parseSdp,
  parseSdpWithQuirks,
  rangeOf,
  serializeSdp,
} from '../src/index.js';
import { fixtureCases } from './cases.js';

const read = (file: string) => new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', file)));

describe('real descriptions from cameras and servers', () => {
  it('covers at least 15 makes', () => {
    expect(new Set(fixtureCases.map((c) => c.make.split(' ')[0])).size).toBeGreaterThanOrEqual(15);
  });

  for (const c of fixtureCases) {
    it(`${c.make}: ${c.file}`, () => {
      const bytes = read(c.file);
      const { sdp, quirks } = parseSdpWithQuirks(bytes);
      expect([...new Set(quirks.map((q) => q.code))].sort()).toEqual([...c.quirks].sort());
      expect(sdp.sessionName).toBe(c.sessionName);
      expect(controlOf(sdp)).toBe(c.sessionControl);
      expect(rangeOf(sdp)).toBe(c.range);
      expect(sdp.media.map((m) => m.type)).toEqual(c.media.map((m) => m.type));
      c.media.forEach((facts, i) => {
        const m = sdp.media[i]!;
        const formats = mediaFormats(m);
        expect(
          formats.map(
            (f) =>
              `${f.payloadType} ${f.encodingName}/${f.clockRate}${f.channels === undefined ? '' : `/${f.channels}`}`,
          ),
        ).toEqual(facts.formats);
        expect(controlOf(m)).toBe(facts.control);
        if (facts.direction) expect(directionOf(m, sdp)).toBe(facts.direction);
        expect(framerateOf(m)).toBe(facts.framerate);
      });
    });

    it(`${c.file} re-serializes to a canonical fixed point`, () => {
      const text = new TextDecoder().decode(read(c.file));
      const canonical = serializeSdp(parseSdp(text));
      expect(serializeSdp(parseSdp(canonical))).toBe(canonical);
      expect(parseSdpWithQuirks(canonical).sdp).toEqual(parseSdp(text));
    });
  }

  it('keeps the byte input untouched', () => {
    const bytes = read('gst-rtsp-server-h264-aac.sdp');
    const copy = bytes.slice();
    parseSdp(bytes);
    expect(bytes).toEqual(copy);
  });
});
