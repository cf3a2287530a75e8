import { join } from 'node:path';
import { captureUdp, freeUdpPortPair, missingPeers, repoRoot, runProcess } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  ReceptionStats,
  ReorderBuffer,
  type RtcpSenderReport,
  WallClock,
  parseRtcpCompound,
  parseRtpPacket,
  serializeRtcpCompound,
  serializeRtpPacket,
} from '../src/index.js';

// The bundled sample (`samples.h264Baseline` of @rtspkit/sample), by path.
const h264Baseline = join(repoRoot, 'packages/sample/media/sample-baseline.h264');

describe.skipIf(missingPeers('ffmpeg'))('ffmpeg 5.1 live: -f rtp to our receiver', () => {
  it('6 s of RTP and RTCP: every packet round trips, the second SR counts the packets before it, stats see no loss', async () => {
    const port = await freeUdpPortPair();
    const rtpCapture = captureUdp({ port, idleMs: 2000, timeoutMs: 18_000 });
    const rtcpCapture = captureUdp({ port: port + 1, idleMs: 7000, maxPackets: 2, timeoutMs: 18_000 });
    await Promise.all([rtpCapture.ready, rtcpCapture.ready]);
    const startMs = Date.now();
    const run = await runProcess(
      'ffmpeg',
      [
        ...['-hide_banner', '-loglevel', 'error', '-re', '-t', '6', '-i', h264Baseline],
        ...['-c', 'copy', '-f', 'rtp', `rtp://127.0.0.1:${port}?rtcpport=${port + 1}`],
      ],
      { timeoutMs: 18_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    const datagrams = await rtpCapture.packets;
    const rtcp = await rtcpCapture.packets;

    const packets = datagrams.map((d) => parseRtpPacket(d));
    for (const [i, d] of datagrams.entries()) expect(serializeRtpPacket(packets[i]!)).toEqual(d);

    const reports: RtcpSenderReport[] = [];
    for (const d of rtcp) {
      const compound = parseRtcpCompound(d);
      expect(serializeRtcpCompound(compound)).toEqual(d);
      for (const p of compound) if (p.type === 'sr') reports.push(p);
    }
    // ffmpeg sends an SR before the first packet, then one every 5 s
    expect(reports.length).toBeGreaterThanOrEqual(2);
    const sr = reports[1]!;
    expect(sr.ssrc).toBe(packets[0]!.ssrc);
    expect(sr.packetCount).toBeGreaterThan(0);
    expect(sr.packetCount).toBeLessThanOrEqual(packets.length);
    const sent = packets.slice(0, sr.packetCount);
    expect(sent.reduce((n, p) => n + p.payload.length, 0)).toBe(sr.octetCount);

    // Receiver pieces on the real stream: in order, nothing lost, wall clock near the run.
    const stats = new ReceptionStats();
    const reorder = new ReorderBuffer();
    const clock = new WallClock(90000);
    clock.onSenderReport(sr);
    const released = packets.flatMap((p, i) => {
      stats.push(p, p.timestamp + i); // arrival: media clock plus a steady drift
      return reorder.push(p, i);
    });
    expect(released.length).toBe(packets.length);
    expect(reorder.stats).toMatchObject({ lost: 0, dropped: 0, duplicated: 0 });
    expect(stats.lost).toBe(0);
    expect(stats.expected).toBe(packets.length - 1);
    const lastMs = clock.toUnixMs(packets[packets.length - 1]!.timestamp)!;
    expect(Math.abs(lastMs - (startMs + 6000))).toBeLessThan(3000);
  }, 25_000);
});
