import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromHex } from '@rtspkit/bytes';
import { parseRtpPacket, type RtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import { readRtpCapture } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type AacAccessUnit,
  type AacDepacketizerEvent,
  isAacAccessUnit,
  LatmDepacketizer,
  Mpeg4GenericDepacketizer,
  splitAdts,
} from '../src/index.js';
import { aacHbr } from './fmtp.js';

// RTP carried in RTSP sessions over TCP interleaving (made by
// test/fixtures/make-fixtures.ts, see FIXTURES.md): the interleaved frames
// of the sending side as plain datagrams, and the fmtp of the session's SDP as JSON.

const fixtures = join(import.meta.dirname, 'fixtures');
/** ADTS frames of the sample each capture covers. */
const CAPTURED_FRAMES = 150;
const sourceFrames = splitAdts(new Uint8Array(readFileSync(samples.aac.path))).slice(0, CAPTURED_FRAMES);

function load(name: string): { packets: RtpPacket[]; fmtp: Record<string, string> } {
  const packets = readRtpCapture(join(fixtures, `${name}.rtp`)).map((p) => parseRtpPacket(p));
  const { fmtp } = JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8')) as { fmtp: Record<string, string> };
  return { packets, fmtp };
}

/**
 * No events, and exactly the first `count` ADTS payloads of the source in order, 1024 ticks
 * apart (± `jitter`: GStreamer derives RTP timestamps from rounded buffer times, so one step
 * is 1023).
 */
function expectSourceAus(
  items: ReadonlyArray<AacAccessUnit | AacDepacketizerEvent>,
  jitter: number,
  count = CAPTURED_FRAMES,
): void {
  expect(items.filter((i) => !isAacAccessUnit(i))).toEqual([]);
  const aus = items.filter(isAacAccessUnit);
  expect(aus).toHaveLength(count);
  aus.forEach((au, i) => {
    expect(au.data).toEqual(sourceFrames[i]?.payload);
    const elapsed = (au.timestamp - (aus[0] as AacAccessUnit).timestamp) >>> 0;
    expect(Math.abs(elapsed - i * 1024)).toBeLessThanOrEqual(jitter);
  });
}

describe('RTP over RTSP (TCP interleaved) gives the source AUs byte for byte', () => {
  it('gst-rtsp-server (PLAY, rtpmp4gpay): mpeg4-generic AAC-hbr, one AU per packet', () => {
    const { packets, fmtp } = load('gst-rtsp-server-aac');
    expect(fmtp).toMatchObject({ mode: 'AAC-hbr', config: '1190', sizelength: '13' });
    const d = new Mpeg4GenericDepacketizer(aacHbr(fmtp));
    expect(packets).toHaveLength(CAPTURED_FRAMES);
    expectSourceAus(
      packets.flatMap((p) => d.push(p)),
      1,
    );
  });

  it('FFmpeg 5.1 (ANNOUNCE/RECORD): mpeg4-generic AAC-hbr, several AUs per packet', () => {
    const { packets, fmtp } = load('ffmpeg-record-aac');
    expect(fmtp).toMatchObject({ mode: 'AAC-hbr', config: '1190', 'profile-level-id': '1' });
    const d = new Mpeg4GenericDepacketizer(aacHbr(fmtp));
    const out = packets.flatMap((p) => d.push(p));
    // FFmpeg aggregates AUs up to its 1472-byte packets: 3 or 4 per packet here. A packet
    // goes out only when the next AU does not fit, so the last AU, still buffered when the
    // input ends, is never sent.
    expect(packets.length).toBeLessThan(CAPTURED_FRAMES / 3);
    expectSourceAus(out, 0, CAPTURED_FRAMES - 1);
  });

  it('rtspclientsink (ANNOUNCE/RECORD): MP4A-LATM, cpresent=0, one AU per packet', () => {
    const { packets, fmtp } = load('rtspclientsink-aac');
    expect(fmtp).toEqual({ cpresent: '0', config: '40002320' });
    const d = new LatmDepacketizer({ cpresent: false, config: fromHex(fmtp.config ?? '') });
    expect(packets).toHaveLength(CAPTURED_FRAMES);
    expectSourceAus(
      packets.flatMap((p) => d.push(p)),
      1,
    );
    expect(d.audioSpecificConfig).toMatchObject({ objectType: 2, samplingFrequency: 48000, channelConfiguration: 2 });
  });
});
