import { readFileSync } from 'node:fs';
import { joinLengthPrefixed, splitAnnexB } from '@rtspkit/bytes';
import { aacCodecString, ascFromAdtsHeader, serializeAudioSpecificConfig, splitAdts } from '@rtspkit/aac';
import type { AudioTrack, Sample, VideoTrack } from '@rtspkit/fmp4';
import {
  avcCFromParameterSets,
  groupH264AccessUnits,
  h264CodecString,
  isH264KeyFrame,
  parseH264Sps,
  serializeAvcC,
} from '@rtspkit/h264';

/** A track and its samples in decode order, built from a sample file with the codec packages. */
export type Elementary<T> = { track: T; samples: Sample[]; codec: string };

const FRAME = 3000; // 90 kHz ticks per frame at 30 fps

/** H.264 Annex-B file without B-frames → avc1 track + samples (parameter sets out of band). */
export function loadH264(path: string, id: number): Elementary<VideoTrack> {
  const aus = groupH264AccessUnits(splitAnnexB(readFileSync(path)));
  const nalType = (n: Uint8Array) => n[0]! & 0x1f;
  const first = aus[0]!;
  const sps = first.filter((n) => nalType(n) === 7);
  const pps = first.filter((n) => nalType(n) === 8);
  const info = parseH264Sps(sps[0]!);
  const samples = aus.map(
    (au, i): Sample => ({
      pts: i * FRAME,
      key: isH264KeyFrame(au),
      data: joinLengthPrefixed(au.filter((n) => ![7, 8, 9].includes(nalType(n)))),
      duration: FRAME,
    }),
  );
  const track: VideoTrack = {
    id,
    kind: 'video',
    codec: 'avc1',
    timescale: 90_000,
    width: info.width,
    height: info.height,
    config: serializeAvcC(avcCFromParameterSets(sps, pps)),
    defaultDuration: FRAME,
  };
  return { track, samples, codec: h264CodecString(info) };
}

/** ADTS file → mp4a track + raw AAC frames, 1024 samples each. */
export function loadAac(path: string, id: number): Elementary<AudioTrack> {
  const frames = splitAdts(readFileSync(path));
  const asc = ascFromAdtsHeader(frames[0]!.header);
  const samples = frames.map((f, i): Sample => ({ pts: i * 1024, key: true, data: f.payload, duration: 1024 }));
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

/** Samples of several tracks in arrival order (by time in seconds), as a live source delivers them. */
export function interleave(
  ...streams: ReadonlyArray<Elementary<VideoTrack | AudioTrack>>
): Array<{ trackId: number; sample: Sample; at: number }> {
  return streams
    .flatMap((s) =>
      s.samples.map((sample) => ({ trackId: s.track.id, sample, at: (sample.dts ?? sample.pts) / s.track.timescale })),
    )
    .sort((a, b) => a.at - b.at);
}
