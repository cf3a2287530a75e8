import { splitAnnexB, splitLengthPrefixed } from '@rtspkit/bytes';
import {
  H264DtsExtractor,
  H264Depacketizer,
  H264Error,
  H264ErrorCode,
  annexBToAvcc,
  groupH264AccessUnits as groupH264,
  parseAvcC,
  parseH264Pps,
  parseH264SliceHeader,
  parseH264Sps,
  serializeAvcC,
} from '@rtspkit/h264';
import {
  H265DtsExtractor,
  H265Depacketizer,
  H265Error,
  H265ErrorCode,
  annexBToHvcc,
  groupH265AccessUnits as groupH265,
  parseH265Pps,
  parseH265SliceHeader,
  parseH265Sps,
  parseH265Vps,
  parseHvcC,
  serializeHvcC,
} from '@rtspkit/h265';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from '@rtspkit/rtp';
import { avcCCases, ppsCases, spsCases as h264SpsCases } from '../../../h264/test/cases.js';
import { depacketizeCases as h264RtpCases } from '../../../h264/test/rtp-cases.js';
import {
  bframesSps,
  bframesVps,
  hvcCCases,
  rtpCases as h265RtpCases,
  samplePps,
  sampleSps,
  sampleVps,
  spsCases as h265SpsCases,
  vpsCases,
} from '../../../h265/test/cases.js';
import { byteMutators } from '../mutate.js';
import { joinRecords, packetMutators } from '../packets.js';
import type { Reader, Target } from '../target.js';
import { captureWindows, sampleMedia } from './support.js';

const h264Errors = { name: 'H264Error', type: H264Error, codes: H264ErrorCode };
const h265Errors = { name: 'H265Error', type: H265Error, codes: H265ErrorCode };

const positiveSize = (v: unknown) => {
  const s = v as { width: number; height: number };
  return s.width > 0 && s.height > 0 ? undefined : `picture size ${s.width}x${s.height}`;
};

const nalsOf = (file: string, bytes = 256 * 1024) => splitAnnexB(sampleMedia(file, bytes));
const firstOfType = (nals: Uint8Array[], type: (n: Uint8Array) => boolean, max = 8) => nals.filter(type).slice(0, max);
const h264Type = (t: number) => (n: Uint8Array) => ((n[0] ?? 0) & 0x1f) === t;
const h265Slice = (n: Uint8Array) => (((n[0] ?? 0) >> 1) & 0x3f) < 32;

/** Access units as AVCC/HVCC samples (4-byte lengths), one per record: DTS extractor seeds. */
function auRecords(
  nals: Uint8Array[],
  group: (n: Uint8Array[]) => Uint8Array[][],
  toAvcc: (b: Uint8Array) => Uint8Array,
) {
  const aus = group(nals).slice(0, 40);
  const records = aus.map((au) => {
    const parts: number[] = [];
    for (const n of au) parts.push(0, 0, 0, 1, ...n.subarray(0, 2048));
    return toAvcc(Uint8Array.from(parts));
  });
  return [joinRecords(records.slice(0, 12)), joinRecords(records.slice(12, 40))];
}

function depacketizer(d: { push(p: RtpPacket): unknown[]; flush(): unknown[] }): Reader {
  return {
    push: (record) => {
      let packet: RtpPacket;
      try {
        packet = parseRtpPacket(record);
      } catch {
        return [];
      }
      return d.push(packet);
    },
    end: () => d.flush(),
  };
}

const caseWindow = (packets: readonly RtpPacket[]) => joinRecords(packets.map((p) => serializeRtpPacket(p)));

function dtsReader(
  extractor: { extract(nals: readonly Uint8Array[], pts: number): number },
  split: typeof splitLengthPrefixed,
): Reader {
  let pts = 0;
  return {
    push: (record) => {
      pts += 3000;
      let nals: Uint8Array[];
      try {
        nals = split(record, 4);
      } catch {
        return []; // not a sample: a demuxer would have refused it
      }
      return [extractor.extract(nals, pts)];
    },
  };
}

// ---- H.264

const h264Nals = () => nalsOf('sample-high-bframes.h264');

export const videoTargets: Target[] = [
  {
    kind: 'parse',
    name: 'h264/parseH264Sps',
    errors: h264Errors,
    seeds: () => [...h264SpsCases.map((c) => c.bytes), ...firstOfType(h264Nals(), h264Type(7), 2)],
    mutators: byteMutators,
    parse: parseH264Sps,
    check: positiveSize,
  },
  {
    kind: 'parse',
    name: 'h264/parseH264Pps',
    errors: h264Errors,
    seeds: () => ppsCases.map((c) => c.bytes),
    mutators: byteMutators,
    parse: parseH264Pps,
  },
  {
    kind: 'parse',
    name: 'h264/parseH264SliceHeader',
    errors: h264Errors,
    seeds: () => firstOfType(h264Nals(), (n) => h264Type(5)(n) || h264Type(1)(n), 12).map((n) => n.slice(0, 64)),
    mutators: byteMutators,
    parse: (() => {
      const nals = h264Nals();
      const sps = parseH264Sps(firstOfType(nals, h264Type(7), 1)[0] as Uint8Array);
      const pps = parseH264Pps(firstOfType(nals, h264Type(8), 1)[0] as Uint8Array);
      return (b: Uint8Array) => parseH264SliceHeader(b, sps, pps);
    })(),
  },
  {
    kind: 'parse',
    name: 'h264/parseAvcC',
    errors: h264Errors,
    seeds: () => avcCCases.map((c) => c.bytes),
    mutators: byteMutators,
    parse: parseAvcC,
    serialize: serializeAvcC,
  },
  {
    kind: 'parse',
    name: 'h264/annexBToAvcc',
    errors: h264Errors,
    seeds: () => [sampleMedia('sample-baseline.h264', 4096), sampleMedia('sample-high-bframes.h264', 2048)],
    mutators: byteMutators,
    growth: 8,
    parse: annexBToAvcc,
  },
  {
    kind: 'stream',
    feed: 'packets',
    name: 'h264/H264DtsExtractor',
    errors: h264Errors,
    seeds: () => auRecords(h264Nals(), groupH264, annexBToAvcc),
    mutators: packetMutators(),
    open: () => dtsReader(new H264DtsExtractor(), splitLengthPrefixed),
  },
  {
    kind: 'stream',
    feed: 'packets',
    neverThrows: true,
    name: 'h264/H264Depacketizer',
    errors: h264Errors,
    seeds: () => [
      ...h264RtpCases.map((c) => caseWindow(c.packets)),
      ...captureWindows('h264', 'ffmpeg-high-bframes.rtp'),
      ...captureWindows('h264', 'gstreamer-baseline-mtu1200.rtp').slice(0, 6),
    ],
    mutators: packetMutators(),
    open: () => depacketizer(new H264Depacketizer()),
  },

  // ---- H.265

  {
    kind: 'parse',
    name: 'h265/parseH265Vps',
    errors: h265Errors,
    seeds: () => [sampleVps, bframesVps, ...vpsCases.map((c) => c.nal)],
    mutators: byteMutators,
    parse: parseH265Vps,
  },
  {
    kind: 'parse',
    name: 'h265/parseH265Sps',
    errors: h265Errors,
    seeds: () => [sampleSps, bframesSps, ...h265SpsCases.map((c) => c.nal)],
    mutators: byteMutators,
    parse: parseH265Sps,
    check: positiveSize,
  },
  {
    kind: 'parse',
    name: 'h265/parseH265Pps',
    errors: h265Errors,
    seeds: () => [samplePps],
    mutators: byteMutators,
    parse: parseH265Pps,
  },
  {
    kind: 'parse',
    name: 'h265/parseH265SliceHeader',
    errors: h265Errors,
    seeds: () => firstOfType(nalsOf('sample.h265'), h265Slice, 12).map((n) => n.slice(0, 64)),
    mutators: byteMutators,
    parse: (() => {
      const sps = parseH265Sps(sampleSps);
      const pps = parseH265Pps(samplePps);
      return (b: Uint8Array) => parseH265SliceHeader(b, sps, pps);
    })(),
  },
  {
    kind: 'parse',
    name: 'h265/parseHvcC',
    errors: h265Errors,
    seeds: () => hvcCCases.map((c) => c.bytes),
    mutators: byteMutators,
    parse: parseHvcC,
    serialize: serializeHvcC,
  },
  {
    kind: 'parse',
    name: 'h265/annexBToHvcc',
    errors: h265Errors,
    seeds: () => [sampleMedia('sample.h265', 4096)],
    mutators: byteMutators,
    growth: 8,
    parse: annexBToHvcc,
  },
  {
    kind: 'stream',
    feed: 'packets',
    name: 'h265/H265DtsExtractor',
    errors: h265Errors,
    seeds: () => auRecords(nalsOf('sample.h265'), groupH265, annexBToHvcc),
    mutators: packetMutators(),
    open: () => dtsReader(new H265DtsExtractor(), splitLengthPrefixed),
  },
  {
    kind: 'stream',
    feed: 'packets',
    neverThrows: true,
    name: 'h265/H265Depacketizer',
    errors: h265Errors,
    seeds: () => [
      ...h265RtpCases.map((c) => caseWindow(c.packets)),
      ...captureWindows('h265', 'ffmpeg-sample.rtp'),
      ...captureWindows('h265', 'gstreamer-sample-mtu1200.rtp').slice(0, 6),
    ],
    mutators: packetMutators(),
    open: () => depacketizer(new H265Depacketizer()),
  },
];
