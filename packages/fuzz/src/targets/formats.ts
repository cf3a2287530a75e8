import {
  BitReader,
  BytesError,
  BytesErrorCode,
  fromBase64,
  fromHex,
  readSampleAspectRatio,
  removeEmulationPrevention,
  splitAnnexB,
  splitLengthPrefixed,
} from '@rtspkit/bytes';
import { Fmp4Error, Fmp4ErrorCode, inspectBoxes, serializeInitSegment } from '@rtspkit/fmp4';
import {
  ReceptionStats,
  ReorderBuffer,
  RtpError,
  RtpErrorCode,
  parseHeaderExtensionElements,
  parseRtcpCompound,
  parseRtpPacket,
  serializeRtcpCompound,
  serializeRtpPacket,
} from '@rtspkit/rtp';
import { formatOf } from '@rtspkit/format';
import {
  SdpError,
  SdpErrorCode,
  parseFmtpParameters,
  parseRtpmap,
  parseSdp,
  parseSdpBytes,
  serializeSdp,
} from '@rtspkit/sdp';
import { annexBCases, emulationCases } from '../../../bytes/test/cases.js';
import { allTracks, avcInitGolden, inspectOnlyCases, mediaSegmentCases } from '../../../fmp4/test/cases.js';
import { extensionCases, rtcpCases, rtpCases } from '../../../rtp/test/cases.js';
import { canonicalCases, errorCases, quirkCases, rtpmapCases } from '../../../sdp/test/cases.js';
import { type Mutator, byteMutators, textMutators } from '../mutate.js';
import { joinRecords, packetMutators, splitRecords } from '../packets.js';
import type { Rng } from '../rng.js';
import type { Target } from '../target.js';
import { captureWindows, dec, enc, fixtures, lengthFields, readUint, sampleMedia } from './support.js';

const bytesErrors = { name: 'BytesError', type: BytesError, codes: BytesErrorCode };
const sdpErrors = { name: 'SdpError', type: SdpError, codes: SdpErrorCode };
const rtpErrors = { name: 'RtpError', type: RtpError, codes: RtpErrorCode };
const fmp4Errors = { name: 'Fmp4Error', type: Fmp4Error, codes: Fmp4ErrorCode };

/** Box headers found by walking the input as boxes (sizes of every level). */
const boxSizes = lengthFields((input) => {
  const fields: Array<readonly [number, number]> = [];
  const walk = (start: number, end: number, depth: number) => {
    let at = start;
    while (at + 8 <= end && fields.length < 256) {
      const size = readUint(input, at, 4);
      fields.push([at, 4]);
      const type = String.fromCharCode(...input.subarray(at + 4, at + 8));
      const boxEnd = size === 0 ? end : at + size;
      if (size < 8 || boxEnd > end) return;
      if (depth < 8 && /^(moov|trak|mdia|minf|dinf|stbl|mvex|moof|traf|mfra|edts)$/.test(type)) {
        walk(at + 8, boxEnd, depth + 1);
      }
      at = boxEnd;
    }
  };
  walk(0, input.length, 0);
  return fields;
});

/** A box header with a 64-bit size, a zero size or a uuid, at a box boundary. */
const boxShape: Mutator = (input: Uint8Array, rng: Rng) => {
  if (input.length < 8) return input;
  const out = new Uint8Array(input.length + 8);
  out.set(input.subarray(0, 4));
  out.set(input.subarray(4, 8), 4);
  const size = readUint(input, 0, 4);
  const mode = rng.below(3);
  if (mode === 0) {
    out.set([0, 0, 0, 1], 0); // largesize follows
    const big = rng.pick([size + 8, 0, 0xffffffff, 2 ** 53, rng.u32()]);
    new DataView(out.buffer).setBigUint64(8, BigInt(big));
    out.set(input.subarray(8), 16);
    return out.subarray(0, input.length + 8);
  }
  const copy = input.slice();
  if (mode === 1) copy.set([0, 0, 0, 0], 0);
  else copy.set(enc('uuid'), 4);
  return copy;
};

/** A window whose packets keep their RTP header and 4 payload bytes: what ordering and statistics read. */
const headersOnly = (window: Uint8Array) => joinRecords(splitRecords(window).map((p) => p.subarray(0, 16)));

const fmp4Seeds = () => [
  avcInitGolden,
  ...mediaSegmentCases.map((c) => c.bytes),
  ...inspectOnlyCases.map((c) => c.bytes),
  serializeInitSegment(allTracks.map((t, i) => ({ ...t, id: i + 1 }))),
];

const insideInput = (boxes: unknown, input: Uint8Array): string | undefined => {
  for (const b of boxes as Array<{ offset: number; size: number; children: unknown[]; payload: Uint8Array }>) {
    if (b.offset < 0 || b.offset + b.size > input.length)
      return `box at ${b.offset} of size ${b.size} outside the input`;
    if (b.payload.buffer !== input.buffer) return 'payload does not alias the input';
    const inner = insideInput(b.children, input);
    if (inner) return inner;
  }
  return undefined;
};

const sdpSeeds = () => [
  ...fixtures('sdp', '.sdp'),
  ...canonicalCases.map((c) => enc(c.text)),
  ...quirkCases.map((c) => enc(c.text)),
  ...errorCases.map((c) => enc(c.text)),
];

const fmtpSeeds = () =>
  fixtures('sdp', '.sdp').flatMap((b) =>
    dec(b)
      .split(/\r?\n/)
      .filter((l) => l.startsWith('a=fmtp:'))
      .map((l) => enc(l.replace(/^a=fmtp:\d+\s*/, ''))),
  );

export const formatTargets: Target[] = [
  // ---- bytes
  {
    kind: 'parse',
    name: 'bytes/splitAnnexB',
    errors: bytesErrors,
    seeds: () => [...annexBCases.map((c) => c.stream), sampleMedia('sample-baseline.h264', 4096)],
    mutators: byteMutators,
    parse: splitAnnexB,
  },
  {
    kind: 'parse',
    name: 'bytes/splitLengthPrefixed',
    errors: bytesErrors,
    seeds: () => [Uint8Array.of(0, 0, 0, 2, 9, 9, 0, 0, 0, 1, 7), Uint8Array.of(0, 3, 1, 2, 3)],
    mutators: byteMutators,
    parse: (b) => splitLengthPrefixed(b.subarray(1), ([1, 2, 4] as const)[(b[0] ?? 0) % 3] ?? 4),
  },
  {
    kind: 'parse',
    name: 'bytes/removeEmulationPrevention',
    errors: bytesErrors,
    seeds: () => emulationCases.map((c) => c.nal),
    mutators: byteMutators,
    parse: removeEmulationPrevention,
  },
  {
    kind: 'parse',
    name: 'bytes/BitReader',
    errors: bytesErrors,
    seeds: () => [Uint8Array.of(0x80), Uint8Array.of(0, 0, 0, 1, 0xff), Uint8Array.of(0xff, 0x00, 0x11)],
    mutators: byteMutators,
    parse: (b) => {
      const r = new BitReader(b);
      const out: number[] = [];
      while (r.bitsLeft > 0 && out.length < 64) {
        const op = out.length % 4;
        if (op === 0) out.push(r.ue());
        else if (op === 1) out.push(r.se());
        else if (op === 2) out.push(...readSampleAspectRatio(r));
        else out.push(r.u(Math.min(32, r.bitsLeft)));
      }
      return out;
    },
  },
  {
    kind: 'parse',
    name: 'bytes/fromBase64',
    errors: bytesErrors,
    seeds: () => ['Z0LAFQ==', 'aMuMsg==', 'AAECAwQ=', ''].map(enc),
    mutators: textMutators,
    parse: (b) => fromBase64(dec(b)),
  },
  {
    kind: 'parse',
    name: 'bytes/fromHex',
    errors: bytesErrors,
    seeds: () => ['1190', '400023203fc0', ''].map(enc),
    mutators: textMutators,
    parse: (b) => fromHex(dec(b)),
  },

  // ---- sdp
  {
    kind: 'parse',
    name: 'sdp/parseSdp',
    errors: sdpErrors,
    seeds: sdpSeeds,
    mutators: textMutators,
    parse: parseSdpBytes,
    serialize: serializeSdp,
    reparse: parseSdp,
  },
  {
    kind: 'parse',
    name: 'sdp/parseRtpmap',
    errors: sdpErrors,
    seeds: () => rtpmapCases.map((c) => enc(c.value)),
    mutators: textMutators,
    parse: (b) => parseRtpmap(dec(b)),
    check: (v) => {
      const r = v as { payloadType: number; clockRate: number };
      return r.payloadType >= 0 && r.payloadType <= 127 && r.clockRate > 0 ? undefined : JSON.stringify(v);
    },
  },
  {
    kind: 'parse',
    name: 'sdp/fmtp-parameters',
    errors: sdpErrors,
    seeds: fmtpSeeds,
    mutators: textMutators,
    parse: (b) => {
      // What each codec makes of the parameters (@rtspkit/format): a typed format, or a generic one with a reason.
      const parameters = parseFmtpParameters(dec(b));
      return ['H264', 'H265', 'mpeg4-generic', 'MP4A-LATM'].map((encodingName) =>
        formatOf({ payloadType: 96, encodingName, clockRate: 48000, parameters }, 'audio'),
      );
    },
  },

  // ---- rtp
  {
    kind: 'parse',
    name: 'rtp/parseRtpPacket',
    errors: rtpErrors,
    seeds: () => [...rtpCases.map((c) => c.bytes), ...fixtures('rtp', 'h264.rtp').map((b) => b.subarray(2, 300))],
    mutators: byteMutators,
    parse: parseRtpPacket,
    serialize: serializeRtpPacket,
  },
  {
    kind: 'parse',
    name: 'rtp/parseRtcpCompound',
    errors: rtpErrors,
    seeds: () => [...rtcpCases.map((c) => c.bytes), ...fixtures('rtp', 'rtcp.rtp').map((b) => b.subarray(2))],
    mutators: byteMutators,
    parse: (b) => parseRtcpCompound(b, { tolerant: (b.length & 1) === 1 }),
    serialize: serializeRtcpCompound,
    reparse: (b: Uint8Array) => parseRtcpCompound(b, { tolerant: true }),
  },
  {
    kind: 'parse',
    name: 'rtp/parseHeaderExtensionElements',
    errors: rtpErrors,
    seeds: () => extensionCases.map((c) => Uint8Array.of(c.profile >> 8, c.profile & 0xff, ...c.data)),
    mutators: byteMutators,
    parse: (b) => parseHeaderExtensionElements({ profile: readUint(b, 0, 2), data: b.subarray(2) }),
  },
  {
    kind: 'stream',
    feed: 'packets',
    name: 'rtp/ReorderBuffer',
    errors: rtpErrors,
    seeds: () =>
      [...captureWindows('rtp', 'ffmpeg-h264.rtp', 32), ...captureWindows('rtp', 'gstreamer-h264.rtp', 32)].map(
        headersOnly,
      ),
    mutators: packetMutators(),
    open: () => {
      const buffer = new ReorderBuffer({ capacity: 64 });
      let now = 0;
      return {
        push: (record) => {
          now += record.length & 7;
          let packet: ReturnType<typeof parseRtpPacket>;
          try {
            packet = parseRtpPacket(record);
          } catch {
            return buffer.poll(now).map((p) => p.sequenceNumber);
          }
          return [...buffer.push(packet, now), ...buffer.poll(now)].map((p) => p.sequenceNumber);
        },
        end: () => [...buffer.flush().map((p) => p.sequenceNumber), buffer.stats],
      };
    },
  },
  {
    kind: 'stream',
    feed: 'packets',
    name: 'rtp/ReceptionStats',
    errors: rtpErrors,
    seeds: () => captureWindows('rtp', 'gstreamer-h264.rtp', 48).map(headersOnly),
    mutators: packetMutators(),
    open: () => {
      const stats = new ReceptionStats();
      let now = 0;
      return {
        push: (record) => {
          now += 20;
          try {
            return [stats.push(parseRtpPacket(record), now)];
          } catch (e) {
            if (e instanceof RtpError) return [];
            throw e;
          }
        },
        end: () => [stats.received, stats.lost, stats.expected, stats.jitter, stats.reportBlock(now)],
      };
    },
    check: (v) => {
      const items = v as unknown[];
      const block = items[items.length - 1] as { fractionLost?: number } | undefined;
      const f = block?.fractionLost;
      return f === undefined || (f >= 0 && f <= 255) ? undefined : `fractionLost ${f}`;
    },
  },

  // ---- fmp4
  {
    kind: 'parse',
    name: 'fmp4/inspectBoxes',
    errors: fmp4Errors,
    seeds: fmp4Seeds,
    mutators: [...byteMutators, boxSizes, boxSizes, boxSizes, boxShape],
    parse: (b) => inspectBoxes(b),
    check: insideInput,
  },
];
