import { ascFromAdtsHeader, serializeAudioSpecificConfig, splitAdts } from '@rtspkit/aac';
import { splitAnnexB } from '@rtspkit/bytes';
import {
  groupH264AccessUnits as groupH264,
  h264SlicePpsId,
  H264NalUnitType,
  type H264Pps,
  type H264Sps,
  isH264KeyFrame as isH264Key,
  parseH264Pps,
  parseH264SliceHeader,
  parseH264Sps,
} from '@rtspkit/h264';
import {
  groupH265AccessUnits as groupH265,
  H265NalUnitType,
  type H265Pps,
  type H265Sps,
  isH265VclNalUnitType,
  isH265KeyFrame as isH265Key,
  parseH265Pps,
  parseH265SliceHeader,
  parseH265Sps,
} from '@rtspkit/h265';
import { type Format, g711Format, h264Format, h265Format, mpeg4AudioFormat } from '@rtspkit/format';
import { parseG711Wav } from '@rtspkit/g711';
import { ServerError, ServerErrorCode } from '../errors.js';
import { presentationIndexes } from './presentation-order.js';

/** One access unit of an elementary stream file, with its times inside one pass of the file. */
export type ElementaryFrame = {
  /** Presentation time in clock units from the start of the file. */
  readonly timestamp: number;
  /** Decode (and send) time in clock units from the start of the file. */
  readonly decodeTime: number;
  readonly key: boolean;
  readonly units: readonly Uint8Array[];
};

/** A whole elementary stream file, read into memory and cut into access units. */
export type ElementaryTrack = {
  readonly format: Format;
  readonly frames: readonly ElementaryFrame[];
  /** Length of one pass in clock units (frames × frame duration). */
  readonly duration: number;
  /** Frames per second (video). */
  readonly frameRate?: number;
};

/** The codecs an elementary stream file may hold (`g711`: a μ-law or A-law WAV file). */
export type ElementaryCodec = 'h264' | 'h265' | 'aac' | 'g711';

/** The codec a file name suggests: `.h264 .264 .avc`, `.h265 .265 .hevc`, `.aac .adts`, `.wav` (G.711). */
export function codecOfFileName(name: string): ElementaryCodec | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'h264' || ext === '264' || ext === 'avc') return 'h264';
  if (ext === 'h265' || ext === '265' || ext === 'hevc') return 'h265';
  if (ext === 'aac' || ext === 'adts') return 'aac';
  if (ext === 'wav') return 'g711';
  return undefined;
}

// When the SPS has no VUI timing, the rate cameras most often use.
const DEFAULT_FRAME_RATE = 25;

/**
 * Reads an Annex-B H.264 or H.265 stream: access units in decode order, parameter sets for
 * the SDP (the first of each kind), the frame rate from the SPS timing (or `frameRate`),
 * and presentation times from picture order counts, so streams with B-frames get their
 * RTP timestamps in display order.
 *
 * @throws ServerError `ERR_SERVER_BAD_MEDIA` when the file has no parameter sets or no picture.
 */
export function readVideo(
  bytes: Uint8Array,
  codec: 'h264' | 'h265',
  options: { frameRate?: number | undefined; payloadType?: number } = {},
): ElementaryTrack {
  const nals = splitAnnexB(bytes);
  const units = codec === 'h264' ? groupH264(nals) : groupH265(nals);
  const pictures = units.filter((u) => u.some((n) => (codec === 'h264' ? isH264Slice(n) : isH265Slice(n))));
  if (pictures.length === 0) throw new ServerError(ServerErrorCode.BadMedia, `no ${codec} picture in the stream`);
  const timing = codec === 'h264' ? h264Timing(nals) : h265Timing(nals);
  const frameRate = options.frameRate ?? timing.frameRate ?? DEFAULT_FRAME_RATE;
  const keys = pictures.map((u) => (codec === 'h264' ? isH264Key(u) : isH265Key(u)));
  const pocs = codec === 'h264' ? h264Pocs(pictures) : h265Pocs(pictures);
  const order = presentationIndexes(pocs.lsb, keys, pocs.max);
  const tick = 90_000 / frameRate;
  const frames = pictures.map((u, i) => ({
    timestamp: Math.round((order[i] as number) * tick),
    decodeTime: Math.round(i * tick),
    key: keys[i] as boolean,
    units: u,
  }));
  const payloadType = options.payloadType ?? 96;
  const format: Format =
    codec === 'h264'
      ? h264Format({ payloadType, ...h264ParameterSets(nals) })
      : h265Format({ payloadType, ...h265ParameterSets(nals) });
  return { format, frames, duration: Math.round(pictures.length * tick), frameRate };
}

/**
 * Reads an ADTS AAC stream: one frame per ADTS frame (1024 samples each), the
 * AudioSpecificConfig from the first header.
 *
 * @throws AacError when the ADTS framing is broken; ServerError when there is no frame.
 */
export function readAdts(bytes: Uint8Array, options: { payloadType?: number } = {}): ElementaryTrack {
  const adts = splitAdts(bytes);
  const first = adts[0];
  if (first === undefined) throw new ServerError(ServerErrorCode.BadMedia, 'no adts frame in the stream');
  const asc = ascFromAdtsHeader(first.header);
  // AAC-LC: 1024 samples per raw data block (ISO 14496-3 §4.5.1.1); an ADTS frame holds 1 to 4.
  const frames: ElementaryFrame[] = [];
  let time = 0;
  for (const f of adts) {
    frames.push({ timestamp: time, decodeTime: time, key: true, units: [f.payload] });
    time += 1024 * f.header.rawDataBlocks;
  }
  const format = mpeg4AudioFormat({
    payloadType: options.payloadType ?? 97,
    config: serializeAudioSpecificConfig(asc),
  });
  return { format, frames, duration: time };
}

/** G.711 packets carry 20 ms of audio, the RFC 3551 §4.5 default packetization time. */
const G711_PACKET_MS = 20;

/**
 * Reads a G.711 WAV file (μ-law or A-law, `parseG711Wav` of `@rtspkit/g711`): one
 * frame per 20 ms of samples, the static payload type (0 PCMU, 8 PCMA) for 8 kHz mono.
 *
 * @throws PlayerError `ERR_PLAYER_INVALID_WAV` for a file that is not G.711 WAV; ServerError when it holds no sample.
 * @see RFC 3551 §4.5.14, §6
 */
export function readG711Wav(bytes: Uint8Array, options: { payloadType?: number } = {}): ElementaryTrack {
  const wav = parseG711Wav(bytes);
  const samplesPerFrame = Math.max(1, Math.round((wav.sampleRate * G711_PACKET_MS) / 1000));
  const frameBytes = samplesPerFrame * wav.channels;
  if (wav.data.length === 0) throw new ServerError(ServerErrorCode.BadMedia, 'no G.711 sample in the WAV file');
  const frames: ElementaryFrame[] = [];
  for (let at = 0; at < wav.data.length; at += frameBytes) {
    const time = at / wav.channels;
    frames.push({ timestamp: time, decodeTime: time, key: true, units: [wav.data.subarray(at, at + frameBytes)] });
  }
  const format = g711Format({
    encoding: wav.law === 'mulaw' ? 'PCMU' : 'PCMA',
    clockRate: wav.sampleRate,
    channels: wav.channels,
    ...(options.payloadType !== undefined && !(wav.sampleRate === 8000 && wav.channels === 1)
      ? { payloadType: options.payloadType }
      : {}),
  });
  return { format, frames, duration: wav.data.length / wav.channels };
}

const isH264Slice = (n: Uint8Array) => {
  const t = (n[0] ?? 0) & 0x1f;
  return t >= 1 && t <= 5;
};
const h265Type = (n: Uint8Array) => ((n[0] ?? 0) >> 1) & 0x3f;
const isH265Slice = (n: Uint8Array) => n.length > 2 && isH265VclNalUnitType(h265Type(n));

function h264ParameterSets(nals: readonly Uint8Array[]): { sps: Uint8Array[]; pps: Uint8Array[] } {
  const sps = nals.find((n) => ((n[0] ?? 0) & 0x1f) === H264NalUnitType.Sps);
  const pps = nals.find((n) => ((n[0] ?? 0) & 0x1f) === H264NalUnitType.Pps);
  if (sps === undefined || pps === undefined) throw new ServerError(ServerErrorCode.BadMedia, 'no h264 sps/pps');
  return { sps: [sps], pps: [pps] };
}

function h265ParameterSets(nals: readonly Uint8Array[]): { vps: Uint8Array[]; sps: Uint8Array[]; pps: Uint8Array[] } {
  const find = (type: number) => {
    const nal = nals.find((n) => h265Type(n) === type);
    if (nal === undefined) throw new ServerError(ServerErrorCode.BadMedia, `no h265 parameter set of type ${type}`);
    return [nal];
  };
  return { vps: find(H265NalUnitType.Vps), sps: find(H265NalUnitType.Sps), pps: find(H265NalUnitType.Pps) };
}

function h264Timing(nals: readonly Uint8Array[]): { frameRate?: number } {
  const sps = nals.find((n) => ((n[0] ?? 0) & 0x1f) === H264NalUnitType.Sps);
  const t = sps === undefined ? undefined : parseH264Sps(sps).timing;
  // H.264 counts field ticks: two per frame (Annex E, E.2.1).
  return t && t.numUnitsInTick > 0 ? { frameRate: t.timeScale / (2 * t.numUnitsInTick) } : {};
}

function h265Timing(nals: readonly Uint8Array[]): { frameRate?: number } {
  const sps = nals.find((n) => h265Type(n) === H265NalUnitType.Sps);
  const t = sps === undefined ? undefined : parseH265Sps(sps).timing;
  return t && t.numUnitsInTick > 0 ? { frameRate: t.timeScale / t.numUnitsInTick } : {};
}

type Pocs = { lsb: (number | undefined)[]; max: number };

/** POC LSBs of each picture's first slice (POC type 0 only; other types display in decode order). */
function h264Pocs(pictures: readonly (readonly Uint8Array[])[]): Pocs {
  const sps = new Map<number, H264Sps>();
  const pps = new Map<number, H264Pps>();
  let max = 1;
  const lsb = pictures.map((unit) => {
    let poc: number | undefined;
    for (const nal of unit) {
      const type = (nal[0] ?? 0) & 0x1f;
      if (type === H264NalUnitType.Sps) {
        const s = parseH264Sps(nal);
        sps.set(s.seqParameterSetId, s);
      } else if (type === H264NalUnitType.Pps) {
        const p = parseH264Pps(nal);
        pps.set(p.picParameterSetId, p);
      } else if (poc === undefined && isH264Slice(nal)) {
        const p = pps.get(h264SlicePpsId(nal));
        const s = p && sps.get(p.seqParameterSetId);
        if (!p || !s || s.picOrderCntType !== 0) return undefined;
        max = 2 ** (s.log2MaxPicOrderCntLsb ?? 4);
        poc = parseH264SliceHeader(nal, s, p).picOrderCntLsb;
      }
    }
    return poc;
  });
  return { lsb, max };
}

/** `slice_pic_order_cnt_lsb` of each picture's first slice segment. */
function h265Pocs(pictures: readonly (readonly Uint8Array[])[]): Pocs {
  let sps: H265Sps | undefined;
  let pps: H265Pps | undefined;
  let max = 16;
  const lsb = pictures.map((unit) => {
    for (const nal of unit) {
      const type = h265Type(nal);
      if (type === H265NalUnitType.Sps) sps = parseH265Sps(nal);
      else if (type === H265NalUnitType.Pps) pps = parseH265Pps(nal);
      else if (isH265Slice(nal) && sps && pps) {
        max = 2 ** sps.log2MaxPicOrderCntLsb;
        return parseH265SliceHeader(nal, sps, pps).slicePicOrderCntLsb;
      }
    }
    return undefined;
  });
  return { lsb, max };
}
