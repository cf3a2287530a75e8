import {
  AacError,
  AacErrorCode,
  LatmDepacketizer,
  Mpeg4GenericDepacketizer,
  parseAdtsHeader,
  parseAudioSpecificConfig,
  parseStreamMuxConfig,
  serializeAdtsHeader,
  serializeAudioSpecificConfig,
  serializeStreamMuxConfig,
  splitAdts,
} from '@rtspkit/aac';
import { createDepacketizer, formatOf } from '@rtspkit/format';
import { parseRtpPacket, serializeRtpPacket } from '@rtspkit/rtp';
import { parseFmtpParameters } from '@rtspkit/sdp';
import {
  ascCases,
  ascDecodeOnlyCases,
  adtsCases,
  latmCases,
  mpeg4GenericCases,
  streamMuxConfigCases,
} from '../../../aac/test/cases.js';
import { byteMutators, textMutators, type Mutator } from '../mutate.js';
import { joinRecords, packetMutators, splitRecords } from '../packets.js';
import type { Rng } from '../rng.js';
import type { Reader, Target } from '../target.js';
import { captureWindows, dec, enc, sampleMedia } from './support.js';

const errors = { name: 'AacError', type: AacError, codes: AacErrorCode };

/** The 13-bit `aac_frame_length` of every ADTS header found by its syncword. */
const adtsLengths: Mutator = (input: Uint8Array, rng: Rng) => {
  const syncs: number[] = [];
  for (let i = 0; i + 6 < input.length; i++)
    if (input[i] === 0xff && ((input[i + 1] as number) & 0xf6) === 0xf0) syncs.push(i);
  if (syncs.length === 0) return input;
  const at = rng.pick(syncs);
  const out = input.slice();
  const len = rng.pick([0, 1, 6, 7, 8, 9, 0x1fff, 0x1ffe, rng.below(0x2000)]);
  out[at + 3] = ((out[at + 3] as number) & 0xfc) | (len >> 11);
  out[at + 4] = (len >> 3) & 0xff;
  out[at + 5] = ((out[at + 5] as number) & 0x1f) | ((len & 7) << 5);
  return out;
};

const adtsStream = (): Uint8Array[] => {
  const aac = sampleMedia('sample.aac', 6 * 1024);
  return [aac, aac.subarray(0, 700), ...adtsCases.map((c) => c.bytes)];
};

const ascSeeds = () => [...ascCases, ...ascDecodeOnlyCases].map((c) => c.bytes);

const asc: Target = {
  kind: 'parse',
  name: 'aac/parseAudioSpecificConfig',
  errors,
  seeds: ascSeeds,
  mutators: byteMutators,
  parse: parseAudioSpecificConfig,
  serialize: serializeAudioSpecificConfig,
  check: (v) => {
    const a = v as { samplingFrequency: number; channelConfiguration: number };
    if (!(a.samplingFrequency > 0)) return `samplingFrequency ${a.samplingFrequency}`;
    return a.channelConfiguration >= 0 && a.channelConfiguration <= 15
      ? undefined
      : `channels ${a.channelConfiguration}`;
  },
};

const adtsHeader: Target = {
  kind: 'parse',
  name: 'aac/parseAdtsHeader',
  errors,
  seeds: () => adtsCases.map((c) => c.bytes),
  mutators: [...byteMutators, adtsLengths, adtsLengths],
  parse: (b) => parseAdtsHeader(b),
  serialize: serializeAdtsHeader,
  check: (v) => {
    const h = v as { frameLength: number; headerLength: number };
    return h.frameLength >= h.headerLength ? undefined : `frameLength ${h.frameLength} < header ${h.headerLength}`;
  },
};

const framesInside = (v: unknown, input: Uint8Array) => {
  for (const f of v as Array<{ offset: number; payload: Uint8Array; header: { frameLength: number } }>) {
    if (f.offset < 0 || f.offset + f.header.frameLength > input.length) return `frame at ${f.offset} outside the input`;
    if (f.payload.buffer !== input.buffer) return 'payload does not alias the input';
  }
  return undefined;
};

const splitStrict: Target = {
  kind: 'parse',
  name: 'aac/splitAdts',
  errors,
  seeds: adtsStream,
  mutators: [...byteMutators, adtsLengths, adtsLengths],
  parse: (b) => splitAdts(b),
  check: framesInside,
};

const splitResync: Target = {
  kind: 'parse',
  name: 'aac/splitAdts-resync',
  errors,
  seeds: adtsStream,
  mutators: [...byteMutators, adtsLengths, adtsLengths],
  parse: (b) => splitAdts(b, { resync: true, verifyCrc: true }),
  check: framesInside,
};

const streamMuxConfig: Target = {
  kind: 'parse',
  name: 'aac/parseStreamMuxConfig',
  errors,
  seeds: () => [...streamMuxConfigCases.map((c) => c.bytes), ...latmCases.flatMap((c) => (c.config ? [c.config] : []))],
  mutators: byteMutators,
  parse: (b) => parseStreamMuxConfig(b),
  serialize: serializeStreamMuxConfig,
};

/** `k=v;k=v` (an fmtp) into the record the codec's option readers take. */
function depacketizer(d: { push(p: ReturnType<typeof parseRtpPacket>): unknown[]; flush?(): unknown[] }): Reader {
  return {
    push: (record) => {
      let packet: ReturnType<typeof parseRtpPacket>;
      try {
        packet = parseRtpPacket(record);
      } catch {
        return []; // not RTP: a receiver drops it before the depacketizer
      }
      return d.push(packet);
    },
    ...(d.flush ? { end: () => (d.flush as () => unknown[])() } : {}),
  };
}

function rtpRecords(
  packets: ReadonlyArray<{ payload: Uint8Array; marker: boolean; timestamp?: number }>,
  config: string,
) {
  return joinRecords([
    enc(config),
    ...packets.map((p, i) =>
      serializeRtpPacket({
        marker: p.marker,
        payloadType: 96,
        sequenceNumber: 100 + i,
        timestamp: p.timestamp ?? 1000,
        ssrc: 0x1234,
        csrcs: [],
        payload: p.payload,
        paddingLength: 0,
      }),
    ),
  ]);
}

const withConfig = (config: string, windowsOf: Uint8Array[]) =>
  windowsOf.map((w) => joinRecords([enc(config), ...splitRecords(w)]));

/** Text mutators on the config record, packet mutators on the rest. */
const configMutator: Mutator = (input, rng, seeds) => {
  const records = splitRecords(input);
  if (records.length === 0) return input;
  records[0] = rng
    .pick(textMutators)(records[0] as Uint8Array, rng, seeds)
    .subarray(0, 4096);
  return joinRecords(records);
};

const mpeg4Generic: Target = {
  kind: 'stream',
  feed: 'packets',
  config: true,
  neverThrows: true,
  name: 'aac/Mpeg4GenericDepacketizer',
  errors,
  seeds: () => [
    ...mpeg4GenericCases.map((c) => {
      const p = c.params;
      const config = `sizelength=${p.sizeLength};indexlength=${p.indexLength};indexdeltalength=${p.indexDeltaLength}${p.constantSize ? `;constantsize=${p.constantSize}` : ''}`;
      return rtpRecords(c.packets, config);
    }),
    ...withConfig('sizelength=13;indexlength=3;indexdeltalength=3', captureWindows('aac', 'ffmpeg-mpeg4-generic.rtp')),
    ...withConfig(
      'sizelength=13;indexlength=3;indexdeltalength=3',
      captureWindows('aac', 'gstreamer-mpeg4-generic.rtp'),
    ),
  ],
  mutators: [...packetMutators(), configMutator],
  open: (config) => {
    // The fmtp as @rtspkit/format reads it; one it refuses falls back to AAC-hbr.
    const format = formatOf(
      {
        payloadType: 96,
        encodingName: 'mpeg4-generic',
        clockRate: 48000,
        parameters: parseFmtpParameters(dec(config)),
      },
      'audio',
    );
    try {
      if (format.codec === 'mpeg4-audio') return depacketizer(createDepacketizer(format));
      return depacketizer(new Mpeg4GenericDepacketizer({ sizeLength: 13, indexLength: 3, indexDeltaLength: 3 }));
    } catch (e) {
      if (!(e instanceof AacError)) throw e;
      return depacketizer(new Mpeg4GenericDepacketizer({ sizeLength: 13, indexLength: 3, indexDeltaLength: 3 }));
    }
  },
};

const latm: Target = {
  kind: 'stream',
  feed: 'packets',
  config: true,
  neverThrows: true,
  name: 'aac/LatmDepacketizer',
  errors,
  seeds: () => [
    ...latmCases.map((c) =>
      rtpRecords(
        c.payloads.map((payload) => ({ payload, marker: true })),
        `cpresent=${c.cpresent ? 1 : 0}${c.config ? `;config=${Buffer.from(c.config).toString('hex')}` : ''}`,
      ),
    ),
    ...withConfig('cpresent=0;config=40002320', captureWindows('aac', 'gstreamer-latm.rtp')),
  ],
  mutators: [...packetMutators(), configMutator],
  open: (config) => {
    const format = formatOf(
      { payloadType: 96, encodingName: 'MP4A-LATM', clockRate: 48000, parameters: parseFmtpParameters(dec(config)) },
      'audio',
    );
    try {
      if (format.codec === 'mp4a-latm') return depacketizer(createDepacketizer(format));
      return depacketizer(new LatmDepacketizer({ cpresent: true }));
    } catch (e) {
      if (!(e instanceof AacError)) throw e;
      return depacketizer(new LatmDepacketizer({ cpresent: true }));
    }
  },
};

export const aacTargets: Target[] = [asc, adtsHeader, splitStrict, splitResync, streamMuxConfig, mpeg4Generic, latm];
