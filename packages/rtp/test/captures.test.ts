import { join } from 'node:path';
import { equals } from '@rtspkit/bytes';
import { readRtpCapture } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type RtcpSenderReport,
  type RtpPacket,
  parseRtcpCompound,
  parseRtpPacket,
  serializeRtcpCompound,
  serializeRtpPacket,
} from '../src/index.js';

const fixture = (name: string) => readRtpCapture(join(import.meta.dirname, 'fixtures', name));

/** Checks every packet round trips byte-identically and the sequence numbers are consecutive. */
function checkRtp(datagrams: Uint8Array[]): RtpPacket[] {
  const packets = datagrams.map((d) => parseRtpPacket(d));
  datagrams.forEach((d, i) => {
    if (!equals(serializeRtpPacket(packets[i]!), d)) throw new Error(`packet ${i} does not re-serialize identically`);
  });
  for (let i = 1; i < packets.length; i++) {
    expect(packets[i]!.sequenceNumber).toBe((packets[i - 1]!.sequenceNumber + 1) & 0xffff);
    expect(packets[i]!.ssrc).toBe(packets[0]!.ssrc);
  }
  return packets;
}

function senderReports(datagrams: Uint8Array[]): RtcpSenderReport[] {
  const reports: RtcpSenderReport[] = [];
  for (const d of datagrams) {
    const compound = parseRtcpCompound(d);
    expect(serializeRtcpCompound(compound)).toEqual(d);
    for (const p of compound) if (p.type === 'sr') reports.push(p);
  }
  return reports;
}

describe('ffmpeg 5.1 capture (-f rtp, H.264 baseline)', () => {
  const rtp = fixture('ffmpeg-h264.rtp');
  const rtcp = fixture('ffmpeg-rtcp.rtp');

  it('every RTP packet parses and re-serializes byte-identically, consecutive sequence numbers', () => {
    const packets = checkRtp(rtp);
    expect(packets.length).toBeGreaterThan(100);
    expect(packets.every((p) => p.payloadType === 96 && p.csrcs.length === 0 && !p.extension)).toBe(true);
    // one marker per access unit: the last packet of every timestamp
    for (let i = 0; i + 1 < packets.length; i++) {
      expect(packets[i]!.marker).toBe(packets[i]!.timestamp !== packets[i + 1]!.timestamp);
    }
  });

  it('the SR is sent before the first RTP packet: counts 0, timestamp of that packet', () => {
    const [sr, ...more] = senderReports(rtcp);
    const first = parseRtpPacket(rtp[0]!);
    expect(more).toEqual([]);
    expect(sr).toMatchObject({ ssrc: first.ssrc, packetCount: 0, octetCount: 0, rtpTimestamp: first.timestamp });
  });
});

describe('GStreamer 1.22 capture (rtph264pay + rtpbin)', () => {
  const rtp = fixture('gstreamer-h264.rtp');
  const rtcp = fixture('gstreamer-rtcp.rtp');

  it('every RTP packet parses and re-serializes byte-identically, consecutive sequence numbers', () => {
    const packets = checkRtp(rtp);
    expect(packets.length).toBe(200);
  });

  it("the SR's sender packet and octet counts match the RTP packets captured before it", () => {
    const packets = rtp.map((d) => parseRtpPacket(d));
    const [sr] = senderReports(rtcp);
    expect(sr!.ssrc).toBe(packets[0]!.ssrc);
    expect(sr!.packetCount).toBeGreaterThan(0);
    expect(sr!.packetCount).toBeLessThanOrEqual(packets.length);
    // RFC 3550 §6.4.1: the octet count is payload octets only (no header, no padding)
    const sent = packets.slice(0, sr!.packetCount);
    expect(sent.reduce((n, p) => n + p.payload.length, 0)).toBe(sr!.octetCount);
    // the SR's RTP timestamp is "now" on the media clock: not before the last packet sent
    const last = sent[sent.length - 1]!;
    expect(((sr!.rtpTimestamp - last.timestamp) | 0) >= 0).toBe(true);
  });
});
