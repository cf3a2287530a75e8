import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitAnnexB } from '@rtspkit/bytes';
import { samples } from '@rtspkit/sample';
import { ffprobePackets, missingPeers, requirePeer, runProcess, tempDir } from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import { H264DtsExtractor, H264Error, groupH264AccessUnits } from '../src/index.js';

const FRAME = 3000; // 90 kHz ticks at 30 fps

describe('H264DtsExtractor on the samples', () => {
  it('baseline (POC type 2, no reordering): DTS equals PTS', () => {
    const units = groupH264AccessUnits(splitAnnexB(new Uint8Array(readFileSync(samples.h264Baseline.path))));
    const x = new H264DtsExtractor();
    for (const [i, au] of units.entries()) expect(x.extract(au, 90_000 + i * FRAME)).toBe(90_000 + i * FRAME);
    expect(x.reorderFrames).toBe(0);
  });

  it('throws H264Error without parameter sets', () => {
    const units = groupH264AccessUnits(splitAnnexB(new Uint8Array(readFileSync(samples.h264High.path))));
    expect(() => new H264DtsExtractor().extract(units[1] as Uint8Array[], 0)).toThrow(H264Error);
    expect(() => new H264DtsExtractor().extract([], 0)).toThrow(/without a slice/);
  });
});

/**
 * ffmpeg 5.1 copying raw H.264 into MP4 (`-r 30 -c copy`) writes correct decode timestamps
 * (one frame apart, starting at minus the reorder depth) but sets PTS = DTS, since its raw
 * H.264 demuxer does not reorder. So the PTS fed to the extractor come from ffprobe's decoder
 * output order (`coded_picture_number` of each displayed frame), and the DTS it returns are
 * compared with the DTS ffprobe reports for the MP4 packets.
 */
describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('H264DtsExtractor against ffprobe (B-frames)', () => {
  it('gives the DTS ffmpeg writes to MP4 for all 300 frames of the High sample', async () => {
    const dir = tempDir();
    try {
      const mp4 = join(dir.path, 'high.mp4');
      const r = await runProcess(
        requirePeer('ffmpeg'),
        ['-v', 'error', '-r', '30', '-i', samples.h264High.path, '-c', 'copy', mp4],
        { timeoutMs: 30_000 },
      );
      expect(r.code).toBe(0);
      const packets = await ffprobePackets(mp4);
      expect(packets).toHaveLength(300);
      const frames = await runProcess(
        requirePeer('ffprobe'),
        [
          '-v',
          'error',
          '-select_streams',
          'v:0',
          '-show_entries',
          'frame=coded_picture_number',
          '-of',
          'csv=p=0',
          samples.h264High.path,
        ],
        { timeoutMs: 30_000 },
      );
      const displayOrder = (frames.stdout.toString('utf8').match(/\d+/g) ?? []).map(Number);
      expect(displayOrder).toHaveLength(300);
      const displayIndex = new Map(displayOrder.map((coded, shown) => [coded, shown]));
      const tick = (packets[0]?.duration ?? 0) / FRAME; // MP4 time base units per 90 kHz tick
      const units = groupH264AccessUnits(splitAnnexB(new Uint8Array(readFileSync(samples.h264High.path))));
      expect(units).toHaveLength(300);
      const x = new H264DtsExtractor();
      const pts = units.map((_, k) => (displayIndex.get(k) as number) * FRAME);
      const ours = units.map((au, k) => x.extract(au, pts[k] as number));
      const theirs = packets.map((p) => (p.dts as number) / tick);
      // Both start one frame (the reorder depth) before the first PTS: the offset is 0.
      expect(theirs[0]).toBe(-FRAME);
      expect(x.reorderFrames).toBe(1);
      expect(ours).toEqual(theirs);
      for (let k = 0; k < ours.length; k++) {
        expect(ours[k]).toBeLessThanOrEqual(pts[k] as number);
        if (k > 0) expect((ours[k] as number) - (ours[k - 1] as number)).toBe(FRAME);
      }
    } finally {
      dir.remove();
    }
  });
});
