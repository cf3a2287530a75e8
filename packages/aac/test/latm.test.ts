import { hex } from '@rtspkit/bytes';
import { describe, expect, it } from 'vitest';
import { AacError, AacErrorCode, AacNoticeCode, LatmDepacketizer, parseStreamMuxConfig } from '../src/index.js';
import { latmCases } from './cases.js';
import { accessUnits, events, rtp } from './helpers.js';

const LC_48K = {
  objectType: 2,
  samplingFrequencyIndex: 3,
  samplingFrequency: 48000,
  channelConfiguration: 2,
  frameLengthFlag: false,
  dependsOnCoreCoder: false,
  extensionFlag: false,
};

describe('StreamMuxConfig', () => {
  it('parses 400023203fc0 (AAC-LC 48 kHz stereo)', () => {
    expect(parseStreamMuxConfig(hex`40 00 23 20 3f c0`)).toEqual({
      audioMuxVersion: 0,
      allStreamsSameTimeFraming: true,
      numSubFrames: 0,
      audioSpecificConfig: LC_48K,
      frameLengthType: 0,
      latmBufferFullness: 0xff,
    });
  });

  it('decode-only: GStreamer rtpmp4apay config=40002320 takes defaults after the ASC', () => {
    expect(parseStreamMuxConfig(hex`40 00 23 20`)).toEqual(parseStreamMuxConfig(hex`40 00 23 20 3f c0`));
    expect(() => parseStreamMuxConfig(hex`40 00 23 20`, { tolerateTruncation: false })).toThrow(AacError);
  });

  it('parses audioMuxVersion 1 with taraBufferFullness and ascLen', () => {
    expect(parseStreamMuxConfig(hex`8f f8 00 01 01 19 01 fe 00`)).toMatchObject({
      audioMuxVersion: 1,
      taraBufferFullness: 0xff,
      audioSpecificConfig: LC_48K,
    });
  });

  it('refuses several programs', () => {
    expect(() => parseStreamMuxConfig(hex`40 10 00 00 00 00   # numProgram 1`)).toThrow(AacError);
  });
});

describe('LATM depacketizer', () => {
  for (const c of latmCases) {
    it(`depacketizes ${c.name}`, () => {
      const d = new LatmDepacketizer({ cpresent: c.cpresent, ...(c.config ? { config: c.config } : {}) });
      const out = c.payloads.flatMap((payload, i) =>
        d.push(rtp({ sequenceNumber: i, timestamp: 90000 + i * 1024, payload })),
      );
      expect(accessUnits(out)).toEqual(c.aus);
      expect(events(out)).toEqual([]);
      expect(d.audioSpecificConfig).toEqual(LC_48K);
    });
  }

  const config = hex`40 00 23 20 3f c0`;
  const element = new Uint8Array([0xff, 0x2d, ...Array.from({ length: 300 }, (_, i) => i & 0xff)]);

  it('reassembles an AudioMuxElement fragmented until the marker', () => {
    const d = new LatmDepacketizer({ cpresent: false, config });
    const out = [
      ...d.push(rtp({ sequenceNumber: 9, timestamp: 5, marker: false, payload: element.subarray(0, 100) })),
      ...d.push(rtp({ sequenceNumber: 10, timestamp: 5, marker: false, payload: element.subarray(100, 200) })),
      ...d.push(rtp({ sequenceNumber: 11, timestamp: 5, marker: true, payload: element.subarray(200) })),
    ];
    expect(accessUnits(out)).toEqual([{ timestamp: 5, data: element.subarray(2) }]);
  });

  it('completes an element without marker when it parses to the end', () => {
    const d = new LatmDepacketizer({ cpresent: false, config });
    const out = [
      ...d.push(rtp({ sequenceNumber: 1, timestamp: 5, marker: false, payload: element.subarray(0, 150) })),
      ...d.push(rtp({ sequenceNumber: 2, timestamp: 5, marker: false, payload: element.subarray(150) })),
    ];
    expect(accessUnits(out)).toHaveLength(1);
  });

  it('drops a partial element after a lost fragment, with an event', () => {
    const d = new LatmDepacketizer({ cpresent: false, config });
    const out = [
      ...d.push(rtp({ sequenceNumber: 1, timestamp: 5, marker: false, payload: element.subarray(0, 100) })),
      ...d.push(rtp({ sequenceNumber: 3, timestamp: 5, marker: true, payload: element.subarray(200) })),
    ];
    expect(accessUnits(out)).toEqual([]);
    // one for the interrupted element, one for the orphan tail that does not parse
    expect(events(out)).toEqual([AacErrorCode.FragmentLost, AacErrorCode.FragmentLost]);
  });

  it('drops a partial element cut by a timestamp change, and a tail at the start of the stream (benign)', () => {
    const d = new LatmDepacketizer({ cpresent: false, config });
    const out = [
      ...d.push(rtp({ sequenceNumber: 1, timestamp: 5, marker: true, payload: element.subarray(200) })),
      ...d.push(rtp({ sequenceNumber: 2, timestamp: 6, marker: false, payload: element.subarray(0, 100) })),
      ...d.push(rtp({ sequenceNumber: 3, timestamp: 7, marker: true, payload: element })),
    ];
    expect(accessUnits(out)).toEqual([{ timestamp: 7, data: element.subarray(2) }]);
    expect(events(out)).toEqual([AacNoticeCode.JoinedMidAccessUnit, AacErrorCode.FragmentIncomplete]);
  });

  it('with cpresent=1, drops data before the first config with an event', () => {
    const d = new LatmDepacketizer({ cpresent: true });
    const out = d.push(rtp({ sequenceNumber: 1, timestamp: 5, payload: hex`81 6e f7 00` }));
    expect(out[0]).toMatchObject({ sequenceNumber: 1, timestamp: 5 });
    expect(accessUnits(out)).toEqual([]);
    expect(events(out)).toEqual([AacErrorCode.LatmConfigMissing]);
    expect(d.audioSpecificConfig).toBeUndefined();
  });

  it('requires the config when cpresent=0', () => {
    expect(() => new LatmDepacketizer({ cpresent: false })).toThrow(AacError);
  });

  it('reports a payload length past the data as an event, never throws', () => {
    const d = new LatmDepacketizer({ cpresent: false, config });
    d.push(rtp({ sequenceNumber: 1, timestamp: 4, payload: hex`01 aa` }));
    const out = d.push(rtp({ sequenceNumber: 2, timestamp: 5, payload: hex`05 01 02` }));
    expect(out).toEqual([
      {
        code: AacErrorCode.InvalidAudioMuxElement,
        message: expect.stringContaining('latm payload length 5 exceeds remaining 2 bytes'),
        sequenceNumber: 2,
        timestamp: 5,
      },
    ]);
  });
});

describe('LATM depacketizer, fuzzer findings (decode only)', () => {
  const config = hex`40 00 23 20 3f c0`;

  // Minimized inputs of aac-LatmDepacketizer.threw.*: each one-byte payload made push throw.
  // A first packet with the marker set puts the depacketizer at a unit boundary; the bad
  // element then becomes an event, and the next good one still comes out.
  for (const c of [
    {
      name: 'in-band StreamMuxConfig cut after audioMuxVersion',
      cpresent: true,
      payload: hex`02`,
      code: AacErrorCode.Truncated,
    },
    { name: 'in-band audioMuxVersionA 1', cpresent: true, payload: hex`77`, code: AacErrorCode.Unsupported },
    {
      name: 'PayloadLengthInfo of 129 with no bytes after it',
      cpresent: false,
      payload: hex`81`,
      code: AacErrorCode.InvalidAudioMuxElement,
    },
  ]) {
    it(`${c.name} is an event, not a throw`, () => {
      const d = new LatmDepacketizer(c.cpresent ? { cpresent: true } : { cpresent: false, config });
      const good = c.cpresent ? hex`20 00 11 90 1f e0 01 00 80` : hex`02 a1 a2`;
      d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: good }));
      const bad = d.push(rtp({ sequenceNumber: 2, timestamp: 1024, payload: c.payload }));
      expect(events(bad)).toEqual([c.code]);
      expect(accessUnits(d.push(rtp({ sequenceNumber: 3, timestamp: 2048, payload: good })))).toHaveLength(1);
    });
  }

  it('an element in one-byte packets without marker is parsed again only when it can be whole', () => {
    // Minimized: a 16 KiB AU (PayloadLengthInfo of 64 bytes 0xff) sent one byte per packet,
    // no marker. Each packet once re-concatenated and re-parsed everything collected.
    const length = 64 * 255 + 10;
    const element = new Uint8Array(64 + 1 + length);
    element.fill(0xff, 0, 64);
    element[64] = 10;
    for (let i = 0; i < length; i++) element[65 + i] = i & 0xff;
    const d = new LatmDepacketizer({ cpresent: false, config });
    const out = [...element].flatMap((byte, i) =>
      d.push(rtp({ sequenceNumber: i, timestamp: 7, marker: false, payload: Uint8Array.of(byte) })),
    );
    expect(events(out)).toEqual([]);
    expect(accessUnits(out)).toEqual([{ timestamp: 7, data: element.subarray(65) }]);
  });

  it('an in-band config split over one-byte packets', () => {
    // useSameStreamMux 0, StreamMuxConfig 400023203fc0 shifted by one bit, then a 2-byte AU.
    const element = hex`20 00 11 90 1f e0 01 00 80`;
    const d = new LatmDepacketizer({ cpresent: true });
    const out = [...element].flatMap((byte, i) =>
      d.push(rtp({ sequenceNumber: i, timestamp: 9, marker: i === element.length - 1, payload: Uint8Array.of(byte) })),
    );
    expect(events(out)).toEqual([]);
    expect(accessUnits(out)).toHaveLength(1);
    expect(d.audioSpecificConfig?.samplingFrequency).toBe(48000);
  });
});
