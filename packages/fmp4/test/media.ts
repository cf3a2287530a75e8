import { readFileSync } from 'node:fs';
import { joinLengthPrefixed, splitAnnexB } from '@rtspkit/bytes';
import { aacCodecString, ascFromAdtsHeader, serializeAudioSpecificConfig, splitAdts } from '@rtspkit/aac';
import {
  avcCFromParameterSets,
  groupH264AccessUnits as groupH264,
  H264DtsExtractor,
  h264CodecString,
  isH264KeyFrame as isH264Key,
  parseH264Sps,
  serializeAvcC,
} from '@rtspkit/h264';
import {
  groupH265AccessUnits as groupH265,
  h265CodecString,
  hvcCFromParameterSets,
  isH265KeyFrame as isH265Key,
  parseH265Sps,
  serializeHvcC,
} from '@rtspkit/h265';
import type { AudioTrack, Sample, VideoTrack } from '../src/index.js';

/** A track and its samples in decode order, built from a sample file with the codec packages. */
export type Elementary<T> = { track: T; samples: Sample[]; codec: string };

const FRAME = 3000; // 90 kHz ticks per frame at 30 fps
// Presentation times start one second in, so DTS derived for reordered frames stays positive.
const PTS_BASE = 90_000;

/**
 * H.264 Annex-B file → avc1 track + samples (SPS/PPS/AUD moved out of band into avcC).
 * With `presentationIndex` (display slot of each access unit in decode order), PTS follow
 * it and DTS come from the h264 package's POC-based extractor.
 */
export function loadH264(path: string, id: number, presentationIndex?: readonly number[]): Elementary<VideoTrack> {
  const aus = groupH264(splitAnnexB(readFileSync(path)));
  const nalType = (n: Uint8Array) => n[0]! & 0x1f;
  const first = aus[0]!;
  const sps = first.filter((n) => nalType(n) === 7);
  const pps = first.filter((n) => nalType(n) === 8);
  const info = parseH264Sps(sps[0]!);
  const extractor = new H264DtsExtractor();
  const samples = aus.map((au, i): Sample => {
    const pts = PTS_BASE + (presentationIndex ? presentationIndex[i]! : i) * FRAME;
    const dts = presentationIndex ? extractor.extract(au, pts) : pts;
    const data = joinLengthPrefixed(au.filter((n) => ![7, 8, 9].includes(nalType(n))));
    return { pts, dts, key: isH264Key(au), data };
  });
  const track: VideoTrack = {
    id,
    kind: 'video',
    codec: 'avc1',
    timescale: 90_000,
    width: info.width,
    height: info.height,
    sarWidth: info.sarWidth,
    sarHeight: info.sarHeight,
    config: serializeAvcC(avcCFromParameterSets(sps, pps)),
    defaultDuration: FRAME,
  };
  return { track, samples, codec: h264CodecString(info) };
}

/** H.265 Annex-B file → hvc1 track + samples (VPS/SPS/PPS/AUD out of band in hvcC). */
export function loadH265(path: string, id: number): Elementary<VideoTrack> {
  const aus = groupH265(splitAnnexB(readFileSync(path)));
  const nalType = (n: Uint8Array) => (n[0]! >> 1) & 0x3f;
  const first = aus[0]!;
  const pick = (t: number) => first.filter((n) => nalType(n) === t);
  const info = parseH265Sps(pick(33)[0]!);
  const samples = aus.map(
    (au, i): Sample => ({
      pts: PTS_BASE + i * FRAME,
      key: isH265Key(au),
      data: joinLengthPrefixed(au.filter((n) => ![32, 33, 34, 35].includes(nalType(n)))),
    }),
  );
  const track: VideoTrack = {
    id,
    kind: 'video',
    codec: 'hvc1',
    timescale: 90_000,
    width: info.width,
    height: info.height,
    config: serializeHvcC(hvcCFromParameterSets(pick(32), pick(33), pick(34))),
    defaultDuration: FRAME,
  };
  return { track, samples, codec: h265CodecString(info) };
}

/** ADTS file → mp4a track + raw AAC frames, 1024 samples each. */
export function loadAac(path: string, id: number): Elementary<AudioTrack> {
  const frames = splitAdts(readFileSync(path));
  const asc = ascFromAdtsHeader(frames[0]!.header);
  const samples = frames.map((f, i): Sample => ({ pts: i * 1024, key: true, data: f.payload }));
  const track: AudioTrack = {
    id,
    kind: 'audio',
    codec: 'mp4a',
    timescale: asc.samplingFrequency,
    sampleRate: asc.samplingFrequency,
    channels: asc.channelConfiguration,
    config: serializeAudioSpecificConfig(asc),
    defaultDuration: 1024,
  };
  return { track, samples, codec: aacCodecString(asc) };
}

/** Interleaves samples of several tracks by decode time in seconds (what a live source delivers). */
export function interleave(
  ...streams: ReadonlyArray<Elementary<VideoTrack | AudioTrack>>
): Array<{ trackId: number; sample: Sample }> {
  return streams
    .flatMap((s) =>
      s.samples.map((sample) => ({
        trackId: s.track.id,
        sample,
        at: ((sample.dts ?? sample.pts) - (s.samples[0]!.dts ?? s.samples[0]!.pts)) / s.track.timescale,
      })),
    )
    .sort((a, b) => a.at - b.at)
    .map(({ trackId, sample }) => ({ trackId, sample }));
}
