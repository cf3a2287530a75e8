import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex } from '@rtspkit/bytes';
import { parseRtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import { readRtpCapture } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type AacAccessUnit,
  type AacDepacketizerEvent,
  aacCodecString,
  isAacAccessUnit,
  LatmDepacketizer,
  Mpeg4GenericDepacketizer,
  parseAudioSpecificConfig,
  splitAdts,
} from '../src/index.js';
import { aacHbr } from './fmtp.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const sourceFrames = splitAdts(new Uint8Array(readFileSync(samples.aac.path)));

function load(name: string): { packets: ReturnType<typeof parseRtpPacket>[]; fmtp: Record<string, string> } {
  const packets = readRtpCapture(join(fixtures, `${name}.rtp`)).map((p) => parseRtpPacket(p));
  const { fmtp } = JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as { fmtp: Record<string, string> };
  return { packets, fmtp };
}

/**
 * The AUs must be the sample's ADTS payloads, in order, 1024 ticks apart (± `jitter`:
 * GStreamer derives RTP timestamps from rounded buffer times, so some steps are 1023).
 */
function expectSourceAus(items: Array<AacAccessUnit | AacDepacketizerEvent>, minimum: number, jitter = 0): void {
  expect(items.every(isAacAccessUnit)).toBe(true);
  const aus = items.filter(isAacAccessUnit);
  expect(aus.length).toBeGreaterThanOrEqual(minimum);
  aus.forEach((au, i) => {
    expect(au.data).toEqual(sourceFrames[i]?.payload);
    const elapsed = (au.timestamp - (aus[0] as AacAccessUnit).timestamp) >>> 0;
    expect(Math.abs(elapsed - i * 1024)).toBeLessThanOrEqual(jitter);
  });
}

describe('real captures', () => {
  it('FFmpeg 5.1 mpeg4-generic (AAC-hbr, several AUs per packet) gives the source AUs byte for byte', () => {
    const { packets, fmtp } = load('ffmpeg-mpeg4-generic');
    const asc = parseAudioSpecificConfig(fromHex(fmtp.config ?? ''));
    expect(aacCodecString(asc)).toBe('mp4a.40.2');
    const d = new Mpeg4GenericDepacketizer(aacHbr(fmtp));
    const out = packets.flatMap((p) => d.push(p));
    // 3 s of 48 kHz audio is ~141 AUs in far fewer packets: FFmpeg aggregates.
    expect(packets.length).toBeLessThan(out.length);
    expectSourceAus(out, 135);
  });

  it('GStreamer 1.22 rtpmp4gpay mpeg4-generic gives the source AUs byte for byte', () => {
    const { packets, fmtp } = load('gstreamer-mpeg4-generic');
    const d = new Mpeg4GenericDepacketizer(aacHbr(fmtp));
    expectSourceAus(
      packets.flatMap((p) => d.push(p)),
      150,
      1,
    );
  });

  it('GStreamer 1.22 rtpmp4apay MP4A-LATM (cpresent=0, truncated config) gives the source AUs byte for byte', () => {
    const { packets, fmtp } = load('gstreamer-latm');
    expect(fmtp.config).toBe('40002320');
    const d = new LatmDepacketizer({ cpresent: fmtp.cpresent === '1', config: fromHex(fmtp.config ?? '') });
    expectSourceAus(
      packets.flatMap((p) => d.push(p)),
      150,
      1,
    );
    expect(d.audioSpecificConfig).toMatchObject({ objectType: 2, samplingFrequency: 48000, channelConfiguration: 2 });
    // AUs of 255 bytes or more make PayloadLengthInfo a run of 0xFF.
    expect(packets.some((p) => p.payload[0] === 0xff)).toBe(true);
  });
});
