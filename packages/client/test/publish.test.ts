import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitAnnexB } from '@rtspkit/bytes';
import { createPacketizer, formatToMedia, h264Format } from '@rtspkit/format';
import { serializeRtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import { buildSession } from '@rtspkit/sdp';
import { ffprobe, freeTcpPort, missingPeers, requirePeer, startProcess, tempDir } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { RtspClient } from '../src/node/index.js';
import { groupH264AccessUnits } from './codec-shim.js';

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('publishing to FFmpeg (-rtsp_flags listen)', () => {
  it('ANNOUNCE/RECORD of 60 sample frames at real time; FFmpeg receives them', { timeout: 60_000 }, async () => {
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
    try {
      // FFmpeg listens once it has parsed its arguments; retry the connection until then.
      let client: RtspClient | undefined;
      for (let attempt = 0; attempt < 50 && client === undefined; attempt++) {
        const c = new RtspClient({
          url: `rtsp://127.0.0.1:${port}/live`,
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
    } finally {
      await ffmpeg.stop();
      dir.remove();
    }
  });
});
