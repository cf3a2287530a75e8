/**
 * A video track. `config` is the payload of the codec configuration box, without its
 * 8-byte box header: an `AVCDecoderConfigurationRecord` (ISO 14496-15 §5.3.3.1) for `avc1`,
 * an `HEVCDecoderConfigurationRecord` (§8.3.3.1) for `hvc1`/`hev1`. The muxer copies it
 * into the init segment as is; it never parses it.
 */
export type VideoTrack = {
  /** `track_ID`, 1 or more, unique among the tracks. */
  readonly id: number;
  readonly kind: 'video';
  /** Sample entry type: `hvc1` keeps parameter sets in `hvcC` only, `hev1` allows them in band. */
  readonly codec: 'avc1' | 'hvc1' | 'hev1';
  /** Ticks per second of `pts`/`dts`/`duration` (90000 for RTP video). */
  readonly timescale: number;
  /** Coded picture size after cropping, in pixels. */
  readonly width: number;
  readonly height: number;
  /** Sample aspect ratio; a `pasp` box is written when it is not 1:1. */
  readonly sarWidth?: number;
  readonly sarHeight?: number;
  readonly config: Uint8Array;
  /** Duration of the last sample when nothing else tells it (e.g. timescale ÷ frame rate). */
  readonly defaultDuration?: number;
};

/**
 * An audio track. For `mp4a` (AAC), `config` is the AudioSpecificConfig (ISO 14496-3
 * §1.6.2.1), written as the DecoderSpecificInfo of the `esds` box. For `fLaC`, `config` is
 * the FLAC metadata blocks (a STREAMINFO block first, each with its 4-byte block header,
 * the last one flagged), written as the body of the `dfLa` box; samples are FLAC frames.
 */
export type AudioTrack = {
  readonly id: number;
  readonly kind: 'audio';
  readonly codec: 'mp4a' | 'fLaC';
  /** Ticks per second; normally the sample rate. */
  readonly timescale: number;
  readonly sampleRate: number;
  readonly channels: number;
  readonly config: Uint8Array;
  /** Duration of the last sample when nothing else tells it (1024 for AAC-LC at its sample rate). */
  readonly defaultDuration?: number;
};

/** A track of either kind. */
export type Track = VideoTrack | AudioTrack;

/**
 * One sample (an access unit), in the track's timescale. `pts`/`dts` may be raw 32-bit RTP
 * timestamps: the muxer unwraps them. `data` is in MP4 sample format (length-prefixed NAL
 * units for video, a raw AAC frame for audio); the muxer keeps a reference to it until the
 * fragment holding it is returned, and never copies or mutates it.
 */
export type Sample = {
  readonly pts: number;
  /** Decode timestamp; equals `pts` when absent (no B-frames). */
  readonly dts?: number;
  /** True for a random access point (IDR, or any AAC frame). */
  readonly key: boolean;
  readonly data: Uint8Array;
  /** Known duration: lets the `'frame'` policy emit the sample at once instead of waiting for the next one. */
  readonly duration?: number;
};

/**
 * When a fragment ends:
 * - `'frame'`: each sample as soon as its duration is known (lowest latency);
 * - `'gop'`: at each key frame of the leading track (the first video track, else the first track);
 * - `{ durationMs }`: once the leading track's buffered samples span `durationMs`.
 */
export type FragmentPolicy = 'frame' | 'gop' | { readonly durationMs: number };
