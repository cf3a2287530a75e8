import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitAnnexB } from '@rtspkit/bytes';
import { createPacketizer, formatToMedia, h264Format } from '@rtspkit/format';
import {
  ntpToUnixMs,
  parseRtcpCompound,
  parseRtpPacket,
  type RtcpSenderReport,
  serializeRtpPacket,
} from '@rtspkit/rtp';
import { MessageReader } from '@rtspkit/rtsp';
import { samples } from '@rtspkit/sample';
import { buildSession } from '@rtspkit/sdp';
import {
  ffprobe,
  freeTcpPort,
  missingPeers,
  requirePeer,
  startProcess,
  startRelay,
  tempDir,
} from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { RtspClient } from '../src/node/index.js';
import { groupH264AccessUnits } from './codec-shim.js';

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('publishing to FFmpeg (-rtsp_flags listen)', () => {
  it('ANNOUNCE/RECORD of 60 sample frames at real time with RTCP sender reports; FFmpeg receives them', {
    timeout: 60_000,
  }, async () => {
    const units = groupH264AccessUnits(splitAnnexB(new Uint8Array(readFileSync(samples.h264Baseline.path)))).slice(
      0,
      60,
    );
    const first = units[0]!;
    const format = h264Format({
      sps: first.filter((n) => (n[0]! & 0x1f) === 7),
      pps: first.filter((n) => (n[0]! & 0x1f) === 8),
    });
    const sdp = buildSession({ sessionName: 'rtspkit', media: [formatToMedia(format, { control: 'trackID=0' })] });
    const port = await freeTcpPort();
    const dir = tempDir('rtspkit-publish-');
    const out = join(dir.path, 'received.mkv');
    const ffmpeg = startProcess(
      requirePeer('ffmpeg'),
      ['-v', 'error', '-rtsp_flags', 'listen', '-i', `rtsp://127.0.0.1:${port}/live`, '-c', 'copy', '-y', out],
      { maxLifeMs: 50_000 },
    );
    // A relay in between keeps every byte the client sent.
    const relay = await startRelay(port);
    try {
      // FFmpeg listens once it has parsed its arguments; retry the connection until then.
      let client: RtspClient | undefined;
      for (let attempt = 0; attempt < 50 && client === undefined; attempt++) {
        const c = new RtspClient({
          url: `rtsp://127.0.0.1:${relay.port}/live`,
          senderReportMs: 500,
          transport: 'tcp',
          publish: sdp,
          reconnect: false,
        });
        const first = await new Promise<string>((resolve) =>
          c.on((e) => (e.type === 'recording' || e.type === 'error') && resolve(e.type)),
        );
        if (first === 'recording') client = c;
        else await new Promise((r) => setTimeout(r, 200));
      }
      expect(client, 'FFmpeg accepted ANNOUNCE/SETUP/RECORD').toBeDefined();
      const packetizer = createPacketizer(format, { mtu: 1400 });
      const start = Date.now();
      for (const [i, au] of units.entries()) {
        const wait = start + (i * 1000) / 30 - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        for (const p of packetizer.packetize(au, i * 3000)) client!.sendRtp(0, serializeRtpPacket(p));
      }
      await client!.close();
      expect(await ffmpeg.exited(20_000), ffmpeg.output()).toBe(0);
      const probe = await ffprobe(out, { countFrames: true });
      expect(probe.streams[0]?.codecName).toBe('h264');
      expect(probe.streams[0]?.frames).toBeGreaterThanOrEqual(58);
      expect(probe.streams[0]?.frames).toBeLessThanOrEqual(60);
      // What FFmpeg read, in order: RTP on channel 0, sender reports on channel 1. Each report
      // counts exactly the packets before it, and maps RTP time at the track's clock rate.
      const connection = relay.connections().find((c) => c.client.length > 10_000)!;
      const frames = new MessageReader().push(connection.client).flatMap((i) => (i.kind === 'frame' ? [i] : []));
      let packets = 0;
      let octets = 0;
      let ssrc: number | undefined;
      const reports: RtcpSenderReport[] = [];
      for (const f of frames) {
        if (f.channel === 0) {
          const p = parseRtpPacket(f.payload);
          ssrc ??= p.ssrc;
          packets++;
          octets += p.payload.length;
          continue;
        }
        expect(f.channel).toBe(1);
        const [sr, sdes] = parseRtcpCompound(f.payload);
        expect([sr?.type, sdes?.type]).toEqual(['sr', 'sdes']);
        const report = sr as RtcpSenderReport;
        expect([report.ssrc, report.packetCount, report.octetCount]).toEqual([ssrc, packets, octets]);
        reports.push(report);
      }
      // 2 s of media: the report at the first packet, then one every 500 ms.
      expect(reports.length).toBeGreaterThanOrEqual(4);
      expect(reports[0]!.rtpTimestamp).toBe(0);
      for (const r of reports) {
        const ms = ntpToUnixMs(r.ntpTimestamp) - ntpToUnixMs(reports[0]!.ntpTimestamp);
        expect(Math.abs(r.rtpTimestamp - ms * 90)).toBeLessThanOrEqual(1);
      }
    } finally {
      await relay.close();
      await ffmpeg.stop();
      dir.remove();
    }
  });
});
