import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitAnnexB } from '@rtspkit/bytes';
import { parseRtpPacket } from '@rtspkit/rtp';
import { samples } from '@rtspkit/sample';
import {
  ffprobe,
  ffprobePackets,
  missingPeers,
  readRtpCapture,
  requirePeer,
  runProcess,
  tempDir,
} from '@rtspkit/test-utils';
import { describe, expect, it } from 'vitest';
import {
  H265Depacketizer,
  H265DtsExtractor,
  groupH265AccessUnits,
  h265CodecString,
  h265NalUnitType,
  hvcCFromParameterSets,
  isH265AccessUnit,
  isH265KeyFrame,
  parseH265Sps,
  serializeHvcC,
} from '../src/index.js';
import { CAPTURED_ACCESS_UNITS } from './fixtures/make-fixtures-config.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const isParameterSet = (nal: Uint8Array) => {
  const type = h265NalUnitType(nal);
  return type >= 32 && type <= 34;
};
const withoutParameterSets = (units: ReadonlyArray<readonly Uint8Array[]>) =>
  units.map((u) => u.filter((n) => !isParameterSet(n)).map((n) => Array.from(n)));

function sampleAccessUnits(): Uint8Array[][] {
  return groupH265AccessUnits(splitAnnexB(new Uint8Array(readFileSync(samples.h265.path))));
}

/** The hvcC box body of an MP4 file (the bytes after the first `hvcC` type). */
function hvcCBox(mp4: Uint8Array): Uint8Array {
  for (let i = 4; i + 4 <= mp4.length; i++) {
    if (mp4[i] === 0x68 && mp4[i + 1] === 0x76 && mp4[i + 2] === 0x63 && mp4[i + 3] === 0x43) {
      const size = new DataView(mp4.buffer, mp4.byteOffset + i - 4, 4).getUint32(0);
      return mp4.subarray(i + 4, i - 4 + size);
    }
  }
  throw new Error('no hvcC box');
}

describe('captures of real payloaders (ffmpeg 5.1, GStreamer 1.22 rtph265pay)', () => {
  const source = sampleAccessUnits().slice(0, CAPTURED_ACCESS_UNITS);
  for (const file of ['ffmpeg-sample.rtp', 'gstreamer-sample-mtu1200.rtp']) {
    it(`${file} depacketizes to the source access units, byte for byte`, () => {
      const d = new H265Depacketizer();
      const out = readRtpCapture(join(fixtures, file))
        .map(parseRtpPacket)
        .flatMap((p) => d.push(p));
      out.push(...d.flush());
      expect(out.filter((o) => !isH265AccessUnit(o))).toEqual([]);
      const units = out.filter(isH265AccessUnit);
      expect(units).toHaveLength(CAPTURED_ACCESS_UNITS);
      expect(withoutParameterSets(units.map((u) => u.nalUnits))).toEqual(withoutParameterSets(source));
      expect(units.map((u) => u.key)).toEqual(source.map(isH265KeyFrame));
      // Parameter sets the payloader sent are the source's.
      const sourceSets = new Set(
        source
          .flat()
          .filter(isParameterSet)
          .map((n) => Array.from(n).join()),
      );
      for (const nal of units.flatMap((u) => u.nalUnits).filter(isParameterSet)) {
        expect(sourceSets.has(Array.from(nal).join())).toBe(true);
      }
      // ffmpeg stamps 30 fps (3000 ticks apart); GStreamer, given a raw file without a frame
      // rate, stamps every packet alike, so its access units end at marker bits only.
      const steps = units.slice(1).map((u, i) => (u.timestamp - (units[i] as { timestamp: number }).timestamp) >>> 0);
      // (ffmpeg rounds from its 1/1200000 time base: 2999 or 3000).
      for (const step of steps) {
        if (file.startsWith('ffmpeg')) expect(step === 2999 || step === 3000).toBe(true);
        else expect(step).toBe(0);
      }
    });
  }
});

describe.skipIf(missingPeers('ffmpeg', 'ffprobe'))('ffmpeg and ffprobe agree', () => {
  it('hvcC built from the sample parameter sets equals the one ffmpeg writes to mp4', async () => {
    const dir = tempDir();
    const out = join(dir.path, 'out.mp4');
    const r = await runProcess(
      requirePeer('ffmpeg'),
      ['-v', 'error', '-y', '-i', samples.h265.path, '-c', 'copy', '-tag:v', 'hvc1', out],
      { timeoutMs: 20_000 },
    );
    expect(r.code).toBe(0);
    const [first] = sampleAccessUnits();
    const byType = (t: number) => (first ?? []).filter((n) => h265NalUnitType(n) === t);
    const ours = serializeHvcC(hvcCFromParameterSets(byType(32), byType(33), byType(34)));
    expect(Array.from(ours)).toEqual(Array.from(hvcCBox(new Uint8Array(readFileSync(out)))));
    const probe = await ffprobe(out);
    const sps = parseH265Sps(byType(33)[0] as Uint8Array);
    expect(probe.streams[0]).toMatchObject({
      codecName: 'hevc',
      profile: 'Main',
      width: sps.width,
      height: sps.height,
    });
    expect(h265CodecString(sps)).toBe('hvc1.1.6.L63.90');
  });

  it('DTS of the B-frame fixture equals the DTS ffmpeg writes to mp4', async () => {
    const path = join(fixtures, 'bframes.h265');
    const file = new Uint8Array(readFileSync(path));
    const units = groupH265AccessUnits(splitAnnexB(file));
    // Presentation order from ffmpeg's decoder: frames come out in output order, each with
    // the byte position of its access unit (the start code before its first NAL unit).
    const frames = await runProcess(
      requirePeer('ffprobe'),
      ['-v', 'error', '-of', 'csv=p=0', '-select_streams', 'v:0', '-show_entries', 'frame=pkt_pos', path],
      { timeoutMs: 20_000 },
    );
    const positions = frames.stdout
      .toString('utf8')
      .split('\n')
      .map((l) => Number.parseInt(l, 10))
      .filter((n) => Number.isFinite(n));
    expect(positions).toHaveLength(units.length);
    const startOf = (u: Uint8Array[]) => (u[0] as Uint8Array).byteOffset - file.byteOffset;
    const outputIndex = units.map((u) => positions.findIndex((p) => p >= startOf(u) - 4 && p < startOf(u)));
    expect(new Set(outputIndex).size).toBe(units.length);
    // 90 kHz PTS in decode order.
    const pts = outputIndex.map((k) => k * 3000);
    const extractor = new H265DtsExtractor();
    const dts = units.map((u, i) => extractor.extract(u, pts[i] as number));
    expect(extractor.reorderFrames).toBe(2);

    const dir = tempDir();
    const mp4 = join(dir.path, 'x.mp4');
    const r = await runProcess(
      requirePeer('ffmpeg'),
      ['-v', 'error', '-y', '-r', '30', '-i', path, '-c', 'copy', mp4],
      {
        timeoutMs: 20_000,
      },
    );
    expect(r.code).toBe(0);
    // ffmpeg's mp4 time base for 30 fps is 1/15360: 512 per frame.
    const ffmpegDts = (await ffprobePackets(mp4)).map((p) => ((p.dts as number) * 3000) / 512);
    // Both start two frames before the first PTS: the constant offset is 0.
    expect(dts).toEqual(ffmpegDts);
    expect(dts.every((d, i) => d <= (pts[i] as number))).toBe(true);
  });
});
