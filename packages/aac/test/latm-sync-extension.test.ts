import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { BitWriter, fromHex, hex } from '@rtspkit/bytes';
import { parseRtpPacket } from '@rtspkit/rtp';
import { gstPadCaps, missingPeers, readRtpCapture, tempDir } from '@rtspkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LatmDepacketizer,
  parseStreamMuxConfig,
  serializeStreamMuxConfig,
  splitAdts,
  type StreamMuxConfig,
} from '../src/index.js';
import { streamMuxConfigCases } from './cases.js';
import { accessUnits, rtp } from './helpers.js';

/**
 * Encoders that signal SBR backward-compatibly (FFmpeg's, hence GStreamer's `avenc_aac`)
 * append a sync extension (0x2b7, extension type 5) to the AudioSpecificConfig, and
 * GStreamer's rtpmp4apay copies that ASC into an audioMuxVersion 0 StreamMuxConfig, which
 * has no `ascLen` to delimit it, and stops right after frameLengthType.
 */
const withExtension = streamMuxConfigCases.find((c) => c.name.startsWith('version 0 with a sync extension'))!;

/** Decode-only StreamMuxConfigs: what GStreamer 1.22 announces, tolerated on read. */
const decodeOnly: ReadonlyArray<{ name: string; bytes: Uint8Array; config: StreamMuxConfig }> = [
  {
    name: 'rtpmp4apay after avenc_aac, 48 kHz stereo: config=40002320adca00 ends after frameLengthType',
    bytes: hex`40 00 23 20 ad ca 00   # … 0x2b7 | 00101 | 0 sbrPresent | 000 frameLengthType | pad`,
    config: withExtension.config,
  },
  {
    name: 'rtpmp4apay after avenc_aac, 44.1 kHz mono: config=40002410adca00',
    bytes: hex`40 00 24 10 ad ca 00   # ASC 1208 (AAC-LC 44.1 kHz mono) + the same extension`,
    config: {
      ...withExtension.config,
      audioSpecificConfig: {
        ...withExtension.config.audioSpecificConfig,
        samplingFrequencyIndex: 4,
        samplingFrequency: 44100,
        channelConfiguration: 1,
      },
    },
  },
  {
    name: 'rtpmp4apay after voaacenc (no extension): config=40002320 ends after the ASC',
    bytes: hex`40 00 23 20`,
    config: { ...withExtension.config, audioSpecificConfig: streamMuxConfigCases[0]!.config.audioSpecificConfig },
  },
];

/** One AudioMuxElement payload: PayloadLengthInfo as 0xFF runs, then the AU. */
function payloadOf(au: Uint8Array, prefix?: (w: BitWriter) => void): Uint8Array {
  const w = new BitWriter();
  prefix?.(w);
  let n = au.length;
  while (n >= 255) {
    w.u(8, 255);
    n -= 255;
  }
  w.u(8, n);
  for (const b of au) w.u(8, b);
  return w.finish();
}

describe('StreamMuxConfig with an ASC sync extension (audioMuxVersion 0)', () => {
  for (const c of decodeOnly) {
    it(`decode-only: ${c.name}`, () => {
      expect(parseStreamMuxConfig(c.bytes)).toEqual(c.config);
      // written back in full, and read the same
      expect(parseStreamMuxConfig(serializeStreamMuxConfig(c.config), { tolerateTruncation: false })).toEqual(c.config);
    });
  }

  it('takes 0x2b7 for an extension only when it names SBR or ER BSAC', () => {
    // ASC 1190, then 0x2b7 followed by type 2: not an extension, so frameLengthType reads 010
    const config = parseStreamMuxConfig(hex`40 00 23 20 ad 42 00 00`);
    expect(config.audioSpecificConfig.extensionObjectType).toBeUndefined();
    expect(config.frameLengthType).toBe(2);
  });

  it('refuses to write an extension of another type in version 0, where readers could not find it', () => {
    const asc = { ...withExtension.config.audioSpecificConfig, extensionObjectType: 2 };
    expect(() => serializeStreamMuxConfig({ ...withExtension.config, audioSpecificConfig: asc })).toThrow(
      /sync extension of type 2/,
    );
  });

  it('depacketizes with the truncated out-of-band config (cpresent=0)', () => {
    const d = new LatmDepacketizer({ cpresent: false, config: fromHex('40002320adca00') });
    const au = new Uint8Array(300).map((_, i) => i & 0xff);
    const out = accessUnits(d.push(rtp({ sequenceNumber: 1, timestamp: 1024, payload: payloadOf(au) })));
    expect(out.map((u) => u.data)).toEqual([au]);
  });

  it('depacketizes an in-band config carrying the extension (cpresent=1)', () => {
    const smc = serializeStreamMuxConfig(withExtension.config);
    // the config's own bits, without its byte padding: 15 + 33 (ASC) + 3 + 8 + 1 + 1
    const smcBits = 61;
    const au = hex`21 10 05 00 a0 19 33 87 c0 00 7e`;
    const inBand = (w: BitWriter) => {
      w.u(1, 0); // useSameStreamMux 0: a StreamMuxConfig follows
      for (let i = 0; i < smcBits; i++) w.u(1, ((smc[i >> 3] as number) >> (7 - (i & 7))) & 1);
    };
    const d = new LatmDepacketizer({ cpresent: true });
    const first = accessUnits(d.push(rtp({ sequenceNumber: 1, timestamp: 0, payload: payloadOf(au, inBand) })));
    expect(first.map((u) => u.data)).toEqual([au]);
    expect(d.streamMuxConfig).toEqual(withExtension.config);
    // then useSameStreamMux 1
    const same = accessUnits(
      d.push(rtp({ sequenceNumber: 2, timestamp: 1024, payload: payloadOf(au, (w) => w.u(1, 1)) })),
    );
    expect(same.map((u) => u.data)).toEqual([au]);
  });
});

describe.skipIf(missingPeers('gst-python'))(
  'GStreamer 1.22: avenc_aac ! rtpmp4apay (SBR signalled backward-compatibly)',
  () => {
    const scratch = tempDir('rtspkit-latm-sbr-');
    afterAll(() => scratch.remove());

    it('depacketizes into the encoder access units, byte for byte', async () => {
      const adts = join(scratch.path, 'encoder.aac');
      const capture = join(scratch.path, 'latm.rtp');
      // One encoder, two branches: its access units as ADTS, and the same units as MP4A-LATM
      // RTP packets framed as RFC 4571 (16-bit length + packet, the .rtp capture layout).
      const caps = await gstPadCaps(
        'audiotestsrc num-buffers=60 ! audio/x-raw,rate=48000,channels=2 ! avenc_aac ! tee name=t ' +
          `t. ! queue ! aacparse ! audio/mpeg,stream-format=adts ! filesink location=${adts} ` +
          `t. ! queue ! rtpmp4apay name=pay ! rtpstreampay ! filesink location=${capture}`,
        'pay',
      );
      const config = /config=\(string\)([0-9a-f]+)/.exec(caps)?.[1];
      expect(config, `rtpmp4apay caps carry config= (${caps})`).toBeDefined();
      // the shape this test is about: a sync extension in a version 0 config
      expect(config).toMatch(/^40002[0-9a-f]{3}adca/);

      const encoderAus = splitAdts(new Uint8Array(readFileSync(adts))).map((f) => f.payload);
      expect(encoderAus.length).toBeGreaterThan(20);
      const d = new LatmDepacketizer({ cpresent: false, config: fromHex(config as string) });
      const got: Uint8Array[] = [];
      for (const record of readRtpCapture(capture)) {
        for (const u of accessUnits(d.push(parseRtpPacket(record)))) got.push(u.data.slice());
      }
      expect(d.streamMuxConfig?.audioSpecificConfig).toMatchObject({
        objectType: 2,
        extensionObjectType: 5,
        sbrPresent: false,
      });
      expect(got.length).toBe(encoderAus.length);
      expect(got).toEqual(encoderAus);
    }, 60_000);
  },
);
