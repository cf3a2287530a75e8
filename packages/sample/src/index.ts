import { fileURLToPath } from 'node:url';

/** What one sample file holds, as `FIXTURES.md` states and the tests check with ffprobe. */
export type SampleMedia = {
  /** Absolute path of the file. */
  readonly path: string;
  /** ffprobe's `codec_name`. */
  readonly codec: 'h264' | 'hevc' | 'aac';
  /** ffprobe's `profile`. */
  readonly profile: string;
  /** Frames (video) or AAC frames (audio) that ffprobe counts. */
  readonly frames: number;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly sampleRate?: number;
  readonly channels?: number;
  /** True when the stream has B-frames (DTS ≠ PTS). */
  readonly bFrames?: boolean;
};

const media = (name: string) => fileURLToPath(new URL(`../media/${name}`, import.meta.url));

/**
 * The bundled sample: 10 s, 640x360, 30 fps, a running frame counter in the corner, a key
 * frame every second; Annex-B video and ADTS audio, so it needs no demuxer.
 */
export const samples = {
  /** H.264 Constrained Baseline, level 3.0, no B-frames: the server's default source. */
  h264Baseline: {
    path: media('sample-baseline.h264'),
    codec: 'h264',
    profile: 'Constrained Baseline',
    frames: 300,
    width: 640,
    height: 360,
    fps: 30,
    bFrames: false,
  },
  /** H.264 High, level 3.1, two B-frames between references. */
  h264High: {
    path: media('sample-high-bframes.h264'),
    codec: 'h264',
    profile: 'High',
    frames: 300,
    width: 640,
    height: 360,
    fps: 30,
    bFrames: true,
  },
  /** H.265 Main, no B-frames, VPS/SPS/PPS before each IDR. */
  h265: {
    path: media('sample.h265'),
    codec: 'hevc',
    profile: 'Main',
    frames: 300,
    width: 640,
    height: 360,
    fps: 30,
    bFrames: false,
  },
  /** AAC-LC, 48 kHz stereo, ADTS; 470 frames of 1024 samples. */
  aac: {
    path: media('sample.aac'),
    codec: 'aac',
    profile: 'LC',
    frames: 470,
    sampleRate: 48000,
    channels: 2,
  },
} as const satisfies Record<string, SampleMedia>;
